"""The brief's own files: the line near the top of the brief that offers its short PDF and its Word file, the download
menu's entries for them, and the Word file itself, written from the brief's and the overview's resolved doctrees."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from briefing.build.brief_print import PAGES_CLASS, brief_docx_name, brief_pdf_link, brief_title
from briefing.build.pdf import BRIEF_PAGE
from briefing.build.print_edition import KEY_MESSAGES, metadata
from briefing.core.model import Dataset
from briefing.i18n.messages import _, language
from briefing.publish.brief import cover_line, made_on
from briefing.publish.brief_docx import brief_docx
from briefing.publish.downloads import DOWNLOAD_DIR
from briefing.sections.docnodes import fill, joined, para
from briefing.sphinx import settings
from briefing.sphinx.base import BriefingDirective
from briefing.sphinx.data import build_dataset

#: The overview page, whose key messages follow the brief in its files.
OVERVIEW_PAGE = KEY_MESSAGES.page.removesuffix(".html")


class BriefDownloads(nodes.General, nodes.Element):
    """Where the brief's download line goes: filled in when the page is written (the PDF depends on the build's printing)."""


class BriefDownloadsDirective(BriefingDirective):
    """``briefing-brief-downloads``: 'Download this brief: PDF (n pages) · Word'."""

    def run(self) -> list[nodes.Node]:
        """Leave a placeholder that fill_download_line() fills in when the page is written."""
        return [BriefDownloads()]


def download_path(docname: str, name: str) -> str:
    """Return the address of a file in the downloads folder, relative to a page."""
    return "../" * docname.count("/") + f"{DOWNLOAD_DIR}/{name}"


def download_line(ds: Dataset, docname: str, printing: bool) -> nodes.paragraph:
    """Return the line offering the brief's PDF (when the build has it; its page count is written in once it is printed)
    and its Word file; shown on screen only."""
    links: list[nodes.Node] = []
    pdf = brief_pdf_link(ds, printing)
    if pdf:
        pages = nodes.inline("", "", classes=[PAGES_CLASS])
        links.append(nodes.reference("", "", nodes.Text("PDF"), pages, refuri=download_path(docname, pdf)))
    word = _("Word")
    links.append(nodes.reference(word, word, refuri=download_path(docname, brief_docx_name(ds))))
    line = fill(_("Download this brief: {files}"), files=joined(links, " · "))
    return para(*line, classes=["briefing-brief-downloads", "screen-only"])


def fill_download_line(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill in the brief's download line on a page being written."""
    placeholders = list(doctree.findall(BriefDownloads))
    if not placeholders:
        return
    ds = build_dataset(app.env)
    for placeholder in placeholders:
        placeholder.replace_self(download_line(ds, docname, settings.printing(app.config)))


def menu_entries(ds: Dataset, pathto, printing: bool) -> list[dict[str, str]]:
    """Return the download menu's entries for the brief's PDF (when the build has it) and Word file."""
    entries = []
    pdf = brief_pdf_link(ds, printing)
    if pdf:
        entries.append(
            {"type": "link", "url": pathto(f"{DOWNLOAD_DIR}/{pdf}", 1), "text": _("Brief (PDF)"), "icon": "fas fa-file-pdf"}
        )
    docx = pathto(f"{DOWNLOAD_DIR}/{brief_docx_name(ds)}", 1)
    entries.append({"type": "link", "url": docx, "text": _("Brief (Word)"), "icon": "fas fa-file-word"})
    for entry in entries:
        entry.update(tooltip=_("The brief with the key messages, to forward"), label="download-brief-button")
    return entries


def key_messages(doctree: nodes.document) -> nodes.Element | None:
    """Return the overview's key messages section."""
    return next((s for s in doctree.findall(nodes.section) if KEY_MESSAGES.id in s["ids"]), None)


def write_brief_docx(app: Sphinx, exception: Exception | None) -> None:
    """Write the brief's Word file into the downloads (and remove an earlier name's), when the book has a brief page."""
    if exception is not None or app.builder.format != "html" or BRIEF_PAGE not in app.env.found_docs:
        return
    ds = build_dataset(app.env)
    brief = app.env.get_and_resolve_doctree(BRIEF_PAGE, app.builder)
    parts = [s for s in brief.children if isinstance(s, nodes.section)]
    if OVERVIEW_PAGE in app.env.found_docs:
        found = key_messages(app.env.get_and_resolve_doctree(OVERVIEW_PAGE, app.builder))
        parts += [found] if found is not None else []
    base = settings.base_url(app.config)
    page_url = f"{base}{BRIEF_PAGE}.html" if base else None
    info = metadata(ds)
    properties = {
        "title": brief_title(ds),
        "author": info["/Author"],
        "subject": info["/Subject"],
        "keywords": info["/Keywords"],
    }
    data = brief_docx(cover_line(ds, base), parts, language(), page_url, properties, made_on(ds))
    folder = Path(app.outdir) / DOWNLOAD_DIR
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / brief_docx_name(ds)
    for stale in folder.glob("*.docx"):  # an earlier build's name (a preview's, another edition's)
        if stale.name != target.name:
            stale.unlink()
    if not target.is_file() or target.read_bytes() != data:
        partial = target.with_name(f".{target.name}.part")
        partial.write_bytes(data)
        partial.replace(target)


def setup_brief_downloads(app: Sphinx) -> None:
    """Register the download line's directive and node, and write the Word file when the build finishes."""
    app.add_node(BriefDownloads)
    app.add_directive("briefing-brief-downloads", BriefDownloadsDirective)
    app.connect("doctree-resolved", fill_download_line)
    app.connect("build-finished", write_brief_docx)
