"""Read the data folder into a validated Dataset, collecting every problem before failing."""

from __future__ import annotations

import csv
import io
import os
import pickle
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pybtex.database import BibliographyData, parse_string
from pydantic import BaseModel, ValidationError

from briefing.core import reads
from briefing.core.bibliography import bibliography_texts
from briefing.core.drafts import DRAFT, draft_model, fill_gaps
from briefing.core.errors import DataError, Problem, problem_message
from briefing.core.inputs import MAX_METADATA_BYTES, MAX_REPORT_BYTES, MAX_TABLE_BYTES, UnreadableError, read_limited
from briefing.core.model import Dataset
from briefing.core.paths import data_dir as default_data_dir
from briefing.core.paths import package_sources
from briefing.core.schema import (
    COLUMN_ALIASES,
    EVENT_FILE,
    PUBLICATION_FILE,
    REFERENCES_FILE,
    RETIRED_COLUMNS,
    TABLES,
    Event,
    Publication,
    Row,
    TableSpec,
    doi_problem,
    field_name,
    web_address_problem,
)
from briefing.core.source import locate_passages
from briefing.core.translations import RELEASE_ENV, localised, translation_problems
from briefing.core.validate import check_dataset
from briefing.i18n.messages import DEFAULT, language
from briefing.text.safecsv import restore

#: A validated record's model (_validate), and a metadata file's (_read_yaml).
M = TypeVar("M", bound=BaseModel)
R = TypeVar("R", bound=Row)


def load_dataset(folder: Path | str | None = None, fresh: bool = False) -> Dataset:
    """Load and validate the data folder (default: the configured one); raise DataError if invalid.

    Loads are cached per folder and state of its files; ``fresh`` reads the files regardless.
    """
    folder = Path(folder).resolve() if folder else default_data_dir()
    with reads.loading(folder):  # the loader's checks read every field: not what a chapter shows
        ds = _load_cached.__wrapped__(folder, ()) if fresh else _load_cached(folder, _stamp(folder))
        return in_build_language(ds)


def as_written(ds: Dataset) -> Dataset:
    """Return the dataset of the same folder as its files are written, untranslated (for computations on the source)."""
    return ds if language() == DEFAULT else _load_cached(ds.data_dir, _stamp(ds.data_dir))


def in_build_language(ds: Dataset) -> Dataset:
    """Return the dataset in the language being built (BRIEFING_LANGUAGE): the English as it is, else localised.

    A preview build marks texts still untranslated; a release build (BRIEFING_RELEASE) was stopped before on them.
    """
    lang = language()
    if lang == DEFAULT:
        return ds

    return localised(ds, lang, mark_untranslated=not os.environ.get(RELEASE_ENV))


def _stamp(folder: Path) -> tuple[Any, ...]:
    """Return the names, sizes and modification times of the folder's files, so an edit is never served stale."""
    if not folder.is_dir():
        return ()
    return tuple(sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()))


#: Set by `briefing build`: a file holding the dataset it validated, which Sphinx and the chapters' kernels reuse.
DATASET_CACHE_ENV = "BRIEFING_DATASET_CACHE"


def _cache_key(folder: Path, stamp: tuple[Any, ...]) -> tuple[Any, ...]:
    """Return what a kept dataset must match: the folder, the state of its files and of the package's code."""
    return (str(folder), stamp, tuple((str(p), p.stat().st_mtime_ns) for p in package_sources()))


def keep_for_build(ds: Dataset, folder: Path, path: Path) -> None:
    """Write a validated dataset for the build's other processes (at 13,000 contributions each then skips 2 s of checks)."""
    folder = Path(folder).resolve()
    with path.open("wb") as file:
        pickle.dump((_cache_key(folder, _stamp(folder)), ds), file, protocol=pickle.HIGHEST_PROTOCOL)


def _kept_for_build(folder: Path, stamp: tuple[Any, ...]) -> Dataset | None:
    """Return the dataset the build kept, if it was made from exactly these files with this code (else None)."""
    path = os.environ.get(DATASET_CACHE_ENV)
    if not path or not stamp:
        return None
    try:
        with Path(path).open("rb") as file:
            key, ds = pickle.load(file)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return ds if key == _cache_key(folder, stamp) and isinstance(ds, Dataset) else None


@lru_cache(maxsize=4)
def _load_cached(folder: Path, stamp: tuple[Any, ...]) -> Dataset:
    """Load a folder once per process and state of its files (or take the one the build already checked)."""
    kept = _kept_for_build(folder, stamp)
    if kept is not None:
        return kept
    problems: list[Problem] = []
    broken: set[str] = set()
    if not folder.is_dir():
        raise DataError([Problem(str(folder), None, None, "the data folder does not exist")])
    draft = is_draft_folder(folder)  # a draft's empty texts become marked gaps (briefing.core.drafts)
    publication = _read_yaml(folder, PUBLICATION_FILE, Publication, problems, draft)
    event = _read_yaml(folder, EVENT_FILE, Event, problems, draft)
    numbered: dict[str, list[tuple[int, Row]]] = {}
    headers: dict[str, tuple[str, ...]] = {}
    for spec in TABLES:
        first: Any = min(numbered.get("perspectives.csv", []), key=lambda pair: getattr(pair[1], "order", 0), default=(0, None))[
            1
        ]
        numbered[spec.file] = _read_table(
            folder, spec, problems, broken, (first.id if first else True) if draft else False, headers
        )
    tables: dict[str, list[Any]] = {file: [row for _, row in pairs] for file, pairs in numbered.items()}
    references, bibliography = _read_references(folder, problems)
    source_text = _read_source(folder, event, problems)

    if event is None or publication is None or source_text is None or any(p.row in (None, 1) for p in problems):
        raise DataError(problems)  # a file, header or metadata problem: cross-checks would only mislead
    contributions = sorted(tables["contributions.csv"], key=lambda c: c.order)
    passages, missing = locate_passages(source_text, [(c.id, c.source_start) for c in contributions])
    dataset = Dataset(
        data_dir=folder,
        event=event,
        publication=publication,
        perspectives=tuple(sorted(tables["perspectives.csv"], key=lambda p: p.order)),
        contributions=tuple(contributions),
        themes=tuple(tables["themes.csv"]),
        links=tuple(tables["contribution_themes.csv"]),
        key_messages=tuple(sorted(tables["key_messages.csv"], key=lambda m: m.order)),
        editorial_notes=tuple(tables["editorial_notes.csv"]),
        glossary=tuple(tables["glossary.csv"]),
        changes=tuple(tables["changes.csv"]),
        questions=tuple(sorted(tables["questions.csv"], key=lambda q: q.order)),
        context=tuple(sorted(tables["context.csv"], key=lambda c: c.order)),
        strategy_fields=tuple(sorted(tables["strategy_fields.csv"], key=lambda f: f.order)),
        brief=tuple(sorted(tables["brief.csv"], key=lambda b: (b.section != "bottom-line", b.order))),
        options=tuple(sorted(tables["options.csv"], key=lambda o: o.order)),
        field_comparison=tuple(sorted(tables["field_comparison.csv"], key=lambda f: f.order)),
        slides=tuple(tables["slides.csv"]),
        slide_quotes=tuple(sorted(tables["slide_quotes.csv"], key=lambda q: (q.contribution_id, q.slide))),
        references=references,
        bibliography=bibliography,
        source_text=source_text,
        passages=passages,
        rows={file: tuple(rows) for file, rows in tables.items()},
        row_numbers={file: tuple(number for number, _ in pairs) for file, pairs in numbered.items()},
        headers=headers,
    )
    complete = not any(p.file == "contributions.csv" for p in problems)
    problems.extend(check_dataset(dataset, missing, broken, complete))  # also after row problems, so all are reported at once
    problems.extend(translation_problems(folder))  # each translation is checked as its English text is
    if problems:
        raise DataError(problems)
    return dataset


def _read_text(folder: Path, file: str, problems: list[Problem], limit: int = MAX_TABLE_BYTES) -> str | None:
    """Read a UTF-8 file of the data folder (with or without a byte-order mark), reporting a missing, unsafe or other file."""
    try:
        raw = read_limited(folder, file, limit)
    except FileNotFoundError:
        problems.append(Problem(file, None, None, "the file is missing"))
        return None
    except UnreadableError as exc:  # outside the folder, not a regular file, too large
        problems.append(Problem(file, None, None, str(exc)))
        return None
    except OSError as exc:  # no permission, a broken disk
        problems.append(Problem(file, None, None, f"the file cannot be read ({exc.strerror or exc})"))
        return None
    if raw.startswith(b"PK\x03\x04"):
        problems.append(
            Problem(
                file,
                None,
                None,
                "the file is a spreadsheet workbook (.xlsx), not CSV: save it "
                "with 'Save as' and the type 'CSV UTF-8 (comma-separated)'",
            )
        )
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(
            Problem(
                file,
                None,
                None,
                "the file is UTF-16 text (what spreadsheet programs call "
                "'Unicode text'): save it as 'CSV UTF-8 (comma-separated)'",
            )
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(file, None, None, f"the file is not UTF-8 text (byte {exc.start}): save it as 'CSV UTF-8 (comma-separated)'")
        )
        return None
    return text


def is_draft_folder(folder: Path) -> bool:
    """Return whether publication.yml marks the folder as a draft (``status: draft``)."""
    try:
        text = read_limited(folder, PUBLICATION_FILE, MAX_METADATA_BYTES).decode("utf-8-sig")
        values = yaml.load(text, Loader=StrictLoader)
    except (OSError, UnreadableError, UnicodeDecodeError, yaml.YAMLError):
        return False
    return isinstance(values, dict) and str(values.get("status", "")).strip() == DRAFT


class DuplicateField(yaml.YAMLError):
    """A YAML mapping that gives one field twice (the later value would silently win)."""

    def __init__(self, key: str, first: int, second: int) -> None:
        super().__init__(f"the field '{key}' is given twice, on lines {first} and {second}: keep one of them")
        self.key, self.first, self.second = key, first, second


class StrictLoader(yaml.BaseLoader):
    """YAML's loader that reads every value as text and refuses a field given twice in one mapping."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """Build a mapping, raising DuplicateField for a key that occurs a second time."""
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if isinstance(key, str) and key in seen:
                raise DuplicateField(key, seen[key], line)
            if isinstance(key, str):
                seen[key] = line
        return super().construct_mapping(node, deep=deep)


def _read_table(
    folder: Path,
    spec: TableSpec,
    problems: list[Problem],
    broken: set[str],
    draft: str | bool = False,
    headers: dict[str, tuple[str, ...]] | None = None,
) -> list[tuple[int, Row]]:
    """Read one CSV table into validated rows with their spreadsheet row numbers; note ids of invalid rows.

    In a draft (``draft`` is then the first perspective's id, or True), empty texts become marked gaps. The header's
    column names go into ``headers`` (a column may have another name, such as about_region: writers keep it).
    """
    if spec.optional and not os.path.lexists(folder / spec.file):
        return []  # an optional table left out has no rows
    text = _read_text(folder, spec.file, problems)
    if text is None:
        return []
    start = len(problems)
    reader = csv.reader(io.StringIO(text, newline=""))  # only \r and \n end a row, as in CSV
    rows: list[tuple[int, Row]] = []
    number = 1  # the spreadsheet's row number: the header is row 1, each record one row
    try:
        header = [name.strip() for name in next(reader, [])]
        if headers is not None:
            headers[spec.file] = tuple(name for name in header if name)
        if not _check_header(spec, header, problems):
            return []
        unnamed = [index for index, name in enumerate(header) if not name]  # columns without a name
        line = reader.line_num  # the physical lines read so far (a record may span several)
        for number, cells in enumerate(reader, start=2):
            before, first, line = len(problems), line, reader.line_num
            _read_row(spec, header, unnamed, cells, number, rows, problems, broken, draft)
            if _multi_line(cells) and _unclosed_quote(_lines(text)[first:line]):
                problems[before:] = [Problem(spec.file, number, None, UNCLOSED_QUOTE.format(row=number))]
                _drop_row(number, dict(zip(header, cells, strict=False)), rows, broken)
            if _stop_reading(spec.file, problems, start, number):
                break
    except csv.Error as exc:
        problems.append(Problem(spec.file, number + 1, None, _csv_error(exc)))
    return rows


#: A table stops being read after this many problems: past it the file is not the table it should be (or is garbage).
MAX_ROW_PROBLEMS = 500
STOPPED = (
    "reading stopped at row {row} after {limit} problems: the file does not look like this table; "
    "check that it is the right file and fix the problems listed, then validate again"
)
UNCLOSED_QUOTE = (
    'a quotation mark (") opened in row {row} is never closed, so the rows below it became part of one cell: '
    'close the quotation or delete the mark (a quotation mark inside a cell is written twice: "")'
)
#: The byte-order mark: an invisible character some programs put at the start of a UTF-8 file (once is fine).
BOM = "\ufeff"


def _stop_reading(file: str, problems: list[Problem], start: int, number: int) -> bool:
    """Return whether a table has too many problems to read on, then noting so before its first problem."""
    if len(problems) - start < MAX_ROW_PROBLEMS:
        return False
    problems.insert(start, Problem(file, None, None, STOPPED.format(limit=MAX_ROW_PROBLEMS, row=number)))
    return True  # the note comes first, so a report cut short still says it


def _multi_line(cells: list[str]) -> bool:
    """Return whether a record holds a line break: a multi-line cell, or rows swallowed by an unclosed quotation."""
    return any("\n" in cell or "\r" in cell for cell in cells)


@lru_cache(maxsize=1)
def _lines(text: str) -> list[str]:
    """Return a file's physical lines as the CSV reader counts them (split once, only if a record needs a second look)."""
    return io.StringIO(text, newline="").readlines()


def _drop_row(number: int, values: dict[str, Any], rows: list[tuple[int, Row]], broken: set[str]) -> None:
    """Drop a row already kept (its cells are not what the editor wrote) and note its id as broken."""
    if rows and rows[-1][0] == number:
        rows.pop()
    if values.get("id"):
        broken.add(values["id"].strip())


def _unclosed_quote(lines: list[str]) -> bool:
    """Return whether a record's lines are broken CSV: a quotation mark opened and not properly closed."""
    try:
        for _ in csv.reader(lines, strict=True):  # a spreadsheet's own multi-line cells pass; a stray quotation does not
            pass
    except csv.Error:
        return True
    return False


def _check_header(spec: TableSpec, header: list[str], problems: list[Problem]) -> bool:
    """Check a table's header row: separator, required and unknown columns; return whether rows can be read."""
    if any(BOM in name for name in header):
        problems.append(
            Problem(
                spec.file,
                1,
                None,
                "the file begins with a byte-order mark twice (an invisible character that marks UTF-8 text, added again "
                "by a second program): open the file in a text editor and save it as 'UTF-8' (not 'UTF-8 with BOM'), "
                "or save it from the spreadsheet as 'CSV UTF-8 (comma-separated)'",
            )
        )
        return False
    for separator, name in ((";", "semicolons"), ("\t", "tabs")):
        if len(header) == 1 and separator in header[0]:
            problems.append(
                Problem(
                    spec.file,
                    1,
                    None,
                    f"columns are separated by {name}: save the file as comma-separated CSV ('CSV UTF-8 (comma-separated)')",
                )
            )
            return False
    expected = list(spec.model.model_fields)
    aliases = COLUMN_ALIASES.get(spec.file, {})
    named = [name for name in header if name]
    fields = [field_name(spec.file, name) for name in named]  # 'about_region' is another name of about_ruhr
    missing = [c for c in expected if c not in fields and spec.model.model_fields[c].is_required()]
    unknown = [c for c in named if c not in expected and c not in aliases and c not in RETIRED_COLUMNS.get(spec.file, {})]
    for column in missing:
        other = [alias for alias, field in aliases.items() if field == column]
        where = f" (or named {' or '.join(other)})" if other else ""
        problems.append(Problem(spec.file, 1, column, f"this required column{where} is missing from the header"))
    for column in unknown:
        problems.append(Problem(spec.file, 1, column, f"unknown column; expected: {', '.join(expected)}"))
    for column in sorted({c for c in named if named.count(c) > 1}):
        problems.append(Problem(spec.file, 1, column, "the column appears more than once in the header"))
    twice = [(alias, field) for alias, field in aliases.items() if alias in named and field in named]
    for alias, field in twice:
        problems.append(
            Problem(
                spec.file,
                1,
                alias,
                f"the columns {field} and {alias} are two names of one column: keep one of them ({alias} in a book "
                f"about another region, {field} in this book's data), not both",
            )
        )
    return not (missing or unknown or twice or len(set(named)) < len(named))


def _csv_error(exc: csv.Error) -> str:
    """Explain a CSV syntax error in a spreadsheet user's terms."""
    if "field larger than field limit" in str(exc):
        return (
            f'a cell runs on for more than {csv.field_size_limit():,} characters: usually a quotation mark (") opens '
            "a cell and is never closed, so the rows below became part of it"
        )
    return f'the row cannot be read as CSV ({exc}): check the quotation marks (") in it'


def _read_row(
    spec: TableSpec,
    header: list[str],
    unnamed: list[int],
    cells: list[str],
    number: int,
    rows: list[tuple[int, Row]],
    problems: list[Problem],
    broken: set[str],
    draft: str | bool = False,
) -> None:
    """Validate one CSV row and keep it, or record its problems; empty rows and empty unnamed columns are ignored."""
    if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
        problems.append(Problem(spec.file, number, None, "the row has more cells than the header has columns"))
        return
    for index in unnamed:
        if index < len(cells) and cells[index].strip():
            problems.append(
                Problem(
                    spec.file,
                    number,
                    None,
                    f"column {index + 1} has a value but no name in the header: name it or delete the column",
                    cells[index],
                )
            )
            return
    retired = RETIRED_COLUMNS.get(spec.file, {})
    values = {name: restore(cell) for name, cell in zip(header, cells, strict=False) if name and name not in retired}
    if all(v.strip() == "" for v in values.values()):
        return
    model = draft_model(spec.model) if draft else spec.model
    if draft:
        values = fill_gaps(model, values, draft if isinstance(draft, str) else None)
    row = _validate(model, values, spec.file, number, problems)
    if row is not None:
        rows.append((number, row))
    elif values.get("id"):
        broken.add(values["id"].strip())


def _validate(model: type[M], values: dict[str, Any], file: str, row: int | None, problems: list[Problem]) -> M | None:
    """Validate one record, turning pydantic's errors into Problems."""
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        for error in exc.errors():
            column = str(error["loc"][0]) if error["loc"] else None
            raw = values.get(column) if column else None
            problems.append(Problem(file, row, column, problem_message(error, raw), raw if isinstance(raw, str) else None))
        return None


def _read_yaml(folder: Path, file: str, model: type[R], problems: list[Problem], draft: bool = False) -> R | None:
    """Read a metadata file of 'field: value' lines into a validated record."""
    text = _read_text(folder, file, problems, MAX_METADATA_BYTES)
    if text is None:
        return None
    try:
        values = yaml.load(text, Loader=StrictLoader)  # every value as text; the schema converts
    except DuplicateField as exc:
        problems.append(Problem(file, exc.second, exc.key, str(exc)))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Problem(file, mark.line + 1 if mark else None, None, f"not valid YAML: {exc}"))
        return None
    if not isinstance(values, dict):
        problems.append(Problem(file, None, None, "expected 'field: value' lines"))
        return None
    if draft:
        values = fill_gaps(model, values)
    return _validate(model, values, file, None, problems)


def _read_references(folder: Path, problems: list[Problem]) -> tuple[frozenset[str], dict[str, dict[str, str]]]:
    """Read the keys of the bibliography and its English texts, reporting a web address or DOI that is not a plain one."""
    text = _read_text(folder, REFERENCES_FILE, problems)
    if text is None:
        return frozenset(), {}
    try:
        data = parse_string(text, bib_format="bibtex")
    except Exception as exc:  # pybtex raises several unrelated exception types
        problems.append(Problem(REFERENCES_FILE, None, None, f"not a valid BibTeX file: {exc}"))
        return frozenset(), {}
    problems.extend(_bibliography_addresses(data, text))
    return frozenset(data.entries.keys()), bibliography_texts(data)


#: The fields of a BibTeX entry that become links, and the check each value must pass.
_LINKED_FIELDS = {"url": web_address_problem, "doi": doi_problem}


#: A link written inside any field: \url{...} or \href{...}{...}.
_LINK_COMMAND = re.compile(r"\\(?:url|href)\s*\{([^}]*)\}")


def _bibliography_addresses(data: BibliographyData, text: str) -> list[Problem]:
    """Report each entry's url (or link in another field) that is not an http(s) address, and each doi not a plain DOI."""
    problems = []
    for key, entry in data.entries.items():
        for field, value in entry.fields.items():
            for message, found in _link_problems(field.lower(), str(value)):
                line = _entry_line(text, key)
                problems.append(Problem(REFERENCES_FILE, line, field.lower(), f"entry '{key}': {message}", found))
    return problems


def _link_problems(field: str, value: str) -> Iterator[tuple[str, str]]:
    """Yield what is wrong with each link a BibTeX field holds, with the link."""
    check = _LINKED_FIELDS.get(field)
    if check and (message := check(value)):
        yield message, value
    for link in _LINK_COMMAND.findall(value) if field not in _LINKED_FIELDS else ():
        if message := web_address_problem(link):
            yield message, link


def _entry_line(text: str, key: str) -> int | None:
    """Return the line on which a BibTeX entry begins, or None if it is not found."""
    match = re.search(r"@\s*\w+\s*[{(]\s*" + re.escape(key) + r"\s*,", text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _read_source(folder: Path, event: Event | None, problems: list[Problem]) -> str | None:
    """Read the source report named by the event metadata (a file inside the data folder)."""
    if event is None:
        return None
    text = _read_text(folder, str(event.source_document), problems, MAX_REPORT_BYTES)
    if text is None:
        problems[-1] = Problem(EVENT_FILE, None, "source_document", problems[-1].message, str(event.source_document))
    return text
