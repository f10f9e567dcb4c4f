"""The print edition's plan and frame: which parts of the built book go where, the cover and the page style.

The chapters themselves come from the built HTML (so new chapters and sections follow by themselves);
this module only says what moves behind the cover, what becomes an annex and what stays online only.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

from briefing.analysis.fields import page_figures_caption
from briefing.core.model import Dataset
from briefing.core.paths import project_dir
from briefing.i18n.chapters import LOCALES_FOLDER
from briefing.i18n.messages import DEFAULT, _, format_date, language, pgettext
from briefing.publish import cite
from briefing.publish.brief_docx import fit

ASSETS = Path(__file__).parent / "print_assets"
#: The print design, shared with a chapter printed from the browser (the book links it with media="print").
PRINT_CSS = Path(__file__).parent.parent / "sphinx" / "static" / "briefing-print.css"
#: Width of the printed text on an A4 page in portrait and in landscape (16 mm margins left and right), in mm.
PORTRAIT_MM, LANDSCAPE_MM = 178, 265


@dataclass(frozen=True)
class Part:
    """A section (id) of a built page (page, a path from the book's root), or the whole page when id is empty."""

    page: str
    id: str = ""
    title: str = ""
    silent: bool = False


#: The key messages, printed on the page after the cover.
KEY_MESSAGES = Part("chapters/index.html", "key-messages")


def annexes() -> list[Part]:
    """Return the reference material printed after the last chapter, in compact type, in this order."""
    return [
        Part("chapters/data-and-method.html", "data-dictionary", _("Data dictionary")),
        Part("chapters/themes.html", "the-theme-vocabulary", _("Theme vocabulary")),
        Part("chapters/data-and-method.html", "the-coding-rules", _("Coding rules")),
        Part("chapters/data-and-method.html", "glossary", _("Glossary")),
        Part("chapters/references.html", title=_("References and how to cite")),
        Part("chapters/revisions.html", title=_("What changed between editions")),
        Part("chapters/imprint.html", title=_("Imprint and corrections")),
    ]


def left_out() -> list[Part]:
    """Return what only makes sense on screen: left out with a line giving its online address (or silently)."""
    return [
        Part("chapters/privacy.html", title=_("The privacy statement of the website")),
        Part("", "explore-the-contributions", _("The interactive explorer of the contributions")),
        Part("", "download-the-data", _("The data files for download")),
        # Notes for the book's maintainers and a reader's way through the interactive tables: not for paper at all.
        Part("", "suggested-theme-links-for-the-next-briefing", silent=True),
        Part("", "how-to-update-the-data-and-rebuild", silent=True),
        Part("", "contributions-by-theme", silent=True),
        Part("", "how-to-cite-this-chapter", silent=True),  # the cover gives the suggested citation
    ]


#: What the printer hyphenates by language (soft hyphens): the narrow columns of tables, and captions; never a table's
#: headings, which break between words only (layout.js takes the screen's soft hyphens out of them).
HYPHENATED = ".pdf-book td, .pdf-book caption"


def chapter_wording(english: str, project: Path | None = None) -> str:
    """Return a sentence of the chapters' text as the build's language has it (the chapters' catalogues under locales/,
    checked entries only), else the English."""
    lang = language()
    if lang == DEFAULT:
        return english
    for path in sorted(((project or project_dir()) / LOCALES_FOLDER / lang / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as file:
            message = read_po(file, locale=lang).get(english)
        if message is not None and message.string and not message.fuzzy:
            return str(message.string)
    return english


#: The pages the print edition prints whole as annexes that end in the chapters' summary heading.
SUMMED_UP_ANNEXES = ("chapters/revisions.html", "chapters/imprint.html")


def paper_wording(project: Path | None = None) -> list[dict[str, str]]:
    """Return what the web pages say of a page that the print edition says of a chapter or an annex: the page it is on
    ('' for any chapter), the web's words and the printed ones, in the build's language."""
    summary = chapter_wording("What this page showed", project)
    return [
        {"page": "", "web": page_figures_caption(), "print": _("This chapter in figures")},
        {
            "page": "chapters/revisions.html",  # printed as an annex
            "web": pgettext("the revisions page's first sentence, on the web", "this page shows"),
            "print": pgettext("the revisions page's first sentence, in the print edition's annex", "this annex shows"),
        },
        *(
            {
                "page": page,
                "web": summary,
                "print": pgettext("the summary heading of a page printed as an annex", "What this annex showed"),
            }
            for page in SUMMED_UP_ANNEXES
        ),
    ]


def sources(ds: Dataset) -> dict[str, str]:
    """Return the source line of each numbered table or figure: by web section id or page, '' for the rest."""
    report = _("the organiser's report ({author}, {year})").format(author=ds.event.source_author, year=cite.report_year(ds))
    coded = _("the editors' coding of {report}").format(report=report)
    return {
        "": coded,
        "the-event-at-a-glance": _("{report}; this briefing's edition details").format(report=report),
        "running-order": report,
        "fields-proposed-for-the-region": _("sentences of {report}, selected by the editors").format(report=report),
        "chapters/what-it-means.html": _(
            "{report}; the state's and the region's strategies (outside context); the editors' judgement"
        ).format(report=report),
        "agreement-between-two-codings": _("the editors' coding and an independent second coding of {report}").format(
            report=report
        ),
        "data-dictionary": _("the briefing's data schema, as the build checks the data"),
        "chapters/imprint.html": _("the publisher's details of this edition"),
    }


def layout_args(ds: Dataset, base: str | None, pages: list[str] | None = None) -> dict[str, Any]:
    """Return what the layout script needs: the plan, its sentences and sources, the base URL, contribution ids, text widths.

    Given the book's pages, an annex from a page the book does not have is left out (a new event's book has no themes
    chapter until it has themes); every annex of a page it has must be found, so a renamed section is never lost.
    """
    return {
        "base": base,
        "keyMessages": asdict(KEY_MESSAGES),
        "annexes": [asdict(p) for p in annexes() if pages is None or p.page in pages],
        "leftOut": [asdict(p) for p in left_out()],
        "contributions": [c.id for c in ds.contributions],
        "portrait": PORTRAIT_MM,
        "landscape": LANDSCAPE_MM,
        "words": {
            "annex": _("Annex {letter}: {title}"),
            "leftOut": _("{title}: in the online edition."),
            "leftOutAt": _("{title}: in the online edition at {address}."),
            "continued": _("(continued, part {part} of {parts})"),
            "table": _("Table {number}."),
            "figure": _("Figure {number}."),
            "source": _("Source: {source}."),
            "gap": _("[to be filled in by the publisher]"),
        },
        "sources": sources(ds),
        "hyphenated": HYPHENATED,
        "paper": paper_wording(),
    }


def _css_string(text: str) -> str:
    """Return text as a quoted CSS string."""
    return json.dumps(text, ensure_ascii=False)


def css_counters(template: str) -> str:
    """Return a sentence with {page} and {pages} as a CSS content value that counts the pages."""
    parts = re.split(r"\{(pages?)\}", template)
    return " ".join(f"counter({part})" if i % 2 else _css_string(part) for i, part in enumerate(parts) if part)


def running_header(ds: Dataset) -> str:
    """Return the running header's title and edition."""
    return _("{title} · Edition {edition}").format(title=ds.publication.title, edition=cite.edition_number(ds))


def page_number_style() -> str:
    """Return the print rule that numbers pages 'page X of Y' in the build's language (a chapter printed from the browser)."""
    return f"@media print {{ @page {{ @bottom-right {{ content: {css_counters(_('page {page} of {pages}'))}; }} }} }}\n"


def page_style(ds: Dataset) -> str:
    """Return the @page rules of the edition: running header with title and edition, 'page X of Y' in the footer."""
    running = _css_string(running_header(ds))
    date = _css_string("" if ds.edition_state.preview else format_date(ds.publication.release_date))  # a preview has none
    return (
        "@page { size: A4; margin: 17mm 16mm 16mm 16mm;"
        f" @top-left {{ content: {running}; }} @top-right {{ content: {date}; }}"
        f" @bottom-right {{ content: {css_counters(_('page {page} of {pages}'))}; }} }}"
        " @page wide { size: A4 landscape; }"
        f" .pdf-landscape {{ width: {LANDSCAPE_MM}mm; }}"
    )


def cover(ds: Dataset, base: str | None) -> str:
    """Return the cover: title, subtitle, edition, release date, publisher, licence, suggested citation, online address."""
    p, e, preview = ds.publication, ds.event, ds.edition_state.preview
    released = format_date(p.release_date)
    online = (
        f'<a href="{html.escape(base)}">{html.escape(base)}</a>'
        if base
        else html.escape(_("published with this file; no web address was set for this build"))
    )
    licence = _("Text and data: {text}; code: {code}").format(
        text=cite.licence_name(p.licence_text), code=cite.licence_name(p.licence_code)
    )
    rows = [
        (
            _("Edition"),
            html.escape(
                cite.edition_number(ds) if preview else _("{edition}, released {date}").format(edition=p.edition, date=released)
            ),
        ),
        (_("Publisher"), html.escape(p.publisher)),
        (_("Editors"), html.escape("; ".join(p.authors))),
        (_("Licence"), html.escape(licence)),
        (_("Online edition"), online),
        (_("Suggested citation"), html.escape(cite.book_reference(ds, base))),
    ]
    facts = "".join(f"<dt>{html.escape(k)}</dt><dd>{v}</dd>" for k, v in rows)
    reading = _(
        "The summaries are the editors' reading of the report of {author} on the event of {date}, not the speakers' own words."
    ).format(author=e.source_author, date=format_date(e.date))
    edition = cite.edition_label(ds) if preview else _("Edition {edition} · {date}").format(edition=p.edition, date=released)
    return (
        f'<section class="pdf-cover" id="pdf-cover"><h1 class="pdf-title">{html.escape(p.title)}</h1>'
        f'<p class="pdf-subtitle">{html.escape(p.subtitle)}</p>'
        f'<p class="pdf-edition">{html.escape(edition)}</p>'
        f'<p class="pdf-abstract">{html.escape(p.abstract)} {html.escape(reading)}</p>'
        f'<dl class="pdf-facts">{facts}</dl></section>'
    )


def document(ds: Dataset, base: str | None, stylesheets: list[str], chapters: list[tuple[str, str]]) -> str:
    """Return the print edition's HTML before layout: cover, key messages, contents, chapters (page, article), annexes."""
    p = ds.publication
    body = "".join(
        f'<section class="pdf-chapter" id="pdf-page-{page.removesuffix(".html").replace("/", "-")}" '
        f'data-page="{html.escape(page)}">'
        f"{article}</section>"
        for page, article in chapters
    )
    book_css = PRINT_CSS.read_text(encoding="utf-8") + (ASSETS / "book.css").read_text(encoding="utf-8")
    contents = html.escape(_("Contents"))
    return (
        f'<!doctype html><html lang="{html.escape(language())}" data-mode="light" data-theme="light"><head><meta charset="utf-8">'
        f"<title>{html.escape(p.title)}</title>"
        f'<meta name="author" content="{html.escape("; ".join(p.authors))}">'
        f'<meta name="description" content="{html.escape(p.subtitle)}">'
        f"{''.join(stylesheets)}<style>{book_css}\n{page_style(ds)}</style></head>"  # the edition's page rules last
        f'<body><main class="bd-main"><article class="bd-article pdf-book">{cover(ds, base)}'
        '<section id="pdf-key-messages" class="pdf-key-messages"></section>'
        f'<nav id="pdf-contents" class="pdf-contents" aria-label="{contents}"><h1>{contents}</h1><ol></ol></nav>'
        f'<div class="pdf-main">{body}</div><div id="pdf-annexes" class="pdf-annexes"></div>'
        "</article></main></body></html>"
    )


def metadata(ds: Dataset) -> dict[str, str]:
    """Return the PDF's document information: title, authors, subject, keywords."""
    p = ds.publication
    return {
        "/Title": _("{title} (edition {edition})").format(title=p.title, edition=cite.edition_number(ds)),
        "/Author": "; ".join(p.authors),
        "/Subject": p.subtitle,
        # Cut, at the last whole keyword, to what a Word document property holds: the brief's PDF and Word file (which
        # takes its properties from here) then list the same keywords.
        "/Keywords": fit("; ".join([_("smart specialisation"), ds.event.region, *(t.label for t in ds.themes)])),
        "/Creator": "briefing (Chromium)",
    }
