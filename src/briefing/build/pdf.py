"""The print edition: a PDF of the whole book, printed by Debian's Chromium from the built pages served on 127.0.0.1.

Chromium's own PDF (tagged, with an outline from the headings) and CSS Paged Media give the running
header, "page X of Y" and landscape pages; the contents' page numbers come from a first print.
"""

from __future__ import annotations

import functools
import hashlib
import io
import shutil
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from briefing.build.print_edition import ASSETS, HYPHENATED, PORTRAIT_MM, PRINT_CSS, document, layout_args, metadata
from briefing.build.print_finish import finish
from briefing.core.drafts import is_gap
from briefing.core.model import Dataset
from briefing.core.paths import project_dir
from briefing.i18n.messages import LANGUAGES, catalogue_files, edition_prefix, in_language, language, pgettext
from briefing.publish.downloads import DOWNLOAD_DIR, archived_pdfs, kept_pdf
from briefing.text import hyphenate as hyphenation
from briefing.text.hyphenate import hyphenate_by_language

if TYPE_CHECKING:
    from playwright.sync_api import Page
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


#: Letters a file name spells out in ASCII the way German does.
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


#: Set by `briefing build` for Sphinx: "1" when the build prints its PDFs, "0" when it does not (--no-pdf, no Chromium).
PDF_ENV = "BRIEFING_PDF"


def pdf_name(ds: Dataset) -> str:
    """Return the file name of this edition's PDF in the build's language: its title and edition, in ASCII.

    A preview's name says so ('…-edition-3-preview.pdf'), so it never takes the name of a released edition's PDF.
    """
    state = ds.edition_state
    preview = f" {pgettext('file name', 'preview')}" if state.preview else ""
    title = "briefing" if is_gap(ds.publication.title) else ds.publication.title  # a draft's unwritten title: no gap
    words = f"{title} {pgettext('file name', 'edition')} {state.number}{preview}".lower()
    ascii_words = unicodedata.normalize("NFKD", words.translate(_SPELLED_OUT)).encode("ascii", "ignore").decode()
    kept = "".join(ch if ch.isalnum() else " " if ch in " -" else "" for ch in ascii_words)
    return "-".join(kept.split()) + ".pdf"


def archived_pdf(edition: int) -> tuple[str, str] | None:
    """Return the kept PDF of a released edition (in editions/) and its language: the build language's, else another's."""
    kept = [path.name for path in archived_pdfs()]
    for lang in dict.fromkeys([language(), *LANGUAGES]):
        with in_language(lang):
            ending = f"-{pgettext('file name', 'edition')}-{edition}.pdf"
        found = [name for name in kept if name.endswith(ending)]
        if found:
            return found[0], lang
    return None


@dataclass(frozen=True)
class PdfLink:
    """The PDF the pages offer: the build's own (edition None) or a released edition's kept PDF, and its language."""

    name: str
    edition: int | None = None
    lang: str = ""


def pdf_link(ds: Dataset, printing: bool) -> PdfLink | None:
    """Return the PDF the pages of a build link to, or None: never one that does not match them, never a missing file.

    The build's own PDF when it prints it or it is a released edition's kept PDF; otherwise (a build without printing
    after a change) the last released edition's kept PDF, offered as that edition's, or nothing if none was kept.
    """
    own, state = pdf_name(ds), ds.edition_state
    if printing or kept_pdf(own):
        return PdfLink(own, None, language())
    found = archived_pdf(state.last_release) if state.last_release else None
    return PdfLink(found[0], state.last_release, found[1]) if found else None


def edition_base(base: str | None) -> str | None:
    """Return the online address of the build language's edition: the base URL, or its folder for another language."""
    return base + edition_prefix(language()) if base else None


#: The page a reader with two minutes reads: the PDF prints it as its first chapter.
BRIEF_PAGE = "chapters/brief"


def toc_pages(project: Path | None = None) -> list[str]:
    """Return the book's pages in the order of _toc.yml, as the pages' navigation lists them: the root page first."""
    toc = yaml.safe_load(((project or project_dir()) / "_toc.yml").read_text(encoding="utf-8"))
    return [f"{p}.html" for p in [toc["root"], *(entry["file"] for entry in toc.get("chapters", []))]]


def book_pages(project: Path | None = None) -> list[str]:
    """Return the book's pages in printing order, from _toc.yml: the brief first (if the book has one), then the rest."""
    pages = toc_pages(project)
    first = [p for p in pages if p == f"{BRIEF_PAGE}.html"]
    return [*first, *(p for p in pages if p not in first)]


@contextmanager
def serve(folder: Path, mounts: dict[str, Path] | None = None) -> Iterator[str]:
    """Serve a folder on a free port of 127.0.0.1 while the block runs; yield its base URL.

    ``mounts`` serves other folders under address prefixes (e.g. ``{"/_print/": work}``) without writing into folder.
    """

    class Quiet(SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            """Return the file for an address: under a mounted prefix, from its folder; else from the served one."""
            for prefix, other in (mounts or {}).items():
                if path.startswith(prefix):
                    self.directory = str(other)
                    return super().translate_path("/" + path[len(prefix) :])
            return super().translate_path(path)

        def log_message(self, *args: object) -> None:
            """Print nothing per request."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


#: The address under which the laid-out edition is served while it is printed (from a folder outside the book).
PRINT_FOLDER = "_print"
PRINT_MODULES = [Path(__file__), *(Path(__file__).with_name(f"{m}.py") for m in ["print_edition", "print_finish"])]
PRINT_MODULES.append(Path(hyphenation.__file__))
PRINT_MODULES.append(PRINT_CSS)
#: Files of the built book besides its pages whose change can change the print (stylesheets, scripts, table rows).
PRINT_INPUT_SUFFIXES = {".css", ".js", ".json", ".png", ".svg"}


def print_assets(html_dir: Path) -> list[Path]:
    """Return the files besides the pages that go into a print: the built book's assets, the print code, the catalogues."""
    skipped = {"downloads", "_sources", "cite", *LANGUAGES}  # other editions' folders inside the English one
    files = sorted(
        f
        for f in html_dir.rglob("*")
        if f.suffix in PRINT_INPUT_SUFFIXES and f.is_file() and f.relative_to(html_dir).parts[0] not in skipped
    )
    return [*files, *PRINT_MODULES, *sorted(ASSETS.iterdir()), *catalogue_files(language())]


def print_inputs(html_dir: Path, base: str | None) -> str:
    """Return a fingerprint of everything that goes into the PDF: the built pages, their assets, the print code, the base URL."""
    digest = hashlib.sha256(f"{base}\n{language()}\n".encode())
    files = [*(html_dir / page for page in book_pages()), *print_assets(html_dir)]
    for f in files:
        digest.update(f"{f.name}\n".encode())
        digest.update(f.read_bytes() if f.is_file() else b"(missing)")
    return digest.hexdigest()


def _stamp(out: Path) -> Path:
    """Return the file that records the fingerprint of a PDF's inputs."""
    return out.with_name(out.name + ".inputs")


def is_current(html_dir: Path, out: Path, base: str | None) -> bool:
    """Tell whether the PDF at out was printed from exactly the current inputs."""
    stamp = _stamp(out)
    return out.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == print_inputs(html_dir, base)


def _chapters(page: Page, base_href: str, pages: list[str] | None = None) -> tuple[list[str], list[tuple[str, str]]]:
    """Open every book page (or the given ones) in the browser and return its stylesheets and each page's printable article."""
    extract = (ASSETS / "extract.js").read_text(encoding="utf-8")
    chapters: list[tuple[str, str]] = []
    styles: list[str] = []
    for path in pages or book_pages():
        page.goto(f"{base_href}/{path}", wait_until="networkidle")
        page.wait_for_function("() => !document.querySelector('table[hidden][id]')")
        styles = styles or page.eval_on_selector_all(
            "link[rel=stylesheet]", 'ls => ls.map(l => l.outerHTML.replace(/\\smedia="[^"]*"/, \'\'))'
        )
        _, article = page.evaluate(extract, path.removesuffix(".html").replace("/", "-"))
        chapters.append((path, article))
    return styles, chapters


def _start_pages(pdf: bytes, ids: list[str]) -> dict[str, int]:
    """Return the page (counted from 1) on which each named destination of a printed PDF lies."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    named = {name.lstrip("/"): dest for name, dest in reader.named_destinations.items()}
    pages = {i: reader.get_destination_page_number(named[i]) for i in ids if i in named}
    return {i: number + 1 for i, number in pages.items() if number is not None}


def _finish(pdf: bytes, ds: Dataset, out: Path, title: str | None = None) -> None:
    """Write the PDF with its document information (``title`` for another document than the whole book), its language,
    artifacts, XMP metadata and PDF/UA identifier."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    info = {**metadata(ds), **({"/Title": title} if title else {})}
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.add_metadata(info)
    writer.root_object[NameObject("/Lang")] = TextStringObject(language())
    written = io.BytesIO()
    writer.write(written)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.part")
    partial.write_bytes(finish(written.getvalue(), info, language()))
    partial.replace(out)


def lay_out(page: Page, args: dict[str, Any]) -> dict[str, Any]:
    """Lay out the print edition open in the page (layout.js), with soft hyphens in the long words of its narrow columns."""
    words = page.evaluate((ASSETS / "words.js").read_text(encoding="utf-8"), HYPHENATED)
    laid_out: dict[str, Any] = page.evaluate(
        (ASSETS / "layout.js").read_text(encoding="utf-8"), {**args, "hyphens": hyphenate_by_language(words)}
    )
    return laid_out


def make_pdf(html_dir: Path, ds: Dataset, out: Path, base: str | None = None) -> Path:
    """Print the built book at html_dir as the print edition: cover, key messages, contents with pages, chapters, annexes.

    The laid-out edition is served from a folder outside the book (never a working folder inside the site), and the
    PDF and its copy in downloads/ are replaced whole, so an interrupted print leaves no part-written file.
    """
    from playwright.sync_api import sync_playwright

    fingerprint = print_inputs(html_dir, base)
    _stamp(out).unlink(missing_ok=True)  # until the new PDF is complete, no PDF here counts as current
    with tempfile.TemporaryDirectory(prefix="briefing-print-") as scratch:
        work = Path(scratch)
        with serve(html_dir, {f"/{PRINT_FOLDER}/": work}) as base_href, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": round(PORTRAIT_MM * 96 / 25.4), "height": 1100})
            styles, chapters = _chapters(page, base_href)
            (work / "book.html").write_text(document(ds, base, styles, chapters), encoding="utf-8")
            page.emulate_media(media="print")
            page.goto(f"{base_href}/{PRINT_FOLDER}/book.html", wait_until="networkidle")
            laid_out = lay_out(page, layout_args(ds, base, book_pages()))
            if laid_out["missing"]:
                raise RuntimeError(
                    "src/briefing/build/print_edition.py places parts that the built book does not have (renamed or "
                    f"removed?): {', '.join(laid_out['missing'])}"
                )
            ids = laid_out["ids"]
            out.parent.mkdir(parents=True, exist_ok=True)
            out.with_suffix(".html").write_text(page.content(), encoding="utf-8")  # the laid-out edition, for checks
            pdf = _print_with_contents(page, ids)
            browser.close()
        _finish(pdf, ds, out)
    _stamp(out).write_text(fingerprint + "\n", encoding="utf-8")
    if kept_pdf(out.name) is None:  # a released edition's kept PDF is never printed over
        replace_file(out, html_dir / DOWNLOAD_DIR / out.name)
    return out


def replace_file(source: Path, target: Path) -> None:
    """Copy a file over another in one step (a copy beside it, then a rename), so no reader sees half of it."""
    partial = target.with_name(f".{target.name}.part")
    shutil.copyfile(source, partial)
    partial.replace(target)


def _print_with_contents(page: Page, ids: list[str]) -> bytes:
    """Print the laid-out edition, then write into the contents the page each entry starts on and print again until they agree."""
    options: dict[str, Any] = {
        "format": "A4",
        "print_background": True,
        "prefer_css_page_size": True,
        "tagged": True,
        "outline": True,
    }
    pdf = page.pdf(**options)
    for _ in range(3):
        starts = _start_pages(pdf, ids)
        if missing := [i for i in ids if i not in starts]:
            raise RuntimeError(f"the contents link to headings that are not in the PDF: {', '.join(missing)}")
        page.evaluate(SET_PAGES, starts)
        pdf = page.pdf(**options)
        if _start_pages(pdf, ids) == starts:
            return pdf
    raise RuntimeError("the page numbers of the contents did not settle after three prints")


#: Write each contents entry's page number.
SET_PAGES = """(starts) => document.querySelectorAll('#pdf-contents li').forEach(li => {
  const id = li.querySelector('a').getAttribute('href').slice(1);
  li.querySelector('.pdf-page').textContent = String(starts[id]);
})"""
