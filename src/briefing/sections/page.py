"""Where a section is built: its page's document and name, and how that page links and cites (the book or a notebook)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from functools import cached_property

from docutils import nodes

from briefing.core.model import Dataset
from briefing.core.schema import EVENT_FILE, Contribution, ThemeLink
from briefing.core.translations import UNTRANSLATED, rendering
from briefing.i18n.messages import _
from briefing.sections.docnodes import Inline, english, quote, ref


def note_label(note_id: str) -> str:
    """Return the label of an editorial note's section."""
    return f"note-{note_id}"


def theme_label(theme_id: str) -> str:
    """Return the label of a theme's entry in the vocabulary."""
    return f"theme-{theme_id}"


def perspective_label(perspective_id: str) -> str:
    """Return the label of a perspective's definition on its chapter."""
    return f"perspective-{perspective_id}"


def question_label(question_id: str) -> str:
    """Return the label of a question's section."""
    return f"question-{question_id}"


def context_label(statement_id: str) -> str:
    """Return the label of a context statement."""
    return f"context-{statement_id}"


def slides_label(contribution_id: str) -> str:
    """Return the label of the slides layer in a contribution's section."""
    return f"{contribution_id}-slides"


class Page(ABC):
    """The page a section is built for: the book's (through a directive) or a notebook's; sections ask it to link and cite."""

    def __init__(self, ds: Dataset, document: nodes.document, docname: str) -> None:
        """Keep the dataset, the document that notes the page's anchors, and the page's name ('chapters/eu')."""
        self.ds = ds
        self.document = document
        self.docname = docname

    @abstractmethod
    def cite(self, *keys: str) -> list[nodes.Node]:
        """Return a parenthetical citation of bibliography entries (keys are validated slugs)."""

    @abstractmethod
    def page_url(self, target: str) -> str | None:
        """Return the absolute URL of a page of the book (e.g. 'chapters/eu.html#engelmann'), if the base URL is known."""

    @property
    @abstractmethod
    def translated(self) -> dict[str, str]:
        """Return the editors' checked translations of the data's texts by context ({} in English)."""

    @abstractmethod
    def original(self, context: str) -> str | None:
        """Return the English of a translated text of the data ('file|row|field'), or None in English or if unknown."""

    def link(self, label: str, text: str) -> nodes.Node:
        """Return a cross-reference from this page (checked by Sphinx in the book, plain text in a notebook)."""
        return ref(self.docname, label, text)

    @cached_property
    def speaker_counts(self) -> Counter[str]:
        """Count each speaker's contributions once per page (a count per link was quadratic: minutes at 13,000)."""
        return Counter(c.speaker for c in self.ds.contributions)

    def contribution_link(self, c: Contribution) -> nodes.Node:
        """Return a link to a contribution's section, named by its speaker (and number, if they spoke twice)."""
        twice = self.speaker_counts[c.speaker] > 1
        name = _("{speaker} (contribution {number})").format(speaker=c.display_name, number=c.order)
        return self.link(c.id, name if twice else c.display_name)

    def theme_link(self, theme_id: str) -> nodes.Node:
        """Return a link to a theme's definition."""
        return self.link(theme_label(theme_id), self.ds.theme[theme_id].label)

    def report_title(self) -> Inline:
        """Return the title under which the briefing cites the report: the editors' descriptive title, so in another
        edition their translation, in the page's language; left in English (no checked translation), marked English."""
        title = self.ds.event.source_title
        original = self.original(f"{EVENT_FILE}|*|source_title")  # the dataset holds the translation, if checked
        translated = original is not None and title != original and not title.startswith(UNTRANSLATED)
        return title if translated else english(title)

    def evidence(self, link: ThemeLink) -> nodes.Node:
        """Return a theme link's quotation of the report, with the editors' rendering in another language's edition."""
        return quote(link.evidence, rendering(self.translated, link.contribution_id, link.theme_id))

    def index_entries(self, c: Contribution) -> list[nodes.Node]:  # noqa: ARG002 - the book's pages use it
        """Return a contribution section's index entries for the book's search (none outside the book)."""
        return []

    def reference_tools(self, c: Contribution, url: str | None) -> list[nodes.Node]:  # noqa: ARG002 - the book's pages use them
        """Return a contribution's files for reference managers and its BibTeX record (none outside the book)."""
        return []
