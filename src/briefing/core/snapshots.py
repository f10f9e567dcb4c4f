"""Snapshots of released editions' data, kept with the dataset in ``editions/edition-N/``."""

from __future__ import annotations

import csv
import datetime as dt
import filecmp
import io
import shutil
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from briefing.core.inputs import MAX_METADATA_BYTES, read_kept_text
from briefing.core.schema import (
    CHANGES_FILE,
    COLUMN_ALIASES,
    PUBLICATION_FILE,
    RETIRED_COLUMNS,
    SUPERSEDED_COLUMNS,
    TABLES,
    Row,
    field_name,
    present_data_files,
)
from briefing.i18n.messages import LANGUAGES

#: Sub-folder of a data folder that holds one snapshot per released edition.
SNAPSHOTS_DIR = "editions"
MODELS: dict[str, type[Row]] = {spec.file: spec.model for spec in TABLES}
#: The data's translations folder (briefing.core.translations.TRANSLATIONS_FOLDER, which cannot be imported here: it imports
#: briefing.core.revisions, which imports this module).
TRANSLATIONS = "translations"
#: A translation catalogue compared as a table: each text (its context, 'file|row|field') and its checked translation.
CATALOGUE_KEY, CATALOGUE_TEXT = "msgctxt", "msgstr"


def catalogue_file(lang: str) -> str:
    """Return where a language's catalogue of the data's texts lives in a data folder (or a snapshot)."""
    return f"{TRANSLATIONS}/{lang}.po"


def catalogue_files() -> tuple[str, ...]:
    """Return the catalogues a data folder may have, one per language of the book besides English."""
    return tuple(catalogue_file(lang) for lang in LANGUAGES[1:])


def translation_files(folder: Path) -> list[str]:
    """Return the translation files a data folder has (catalogues and terminology lists), as paths inside it."""
    found = (folder / TRANSLATIONS).glob("*") if (folder / TRANSLATIONS).is_dir() else []
    return sorted(f"{TRANSLATIONS}/{p.name}" for p in found if p.is_file() and p.suffix in {".po", ".csv"})


def snapshot_dir(data: Path, edition: int) -> Path:
    """Return the folder that holds (or will hold) the snapshot of one edition of a dataset."""
    return data / SNAPSHOTS_DIR / f"edition-{edition}"


def kept_editions(data: Path) -> list[int]:
    """Return the numbers of the editions whose snapshots a data folder keeps, in order."""
    folder = data / SNAPSHOTS_DIR
    found = [p.name.removeprefix("edition-") for p in folder.glob("edition-*") if p.is_dir()] if folder.is_dir() else []
    return sorted(int(n) for n in found if n.isdigit())


def edition_of_new_changes(data: Path, edition: int) -> int:
    """Return the edition that will release a change made now: the next one once the current edition's data are kept."""
    return edition + 1 if edition in kept_editions(data) else edition


#: The kinds of notes on a table: not kept, a schema column missing, a column the schema no longer has.
NOT_KEPT, NO_COLUMN, OLD_COLUMN = "not kept", "no column", "old column"


@dataclass(frozen=True)
class Note:
    """Something in a table that could not be compared: the file was not kept, or has a column missing or unknown."""

    #: What the note says: NOT_KEPT, NO_COLUMN (a column of the schema is missing) or OLD_COLUMN (one the schema no longer has).
    kind: str
    file: str
    column: str = ""

    def __str__(self) -> str:
        """Return the note in English, as the command line reports it."""
        if self.kind == NOT_KEPT:
            return f"{self.file} was not kept"
        if self.kind == NO_COLUMN:
            return f"{self.file} has no column '{self.column}'"
        return f"{self.file} has a column '{self.column}' that the schema no longer has"


@dataclass(frozen=True)
class Table:
    """One table of a snapshot: its rows as normalised values, and the columns it has."""

    file: str
    columns: tuple[str, ...]
    rows: tuple[dict[str, object], ...]
    notes: tuple[Note, ...] = ()
    kept: bool = True


@dataclass(frozen=True)
class Snapshot:
    """The data of one edition (a kept snapshot, or the current data) as comparable tables."""

    edition: int | None
    release_date: dt.date | None
    tables: dict[str, Table] = field(default_factory=dict)


@cache
def _adapter(file: str, column: str) -> TypeAdapter[Any]:
    """Return a validator for one column, with the schema's own conversions (yes/no, lists, blanks)."""
    info = MODELS[file].model_fields[field_name(file, column)]  # 'about_region' is about_ruhr under another name
    return TypeAdapter(info.rebuild_annotation())


def schema_value(file: str, column: str, raw: str | None) -> object:
    """Return a cell as the schema reads it, or the trimmed text if the schema now rejects it (an older rule)."""
    try:
        return _adapter(file, column).validate_python(raw if raw is not None else "")
    except ValidationError:
        return (raw or "").strip()


def read_table(folder: Path, file: str) -> Table:
    """Read one table tolerantly: a missing file, a missing or unknown column is noted, not fatal."""
    path = folder / file
    if not path.is_file():
        return Table(file, (), (), (Note(NOT_KEPT, file),), kept=False)
    reader = csv.DictReader(io.StringIO(read_kept_text(path), newline=""))  # rows end only at CR/LF, as in load
    header = [name.strip() for name in reader.fieldnames or []]
    retired = {**RETIRED_COLUMNS.get(file, {}), **SUPERSEDED_COLUMNS.get(file, {})}
    aliases = {field: column for column, field in COLUMN_ALIASES.get(file, {}).items() if column in header}
    known = [aliases.get(name, name) for name in MODELS[file].model_fields]  # each column as the file names it
    columns = tuple(c for c in [*known, *retired] if c in header)  # a retired column is compared, so its removal shows
    notes = [Note(NO_COLUMN, file, c) for c in known if c not in header]
    notes += [Note(OLD_COLUMN, file, c) for c in header if c not in known and c not in retired]
    rows = []
    for raw in reader:
        values = {(k or "").strip(): v for k, v in raw.items()}
        if all((v or "").strip() == "" for v in values.values() if isinstance(v, str)):
            continue
        rows.append({c: (values.get(c) or "").strip() if c in retired else schema_value(file, c, values.get(c)) for c in columns})
    return Table(file, columns, tuple(rows), tuple(notes))


def read_catalogue_table(folder: Path, file: str) -> Table:
    """Read a translation catalogue as a table: one row per text, with its translation as the German edition shows it.

    A fuzzy or empty entry counts as no translation (the edition shows the English); old English is not compared,
    since the tables list changes of the English themselves. Nor are the reasons' translations: changes.csv explains
    changes and is not compared itself (else each reason's German text would need a reason, and that one another).
    """
    from babel.messages.pofile import read_po

    path = folder / file
    if not path.is_file():
        return Table(file, (), (), (Note(NOT_KEPT, file),), kept=False)
    catalogue = read_po(io.BytesIO(read_kept_text(path).encode("utf-8")))
    rows: tuple[dict[str, object], ...] = tuple(
        {CATALOGUE_KEY: str(m.context), CATALOGUE_TEXT: str(m.string) if m.string and not m.fuzzy else ""}
        for m in catalogue
        if m.id and m.context and not str(m.context).startswith(f"{CHANGES_FILE}|")
    )
    return Table(file, (CATALOGUE_KEY, CATALOGUE_TEXT), rows)


def read_snapshot(folder: Path) -> Snapshot:
    """Read a snapshot folder (or a data folder) into comparable tables, with its edition and release date."""
    meta: dict[str, Any] = {}
    if (folder / PUBLICATION_FILE).is_file():
        loaded = yaml.load(read_kept_text(folder / PUBLICATION_FILE, MAX_METADATA_BYTES), Loader=yaml.BaseLoader)
        meta = loaded if isinstance(loaded, dict) else {}
    edition = str(meta.get("edition", "")).strip()
    try:
        released = dt.date.fromisoformat(str(meta.get("release_date", "")).strip())
    except ValueError:
        released = None
    tables = {
        spec.file: read_table(folder, spec.file) for spec in TABLES if spec.file != CHANGES_FILE
    }  # the reasons are not compared
    tables.update((file, read_catalogue_table(folder, file)) for file in catalogue_files())
    return Snapshot(int(edition) if edition.isdigit() else None, released, tables)


def snapshot_files(data: Path) -> list[str]:
    """Return the files a snapshot keeps of a data folder: the data files and the translations."""
    return [*present_data_files(data), *translation_files(data)]


def differing_files(data: Path, target: Path) -> list[str]:
    """Return the data files whose copy in a snapshot folder is missing or different."""
    return [
        name
        for name in snapshot_files(data)
        if not (target / name).is_file() or not filecmp.cmp(data / name, target / name, shallow=False)
    ]


def write_snapshot(data: Path, edition: int, force: bool = False) -> tuple[Path, bool]:
    """Copy the data files into the edition's snapshot folder; return it and whether anything was written.

    Raises FileExistsError if a different snapshot of that edition exists and ``force`` is not set.
    """
    target = snapshot_dir(data, edition)
    changed = differing_files(data, target)
    if not changed:
        return target, False
    if target.exists() and not force:
        raise FileExistsError(
            f"{target} already holds a different snapshot of edition {edition} ({', '.join(changed)} differ). "
            f"If edition {edition} has been released, set the next edition and its release date in "
            f"{PUBLICATION_FILE} first; to replace the snapshot anyway, use --force."
        )
    target.mkdir(parents=True, exist_ok=True)
    for name in snapshot_files(data):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(data / name, target / name)
    return target, True
