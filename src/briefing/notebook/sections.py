"""The book's data-driven sections (its ``briefing-*`` directives) as HTML for a live notebook.

The sections are built once, as docutils nodes (:mod:`briefing.sections`): the book's directives return them, and
in a notebook :func:`show_section`, called by the cell that replaces a directive, writes the same nodes as HTML with
docutils' HTML writer, cross-references left as plain names and citations as their keys. Directives that only make
sense in the built book (downloads, the edition and its PDF, citation files, the imprint) are listed in :data:`BOOK_ONLY`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from docutils import frontend, nodes
from docutils.io import StringOutput
from docutils.utils import new_document
from docutils.writers import html5_polyglot
from IPython.display import HTML
from sphinx import addnodes

from briefing.core.load import load_dataset
from briefing.core.model import Dataset
from briefing.core.translations import originals, renderings
from briefing.i18n.messages import _
from briefing.publish import cite
from briefing.sections.brief import strategy_comparison
from briefing.sections.briefing_layer import context, crisis_silence, key_messages, region_fields, report_questions
from briefing.sections.method import editorial_notes, glossary
from briefing.sections.page import Page
from briefing.sections.perspectives import contributions, perspective_definition, perspective_findings
from briefing.sections.vocabulary import theme_findings, vocabulary

#: What each book-only directive shows in the book, for the note that stands in for it in a notebook.
BOOK_ONLY = {
    "briefing-introduction": "the opening paragraph, with links to the perspectives and a citation of the report",
    "briefing-edition": "the edition statement with links to this edition's PDF and earlier editions' PDFs",
    "briefing-abstract-de": "the German abstract (Kurzfassung), marked as German for screen readers",
    "briefing-downloads": "the links to the data files, the data dictionary and the data zip written by the build",
    "briefing-citation": "how to cite the book, with its BibTeX and RIS files written by the build",
    "briefing-revisions": "the list of changes between editions, from the editions kept with the book",
    "briefing-imprint": "the publisher's details (imprint)",
    "briefing-corrections": "how to report a correction to the publisher",
    "briefing-hosting": "where the book is hosted and what the host records",
    "briefing-event": "the table of the event's facts and this edition",
    "briefing-running-order": "the table of contributions in the report's running order, with links to their sections",
    "briefing-perspectives": "the list of perspectives, each linked to its chapter",
    "briefing-coding-rules": "the written coding rules, from coding/rules.md in the data folder (open that file to read them)",
}


#: The headings of a notebook's sections start at this level (<h3>), below the chapter's own headings.
HEADING_LEVEL = 3


class NotebookPage(Page):
    """A chapter's page in a live notebook: links are plain names, citations their bibliography keys."""

    def __init__(self, ds: Dataset, docname: str = "") -> None:
        """Start an empty document for the page's sections (its anchors are noted there, as in the book)."""
        settings = frontend.get_default_settings(html5_polyglot.Writer)
        settings.initial_header_level = HEADING_LEVEL
        super().__init__(ds, new_document(docname or "<notebook>", settings), docname)

    def cite(self, *keys: str) -> list[nodes.Node]:
        """Return bibliography keys as text (the book formats them from data/references.bib)."""
        return [nodes.Text(_("(references: {keys})").format(keys=", ".join(keys)))]

    def page_url(self, target: str) -> str | None:
        """Return the absolute URL of a page of the book under ``$BRIEFING_BASE_URL`` (None without the page's name)."""
        return cite.page_url(target) if self.docname else None

    @cached_property
    def translated(self) -> dict[str, str]:
        """Return the editors' checked translations of the data's texts by context ({} in English)."""
        return renderings(self.ds)

    @cached_property
    def _originals(self) -> dict[str, str]:
        """Return the English of each text of the data's catalogue by context."""
        return originals(self.ds.data_dir)

    def original(self, context: str) -> str | None:
        """Return the English of a translated text of the data, or None in English or if unknown."""
        return self._originals.get(context)


def html_of(page: NotebookPage, section: list[nodes.Node]) -> str:
    """Return a section's nodes as HTML (docutils escapes their text), each cross-reference as its plain name."""
    document = page.document
    document += section
    for xref in list(document.findall(addnodes.pending_xref)):
        xref.replace_self(nodes.Text(xref.astext()))
    writer = html5_polyglot.Writer()
    writer.write(document, StringOutput(encoding="unicode"))
    writer.assemble_parts()
    body: str = writer.parts["body"]
    return body


#: The directives a notebook renders through the package, by name.
RENDERERS: dict[str, Callable[..., list[nodes.Node]]] = {
    "briefing-perspective": perspective_definition,
    "briefing-contributions": contributions,
    "briefing-perspective-findings": perspective_findings,
    "briefing-theme-findings": theme_findings,
    "briefing-key-messages": key_messages,
    "briefing-vocabulary": vocabulary,
    "briefing-editorial-notes": editorial_notes,
    "briefing-glossary": glossary,
    "briefing-questions": report_questions,
    "briefing-crisis-silence": crisis_silence,
    "briefing-region-fields": region_fields,
    "briefing-context": context,
    "briefing-strategy-comparison": strategy_comparison,
}


def section_html(ds: Dataset, directive: str, page: str = "", **options: str) -> str:
    """Return a book section as HTML for a notebook: the nodes the directive of that name builds, from the given data."""
    notebook_page = NotebookPage(ds, page)
    return html_of(notebook_page, RENDERERS[directive](notebook_page, **options))


def show_section(directive: str, page: str = "", **options: str) -> HTML:
    """Render a book section in a notebook from the current data (what the directive of that name shows in the book)."""
    return HTML(f'<div class="briefing-section">{section_html(load_dataset(), directive, page, **options)}</div>')
