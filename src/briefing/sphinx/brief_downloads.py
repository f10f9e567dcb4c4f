"""The brief's own files: the line near the top of the brief that offers its short PDF and its Word file, the download
menu's entries for them, and the Word file itself, written from the brief's and the overview's resolved doctrees and
the reference list's entries of the works they cite."""

from __future__ import annotations

import itertools
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx

from briefing.build.brief_print import PAGES_CLASS, brief_docx_name, brief_pdf_link, brief_title
from briefing.build.pdf import BRIEF_PAGE
from briefing.build.print_edition import KEY_MESSAGES, metadata
from briefing.core.model import Dataset
from briefing.i18n.messages import _, language
from briefing.publish.brief import REPORT_ENTRY, REPORT_MARK, cover_line, made_on
from briefing.publish.brief_docx import CHAPTER, CITES, Work, brief_docx
from briefing.publish.downloads import DOWNLOAD_DIR
from briefing.sections.docnodes import fill, joined, para
from briefing.sphinx import page_reads, settings
from briefing.sphinx.base import BriefingDirective
from briefing.sphinx.data import build_dataset

#: What may stand between two links of one list: commas, semicolons and spaces.
LIST_SEPARATOR = re.compile(r"[\s,;]*")
#: The overview page, whose key messages follow the brief in its files.
OVERVIEW_PAGE = KEY_MESSAGES.page.removesuffix(".html")


class BriefDownloads(nodes.General, nodes.Element):
    """Where the brief's download line goes: filled in when the page is written (the PDF depends on the build's printing)."""


class BriefDownloadsDirective(BriefingDirective):
    """``briefing-brief-downloads``: 'Download this brief: PDF (n pages) · Word'."""

    def build(self) -> list[nodes.Node]:
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


def menu_entries(ds: Dataset, pathto: Callable[..., str], printing: bool) -> list[dict[str, str]]:
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


def link_target(ref: nodes.reference, docname: str) -> tuple[str, str] | None:
    """Return the page (docname) and anchor a link of a page (docname) leads to within the book, or None (the outside)."""
    if ref.get("refid"):
        return docname, ref["refid"]
    parts = urlsplit(ref.get("refuri", ""))
    if parts.scheme or parts.netloc or not parts.path.endswith(".html"):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(docname), parts.path))
    return target.removesuffix(".html"), parts.fragment


def bibliography(app: Sphinx) -> list[Any]:
    """Return the book's cited works as sphinxcontrib-bibtex has them (none in a build without it)."""
    return list(getattr(app.env.domains.get("cite"), "citations", []))


def report_entries(app: Sphinx) -> set[tuple[str, str]]:
    """Return where the organiser's report's entry is in the book's reference list (page, anchor)."""
    key = build_dataset(app.env).event.source_reference
    return {(c.bibliography_key.docname, c.citation_id) for c in bibliography(app) if c.key == key}


def mark_report_entry(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Mark the organiser's report's entry in a reference list on a page being written (REPORT_ENTRY), so that the
    brief's PDF can find it there."""
    entries = list(doctree.findall(nodes.citation))
    if not entries:
        return
    report = {anchor for page, anchor in report_entries(app) if page == docname}
    for entry in entries:
        if report & set(entry["ids"]) and REPORT_ENTRY not in entry["classes"]:
            entry["classes"].append(REPORT_ENTRY)


def rests_on_report(part: nodes.Element) -> bool:
    """Tell whether a part of the brief says that a statement rests on the organiser's report (its label REPORT_MARK)."""
    return any(REPORT_MARK in node["classes"] for node in part.findall(nodes.Element))


def cited_works(app: Sphinx, anchors: set[tuple[str, str]]) -> list[Work]:
    """Return the works whose entries (page, anchor) links lead to, in the reference list's order (A–Z, as the reference
    page lists them), each with its entry as that page shows it (the bibliography's style and the edition's language)."""
    cited = [c for c in bibliography(app) if (c.bibliography_key.docname, c.citation_id) in anchors]
    entries: dict[str, nodes.Element] = {}  # in the order of the reference page
    for docname in dict.fromkeys(c.bibliography_key.docname for c in cited):
        for node in app.env.get_and_resolve_doctree(docname, app.builder).findall(nodes.citation):
            paragraph = next(iter(node.findall(nodes.paragraph)), None)
            entries.update({anchor: paragraph for anchor in node["ids"] if paragraph is not None})
    place = {anchor: number for number, anchor in enumerate(entries)}
    listed = sorted((c for c in cited if c.citation_id in entries), key=lambda c: place[c.citation_id])
    return [Work(c.citation_id, c.formatted_entry.label, entries[c.citation_id]) for c in listed]


def name_chapters_once(part: nodes.Element) -> None:
    """In each paragraph of a part, name a chapter once after a list of links into it ("Smart city; Mobility in
    “Themes”"), not after each of them: links separated by nothing but commas, semicolons and spaces."""
    for paragraph in part.findall(nodes.TextElement):
        marked = [ref for ref in paragraph.findall(nodes.reference) if ref.get(CHAPTER)]
        for ref, following in itertools.pairwise(marked):
            if ref[CHAPTER] == following[CHAPTER] and ref.parent is following.parent:
                siblings = ref.parent.children
                between = siblings[siblings.index(ref) + 1 : siblings.index(following)]
                if all(isinstance(n, nodes.Text) and LIST_SEPARATOR.fullmatch(n.astext()) for n in between):
                    del ref[CHAPTER]
    for ref in [ref for ref in part.findall(nodes.reference) if ref.get(CHAPTER)]:
        name_chapter_after_bracket(ref)


def name_chapter_after_bracket(ref: nodes.reference) -> None:
    """Name a link's chapter after the closing bracket that ends the words around it, not inside the brackets: "Beck
    (contributions 1, 9) in “The Ruhr stakeholders”", not "Beck (contributions 1, 9 in “The Ruhr stakeholders”)"."""
    parent = ref.parent
    if not isinstance(parent, nodes.Inline) or parent.get(CHAPTER):
        return
    before = "".join(n.astext() for n in parent.children[: parent.children.index(ref)])
    after = parent.children[parent.children.index(ref) + 1 :]
    if "(" in before and [n.astext() for n in after] == [")"] and isinstance(after[0], nodes.Text):
        parent[CHAPTER] = ref[CHAPTER]
        del ref[CHAPTER]


def prepare_links(app: Sphinx, parts: list[tuple[str, nodes.Element]], base: str | None) -> list[Work]:
    """Make each link of the brief's parts (each with the page it is from) one the Word file can hold, and return the
    works they cite: those their citations link to, and the organiser's report if they rest on it. A citation is marked
    with its work's anchor (CITES); a link to a page of the book leads to its published address when there is one;
    without one, a link to a part of the file (or to a page it is taken from) stays as it is and any other is marked
    with the title of the chapter it leads to (CHAPTER)."""
    citations = {(c.bibliography_key.docname, c.citation_id) for c in bibliography(app)}
    in_file = {(page, anchor) for page, part in parts for node in part.findall(nodes.Element) for anchor in node["ids"]}
    pages = {page for page, _part in parts}  # a link to one of these as a whole: the file holds what it takes of it
    cites: list[tuple[nodes.reference, tuple[str, str]]] = []
    for docname, part in parts:
        for ref in part.findall(nodes.reference):
            target = link_target(ref, docname)
            if target is None:
                continue
            page, anchor = target
            if target in citations:
                cites.append((ref, target))
            elif base:
                ref["refuri"] = f"{base}{page}.html" + (f"#{anchor}" if anchor else "")
            elif target not in in_file and not (page in pages and not anchor) and page in app.env.titles:
                ref[CHAPTER] = app.env.titles[page].astext()
    for part in (p for _page, p in parts):
        name_chapters_once(part)
    cited = {target for _ref, target in cites}
    if any(rests_on_report(part) for _page, part in parts):  # "Organiser's report": cited without a link
        cited |= report_entries(app)
    works = cited_works(app, cited)
    listed = {work.anchor for work in works}
    for ref, (_page, anchor) in cites:
        if anchor in listed:
            ref[CITES] = anchor
    return works


def write_brief_docx(app: Sphinx, exception: Exception | None) -> None:
    """Write the brief's Word file into the downloads (and remove an earlier name's), when the book has a brief page."""
    if exception is not None or app.builder.format != "html" or BRIEF_PAGE not in app.env.found_docs:
        return
    ds = build_dataset(app.env)
    folder = Path(app.outdir) / DOWNLOAD_DIR
    target = folder / brief_docx_name(ds)
    written = page_reads.written(app)
    if target.is_file() and written is not None and not written & {BRIEF_PAGE, OVERVIEW_PAGE}:
        return  # the last build's file: made from the same two pages, titles, citations and data (else they were written)
    brief = app.env.get_and_resolve_doctree(BRIEF_PAGE, app.builder)
    parts = [(BRIEF_PAGE, s) for s in brief.children if isinstance(s, nodes.section)]
    if OVERVIEW_PAGE in app.env.found_docs:
        found = key_messages(app.env.get_and_resolve_doctree(OVERVIEW_PAGE, app.builder))
        parts += [(OVERVIEW_PAGE, found)] if found is not None else []
    base = settings.base_url(app.config)
    page_url = f"{base}{BRIEF_PAGE}.html" if base else None
    works = prepare_links(app, parts, base)
    info = metadata(ds)
    properties = {
        "title": brief_title(ds),
        "author": info["/Author"],
        "subject": info["/Subject"],
        "keywords": info["/Keywords"],
    }
    data = brief_docx(cover_line(ds, base), [part for _page, part in parts], language(), page_url, properties, made_on(ds), works)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.docx"):  # an earlier build's name (a preview's, another edition's)
        if stale.name != target.name:
            stale.unlink()
    if not target.is_file() or target.read_bytes() != data:
        partial = target.with_name(f".{target.name}.part")
        partial.write_bytes(data)
        partial.replace(target)


def setup_brief_downloads(app: Sphinx) -> None:
    """Register the download line's directive and node, mark the report's entry in the reference list, and write the
    Word file when the build finishes."""
    app.add_node(BriefDownloads)
    app.add_directive("briefing-brief-downloads", BriefDownloadsDirective)
    app.connect("doctree-resolved", fill_download_line)
    app.connect("doctree-resolved", mark_report_entry)
    app.connect("build-finished", write_brief_docx)
