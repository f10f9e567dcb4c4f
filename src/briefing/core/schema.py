"""The data dictionary: one pydantic model per table, whose field descriptions document it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import AfterValidator, AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic.fields import FieldInfo

from briefing.core import reads
from briefing.core.source import INVISIBLE
from briefing.i18n.messages import pgettext
from briefing.text.urls import is_mail_address, is_web_address

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_:-]*$"


def _blank_to_none(value: object) -> object:
    """Treat an empty spreadsheet cell as 'no value'."""
    return None if isinstance(value, str) and value.strip() == "" else value


def _yes_no(value: object) -> object:
    """Read a yes/no cell as a boolean."""
    if isinstance(value, str):
        word = value.strip().lower()
        if word in {"yes", "no"}:
            return word == "yes"
        raise ValueError("expected 'yes' or 'no'")
    return value


def _split_ids(value: object) -> object:
    """Read a cell of ids separated by semicolons as a list."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


#: Longest values accepted: a name or heading, and a paragraph (far above the report's longest,
#: so only a runaway cell, e.g. a spreadsheet cell that swallowed the rows below it, hits them).
NAME_LIMIT, TEXT_LIMIT = 300, 2000
#: German spreadsheet programs write dates as day.month.year.
_GERMAN_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\s*$")


def _iso_date(value: object) -> object:
    """Explain a date written the German way (18.06.2020) instead of YYYY-MM-DD."""
    if isinstance(value, str) and (match := _GERMAN_DATE.match(value)):
        day, month, year = match.groups()
        year = year if len(year) == 4 else f"20{year}"
        raise ValueError(
            f"expected a date written YYYY-MM-DD: write {year}-{int(month):02d}-{int(day):02d} "
            f"for {value.strip()} (spreadsheet programs set to German write day.month.year)"
        )
    return value


#: Control characters (Unicode category Cc) other than tab and line feed, and the invisible ones.
_UNSEEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(sorted(INVISIBLE)) + "]")
#: Bidirectional controls: invisible, they reorder how the text around them is shown (and can disguise it).
BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
#: Line breaks: a name or label is one line.
_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")
#: Characters the book's pages and their head would read as markup (HTML tags, MyST roles, substitutions).
MARKUP_CHARACTERS = "<>`{}"


def _visible(value: str) -> str:
    """Refuse text with invisible, control or bidirectional control characters, which break search and look-ups unseen."""
    if found := _BIDI.search(value):
        raise ValueError(
            f"contains a bidirectional control character (U+{ord(found.group()):04X}), invisible, which changes the order "
            f"in which the text is shown: delete it (it is at character {found.start() + 1})"
        )
    if _UNSEEN.search(value):
        raise ValueError("contains a character that cannot be seen")
    return value


def _one_line(value: str) -> str:
    """Refuse a name or label that runs over more than one line."""
    if _LINE_BREAK.search(value):
        raise ValueError("must be one line: a name or label may not contain a line break")
    return value


def _no_markup(value: str) -> str:
    """Refuse metadata holding characters that HTML or MyST would read as markup."""
    for char in MARKUP_CHARACTERS:
        if char in value:
            raise ValueError(
                f"must not contain {char!r}: the characters {' '.join(MARKUP_CHARACTERS)} are read as markup (HTML or the "
                "book's own) where the book prints its metadata, so they are not allowed here; write the text without them"
            )
    return value


def web_address_problem(value: str) -> str | None:
    """Say why a value is not a plain web address beginning with http:// or https:// (None if it is one)."""
    if not is_web_address(value):
        return "expected a web address beginning with https:// or http:// (e.g. 'https://example.org/briefing'), without spaces"
    return None


def doi_problem(value: str) -> str | None:
    """Say why a value is not a plain DOI like 10.2776/65746 (None if it is one)."""
    if not re.fullmatch(r"10\.\d{4,9}/[^\s<>\"'`{}\\]+", value.strip()):
        return "expected a plain DOI such as '10.2776/65746' (without 'https://doi.org/' or 'doi:' in front)"
    return None


def _web_address(value: str) -> str:
    """Accept only an http(s) address (it becomes a link)."""
    if message := web_address_problem(value):
        raise ValueError(message)
    return value


def _email(value: str) -> str:
    """Accept only an e-mail address (it becomes a mailto: link)."""
    if not is_mail_address(value):
        raise ValueError("expected an e-mail address such as 'briefing@example.org' (it becomes a mailto: link)")
    return value


def _relative_path(value: str) -> str:
    """Accept only a path inside the data folder: relative, forward slashes, no '..'."""
    if value.startswith(("/", "\\", "~")) or re.match(r"[A-Za-z]:", value) or ".." in re.split(r"[/\\]", value):
        raise ValueError(
            "expected a path inside the data folder, relative to it (e.g. 'sources/report.txt'): not an absolute path and no '..'"
        )
    return value


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, strip_whitespace=True, max_length=60)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True, max_length=TEXT_LIMIT), AfterValidator(_visible)]
Name = Annotated[
    str,
    StringConstraints(min_length=1, strip_whitespace=True, max_length=NAME_LIMIT),
    AfterValidator(_visible),
    AfterValidator(_one_line),
]
#: Texts of the metadata files, printed in the page head, citations and meta tags: no markup characters either.
MetaName = Annotated[Name, AfterValidator(_no_markup)]
MetaText = Annotated[Text, AfterValidator(_no_markup)]
OptionalMetaText = Annotated[MetaText | None, BeforeValidator(_blank_to_none)]
WebAddress = Annotated[Text | None, BeforeValidator(_blank_to_none), AfterValidator(lambda v: v and _web_address(v))]
EmailAddress = Annotated[Text | None, BeforeValidator(_blank_to_none), AfterValidator(lambda v: v and _email(v))]
DataPath = Annotated[Name, AfterValidator(_relative_path)]
OptionalText = Annotated[Text | None, BeforeValidator(_blank_to_none)]
OptionalName = Annotated[Name | None, BeforeValidator(_blank_to_none)]
Date = Annotated[dt.date, BeforeValidator(_iso_date)]
BibKey = Annotated[str, StringConstraints(pattern=KEY_PATTERN)]
OptionalBibKey = Annotated[BibKey | None, BeforeValidator(_blank_to_none)]
YesNo = Annotated[bool, BeforeValidator(_yes_no)]
SlugList = Annotated[list[Slug], BeforeValidator(_split_ids), Field(min_length=1)]
OptionalSlugList = Annotated[list[Slug], BeforeValidator(_split_ids)]
BibKeyList = Annotated[list[BibKey], BeforeValidator(_split_ids), Field(min_length=1)]
OptionalBibKeyList = Annotated[list[BibKey], BeforeValidator(_split_ids)]
#: The kinds of source a statement of the brief can rest on, as the prefix of each evidence item.
EVIDENCE_KINDS = ("report", "slides", "context", "field", "ref", "editors")
EVIDENCE_PATTERN = rf"^(?:{'|'.join(EVIDENCE_KINDS)}):[A-Za-z0-9_:+.-]+$"
Evidence = Annotated[str, StringConstraints(pattern=EVIDENCE_PATTERN, strip_whitespace=True, max_length=80)]
EvidenceList = Annotated[list[Evidence], BeforeValidator(_split_ids), Field(min_length=1)]
OptionalEvidenceList = Annotated[list[Evidence], BeforeValidator(_split_ids)]
#: The kinds of theme (themes.csv, column category), documented in data/coding/rules.md.
ThemeCategory = Literal["approach", "process", "crisis", "place", "field"]
THEME_CATEGORIES = get_args(ThemeCategory)

#: Where a speaker is based, with the label readers see and what the value means. Independent of the
#: perspective (which follows the report's blocks of talks), so a reader can regroup by either. 'ruhr',
#: 'germany-outside-ruhr' and 'outside-germany' are this book's codes; 'region', 'country-outside-region' and
#: 'outside-country' say the same of any event, so another book's data need not name the Ruhr or Germany (the label of
#: 'region' is the event's region, event.yml's `region`).
BASED_IN: dict[str, tuple[str, str]] = {
    "eu-institution": (
        "EU institution",
        "works for an institution of the European Union (e.g. the European Commission in Brussels)",
    ),
    "outside-germany": ("Outside Germany", "works for an organisation based outside Germany"),
    "outside-country": ("Outside the country", "works for an organisation based outside the event's country"),
    "germany-outside-ruhr": ("Germany, outside the Ruhr", "works for an organisation in Germany but outside the Ruhr Metropolis"),
    "ruhr": (
        "Ruhr",
        "works for an organisation based in the Ruhr Metropolis (the 53 municipalities of the Regionalverband Ruhr)",
    ),
    "country-outside-region": (
        "Elsewhere in the country",
        "works for an organisation in the event's country but outside its region",
    ),
    "region": ("The event's region", "works for an organisation based in the event's region, named in event.yml's region"),
    "unknown": (
        "Not known",
        "where the speaker works is not known to the editors (a draft shows this until the editor writes it)",
    ),
}
#: How a count of speakers reads for each place: "2 in the Ruhr", "4 outside Germany" ({region}: the event's region).
BASED_IN_PHRASE: dict[str, str] = {
    "eu-institution": "at an EU institution",
    "outside-germany": "outside Germany",
    "outside-country": "outside the country",
    "germany-outside-ruhr": "in Germany outside the Ruhr",
    "ruhr": "in the Ruhr",
    "country-outside-region": "elsewhere in the country",
    "region": "in {region}",
    "unknown": "in a place not known",
}
BasedIn = Literal[
    "eu-institution",
    "outside-germany",
    "outside-country",
    "germany-outside-ruhr",
    "ruhr",
    "country-outside-region",
    "region",
    "unknown",
]
#: What a draft shows for a choice the editor has not made yet (briefing.core.drafts).
NOT_YET_KNOWN = "unknown"
#: The codes of based_in that mean "in the event's region": the one place that decides it (the regrouping, the
#: region's own perspective). This book's data say 'ruhr'; another book's say 'region'.
REGIONAL_BASES = frozenset({"ruhr", "region"})
#: The codes that name the Ruhr: data that use them keep this book's sentences about Ruhr-based speakers.
RUHR_BASES = frozenset({"ruhr", "germany-outside-ruhr"})
#: The codes that name no place: data that use them read sentences about "{region}", the event's region.
NEUTRAL_BASES = frozenset({"region", "country-outside-region", "outside-country"})


def in_region(based_in: str) -> bool:
    """Return whether a based_in code means the event's region ('ruhr' in this book, 'region' in another's)."""
    return based_in in REGIONAL_BASES


def based_in_label(key: str, region: str | None = None) -> str:
    """Return where a speaker is based as readers read it, in the build's language (schema.BASED_IN has the English);
    for 'region' the event's region as given (event.yml's region, as the edition reads it), when known."""
    if key == "region" and region:
        return region
    labels = {
        "eu-institution": pgettext("based in", "EU institution"),
        "outside-germany": pgettext("based in", "Outside Germany"),
        "outside-country": pgettext("based in", "Outside the country"),
        "germany-outside-ruhr": pgettext("based in", "Germany, outside the Ruhr"),
        "ruhr": pgettext("based in", "Ruhr"),
        "country-outside-region": pgettext("based in", "Elsewhere in the country"),
        "region": pgettext("based in", "The event's region"),
        "unknown": pgettext("based in", "Not known"),
    }
    return labels.get(key) or BASED_IN[key][0]


#: The column of contribution_themes.csv that says whether a point is placed in the event's region: this book's name
#: (the schema's field) and the neutral one another book's data may use instead (one of them, never both).
PLACE_COLUMN, NEUTRAL_PLACE_COLUMN = "about_ruhr", "about_region"
#: Other names a column is accepted under, by file: the name in the file -> the schema's field.
COLUMN_ALIASES: dict[str, dict[str, str]] = {"contribution_themes.csv": {NEUTRAL_PLACE_COLUMN: PLACE_COLUMN}}


def field_name(file: str, column: str) -> str:
    """Return the schema's field a file's column holds ('about_region' is about_ruhr), else the column's own name."""
    return COLUMN_ALIASES.get(file, {}).get(column, column)


def place_column(header: Collection[str]) -> str:
    """Return the name a header gives the column of a point's place: 'about_region' where it says so, else 'about_ruhr'."""
    return NEUTRAL_PLACE_COLUMN if NEUTRAL_PLACE_COLUMN in header else PLACE_COLUMN


class Row(BaseModel):
    """Common settings: unknown fields are errors, rows are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def __getattribute__(self, name: str) -> Any:
        """Return an attribute, noting a field read while a chapter's reads are recorded (briefing.core.reads)."""
        if name[0] != "_" and reads.recording():  # a field's name never starts with "_" (pydantic's own attributes do)
            reads.field_read(self, name)
        return object.__getattribute__(self, name)


class Event(Row):
    """The event and this edition of the briefing (``event.yml``)."""

    title: MetaName = Field(
        description="Descriptive title of the event, given by this briefing: the report has no title line, "
        "so the book marks it as descriptive wherever it prints it.",
        examples=["Smart specialisation, cluster policy and the Corona crisis"],
    )
    date: Date = Field(description="Date of the event, YYYY-MM-DD.", examples=["2020-06-18"])
    format: MetaName = Field(description="How the event was held.", examples=["Online conference"])
    host: MetaName = Field(description="Organisation that hosted the event.", examples=["Business Metropole Ruhr GmbH (BMR)"])
    region: MetaName = Field(description="Region the event was about.", examples=["Ruhr Metropolis"])
    source_document: DataPath = Field(
        description="Path of the source report, relative to the data folder.", examples=["sources/event-report-2020-06-18.txt"]
    )
    source_title: MetaName = Field(
        description="Title under which the briefing cites the report.",
        examples=["Online conference on smart specialisation … event report"],
    )
    source_author: MetaName = Field(
        description="Author of the report (the organiser).", examples=["Business Metropole Ruhr GmbH"]
    )
    source_reference: BibKey = Field(description="Key of the report in references.bib.", examples=["bmr2020report"])


class Publication(Row):
    """This briefing as a publication (``publication.yml``): the one source of its metadata."""

    title: MetaName = Field(description="Title of the briefing.", examples=["The Ruhr Smart Specialisation Briefing"])
    subtitle: MetaName = Field(
        description="Subtitle naming the event.", examples=["Smart specialisation, cluster policy and the Corona crisis: …"]
    )
    authors: Annotated[list[MetaName], Field(min_length=1)] = Field(
        description="Authors or editors as cited, one per line (a corporate author is one name).",
        examples=["Editors of the Ruhr Smart Specialisation Briefing"],
    )
    publisher: MetaName = Field(description="Publisher as cited.", examples=["Editors of the Ruhr Smart Specialisation Briefing"])
    edition: int = Field(ge=1, description="Edition number.", examples=[1])
    release_date: Date = Field(description="Release date of this edition, YYYY-MM-DD.", examples=["2026-11-25"])
    licence_text: MetaName = Field(description="Licence of the text and data (SPDX id).", examples=["CC-BY-4.0"])
    licence_code: MetaName = Field(description="Licence of the code (SPDX id).", examples=["MIT"])
    language: MetaName = Field(description="Language of the briefing (ISO 639-1).", examples=["en"])
    publisher_address: OptionalMetaText = Field(
        default=None,
        description="Postal address of the publisher, for the imprint; filled in by the publisher.",
        examples=["Musterstraße 1, 45127 Essen, Germany"],
    )
    responsible_person: OptionalMetaText = Field(
        default=None,
        description="Person responsible for the content, for the imprint; filled in by the publisher.",
        examples=["Erika Mustermann"],
    )
    contact_email: EmailAddress = Field(
        default=None,
        description="E-mail address for questions and corrections; filled in by the publisher.",
        examples=["briefing@example.org"],
    )
    corrections_url: WebAddress = Field(
        default=None,
        description="Web address where readers report corrections (e.g. an issue tracker); optional.",
        examples=["https://example.org/briefing/corrections"],
    )
    hosting_provider: OptionalMetaText = Field(
        default=None,
        description="Who hosts the published book, for the privacy statement; filled in by the publisher.",
        examples=["GitHub Pages (GitHub, Inc.)"],
    )
    abstract: MetaText = Field(
        description="One or two sentences on what the briefing is, in English.", examples=["An executable policy briefing …"]
    )
    abstract_de: MetaText = Field(
        description="Short German abstract (Kurzfassung) for the landing page.", examples=["Dieses Briefing fasst … zusammen."]
    )
    status: Literal["draft", "final"] = Field(
        default="final",
        description="'draft' while the editors still write (every page then carries a draft banner, missing texts show as "
        "marked gaps, and a release refuses it) or 'final'.",
        examples=["final"],
    )


class Perspective(Row):
    """One of the perspectives into which contributions are grouped (``perspectives.csv``)."""

    id: Slug = Field(description="Stable identifier, lower case with hyphens.", examples=["eu"])
    order: int = Field(ge=1, description="Position of the perspective's chapter in the book.", examples=[1])
    label: Name = Field(description="Name shown to readers.", examples=["The European Union"])
    definition: Text = Field(
        description="Who belongs to this perspective and why.", examples=["The European Commission's view …"]
    )


class Contribution(Row):
    """One contribution to the event, in the report's order (``contributions.csv``)."""

    id: Slug = Field(
        description="Stable identifier, used as the web address of the contribution's section.", examples=["engelmann"]
    )
    order: int = Field(ge=1, description="Position in the report's running order.", examples=[2])
    speaker: Name = Field(description="Speaker's name, without honorific.", examples=["Ulla Engelmann"])
    honorific: OptionalName = Field(default=None, description="Academic title as in the report; may be empty.", examples=["Dr."])
    role: Name = Field(description="Speaker's role as given in the report.", examples=["Head of Unit"])
    organisation: Name = Field(
        description="Speaker's organisation; corrections are recorded in editorial notes.",
        examples=["European Commission (DG GROW)"],
    )
    perspective: Slug = Field(description="Id of the perspective (perspectives.csv).", examples=["eu"])
    based_in: BasedIn = Field(
        description="Where the speaker's organisation is based: "
        + "; ".join(f"'{k}' ({v[1]})" for k, v in BASED_IN.items())
        + ". Shown beside the perspective and usable as a filter.",
        examples=["ruhr"],
    )
    perspective_rationale: OptionalText = Field(
        default=None,
        description="Why the contribution is in this perspective, where that is a judgement.",
        examples=["A researcher based in the Ruhr …"],
    )
    presentation_offered: YesNo = Field(
        description="Whether the report offers the presentation for download: yes or no.", examples=["yes"]
    )
    source_start: Name = Field(
        description="The words, verbatim, that begin this contribution's passage in the report.",
        examples=["Dr. Ulla Engelmann, Head"],
    )
    keywords: Annotated[list[Name], BeforeValidator(_split_ids)] = Field(
        default_factory=list,
        description="Search terms for the book's index, separated by semicolons; each must occur in the contribution's passage.",
        examples=["Orkestra;Basque Country"],
    )
    topic: Name = Field(
        description="Short heading for the contribution, in our words.",
        examples=["The importance of clusters for smart specialisation"],
    )
    summary: Text = Field(
        description="1-3 sentences in our own words, attributed to the report, no longer than its passage.",
        examples=["According to the report, …"],
    )

    @property
    def based_in_label(self) -> str:
        """Return where the speaker is based, as readers read it, in the build's language ('region' unnamed)."""
        return based_in_label(self.based_in)

    @property
    def display_name(self) -> str:
        """Return the speaker's name with honorific."""
        return f"{self.honorific} {self.speaker}" if self.honorific else self.speaker


class Theme(Row):
    """One theme of the controlled vocabulary (``themes.csv``)."""

    id: Slug = Field(description="Stable identifier.", examples=["clusters"])
    label: Name = Field(description="Name shown to readers.", examples=["Clusters and cluster policy"])
    category: ThemeCategory = Field(
        description="Kind of theme: 'approach' (a policy concept or instrument), 'process' (how a strategy is made and run), "
        "'crisis' (the Corona crisis: impact, recovery, opportunities), 'place' (a region's own strategy and position) "
        "or 'field' (an economic or technological field or a regional strength).",
        examples=["approach"],
    )
    definition: Text = Field(description="What the theme covers.", examples=["Industrial clusters …"])
    former_ids: OptionalSlugList = Field(
        default_factory=list,
        description="Ids this theme had in an earlier edition (merged or renamed themes), separated by semicolons; "
        "their web addresses keep leading to this theme.",
        examples=["entrepreneurial-discovery"],
    )
    references: OptionalBibKeyList = Field(
        default_factory=list,
        description="Key(s) in references.bib of outside sources the definition draws on, separated by semicolons; may be empty.",
        examples=["bmr-leitmaerkte"],
    )


class ThemeLink(Row):
    """A contribution raising a theme, with the report's words as evidence (``contribution_themes.csv``)."""

    contribution_id: Slug = Field(description="Id of the contribution.", examples=["engelmann"])
    theme_id: Slug = Field(description="Id of the theme.", examples=["clusters"])
    evidence: Text = Field(
        description="Quotation, verbatim, from this contribution's own passage of the report.",
        examples=["clusters enable entrepreneurial discovery processes"],
    )
    about_ruhr: YesNo = Field(
        validation_alias=AliasChoices(PLACE_COLUMN, NEUTRAL_PLACE_COLUMN),
        description="Whether the evidence, read in its sentence, places the point in the Ruhr "
        "(the Ruhr Metropolis, the Ruhr Area or a Ruhr city): yes or no (see the coding rules). "
        "Another book's data may name the column about_region.",
        examples=["no"],
    )


class KeyMessage(Row):
    """A message of the briefing as a policymaker reads it, with what supports it (``key_messages.csv``)."""

    id: Slug = Field(description="Stable identifier.", examples=["implementation-challenge"])
    order: int = Field(ge=1, description="Position on the landing page.", examples=[1])
    headline: Name = Field(
        description="What the message means for the region, in our words; shown in bold; at most 20 words.",
        examples=["Delivery, not design, is the hard part: …"],
    )
    support: Text = Field(
        description="Exactly one sentence, attributed to the report, saying what the supporting contributions said.",
        examples=["According to the report, Prof. Kiese said …"],
    )
    contributions: SlugList = Field(
        description="Ids of supporting contributions, separated by semicolons; the page shows how many speakers they are.",
        examples=["kiese;koeder"],
    )
    themes: SlugList = Field(
        description="Ids of the themes the message draws on, separated by semicolons.", examples=["implementation"]
    )


class Question(Row):
    """One of the questions the report opens with, and what the contributions make of it (``questions.csv``)."""

    id: Slug = Field(description="Stable identifier, used as the web address of the question.", examples=["crisis-and-regions"])
    order: int = Field(ge=1, description="Position of the question in the report.", examples=[1])
    question: Text = Field(
        description="The question, verbatim from the report.",
        examples=["What does the Corona crisis mean for European regions and their innovation strategies?"],
    )
    contributions: OptionalSlugList = Field(
        default_factory=list,
        description="Ids of the contributions that speak to the question, separated by semicolons; may be empty.",
        examples=["ketels;engelmann"],
    )
    themes: SlugList = Field(
        description="Ids of the themes the question concerns, separated by semicolons; "
        "each contribution listed must be coded with one of them.",
        examples=["crisis-recovery"],
    )
    answer: Text = Field(
        description="One or two sentences in our words, attributed to the report, on what the contributions say to the question.",
        examples=["According to the report, …"],
    )
    open: Text = Field(description="What the report leaves unanswered, in our words.", examples=["The report does not say …"])


class ContextStatement(Row):
    """A fact from outside the report, in our words, with the works that state it (``context.csv``)."""

    id: Slug = Field(description="Stable identifier.", examples=["erdf-enabling-condition"])
    order: int = Field(ge=1, description="Position in the context section.", examples=[1])
    topic: Name = Field(description="Short heading, in our words.", examples=["The EU rule since 2021"])
    statement: Text = Field(
        description="The fact, in our own words; nothing the cited works do not state.", examples=["For 2021-2027, …"]
    )
    references: BibKeyList = Field(
        description="Key(s) in references.bib of the works that state it, separated by semicolons; at least one.",
        examples=["eu2021cpr"],
    )
    relates_to: OptionalSlugList = Field(
        default_factory=list,
        description="Ids of the themes the statement bears on, separated by semicolons; may be empty.",
        examples=["s3-in-europe"],
    )


class StrategyField(Row):
    """A field of a later strategy for the region, set beside the fields of 2020 (``strategy_fields.csv``)."""

    id: Slug = Field(description="Stable identifier.", examples=["health-economy"])
    order: int = Field(
        ge=1, description="Position in the table: the strategies one after another, each in its own order.", examples=[5]
    )
    label: Name = Field(description="The field in English.", examples=["Health economy"])
    label_de: Name = Field(description="The field in German.", examples=["Gesundheitswirtschaft"])
    named_in: Literal["de", "en"] = Field(
        default="de",
        description="The language in which the cited works name the field ('de' or 'en'); the other label is the "
        "editors' translation.",
        examples=["de"],
    )
    context: Slug = Field(
        description="Id of the statement in context.csv that reports the strategy.", examples=["ruhr-strategy-2022"]
    )
    references: BibKeyList = Field(
        description="Key(s) in references.bib of the works that name this field, separated by semicolons; at least one.",
        examples=["wipage-s3-2022"],
    )


class BriefPoint(Row):
    """A paragraph of the brief: its bottom line or one point of what is open now (``brief.csv``)."""

    id: Slug = Field(description="Stable identifier.", examples=["monitoring"])
    section: Literal["bottom-line", "what-is-open"] = Field(
        description="Where the paragraph stands: 'bottom-line' (the brief's first paragraph) or 'what-is-open'.",
        examples=["what-is-open"],
    )
    order: int = Field(ge=1, description="Position in the brief (the bottom line first).", examples=[2])
    text: Text = Field(
        description="The paragraph in our own words; nothing its evidence does not state.",
        examples=["Monitoring: the EU's enabling condition asks for …"],
    )
    evidence: EvidenceList = Field(
        description="What the paragraph rests on, separated by semicolons, each a kind and an id joined by a colon. "
        "Kinds: report (a contribution's id, or event; the organiser's report), slides (a contribution's id; the "
        "speaker's slides), context (an id in context.csv), field (an id in strategy_fields.csv), ref (a key in "
        "references.bib), editors (search-YYYY-MM-DD: what the editors' search of public sources on that day did not "
        "find; inference: a conclusion the editors draw in the paragraph).",
        examples=["report:gaertner"],
    )


class PolicyOption(Row):
    """An option for the region, the editors' judgement, with its evidence and its limits (``options.csv``)."""

    id: Slug = Field(description="Stable identifier, used as the web address of the option.", examples=["yearly-progress-report"])
    order: int = Field(ge=1, description="Position in the brief.", examples=[1])
    headline: Name = Field(description="The option in a few words.", examples=["Agree a short yearly progress report"])
    text: Text = Field(description="What the option is, in one to three sentences.", examples=["The ministry could …"])
    evidence: EvidenceList = Field(
        description="What the option rests on, separated by semicolons, each as kind:id (see brief.csv).",
        examples=["slides:kiese"],
    )
    limits: Text = Field(
        description="What the evidence does not show and what the option would cost or leave out.",
        examples=["The sources do not show …"],
    )


class FieldComparison(Row):
    """One line of the table that sets 2020 statements beside the later strategies' fields (``field_comparison.csv``)."""

    id: Slug = Field(description="Stable identifier.", examples=["health"])
    order: int = Field(ge=1, description="Position in the table.", examples=[6])
    statement: OptionalText = Field(
        default=None,
        description="What was said in the region in 2020, in our words; empty where nothing lines up.",
        examples=["Mr Meyer on Bochum's particular strength in the health sector."],
    )
    evidence: OptionalEvidenceList = Field(
        default_factory=list,
        description="The report's passages the statement rests on, separated by semicolons, each the kind report and a "
        "contribution's id joined by a colon; empty with an empty statement.",
        examples=["report:meyer"],
    )
    fields: OptionalSlugList = Field(
        default_factory=list,
        description="Ids in strategy_fields.csv lined up with the statement, at most one per strategy, separated by "
        "semicolons; may be empty.",
        examples=["health-economy"],
    )
    note: Text = Field(
        description="Why the editors lined these up, or left a cell empty (the editors' judgement).",
        examples=["Lined up by the editors: health is named in all three."],
    )


class Slides(Row):
    """What the editors found of a speaker's slides (``slides.csv``): a checked copy, or none."""

    contribution_id: Slug = Field(description="Id of the contribution in contributions.csv.", examples=["kiese"])
    status: Literal["checked-copy", "not-found"] = Field(
        description="'checked-copy' when a copy of the slides was found and its text kept under sources/, "
        "'not-found' when none was found.",
        examples=["checked-copy"],
    )
    checked: Date = Field(description="When the editors last looked, as YYYY-MM-DD.", examples=["2026-12-06"])
    source_file: OptionalName = Field(
        default=None,
        description="The slides' text as read, a file in sources/ (with a checked copy only).",
        examples=["sources/kiese-slides-2020-06-18.txt"],
    )
    reference: OptionalBibKey = Field(
        default=None,
        description="Key in references.bib of the copy that was read (with a checked copy only).",
        examples=["kiese2020slides"],
    )
    summary: OptionalText = Field(
        default=None,
        description="What the readable slides say, in our own words (with a checked copy only).",
        examples=["The readable slides frame the talk …"],
    )


class SlideQuote(Row):
    """A verbatim quotation from a speaker's slides, with its slide number (``slide_quotes.csv``)."""

    id: Slug = Field(description="Stable identifier.", examples=["kiese-implementation"])
    contribution_id: Slug = Field(description="Id of the contribution whose slides are quoted.", examples=["kiese"])
    slide: int = Field(ge=1, description="The slide's number.", examples=[2])
    quote: Text = Field(
        description="Verbatim from the slides' text in sources/ (line breaks as spaces).",
        examples=["Challenges of implementation"],
    )


class EditorialNote(Row):
    """A place where the report is inconsistent or wrong (``editorial_notes.csv``)."""

    id: Slug = Field(description="Stable identifier.", examples=["gaertner-spelling"])
    contribution_id: Annotated[Slug | None, BeforeValidator(_blank_to_none)] = Field(
        default=None, description="Contribution concerned; empty for the report as a whole.", examples=["gaertner"]
    )
    kind: Literal["error", "inconsistency"] = Field(description="'error' or 'inconsistency'.", examples=["inconsistency"])
    source_says: Name = Field(description="What the report says, verbatim.", examples=["Dr. Stephan Gärtner explains"])
    probably_right: Name = Field(description="What is probably right.", examples=["Stefan Gärtner"])
    basis: Literal["cited", "probable"] = Field(
        description="'cited' (a reference supports it) or 'probable' (reason given).", examples=["probable"]
    )
    reason: Text = Field(description="Why the briefing thinks so.", examples=["The heading gives …"])
    reference: OptionalBibKeyList = Field(
        default_factory=list,
        description="Key(s) in references.bib, separated by semicolons; required when basis is 'cited'.",
        examples=["rvr-metropole-ruhr"],
    )


class GlossaryEntry(Row):
    """A term a reader meets, explained with a reference (``glossary.csv``)."""

    term: Name = Field(description="The term as readers meet it.", examples=["Lead market"])
    lang: Literal["en", "de"] = Field(description="Language of the term: 'en' or 'de'.", examples=["en"])
    definition: Text = Field(description="Short explanation in our words.", examples=["A market in which …"])
    reference: BibKeyList = Field(
        description="Key(s) in references.bib of the source(s) of the explanation, separated by semicolons.",
        examples=["foray2012ris3"],
    )


class Change(Row):
    """Why a row of the data changed since an earlier edition (``changes.csv``); the revisions page shows it."""

    edition: int = Field(
        ge=2, description="The edition that releases the change (the first edition whose data show it).", examples=[2]
    )
    file: Name = Field(description="The data file that changed (one of the CSV tables).", examples=["contributions.csv"])
    row: Name = Field(
        description="The row's key as the revisions page names it: its id, or for theme links 'contribution_id;theme_id', "
        "for the glossary 'term;lang'; '*' for a column added to or removed from every row.",
        examples=["kiese"],
    )
    field: Annotated[list[Name], BeforeValidator(_split_ids), Field(min_length=1)] = Field(
        description="The changed column(s), separated by semicolons, or 'row' for a row added or removed.", examples=["based_in"]
    )
    reason: Text = Field(
        description="Why the change was made, in a sentence a reader of the revisions page understands.",
        examples=["The report's label was wrong; see the editorial note."],
    )


@dataclass(frozen=True)
class TableSpec:
    """A data file, the model of its rows, and what it holds."""

    file: str
    model: type[Row]
    purpose: str
    #: A data folder may leave an optional table out; it then has no rows.
    optional: bool = False


TABLES: tuple[TableSpec, ...] = (
    TableSpec("perspectives.csv", Perspective, "The perspectives into which contributions are grouped."),
    TableSpec("contributions.csv", Contribution, "One row per contribution, with our summary."),
    TableSpec("themes.csv", Theme, "The controlled vocabulary of themes."),
    TableSpec("contribution_themes.csv", ThemeLink, "Which contribution raised which theme, with verbatim evidence."),
    TableSpec("key_messages.csv", KeyMessage, "The briefing's key messages and what supports them."),
    TableSpec("editorial_notes.csv", EditorialNote, "Errors and inconsistencies in the report."),
    TableSpec("glossary.csv", GlossaryEntry, "Terms explained with outside references."),
    TableSpec("changes.csv", Change, "Why the data changed since an earlier edition, one row per changed row and column."),
    TableSpec("questions.csv", Question, "The report's opening questions, who speaks to them and what stays open."),
    TableSpec("context.csv", ContextStatement, "Facts from outside the report, each with its citation."),
    TableSpec("strategy_fields.csv", StrategyField, "The fields of later strategies for the region, set beside 2020."),
    TableSpec("brief.csv", BriefPoint, "The brief's bottom line and what is open now, each with its evidence.", True),
    TableSpec("options.csv", PolicyOption, "Options for the region (the editors' judgement), with evidence and limits.", True),
    TableSpec("field_comparison.csv", FieldComparison, "2020 statements lined up with the later strategies' fields.", True),
    TableSpec("slides.csv", Slides, "What was found of each speaker's slides, and when.", True),
    TableSpec("slide_quotes.csv", SlideQuote, "Verbatim quotations from speakers' slides, with slide numbers.", True),
)
#: The table that records the reasons for changes: it is not itself compared between editions.
CHANGES_FILE = "changes.csv"
EVENT_FILE = "event.yml"
PUBLICATION_FILE = "publication.yml"
REFERENCES_FILE = "references.bib"
#: The files of a dataset that are published and kept per edition (the source report is not among them).
DATA_FILES = [spec.file for spec in TABLES] + [EVENT_FILE, PUBLICATION_FILE, REFERENCES_FILE]
#: Columns an earlier edition had and a later one retired, by file, with the edition that retired them: data of an
#: earlier edition (a kept snapshot put back, an old copy) still load, the column read and ignored.
RETIRED_COLUMNS: dict[str, dict[str, int]] = {"strategy_fields.csv": {"themes": 3}}
#: Columns a kept edition had that current data may not have (the loader refuses them, naming the columns to use): read
#: from snapshots only, so the revisions page lists their removal and names old rows by them.
SUPERSEDED_COLUMNS: dict[str, dict[str, int]] = {"key_messages.csv": {"message": 2}}
#: The tables a data folder may leave out.
OPTIONAL_FILES = frozenset(spec.file for spec in TABLES if spec.optional)


def present_data_files(folder: Path) -> list[str]:
    """Return the data files a folder publishes: every required one, and each optional table it has."""
    return [name for name in DATA_FILES if name not in OPTIONAL_FILES or (folder / name).is_file()]


#: The columns that identify a row of each table (validate.py checks that they are unique).
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "perspectives.csv": ("id",),
    "contributions.csv": ("id",),
    "themes.csv": ("id",),
    "contribution_themes.csv": ("contribution_id", "theme_id"),
    "key_messages.csv": ("id",),
    "editorial_notes.csv": ("id",),
    "glossary.csv": ("term",),
    "changes.csv": ("edition", "file", "row", "field"),
    "questions.csv": ("id",),
    "context.csv": ("id",),
    "strategy_fields.csv": ("id",),
    "brief.csv": ("id",),
    "options.csv": ("id",),
    "field_comparison.csv": ("id",),
    "slides.csv": ("contribution_id",),
    "slide_quotes.csv": ("id",),
}
#: Columns that name a row of another table, as (file, column) -> (file, column) (validate.py checks them).
FOREIGN_KEYS: dict[tuple[str, str], tuple[str, str]] = {
    ("contributions.csv", "perspective"): ("perspectives.csv", "id"),
    ("contribution_themes.csv", "contribution_id"): ("contributions.csv", "id"),
    ("contribution_themes.csv", "theme_id"): ("themes.csv", "id"),
    ("editorial_notes.csv", "contribution_id"): ("contributions.csv", "id"),
    ("strategy_fields.csv", "context"): ("context.csv", "id"),
    ("slides.csv", "contribution_id"): ("contributions.csv", "id"),
    ("slide_quotes.csv", "contribution_id"): ("slides.csv", "contribution_id"),
}


def _max_length(constraints: object) -> int | None:
    """Return the longest value a field (or a type inside it) accepts, if limited."""
    if isinstance(constraints, StringConstraints):
        return constraints.max_length
    for inner in [*getattr(constraints, "metadata", ()), *getattr(constraints, "__metadata__", ()), *get_args(constraints)]:
        if inner is not constraints and (found := _max_length(inner)):
            return found
    return None


def described(field: FieldInfo) -> str:
    """Return a field's description with its length limit, if it has one."""
    limit = _max_length(field) or _max_length(field.annotation)
    each = "Each at most" if get_origin(field.annotation) is list else "At most"
    return (field.description or "") + (f" {each} {limit:,} characters." if limit else "")


def dictionary_rows() -> list[dict[str, str]]:
    """Return the data dictionary: one row per file and column, with its description and example."""
    rows = []
    files: list[tuple[str, type[Row]]] = [
        (PUBLICATION_FILE, Publication),
        (EVENT_FILE, Event),
        *((t.file, t.model) for t in TABLES),
    ]
    for file, model in files:
        for name, field in model.model_fields.items():
            rows.append(
                {
                    "file": file,
                    "column": name,
                    "required": "yes" if field.is_required() else "no",
                    "description": described(field),
                    "example": str((field.examples or [""])[0]),
                }
            )
    return rows


def dictionary_markdown() -> str:
    """Return the data dictionary as Markdown tables, one per file (used in data/README.md)."""
    lines: list[str] = []
    current = None
    for row in dictionary_rows():
        if row["file"] != current:
            current = row["file"]
            lines += ["", f"### `{current}`", "", "| Column | Required | Description | Example |", "|---|---|---|---|"]
        cells = [f"`{row['column']}`", row["required"], row["description"], row["example"]]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines).strip() + "\n"
