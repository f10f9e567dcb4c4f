"""The loaded briefing data as one immutable object with convenient look-ups."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from briefing.core import reads
from briefing.core.revisions import EditionState, edition_state
from briefing.core.schema import (
    NEUTRAL_BASES,
    NEUTRAL_PLACE_COLUMN,
    RUHR_BASES,
    BriefPoint,
    Change,
    ContextStatement,
    Contribution,
    EditorialNote,
    Event,
    FieldComparison,
    GlossaryEntry,
    KeyMessage,
    Perspective,
    PolicyOption,
    Publication,
    Question,
    SlideQuote,
    Slides,
    StrategyField,
    Theme,
    ThemeLink,
    place_column,
)
from briefing.core.source import Passage


@dataclass(frozen=True)
class Dataset:
    """Every table of the briefing, validated, plus the source text and its passages."""

    data_dir: Path
    event: Event
    publication: Publication
    perspectives: tuple[Perspective, ...]
    contributions: tuple[Contribution, ...]
    themes: tuple[Theme, ...]
    links: tuple[ThemeLink, ...]
    key_messages: tuple[KeyMessage, ...]
    editorial_notes: tuple[EditorialNote, ...]
    glossary: tuple[GlossaryEntry, ...]
    changes: tuple[Change, ...]
    questions: tuple[Question, ...]
    context: tuple[ContextStatement, ...]
    strategy_fields: tuple[StrategyField, ...]
    brief: tuple[BriefPoint, ...]
    options: tuple[PolicyOption, ...]
    field_comparison: tuple[FieldComparison, ...]
    slides: tuple[Slides, ...]
    slide_quotes: tuple[SlideQuote, ...]
    references: frozenset[str]
    source_text: str
    passages: dict[str, Passage]
    #: Each table's rows in file order (the tuples above may be sorted), for spreadsheet row numbers.
    rows: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    #: The spreadsheet row number (header is row 1) of each of those rows, in the same order.
    row_numbers: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: The bibliography's English texts a reader of another edition meets, by entry key and field (core.bibliography).
    bibliography: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Each table's header as its file has it: a column may have another accepted name (about_region for about_ruhr).
    headers: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __getattribute__(self, name: str) -> Any:
        """Return an attribute, noting its name while a chapter's reads are recorded (briefing.core.reads)."""
        if reads.recording():
            reads.attribute_read(name)
        return object.__getattribute__(self, name)

    @property
    def place_column(self) -> str:
        """Return the name contribution_themes.csv gives the column of a point's place: about_ruhr or about_region."""
        return place_column(self.headers.get("contribution_themes.csv", ()))

    @property
    def neutral_region(self) -> bool:
        """Return whether the data speak of the event's region without naming the Ruhr: no speaker is coded 'ruhr' or
        'germany-outside-ruhr', and one is coded 'region', 'country-outside-region' or 'outside-country' or the theme
        links' column is about_region. Sentences then say "{region}"; data that say 'ruhr' keep this book's sentences
        word for word."""
        codes = {c.based_in for c in self.contributions}
        if codes & RUHR_BASES:
            return False
        return bool(codes & NEUTRAL_BASES) or self.place_column == NEUTRAL_PLACE_COLUMN

    def row_number(self, file: str, item: object) -> int | None:
        """Return the spreadsheet row (header is row 1) of an item of a table."""
        return self._row_index.get((file, id(item)))

    @cached_property
    def _row_index(self) -> dict[tuple[str, int], int]:
        """Index every row by file and object, so looking up a row number is constant time."""
        return {
            (file, id(item)): number
            for file, items in self.rows.items()
            for item, number in zip(items, self.row_numbers.get(file, ()), strict=True)
        }

    @cached_property
    def edition_state(self) -> EditionState:
        """Return which edition these data are: released as publication.yml's edition, or the preview of the next one."""
        return edition_state(self.data_dir, self.changes)

    @cached_property
    def contribution(self) -> dict[str, Contribution]:
        """Return contributions by id."""
        return {c.id: c for c in self.contributions}

    @cached_property
    def perspective(self) -> dict[str, Perspective]:
        """Return perspectives by id."""
        return {p.id: p for p in self.perspectives}

    @cached_property
    def theme(self) -> dict[str, Theme]:
        """Return themes by id."""
        return {t.id: t for t in self.themes}

    def contributions_in(self, perspective_id: str) -> list[Contribution]:
        """Return the contributions of one perspective, in running order."""
        return [c for c in self.contributions if c.perspective == perspective_id]

    def links_of(self, contribution_id: str) -> list[ThemeLink]:
        """Return the theme links of one contribution, in vocabulary order."""
        return self._links_by_contribution.get(contribution_id, [])

    @cached_property
    def _links_by_contribution(self) -> dict[str, list[ThemeLink]]:
        """Group the theme links by contribution once, each group in vocabulary order."""
        rank = {t.id: i for i, t in enumerate(self.themes)}
        groups: dict[str, list[ThemeLink]] = {}
        for link in sorted(self.links, key=lambda link: rank.get(link.theme_id, len(rank))):
            groups.setdefault(link.contribution_id, []).append(link)
        return groups

    def slides_of(self, contribution_id: str) -> Slides | None:
        """Return what the editors found of a contribution's slides, or None if they record nothing."""
        return next((s for s in self.slides if s.contribution_id == contribution_id), None)

    def quotes_from_slides(self, contribution_id: str) -> list[SlideQuote]:
        """Return the quotations from a contribution's slides, by slide number."""
        return [q for q in self.slide_quotes if q.contribution_id == contribution_id]

    def notes_on(self, contribution_id: str) -> list[EditorialNote]:
        """Return the editorial notes that concern one contribution."""
        return [n for n in self.editorial_notes if n.contribution_id == contribution_id]

    @property
    def speakers(self) -> list[str]:
        """Return the distinct speakers in order of first appearance."""
        return list(dict.fromkeys(c.display_name for c in self.contributions))
