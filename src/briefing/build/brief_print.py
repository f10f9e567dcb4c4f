"""The brief on its own as a short PDF: a cover line (title, edition, date, citation), the brief, the key messages and
the list of the works they cite.

Printed with the whole book's machinery (briefing.build.pdf: the built pages served on 127.0.0.1, Debian's Chromium, the
print edition's stylesheets, extract.js and layout.js), from the same built pages, into the build folder (brief_links.js
first names the chapter each link that leaves the brief leads to, brief.js then gathers its works); a released
edition's kept PDF (in editions/) is never printed over, and a brief whose inputs did not change is not printed again.
After it is settled, the brief's page says how many pages it has.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from briefing.build.pdf import (
    BRIEF_PAGE,
    CHROMIUM,
    CHROMIUM_FLAGS,
    PRINT_FOLDER,
    _chapters,
    _finish,
    _print_with_contents,
    _stamp,
    book_pages,
    lay_out,
    pdf_name,
    print_assets,
    replace_file,
    serve,
)
from briefing.build.print_edition import ASSETS, KEY_MESSAGES, PORTRAIT_MM, PRINT_CSS, layout_args, page_style
from briefing.core.model import Dataset
from briefing.i18n.messages import _, language, pgettext
from briefing.publish import cite
from briefing.publish.brief import REPORT_ENTRY, REPORT_MARK, CoverLine, cover_line
from briefing.publish.downloads import DOWNLOAD_DIR, archived_pdfs, kept_pdf

#: The reference page, whose entries of the works the brief and its key messages cite end the brief's PDF.
REFERENCES_PAGE = "chapters/references.html"
#: The built pages the brief's PDF is printed from: the brief, the overview for its key messages and the reference page.
BRIEF_PAGES = [f"{BRIEF_PAGE}.html", KEY_MESSAGES.page, REFERENCES_PAGE]
#: The brief's own print rules, its links' chapters named before the layout and its clean-up after it (beside the print
#: edition's).
BRIEF_CSS, BRIEF_LINKS_JS, BRIEF_JS = ASSETS / "brief.css", ASSETS / "brief_links.js", ASSETS / "brief.js"
#: A page's first heading, its title (as the Word file names a chapter: the page's title in Sphinx), and the link to
#: itself that a heading may hold.
_FIRST_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.S)
#: The class of the element on the brief's page that gets the PDF's page count ("(3 pages)").
PAGES_CLASS = "briefing-brief-pages"
_PAGES_SPAN = re.compile(rf'(<span class="{PAGES_CLASS}">)[^<]*(</span>)')
#: The most pages the brief's PDF may have: four for the brief and its key messages, and up to two for the list of the
#: works they cite (without it no citation could be traced on paper; German entries run longer), without the editors'
#: notes: what a reader must know about how a work was read is in its entry, and the book's reference list and the
#: Word file have the notes.
MAX_PAGES = 6


def brief_stem(ds: Dataset) -> str:
    """Return the brief's file name without suffix: the whole PDF's (title, edition, preview, language) and 'brief'."""
    word = pgettext("file name", "brief")
    return f"{pdf_name(ds).removesuffix('.pdf')}-{word}"


def brief_pdf_name(ds: Dataset) -> str:
    """Return the file name of the brief's PDF in the build's language ('…-edition-3-preview-brief.pdf')."""
    return f"{brief_stem(ds)}.pdf"


def brief_docx_name(ds: Dataset) -> str:
    """Return the file name of the brief's Word file in the build's language ('…-edition-3-preview-brief.docx')."""
    return f"{brief_stem(ds)}.docx"


def brief_title(ds: Dataset) -> str:
    """Return the title of the brief's files (their document properties)."""
    return _("{title}: the brief, edition {edition}").format(title=ds.publication.title, edition=cite.edition_number(ds))


def brief_pdf_link(ds: Dataset, printing: bool) -> str | None:
    """Return the brief's PDF that the page may link to: its own when the build prints it or it is kept, else None."""
    name = brief_pdf_name(ds)
    return name if printing or kept_pdf(name) else None


def without_page_count(page: str) -> str:
    """Return the brief's page with its page count left out (it is written in after the PDF it counts is printed)."""
    return _PAGES_SPAN.sub(r"\1\2", page)


def page_titles(html_dir: Path) -> dict[str, str]:
    """Return the title of each built page of the book (its first heading, as plain text), by its path from the root."""
    titles = {}
    for page in book_pages():
        path = html_dir / page
        found = _FIRST_H1.search(path.read_text(encoding="utf-8")) if path.is_file() else None
        if found:
            words = re.sub(r"<[^>]*>", "", _HEADERLINK.sub("", found.group(1)))
            titles[page] = " ".join(html.unescape(words).split())
    return titles


def links_args(html_dir: Path) -> dict[str, Any]:
    """Return what brief_links.js needs to name the chapter a link of the brief or its key messages leads to: the
    pages' titles, the pages the PDF prints from as a whole, the parts it prints and its words ("in “{chapter}”")."""
    overview, key_messages = KEY_MESSAGES.page, KEY_MESSAGES.id
    return {
        "titles": page_titles(html_dir),
        "pages": BRIEF_PAGES[:2],
        "printed": [".pdf-main", f'.pdf-chapter[data-page="{overview}"] [data-webid="{key_messages}"]'],
        "words": {"in": _("in “{chapter}”")},
    }


def brief_inputs(html_dir: Path, base: str | None) -> str:
    """Return a fingerprint of everything that goes into the brief's PDF: its pages, the titles of the chapters its
    links lead to, the assets, the code, the base URL."""
    digest = hashlib.sha256(f"{base}\n{language()}\n".encode())
    digest.update(json.dumps(page_titles(html_dir), sort_keys=True).encode())
    for page in BRIEF_PAGES:
        path = html_dir / page
        text = path.read_text(encoding="utf-8") if path.is_file() else "(missing)"
        digest.update(f"{page}\n{without_page_count(text)}\n".encode())
    for f in [*print_assets(html_dir), Path(__file__)]:
        digest.update(f"{f.name}\n".encode())
        digest.update(f.read_bytes() if f.is_file() else b"(missing)")
    return digest.hexdigest()


def brief_is_current(html_dir: Path, out: Path, base: str | None) -> bool:
    """Tell whether the brief's PDF at out was printed from exactly the current inputs."""
    stamp = _stamp(out)
    return out.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == brief_inputs(html_dir, base)


def cover_html(line: CoverLine) -> str:
    """Return the cover line as HTML: title, edition and date, citation with the online address as a link."""
    url = html.escape(line.url) if line.url else ""
    online = f' <a href="{url}">{url}</a>' if url else ""
    return (
        f'<header class="pdf-brief-cover" id="pdf-brief-cover"><p class="pdf-brief-title">{html.escape(line.title)}</p>'
        f'<p class="pdf-brief-edition">{html.escape(line.edition)} · {html.escape(line.date)}</p>'
        f'<p class="pdf-brief-cite"><strong>{html.escape(_("Cite as: "))}</strong>{html.escape(line.citation)}{online}</p>'
        "</header>"
    )


def brief_document(ds: Dataset, line: CoverLine, stylesheets: list[str], chapters: list[tuple[str, str]]) -> str:
    """Return the brief's print document before layout: cover line, the brief, a place for the key messages and one for
    the works cited, the sources.

    The overview and reference pages go in hidden: layout.js moves the key messages into place and points each citation
    at its entry, brief.js moves the entries cited into the reference list and drops the rest.
    """
    articles = dict(chapters)

    def chapter(page: str) -> str:
        """Return one page's article as the print edition's chapter section."""
        if page not in articles:  # a book without that page: layout.js reports what it misses
            return ""
        slug = page.removesuffix(".html").replace("/", "-")
        return f'<section class="pdf-chapter" id="pdf-page-{slug}" data-page="{html.escape(page)}">{articles[page]}</section>'

    css = "\n".join(path.read_text(encoding="utf-8") for path in (PRINT_CSS, ASSETS / "book.css", BRIEF_CSS))
    return (
        f'<!doctype html><html lang="{html.escape(language())}" data-mode="light" data-theme="light"><head>'
        f'<meta charset="utf-8"><title>{html.escape(brief_title(ds))}</title>'
        f'<meta name="author" content="{html.escape("; ".join(ds.publication.authors))}">'
        f"{''.join(stylesheets)}<style>{css}\n{page_style(ds)}</style></head>"
        f'<body><main class="bd-main"><article class="bd-article pdf-book pdf-brief">{cover_html(line)}'
        f'<div class="pdf-main">{chapter(BRIEF_PAGES[0])}</div>'
        '<section id="pdf-key-messages" class="pdf-key-messages"></section>'
        '<section id="pdf-brief-references" class="pdf-brief-references">'
        f'<h1>{html.escape(_("References"))}</h1><div role="list" class="citation-list"></div></section>'
        f'<div id="pdf-brief-sources" hidden>{chapter(BRIEF_PAGES[1])}{chapter(BRIEF_PAGES[2])}</div>'
        '<nav id="pdf-contents" hidden><ol></ol></nav><div id="pdf-annexes"></div>'
        "</article></main></body></html>"
    )


def brief_js_args(base: str | None) -> dict[str, Any]:
    """Return what brief.js needs: the published address (links elsewhere lead there, or become text), the class of
    the report's entry and that of the label that says a statement rests on the report."""
    return {"base": base, "reportEntry": REPORT_ENTRY, "reportMark": REPORT_MARK}


def brief_layout_args(ds: Dataset, base: str | None) -> dict[str, Any]:
    """Return the print edition's layout arguments for the brief: no annexes and no contributions in contents."""
    return {**layout_args(ds, base), "annexes": [], "contributions": []}


def make_brief_pdf(html_dir: Path, ds: Dataset, out: Path, base: str | None = None, today: dt.date | None = None) -> Path:
    """Print the brief's PDF from the built pages at html_dir: cover line, the brief, the key messages."""
    from playwright.sync_api import sync_playwright

    fingerprint = brief_inputs(html_dir, base)
    _stamp(out).unlink(missing_ok=True)  # until the new PDF is complete, none here counts as current
    with tempfile.TemporaryDirectory(prefix="briefing-print-brief-") as scratch:
        work = Path(scratch)
        with serve(html_dir, {f"/{PRINT_FOLDER}/": work}) as base_href, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": round(PORTRAIT_MM * 96 / 25.4), "height": 1100})
            styles, chapters = _chapters(page, base_href, BRIEF_PAGES)
            document = brief_document(ds, cover_line(ds, base, today), styles, chapters)
            (work / "brief.html").write_text(document, encoding="utf-8")
            page.emulate_media(media="print")
            page.goto(f"{base_href}/{PRINT_FOLDER}/brief.html", wait_until="networkidle")
            page.evaluate(BRIEF_LINKS_JS.read_text(encoding="utf-8"), links_args(html_dir))  # before layout.js unlinks them
            laid_out = lay_out(page, brief_layout_args(ds, base))
            if laid_out["missing"]:
                raise RuntimeError(f"the brief's PDF needs parts the built book does not have: {', '.join(laid_out['missing'])}")
            page.evaluate(BRIEF_JS.read_text(encoding="utf-8"), brief_js_args(base))
            out.parent.mkdir(parents=True, exist_ok=True)
            out.with_suffix(".html").write_text(page.content(), encoding="utf-8")  # the laid-out brief, for checks
            pdf = _print_with_contents(page, [])
            browser.close()
        _finish(pdf, ds, out, title=brief_title(ds))
    _stamp(out).write_text(fingerprint + "\n", encoding="utf-8")
    return out


def page_count(pdf: Path) -> int:
    """Return the number of pages of a PDF."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf.read_bytes())).pages)


def pages_phrase(count: int) -> str:
    """Return how the brief's link says its length: ' (3 pages)'."""
    return " " + (_("(1 page)") if count == 1 else _("({count} pages)").format(count=count))


def write_page_count(html_dir: Path, count: int | None) -> None:
    """Write the brief's PDF page count into its page (or take it out when there is no PDF), only if it changes."""
    page = html_dir / f"{BRIEF_PAGE}.html"
    if not page.is_file():
        return
    text = page.read_text(encoding="utf-8")
    phrase = html.escape(pages_phrase(count)) if count else ""
    new = _PAGES_SPAN.sub(lambda m: f"{m.group(1)}{phrase}{m.group(2)}", text)
    if new != text:
        page.write_text(new, encoding="utf-8")


@dataclass(frozen=True)
class Settled:
    """What settling one edition's brief PDF left: its file name (None if there is none) and whether printing failed."""

    name: str | None
    failed: bool = False


def settle_brief(html_dir: Path, pdf_dir: Path, ds: Dataset, base: str | None, printing: bool, out: TextIO) -> Settled:
    """Leave one edition's brief PDF in pdf_dir and its downloads: a released edition's kept one, a current one, or one
    printed now (when printing); then write its page count into the brief's page. Call it within the edition's language,
    before the whole book is printed (whose inputs include the brief's page)."""
    if not (html_dir / f"{BRIEF_PAGE}.html").is_file():  # a book without a brief page (an earlier edition's data)
        return Settled(None)
    name = brief_pdf_name(ds)
    archived = {path.name: path for path in archived_pdfs()}
    target = pdf_dir / name
    source: Path | None = archived.get(name)
    failed = False
    if source is None:
        if printing and not brief_is_current(html_dir, target, base):
            started = dt.datetime.now()
            try:
                make_brief_pdf(html_dir, ds, target, base)
                seconds = (dt.datetime.now() - started).total_seconds()
                print(f"Brief PDF written in {seconds:.1f} s: {target} ({target.stat().st_size // 1024} KB)", file=out)
            except Exception as error:
                print(f"The book was built, but the brief's PDF could not be printed: {error}", file=out)
                failed = True
        source = target if brief_is_current(html_dir, target, base) else None
    if source is None:
        write_page_count(html_dir, None)
        return Settled(None, failed)
    copy = html_dir / DOWNLOAD_DIR / name
    if not copy.is_file() or copy.read_bytes() != source.read_bytes():
        copy.parent.mkdir(parents=True, exist_ok=True)
        replace_file(source, copy)
    count = page_count(source)
    if count > MAX_PAGES:
        print(f"The brief's PDF has {count} pages, more than {MAX_PAGES}: shorten the brief.", file=out)
    write_page_count(html_dir, count)
    return Settled(name, failed)


def made_files(name: str) -> set[str]:
    """Return the files a printed PDF leaves in the build's pdf folder: the PDF, its fingerprint, its laid-out HTML."""
    return {name, f"{name}.inputs", name.removesuffix(".pdf") + ".html"}


def brief_in_place(html_dir: Path, pdf_dir: Path, ds: Dataset, base: str | None) -> bool:
    """Tell whether an edition's downloads hold its brief PDF: a released edition's kept one, or one printed from its pages."""
    name = brief_pdf_name(ds)
    kept = kept_pdf(name) is not None
    return (html_dir / DOWNLOAD_DIR / name).is_file() and (kept or brief_is_current(html_dir, pdf_dir / name, base))
