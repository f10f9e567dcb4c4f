"""Translations of the data's texts: one gettext catalogue per language in the data folder (``translations/de.po``).

Each text a reader sees is an entry whose context names where it comes from (``file|row key|field``, the row
key as ``changes.csv`` writes it), whose msgid is the English text and whose msgstr is the translation.
``briefing translations update`` brings the catalogue in step with the data with Babel's own update: a new
text gets an empty entry, a changed English text keeps its old translation marked fuzzy (with the old
English beside it) until an editor has checked it. Quotations of the report stay verbatim in English; their
entries hold the editors' rendering, shown after the quotation and marked as a translation.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, PoFileParser, write_po
from pydantic import TypeAdapter, ValidationError

from briefing.core.errors import DataError, Problem, problem_message
from briefing.core.inputs import MAX_TABLE_BYTES, UnreadableError, read_limited
from briefing.core.model import Dataset
from briefing.core.revisions import key_of, row_key
from briefing.core.schema import EVENT_FILE, PUBLICATION_FILE, REFERENCES_FILE, TABLES, Event, Publication, Row
from briefing.i18n import messages
from briefing.i18n.messages import DEFAULT, LANGUAGES

#: The folder of the catalogues, inside the data folder.
TRANSLATIONS_FOLDER = "translations"
#: The fields of each file that a reader sees as prose, and so are translated (names, ids and dates are not;
#: strategy_fields.csv carries its German labels itself, in label_de).
TRANSLATED: dict[str, tuple[str, ...]] = {
    "publication.yml": ("title", "subtitle", "abstract", "publisher"),
    "event.yml": ("title", "format", "region", "source_title"),
    "perspectives.csv": ("label", "definition"),
    "contributions.csv": ("role", "organisation", "topic", "summary", "perspective_rationale", "keywords"),
    "contribution_themes.csv": ("evidence",),
    "themes.csv": ("label", "definition"),
    "key_messages.csv": ("headline", "support"),
    "editorial_notes.csv": ("probably_right", "reason"),
    "glossary.csv": ("term", "definition"),
    "context.csv": ("topic", "statement"),
    "questions.csv": ("question", "answer", "open"),
    "changes.csv": ("reason",),
    "brief.csv": ("text",),
    "options.csv": ("headline", "text", "limits"),
    "field_comparison.csv": ("statement", "note"),
    "slides.csv": ("summary",),
    "slide_quotes.csv": ("quote",),  # verbatim like the report's quotations: the entry holds the editors' rendering
}
#: A field whose value is a list (contributions' keywords) is one text: its items joined by this separator, as the CSV
#: writes them; its translation is split the same way (the number of items may differ).
LIST_SEPARATOR = ";"
#: Tables whose rows the dataset keeps under another attribute name than the file's.
_ROWS = {"publication.yml": "publication", "event.yml": "event"}


@dataclass(frozen=True)
class Text:
    """One translatable text of the data: where it is and what it says in English."""

    file: str
    row: str
    field: str
    english: str
    number: int | None = None  # the row's spreadsheet row number (None in the metadata files)

    @property
    def context(self) -> str:
        """Return the catalogue context that names the text: 'file|row|field'."""
        return f"{self.file}|{self.row}|{self.field}"


def texts(ds: Dataset) -> Iterator[Text]:
    """Yield every translatable text of the dataset that is not empty, in file and row order."""
    for file, fields in TRANSLATED.items():
        if file in _ROWS:
            rows: list[tuple[object, str, int | None]] = [(getattr(ds, _ROWS[file]), "*", None)]
        else:
            numbers = ds.row_numbers.get(file, ())
            rows = [
                (row, row_key(file, {k: getattr(row, k) for k in key_of(file)}), numbers[i] if i < len(numbers) else None)
                for i, row in enumerate(ds.rows.get(file, ()))
            ]
        for row, key, number in rows:
            for name in fields:
                value = getattr(row, name, None)
                if isinstance(value, (list, tuple)) and value:
                    value = LIST_SEPARATOR.join(str(item) for item in value)
                if isinstance(value, str) and value.strip():
                    yield Text(file, key, name, value, number)
    for entry, texts_of_entry in ds.bibliography.items():  # last: the bibliography is no table; its entries follow
        for name, english in texts_of_entry.items():
            yield Text(REFERENCES_FILE, entry, name, english)


def catalogue_path(folder: Path, language: str) -> Path:
    """Return where a language's catalogue lives in a data folder."""
    return Path(folder) / TRANSLATIONS_FOLDER / f"{language}.po"


def editions(folder: Path) -> list[str]:
    """Return the book's editions for a data folder: English, and each other language it has a catalogue for."""
    return [LANGUAGES[0], *(lang for lang in LANGUAGES[1:] if catalogue_path(folder, lang).is_file())]


def read_catalogue(folder: Path, language: str) -> Catalog | None:
    """Read a language's catalogue, or None if the data folder has none; raise DataError if it cannot be read strictly."""
    catalogue, problems = read_catalogue_checked(folder, language)
    if problems:
        raise DataError(problems)
    return catalogue


#: A quoted string of a .po file: opened and closed by a quotation mark, inner ones escaped.
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
_KEYWORDS = ("msgid", "msgid_plural", "msgctxt", "msgstr")


class _StrictParser(PoFileParser):
    """Babel's .po parser, aborting on what it would skip or guess (an unclosed quotation) and noting every entry's line."""

    def __init__(self, catalogue: Catalog) -> None:
        super().__init__(catalogue, abort_invalid=True)
        self.entries: list[tuple[str | None, str, int, bool]] = []  # context, msgid, line, obsolete

    def _process_keyword_line(self, lineno: int, line: str, obsolete: bool = False) -> None:
        """Check a keyword line's quoted text before Babel reads it."""
        keyword, _, argument = line.partition(" ")
        if keyword in _KEYWORDS or keyword.startswith("msgstr["):
            self._check_quoted(argument.strip(), line, lineno)
        try:
            super()._process_keyword_line(lineno, line, obsolete)
        except ValueError:  # msgstr[x] with an index that is not a number
            self._invalid_pofile(line, lineno, "misformatted keyword")

    def _process_string_continuation_line(self, line: str, lineno: int) -> None:
        """Check a continuation line's quoted text before Babel reads it."""
        self._check_quoted(line.strip(), line, lineno)
        super()._process_string_continuation_line(line, lineno)

    def _check_quoted(self, text: str, line: str, lineno: int) -> None:
        """Abort on text that is not one string in quotation marks (Babel would drop its last character)."""
        if not _QUOTED.fullmatch(text):
            self._invalid_pofile(
                line, lineno, 'a text is not enclosed in quotation marks ("): close it (a quotation mark inside is written \\")'
            )

    def _add_message(self) -> None:
        """Note the entry's context, text and line (Babel merges a repeated entry silently), then add it."""
        context = self.context.denormalize() if self.context else None
        msgid = self.messages[0].denormalize() if self.messages else ""
        self.entries.append((context, msgid, self.offset + 1, self.obsolete))
        super()._add_message()


def read_catalogue_checked(folder: Path, language: str) -> tuple[Catalog | None, list[Problem]]:
    """Read a language's catalogue strictly: return it (None if there is none) and its problems, each with its line."""
    where = f"{TRANSLATIONS_FOLDER}/{language}.po"
    if not os.path.lexists(catalogue_path(folder, language)):
        return None, []
    try:
        raw = read_limited(folder, where, MAX_TABLE_BYTES)
    except (UnreadableError, OSError) as exc:
        return None, [Problem(where, None, None, str(exc) if isinstance(exc, UnreadableError) else f"cannot be read ({exc})")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [Problem(where, line, None, "the file is not UTF-8 text: save it with the encoding UTF-8")]
    return _parse(text, language, where)


def _parse(text: str, language: str, where: str) -> tuple[Catalog | None, list[Problem]]:
    """Parse a catalogue's text with the strict parser; report a malformed line or a repeated entry."""
    catalogue = Catalog(locale=language)
    parser = _StrictParser(catalogue)
    try:
        parser.parse(io.StringIO(text))
    except PoFileError as exc:
        what = re.sub(r" on \d+$", "", str(exc))  # Babel appends its own (0-based) line number
        return None, [Problem(where, exc.lineno + 1, None, f"the line cannot be read as a translation entry: {what}")]
    except Exception as exc:  # Babel raises several unrelated types on a broken header
        return None, [Problem(where, None, None, f"the file cannot be read as a translation catalogue: {exc}")]
    for message in catalogue:  # Babel reads the old English of a fuzzy entry ("#| msgid") back as a comment: drop it
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    return catalogue, _repeated(parser.entries, where)


def _repeated(entries: list[tuple[str | None, str, int, bool]], where: str) -> list[Problem]:
    """Report each entry whose context (or, without one, text) an earlier entry already has."""
    first: dict[object, int] = {}
    problems = []
    for context, msgid, line, obsolete in entries:
        key = context if context is not None else ("", msgid)
        if obsolete:
            continue
        if key in first:
            problems.append(
                Problem(where, line, context or msgid, f"the entry is given twice (lines {first[key]} and {line}): delete one")
            )
        first.setdefault(key, line)
    return problems


def translation_problems(folder: Path) -> list[Problem]:
    """Read each other language's catalogue strictly and check every translation as its English field is checked."""
    problems: list[Problem] = []
    for language in LANGUAGES[1:]:
        catalogue, found = read_catalogue_checked(folder, language)
        problems += found
        if catalogue is not None:
            problems += _invalid_translations(catalogue, f"{TRANSLATIONS_FOLDER}/{language}.po")
    return problems


def _invalid_translations(catalogue: Catalog, where: str) -> Iterator[Problem]:
    """Report each translation its English field's type refuses (length, line breaks, control characters, markup)."""
    for message in catalogue:
        adapter = _field_type(str(message.context or ""))
        if adapter is None or not isinstance(message.string, str) or not message.string:
            continue
        try:
            adapter.validate_python(message.string)
        except ValidationError as exc:
            for error in exc.errors():
                text = problem_message(error, message.string)
                yield Problem(where, message.lineno, message.context, f"the translation {text}", message.string)


@cache
def _field_type(context: str) -> TypeAdapter[Any] | None:
    """Return the validator of the field a context ('file|row|field') names, or None for an unknown one."""
    models: dict[str, type[Row]] = {PUBLICATION_FILE: Publication, EVENT_FILE: Event, **{t.file: t.model for t in TABLES}}
    parts = context.split("|")
    model = models.get(parts[0]) if len(parts) >= 3 else None
    info = model.model_fields.get(parts[-1]) if model else None
    if info is None or parts[-1] not in TRANSLATED.get(parts[0], ()):
        return None
    annotation: Any = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    return TypeAdapter(annotation)


def _empty(ds: Dataset, language: str) -> Catalog:
    """Return an empty catalogue whose header names the briefing, its editors and what the file is."""
    p = ds.publication
    return Catalog(
        locale=language,
        project=p.title,
        version=f"edition {p.edition}",
        copyright_holder=p.publisher,
        last_translator=p.publisher,
        language_team=p.publisher,
        header_comment=(
            f"# Translations ({language}) of the texts of the briefing's data folder: {p.title}.\n"
            "# Context: file|row|field (rows as changes.csv names them); msgid: the English text; msgstr: the translation.\n"
            "# Update with `briefing translations update LANGUAGE`; list gaps with `briefing translations check LANGUAGE`.\n"
            f"# Licence: {p.licence_text}, like the rest of the data."
        ),
        fuzzy=False,
    )


def template(ds: Dataset, language: str) -> Catalog:
    """Return an empty catalogue with one entry per translatable text of the data."""
    catalogue = _empty(ds, language)
    for text in texts(ds):
        catalogue.add(text.english, context=text.context)
    return catalogue


def update_catalogue(ds: Dataset, language: str) -> tuple[int, int, int]:
    """Bring a language's catalogue in step with the data; return how many texts are new, changed and gone."""
    path = catalogue_path(ds.data_dir, language)
    fresh = template(ds, language)
    existing = read_catalogue(ds.data_dir, language)
    old = existing or _empty(ds, language)
    before = {m.context: m.id for m in old if m.id}
    now = {m.context: m.id for m in fresh if m.id}
    counts = (
        sum(1 for c in now if c not in before),
        sum(1 for c, english in now.items() if c in before and before[c] != english),
        sum(1 for c in before if c not in now),
    )
    if existing is not None and counts == (0, 0, 0):
        return counts  # in step: the file is left as it is (no new date, no diff)
    old.update(fresh, no_fuzzy_matching=True, update_header_comment=False)
    _carry_over(old)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, old, width=100, sort_by_file=False, include_previous=True, omit_header=False)
    return counts


def _carry_over(catalogue: Catalog) -> None:
    """Give a text whose English changed the translation it had under the same context (Babel keys by msgid too)."""
    obsolete = {m.context: key for key, m in catalogue.obsolete.items()}
    for message in catalogue:
        key = obsolete.get(message.context)
        if key is None:
            continue
        old = catalogue.obsolete[key]
        if message.id and not message.string and old.string:
            message.string = old.string
            message.user_comments = list(old.user_comments)  # the translator's notes stay with the text
            message.flags.add("fuzzy")
            message.previous_id = [str(old.id)]
            del catalogue.obsolete[key]


def _entries(ds: Dataset, catalogue: Catalog) -> Iterator[tuple[Text, Message | None, bool]]:
    """Yield each text of the data with its catalogue entry (or None) and whether that entry is a checked translation."""
    by_context = {m.context: m for m in catalogue if m.id}
    for text in texts(ds):
        message = by_context.get(text.context)
        checked = message is not None and bool(message.string) and message.id == text.english and not message.fuzzy
        yield text, message, checked


def check_translations(ds: Dataset, language: str) -> list[Problem]:
    """Report each text whose translation is missing or stale, naming file, row and field, and what to do."""
    catalogue = read_catalogue(ds.data_dir, language)
    where = f"{TRANSLATIONS_FOLDER}/{language}.po"
    if catalogue is None:
        return [Problem(where, None, None, f"the {language} catalogue is missing: run `briefing translations update {language}`")]
    problems = []
    for text, message, checked in _entries(ds, catalogue):
        row = text.number
        if checked:
            continue
        if message is None or not message.string:
            problems.append(Problem(text.file, row, text.field, f"no {language} translation in {where} (row {text.row})"))
        else:  # the English changed after the translation was written, or it is marked for review
            problems.append(
                Problem(
                    text.file,
                    row,
                    text.field,
                    f"the {language} translation in {where} (row {text.row}) is stale: the English text changed after it "
                    "was written; check it, then remove the 'fuzzy' mark",
                )
            )
    return problems


#: The dataset's attribute holding each translated table's rows (in their sorted order).
_ATTRIBUTES = {
    "perspectives.csv": "perspectives",
    "contributions.csv": "contributions",
    "themes.csv": "themes",
    "key_messages.csv": "key_messages",
    "editorial_notes.csv": "editorial_notes",
    "glossary.csv": "glossary",
    "context.csv": "context",
    "questions.csv": "questions",
    "changes.csv": "changes",
    "brief.csv": "brief",
    "options.csv": "options",
    "field_comparison.csv": "field_comparison",
    "slides.csv": "slides",
}


def checked_translations(ds: Dataset, language: str) -> dict[str, str]:
    """Return each text's checked translation by its context (file|row|field); missing and stale texts are left out."""
    catalogue = read_catalogue(ds.data_dir, language)
    if catalogue is None:
        return {}
    return {text.context: str(message.string) for text, message, checked in _entries(ds, catalogue) if checked and message}


#: Set (to 1) by `briefing build --release`: a missing or stale translation stops the build instead of being marked.
RELEASE_ENV = "BRIEFING_RELEASE"
#: What stands before a text shown in English in another language's preview build, because its translation is missing or stale.
UNTRANSLATED = "[untranslated]"


def localised(ds: Dataset, language: str, mark_untranslated: bool = False) -> Dataset:
    """Return the dataset with every text in the language where a checked translation exists (else the English).

    Ids, numbers and the report's quotations are unchanged, so every address, count and check stays the same;
    `rendering` gives a quotation's translation to show beside it. With ``mark_untranslated`` (a preview build),
    each text left in English starts with UNTRANSLATED, so a reader sees it; a release build fails instead.
    """
    found = checked_translations(ds, language)
    if mark_untranslated:
        found = {text.context: found.get(text.context, f"{UNTRANSLATED} {text.english}") for text in texts(ds)}
    updates: dict[str, object] = {}
    replaced: dict[int, object] = {}
    for file, fields in TRANSLATED.items():
        if file in _ROWS:
            row = getattr(ds, _ROWS[file])
            changes: dict[str, object] = {f: found[f"{file}|*|{f}"] for f in fields if f"{file}|*|{f}" in found}
            translated = row.model_copy(update=changes) if changes else row
            if file == "publication.yml":  # the edition's language, and the editors named as the publisher is
                authors = [translated.publisher if author == row.publisher else author for author in row.authors]
                translated = translated.model_copy(update={"authors": authors, "language": language})
            updates[_ROWS[file]] = translated
            continue
        if file not in _ATTRIBUTES:
            continue
        keys = key_of(file)  # a row's key (a glossary entry's term) stays: addresses and change records use it
        for row in ds.rows.get(file, ()):
            key = row_key(file, {k: getattr(row, k) for k in keys})
            changes = {
                f: _as_field(getattr(row, f), found[f"{file}|{key}|{f}"])
                for f in fields
                if f not in keys and f"{file}|{key}|{f}" in found
            }
            replaced[id(row)] = row.model_copy(update=changes) if changes else row
        updates[_ATTRIBUTES[file]] = tuple(replaced.get(id(row), row) for row in getattr(ds, _ATTRIBUTES[file]))
    rows = {file: tuple(replaced.get(id(row), row) for row in items) for file, items in ds.rows.items()}
    return dataclasses.replace(ds, **updates, rows=rows)  # type: ignore[arg-type]


def _as_field(english: object, text: str) -> object:
    """Return a translation in the form of its English field: a list's items split (each marked if untranslated)."""
    if not isinstance(english, (list, tuple)):
        return text
    if text.startswith(f"{UNTRANSLATED} "):
        return [f"{UNTRANSLATED} {item}" for item in english]
    return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]


def bibliography_translations(ds: Dataset, language: str, mark_untranslated: bool = False) -> dict[tuple[str, str], str]:
    """Return the bibliography's checked translations by (entry key, field); with ``mark_untranslated`` (a preview),
    each text without one as its English marked UNTRANSLATED."""
    found = checked_translations(ds, language)
    result = {}
    for key, fields in ds.bibliography.items():
        for name, english in fields.items():
            text = found.get(f"{REFERENCES_FILE}|{key}|{name}")
            if text is None and mark_untranslated:
                text = f"{UNTRANSLATED} {english}"
            if text is not None:
                result[(key, name)] = text
    return result


def originals(folder: Path) -> dict[str, str]:
    """Return the English of each text of the data's catalogue by context ({} in English, or without a catalogue)."""
    lang = messages.language()
    catalogue = None if lang == DEFAULT else read_catalogue(folder, lang)
    return {str(m.context): str(m.id) for m in catalogue or () if m.id and m.context}


def renderings(ds: Dataset) -> dict[str, str]:
    """Return the editors' checked translations of the data in the build's language, by context (none in English)."""
    lang = messages.language()
    return {} if lang == DEFAULT else checked_translations(ds, lang)


def rendering(translations: dict[str, str], contribution_id: str, theme_id: str) -> str | None:
    """Return the editors' checked translation of a theme link's quotation (from checked_translations), or None."""
    return translations.get(f"contribution_themes.csv|{contribution_id};{theme_id}|evidence")
