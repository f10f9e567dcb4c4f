"""A PDF of the whole book, printed by Debian's Chromium from the built pages served on 127.0.0.1."""

from __future__ import annotations

import functools
import html
import shutil
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from briefing.downloads import DOWNLOAD_DIR
from briefing.model import Dataset
from briefing.paths import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
#: The chapter's article as printed: the rendered tables (every row) without controls or navigation.
EXTRACT_ARTICLE = """() => {
  const article = document.querySelector('article.bd-article') || document.querySelector('article');
  const copy = article.cloneNode(true);
  copy.querySelectorAll('.dt-buttons, .dt-search, .dtsp-panesContainer, .dt-info, .dt-paging, .headerlink, button, script,'
    + ' [id$="_fallback"], .dt-column-order').forEach(e => e.remove());
  return [document.title, copy.innerHTML];
}"""
FOOTER = (
'<div style="font-size:8px;width:100%;text-align:center;color:#444"><span '
'class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


def pdf_name(ds: Dataset) -> str:
    """Return the file name of this edition's PDF."""
    slug = "-".join("".join(ch for ch in ds.publication.title.lower() if ch.isalnum() or ch == " ").split())
    return f"{slug}-edition-{ds.publication.edition}.pdf"


def book_pages(project: Path = PROJECT_ROOT) -> list[str]:
    """Return the book's pages in reading order, from _toc.yml."""
    toc = yaml.safe_load((project / "_toc.yml").read_text(encoding="utf-8"))
    return [f"{toc['root']}.html", *(f"{entry['file']}.html" for entry in toc.get("chapters", []))]


@contextmanager
def serve(folder: Path):
    """Serve a folder on a free port of 127.0.0.1 while the block runs; yield its base URL."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            """Print nothing per request."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def _cover(ds: Dataset, titles: list[str]) -> str:
    """Return the cover page and the table of contents."""
    p, e = ds.publication, ds.event
    toc = "".join(f'<li><a href="#pdf-chapter-{i}">{html.escape(t)}</a></li>' for i, t in enumerate(titles))
    return (
        f'<section class="pdf-cover"><h1>{html.escape(p.title)}</h1><p class="pdf-subtitle">{html.escape(p.subtitle)}</p>'
        f"<p><strong>Edition {p.edition}</strong>, {p.release_date:%-d %B %Y}</p><p>{html.escape('; '.join(p.authors))}</p>"
        f"<p>A briefing on the organiser's report of the event of {e.date:%-d %B %Y} ({html.escape(e.source_author)}). "
        f"The summaries are the editors' reading of that report, not the speakers' own words.</p>"
        f"<p>Text and data: {html.escape(p.licence_text)}. Code: {html.escape(p.licence_code)}.</p></section>"
        f'<section class="pdf-toc"><h2>Contents</h2><ol>{toc}</ol></section>'
    )


def make_pdf(html_dir: Path, ds: Dataset, out: Path) -> Path:
    """Print the built book at html_dir into one PDF: cover, contents, every chapter with every table row, page numbers."""
    from playwright.sync_api import sync_playwright

    work = html_dir / "_print"
    work.mkdir(exist_ok=True)
    try:
        with serve(html_dir) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
            page = browser.new_page()
            chapters: list[tuple[str, str]] = []
            styles: list[str] = []
            for path in book_pages():
                page.goto(f"{base}/{path}", wait_until="networkidle")
                page.wait_for_function("() => !document.querySelector('table[hidden][id]')")
                styles = styles or page.eval_on_selector_all("link[rel=stylesheet]", "ls => ls.map(l => l.getAttribute('href'))")
                chapters.append(page.evaluate(EXTRACT_ARTICLE))
            titles = [title.split(" — ")[0] for title, _ in chapters]
            body = "".join(f'<section class="pdf-chapter" id="pdf-chapter-{i}">{content}</section>' for i, (_, content) in enumerate(chapters))
            head = "".join(f'<link rel="stylesheet" href="{html.escape(href)}">' for href in styles)
            style = ("<style>.pdf-chapter, .pdf-toc { break-before: page; } .pdf-cover { padding-top: 30%; } "
                     ".pdf-cover h1 { font-size: 2.4em; } .pdf-subtitle { font-size: 1.3em; } body { background: white; }</style>")
            (work / "book.html").write_text(
                f'<!doctype html><html lang="{ds.publication.language}" data-mode="light"><head><meta charset="utf-8">'
                f"<title>{html.escape(ds.publication.title)}</title>{head}{style}</head>"
                '<body><main class="bd-main"><article '
f'class="bd-article">{_cover(ds, titles)}{body}</article></main></body></html>',
                encoding="utf-8",
            )
            page.goto(f"{base}/_print/book.html", wait_until="networkidle")
            out.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(out), format="A4", print_background=True, display_header_footer=True,
                     header_template="<span></span>", footer_template=FOOTER,
                     margin={"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    shutil.copyfile(out, html_dir / DOWNLOAD_DIR / out.name)
    return out
