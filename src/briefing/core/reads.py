"""What a chapter's code read from the data, recorded as it runs, and a fingerprint of those parts of the data.

A chapter's notebook is executed again only when what it read changed (briefing.sphinx.execution): its kernel records
the tables' fields, the dataset's other parts and the data files it opened; the build compares a fingerprint of
exactly those parts with the one taken when the notebook last ran.
"""

from __future__ import annotations

import atexit
import collections
import dataclasses
import functools
import hashlib
import json
import os
import sys
import weakref
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from briefing.core.paths import PACKAGE_DIR, data_dir

#: Set by the build for each chapter it executes: the file its kernel writes what the chapter's code read into.
READS_ENV = "BRIEFING_READS_FILE"
#: Settings that differ between builds of the same pages without changing what the chapters show.
_NOT_INPUTS = {READS_ENV, "BRIEFING_DATASET_CACHE"}
#: The prefix of the settings handed to the chapters' kernels (data folder, language, base URL, release, …).
_SETTINGS_PREFIX = "BRIEFING_"


@dataclasses.dataclass
class Reads:
    """What code read: (row class, field) pairs, the dataset's other attributes, data files, and (row class, field,
    row's place) for a field read in rows the recording knows the places of (see start)."""

    fields: set[tuple[str, str]] = dataclasses.field(default_factory=set)
    attributes: set[str] = dataclasses.field(default_factory=set)
    files: set[str] = dataclasses.field(default_factory=set)
    cells: set[tuple[str, str, int]] = dataclasses.field(default_factory=set)

    def compact(self, most: int) -> None:
        """Note a field read in more than ``most`` rows as read in every row (a page listing thousands of rows keeps a
        short record, and its fingerprint takes the field's one digest)."""
        counts = collections.Counter((cls, name) for cls, name, _ in self.cells)
        many = {pair for pair, count in counts.items() if count > most}
        self.fields |= many
        self.cells = {cell for cell in self.cells if cell[:2] not in many and cell[:2] not in self.fields}

    def as_json(self) -> dict[str, list[Any]]:
        """Return the record as JSON-ready sorted lists."""
        return {
            "fields": sorted([list(pair) for pair in self.fields]),
            "attributes": sorted(self.attributes),
            "files": sorted(self.files),
            "cells": sorted([list(cell) for cell in self.cells]),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reads:
        """Read a record written by as_json."""
        return cls(
            {(str(a), str(b)) for a, b in data.get("fields", [])},
            {str(a) for a in data.get("attributes", [])},
            {str(f) for f in data.get("files", [])},
            {(str(a), str(b), int(c)) for a, b, c in data.get("cells", [])},
        )


#: The reads being recorded in this process (a chapter's kernel during a book build), else None.
_recording: Reads | None = None
#: Nesting depth of paused recording (the loader's own reads are not the chapter's).
_paused = 0
#: Nesting depth of loading the recorded data folder itself (its files are represented by the dataset's fields).
_files_paused = 0
#: The folders whose files count as data when opened.
_watched: tuple[str, ...] = ()
#: The class and place of each row of the recorded datasets among its class's rows (see _rows), by the row's id(); and
#: the datasets themselves, kept alive with it so that no other object can take one of their rows' ids.
_places: tuple[tuple[dict[int, tuple[str, int]], ...], tuple[Any, ...]] = ((), ())


def field_read(row: BaseModel, name: str) -> None:
    """Note that code read a field of a row (called by the rows themselves while recording)."""
    if _recording is None or _paused:
        return
    cls = type(row)
    known = _FIELDS.get(cls)
    if known is None:
        known = _FIELDS[cls] = (cls.__name__, frozenset(cls.model_fields))
    if name not in known[1]:
        return
    key = id(row)
    for positions in _places[0]:  # the recorded datasets' (at most two: the edition's language and as written)
        found = positions.get(key)
        if found is not None:
            _recording.cells.add((known[0], name, found[1]))
            return
    _recording.fields.add((known[0], name))


#: Each row class's name and field names, looked up once (a field read is noted millions of times in a large book).
_FIELDS: dict[type, tuple[str, frozenset[str]]] = {}


def attribute_read(name: str) -> None:
    """Note that code read one of the dataset's attributes (called by the dataset while recording)."""
    if _recording is not None and not _paused and not name.startswith("__"):
        _recording.attributes.add(name)


def recording() -> bool:
    """Tell whether reads are being recorded and not paused (so the rows and dataset take the slower, noting path)."""
    return _recording is not None and not _paused


@contextmanager
def paused() -> Iterator[None]:
    """Stop recording field reads while the block runs (loading and checking the data read every field)."""
    global _paused
    _paused += 1
    try:
        yield
    finally:
        _paused -= 1


@contextmanager
def loading(folder: Path) -> Iterator[None]:
    """Record nothing while the block loads a data folder, except the files of another folder than the recorded one
    (an earlier edition's snapshot, say: its rows are not the dataset whose fields the fingerprint takes)."""
    global _files_paused
    own = str(folder) + os.sep in _watched
    _files_paused += own
    try:
        with paused():
            yield
    finally:
        _files_paused -= own


@contextmanager
def recorded(data: Path) -> Iterator[Reads]:
    """Record what the block reads of the dataset and of the data folder's files; yield the record as it fills."""
    before = start(data)
    record = _recording
    assert record is not None  # start() has just set it
    try:
        yield record
    finally:
        stop(before)


#: What start() hands stop(): the recording, watched folders and row places that were in force before.
Before = tuple[Reads | None, tuple[str, ...], tuple[tuple[dict[int, tuple[str, int]], ...], tuple[Any, ...]]]


def start(data: Path, datasets: tuple[Any, ...] | None = None) -> Before:
    """Start recording what is read of the dataset and of a data folder's files (a page as Sphinx reads or writes it);
    return what was being recorded before, for stop().

    A field read in a row of the given datasets is noted with the row's place, so a change to another row's field is
    not taken for a change to what was read (without datasets, the places known before stay).
    """
    global _places
    before = _recording, _watched, _places
    _start(data)
    if datasets is not None:
        _places = (tuple(_parts(ds).positions for ds in datasets), datasets)
    return before


def stop(before: Before) -> Reads:
    """Stop the recording started by start() and put back the one before it; return what was recorded."""
    global _recording, _watched, _places
    record = _recording or Reads()
    _recording, _watched, _places = before
    return record


@contextmanager
def captured(data: Path) -> Iterator[Reads]:
    """Record what the block reads of the dataset and of the data folder's files into a record of its own (yielded),
    whether or not anything is being recorded, then add it to the enclosing record, if any.

    For values computed once and kept for later readers (see replay): what the computation read is theirs too.
    """
    own = Reads()
    try:
        with recorded(data) as own:
            yield own
    finally:
        replay(own)


def replay(record: Reads) -> None:
    """Add what an earlier computation read to the current record: a reader of its kept result read it too."""
    if _recording is not None and not _paused:
        replay_into(_recording, record)


def replay_into(target: Reads, record: Reads) -> None:
    """Add one record's reads to another's."""
    target.fields |= record.fields
    target.attributes |= record.attributes
    target.files |= record.files
    target.cells |= record.cells


def _start(data: Path) -> Reads:
    """Start a new record of what is read of the dataset and of a data folder's files; return it."""
    global _recording, _watched
    _recording, _watched = Reads(), (str(data.resolve()) + os.sep,)
    _add_audit_hook()
    return _recording


_hooked = False


def _add_audit_hook() -> None:
    """Listen to Python's 'open' audit events, once per process (an audit hook cannot be removed)."""
    global _hooked
    if not _hooked:
        sys.addaudithook(_audit)
        _hooked = True


def _audit(event: str, args: tuple[Any, ...]) -> None:
    """Note a data file opened for reading (Python's audit event 'open')."""
    if event != "open" or _recording is None or _files_paused or not args or not isinstance(args[0], str | Path):
        return
    mode = args[1] if len(args) > 1 and isinstance(args[1], str) else "r"
    if any(c in mode for c in "wax+"):
        return
    path = os.path.abspath(args[0])  # noqa: PTH100 - as written first: the data folder's own paths need no file system call
    if not path.startswith(_watched):
        path = os.path.realpath(path)  # then through any symbolic link, as the data folder itself is resolved
    if path.startswith(_watched):
        _recording.files.add(path)


def record_if_asked() -> None:
    """In a chapter's kernel during a book build (READS_ENV set), start recording; write the record after each cell."""
    target = os.environ.get(READS_ENV, "").strip()
    if not target or _recording is not None:
        return
    _start(data_dir())
    write = _writer(Path(target))
    atexit.register(write)
    shell = _ipython()
    if shell is not None:
        shell.events.register("post_run_cell", lambda *_: write())


def _ipython() -> Any:
    """Return the running IPython shell (a chapter's kernel), if there is one."""
    module = sys.modules.get("IPython")
    return module.get_ipython() if module is not None else None


def _writer(target: Path) -> Any:
    """Return a function writing the reads recorded so far to the target file (whole, so a reader never sees half)."""

    def write(*_: object) -> None:
        if _recording is None:
            return
        temporary = target.with_suffix(".tmp")
        temporary.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(_recording.as_json()), encoding="utf-8")
        temporary.replace(target)

    return write


def _stable(value: Any, positions: dict[int, tuple[str, int]]) -> Any:
    """Return a value in a form that prints the same in every process; a row stands for its table and position."""
    if isinstance(value, BaseModel):
        return positions.get(id(value), (type(value).__name__, -1))
    if isinstance(value, dict):
        return [[_stable(k, positions), _stable(v, positions)] for k, v in value.items()]
    if isinstance(value, set | frozenset):
        return sorted(repr(_stable(v, positions)) for v in value)
    if isinstance(value, list | tuple):
        return [_stable(v, positions) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, [[f.name, _stable(getattr(value, f.name), positions)] for f in dataclasses.fields(value)]]
    return repr(value)


def _rows(ds: Any) -> dict[str, list[BaseModel]]:
    """Return the dataset's rows by row class (tables in their order; event and publication as one row each)."""
    found: dict[str, list[BaseModel]] = {}
    for f in dataclasses.fields(ds):
        value = object.__getattribute__(ds, f.name)
        items = value if isinstance(value, tuple) else (value,)
        for row in items:
            if isinstance(row, BaseModel):
                found.setdefault(type(row).__name__, []).append(row)
    return found


class _Parts:
    """One dataset's parts as a fingerprint takes them, each worked out once: a dataset does not change, and a book of
    thousands of rows has thousands of pages to fingerprint."""

    def __init__(self, ds: Any) -> None:
        """Index the dataset's rows (held weakly through them: the dataset itself is not kept)."""
        self.rows = _rows(ds)
        self.positions = {id(row): (cls, i) for cls, items in self.rows.items() for i, row in enumerate(items)}
        self._fields: dict[tuple[str, str], str] = {}
        self._attributes: dict[str, str] = {}

    def field(self, cls: str, name: str) -> str:
        """Return the digest of a field in every row of a class."""
        if (cls, name) not in self._fields:
            values = json.dumps([repr(getattr(row, name, None)) for row in self.rows.get(cls, [])])
            self._fields[cls, name] = hashlib.sha256(values.encode()).hexdigest()
        return self._fields[cls, name]

    def cell(self, cls: str, name: str, place: int) -> str:
        """Return a field of one row, by its place among its class's rows."""
        found = self.rows.get(cls, [])
        return repr(getattr(found[place], name, None)) if place < len(found) else "no such row"

    def attribute(self, ds: Any, name: str) -> str:
        """Return the digest of one of the dataset's other attributes, a row standing for its table and position."""
        if name not in self._attributes:
            try:
                value = object.__getattribute__(ds, name)
            except AttributeError:
                value = getattr(type(ds), name, None)
            stable = _stable(value, self.positions) if not callable(value) else "method"
            self._attributes[name] = hashlib.sha256(json.dumps(stable, default=repr).encode()).hexdigest()
        return self._attributes[name]


#: Each dataset's parts, by id() (a dataset is not hashable), while the dataset lives.
_PARTS: dict[int, _Parts] = {}


def _parts(ds: Any) -> _Parts:
    """Return a dataset's parts, worked out on first use and forgotten with the dataset."""
    found = _PARTS.get(id(ds))
    if found is None:
        found = _PARTS[id(ds)] = _Parts(ds)
        weakref.finalize(ds, _PARTS.pop, id(ds), None)
    return found


def _dataset_part(ds: Any, reads: Reads) -> list[Any]:
    """Return the parts of one dataset the reads name: each read field of every row (or of the rows read, by place), and
    each read attribute."""
    parts = _parts(ds)
    fields: list[list[Any]] = [[cls, name, parts.field(cls, name)] for cls, name in sorted(reads.fields)]
    fields += [[cls, name, place, parts.cell(cls, name, place)] for cls, name, place in sorted(reads.cells)]
    attributes = [[name, parts.attribute(ds, name)] for name in sorted(reads.attributes)]
    return [fields, attributes]


def _file_digest(path: str) -> str:
    """Return a file's SHA-256, or 'missing'."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "missing"


@functools.cache
def package_digest() -> str:
    """Return one digest of every file of the package, once per process (a change to its code, catalogues or vendored
    bundles may change any chapter's output)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(PACKAGE_DIR)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def fingerprint(datasets: list[Any], reads: Reads, package: str, unlike: Collection[str] = ()) -> str:
    """Return the digest of exactly what the reads name, in the given datasets, files, settings and package code.

    ``unlike``: settings left out, being set part-way through a build (and following what is taken into account).
    """
    with paused():
        parts = [_dataset_part(ds, reads) for ds in datasets]
    ignored = _NOT_INPUTS | set(unlike)
    settings = sorted((k, v) for k, v in os.environ.items() if k.startswith(_SETTINGS_PREFIX) and k not in ignored)
    files = [[path, _file_digest(path)] for path in sorted(reads.files)]
    text = json.dumps([parts, files, settings, package], sort_keys=True, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()
