"""What the parse of a report finds: contributions, notes on other lines, and where each contribution starts."""

from __future__ import annotations

from dataclasses import dataclass, field


class ReportError(ValueError):
    """The report cannot be parsed at all (empty, binary, no speaker found); the message says why."""


@dataclass(frozen=True)
class Contribution:
    """One contribution found in the report, with the lines it came from."""

    order: int
    speaker: str
    honorific: str
    role: str
    organisation: str
    presentation_offered: bool
    source_start: str
    header_line: int
    passage_line: int
    id: str = ""
    topic: str = ""


@dataclass(frozen=True)
class Note:
    """A line the parser reports: not a contribution, not parseable, or worth a check (then perhaps a row to paste)."""

    line: int
    kind: str  # "not a contribution", "could not parse", "check"
    text: str
    reason: str
    row: str = ""  # a contributions.csv row the editor pastes if the parser's guess is right


@dataclass
class Parse:
    """Everything found in a report."""

    contributions: list[Contribution] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    title: str = ""
    title_line: int | None = None
    date: str = ""
    date_line: int | None = None
    language: str = "en"
    moderators: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)  # the questions the report asks before its first contribution


@dataclass(frozen=True)
class Start:
    """Where a contribution begins: its line (index), how it is found, and what it says of the speaker."""

    index: int
    kind: str  # "header", "panel", "again"
    honorific: str
    speaker: str
    rest: str = ""  # a header's words after the name
    role: str = ""
    organisation: str = ""
    words: str = ""  # the verbatim words its passage begins with, when not the header's
    passage: int = 0  # index of the passage's first paragraph
    first: int | None = None  # for a second appearance: the index of the speaker's first line
