"""What changed between editions: added, removed and changed rows of each table, edition by edition."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from briefing.core.errors import Problem
from briefing.core.schema import CHANGES_FILE, TABLES, Change
from briefing.core.snapshots import (
    CATALOGUE_KEY,
    CATALOGUE_TEXT,
    Note,
    Snapshot,
    Table,
    catalogue_files,
    kept_editions,
    read_snapshot,
    snapshot_dir,
)

#: The tables compared between editions: every table except the one that records the reasons, and the translations.
COMPARED_FILES: tuple[str, ...] = (*(spec.file for spec in TABLES if spec.file != CHANGES_FILE), *catalogue_files())
#: The 'field' of a reason that covers a whole row added or removed, and the 'row' of one that covers a whole column.
WHOLE_ROW, EVERY_ROW = "row", "*"

#: Columns that identify a row; a table not listed here is keyed by its 'id'.
KEYS: dict[str, tuple[str, ...]] = {
    "contribution_themes.csv": ("contribution_id", "theme_id"),
    "glossary.csv": ("term", "lang"),
    "changes.csv": ("edition", "file", "row", "field"),
    "slides.csv": ("contribution_id",),
}
#: Bookkeeping columns not compared: positions shift whenever a row is added, and 'source_start' only locates a passage.
NOT_COMPARED = frozenset({"order", "source_start"})

Key = tuple[object, ...]


@dataclass(frozen=True)
class FieldChange:
    """One column of one row that differs between two editions."""

    column: str
    old: object
    new: object


@dataclass(frozen=True)
class RowChange:
    """A row present in both editions whose compared columns differ."""

    key: Key
    old: dict[str, object]
    new: dict[str, object]
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class LocatedNote:
    """A note on what could not be compared, with the edition whose data it is about (None: the current data)."""

    note: Note
    edition: int | None

    def __str__(self) -> str:
        """Return the note in English, as the command line reports it."""
        where = f"edition {self.edition}" if self.edition else "the current data"
        return f"in {where}, {self.note}"


@dataclass(frozen=True)
class TableDiff:
    """What changed in one table: rows added, removed and changed, and what could not be compared."""

    file: str
    added: tuple[dict[str, object], ...] = ()
    removed: tuple[dict[str, object], ...] = ()
    changed: tuple[RowChange, ...] = ()
    notes: tuple[LocatedNote, ...] = ()
    #: Columns the newer table has and the older lacks, and the reverse (both tables kept).
    added_columns: tuple[str, ...] = ()
    removed_columns: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """Return whether nothing changed in the table."""
        return not (self.added or self.removed or self.changed or self.added_columns or self.removed_columns)


@dataclass(frozen=True)
class Comparison:
    """The differences between an older and a newer state of the data."""

    older: Snapshot
    newer: Snapshot
    tables: tuple[TableDiff, ...]

    @property
    def empty(self) -> bool:
        """Return whether no compared table changed."""
        return all(t.empty for t in self.tables)

    def table(self, file: str) -> TableDiff:
        """Return the differences of one table."""
        return next((t for t in self.tables if t.file == file), TableDiff(file))

    @property
    def not_compared(self) -> list[LocatedNote]:
        """Return every note on what could not be compared, once each."""
        return list(dict.fromkeys(note for t in self.tables for note in t.notes))

    @property
    def notes(self) -> list[str]:
        """Return every note on what could not be compared, once each, in English."""
        return [str(note) for note in self.not_compared]


def key_of(file: str) -> tuple[str, ...]:
    """Return the columns that identify a row of a table (a translation: its context, 'file|row|field')."""
    return (CATALOGUE_KEY,) if file in catalogue_files() else KEYS.get(file, ("id",))


def diff_table(old: Table, new: Table, old_edition: int | None = None, new_edition: int | None = None) -> TableDiff:
    """Compare two versions of a table by key: rows added, removed, and changed in the columns both have.

    The editions (None: the current data) say whose data the notes on what could not be compared are about.
    """
    notes = (*(LocatedNote(n, old_edition) for n in old.notes), *(LocatedNote(n, new_edition) for n in new.notes))
    key = key_of(new.file)
    if not old.kept or not new.kept or any(k not in old.columns or k not in new.columns for k in key):
        return TableDiff(new.file, notes=notes)  # a missing file or key column is already among the notes
    compared = [c for c in new.columns if c in old.columns and c not in key and c not in NOT_COMPARED]
    before = {tuple(r[k] for k in key): r for r in old.rows}
    after = {tuple(r[k] for k in key): r for r in new.rows}
    changed = []
    for k in (k for k in after if k in before):  # in the newer file's order
        fields = tuple(FieldChange(c, before[k][c], after[k][c]) for c in compared if before[k][c] != after[k][c])
        if fields:
            changed.append(RowChange(k, before[k], after[k], fields))
    return TableDiff(
        new.file,
        added=tuple(r for k, r in after.items() if k not in before),
        removed=tuple(r for k, r in before.items() if k not in after),
        changed=tuple(changed),
        notes=notes,
        added_columns=tuple(c for c in new.columns if c not in old.columns),
        removed_columns=tuple(c for c in old.columns if c not in new.columns),
    )


def compare(older: Snapshot, newer: Snapshot) -> Comparison:
    """Compare every table of two states of the data."""
    files = [f for f in newer.tables if f in older.tables]
    kept = [f for f in files if f not in catalogue_files() or older.tables[f].kept or newer.tables[f].kept]
    diffs = (diff_table(older.tables[f], newer.tables[f], older.edition, newer.edition) for f in kept)
    return Comparison(older, newer, tuple(diffs))


@dataclass(frozen=True)
class History:
    """A dataset's editions compared one after another, plus any edits not yet released."""

    current_edition: int
    #: Each edition compared with the one before it that was kept, newest first.
    comparisons: tuple[Comparison, ...]
    #: The earliest edition whose data are known (1 means the first edition is known).
    earliest: Snapshot
    #: Current data compared with the snapshot of the current edition, if they differ.
    unreleased: Comparison | None
    #: Whether the current edition's data were kept (if not, the current data stand in for it).
    current_kept: bool


def history(data: Path) -> History:
    """Compare the kept snapshots of a data folder with each other and with its current data."""
    current = read_snapshot(data)
    number = current.edition or 1
    kept = [n for n in kept_editions(data) if n <= number]
    states = {n: read_snapshot(snapshot_dir(data, n)) for n in kept}
    states = {n: Snapshot(n, s.release_date, s.tables) for n, s in states.items()}  # the folder's name is the edition
    unreleased = None
    if number in states:
        pending = compare(states[number], Snapshot(None, current.release_date, current.tables))  # not an edition yet
        unreleased = None if pending.empty else pending
    else:
        states[number] = current
    order = sorted(states)
    comparisons = tuple(compare(states[a], states[b]) for a, b in pairwise(order))[::-1]
    return History(number, comparisons, states[order[0]], unreleased, number in kept)


def key_text(key: Key) -> str:
    """Return a row's key as changes.csv writes it: its values joined by semicolons (a list's items by '+')."""
    return ";".join("+".join(map(str, k)) if isinstance(k, (list, tuple)) else str(k) for k in key)


def row_key(file: str, row: dict[str, object]) -> str:
    """Return the key of a row of a compared table, as changes.csv writes it."""
    return key_text(tuple(row[k] for k in key_of(file)))


@dataclass(frozen=True)
class ChangeItem:
    """One change that needs a reason: a table, a row key (or '*' for a whole column), and a column (or 'row')."""

    file: str
    row: str
    field: str


def change_items(diff: TableDiff) -> list[ChangeItem]:
    """Return every change of one table as items that each need a reason."""
    items = [ChangeItem(diff.file, EVERY_ROW, c) for c in (*diff.added_columns, *diff.removed_columns)]
    items += [ChangeItem(diff.file, row_key(diff.file, r), WHOLE_ROW) for r in (*diff.added, *diff.removed)]
    items += [ChangeItem(diff.file, key_text(c.key), f.column) for c in diff.changed for f in c.fields]
    return items


def translated(item: ChangeItem) -> ChangeItem | None:
    """Return the change of English whose translation a catalogue change is, if item is one: a changed translation follows
    its text's change, a translation added or removed its row's (a new contribution's German texts come with the row)."""
    if item.file not in catalogue_files() or item.field not in (CATALOGUE_TEXT, WHOLE_ROW) or item.row.count("|") != 2:
        return None
    file, row, field = item.row.split("|")
    return ChangeItem(file, row, field if item.field == CATALOGUE_TEXT else WHOLE_ROW)


def reason_for(changes: tuple[Change, ...], edition: int, item: ChangeItem) -> Change | None:
    """Return the recorded reason for a change released in an edition; a reason for row '*' covers its column in every row.

    A translation changed, added or removed without a reason of its own follows its English text or row: their reason covers it.
    """
    for change in changes:
        if (
            change.edition == edition
            and change.file == item.file
            and item.field in change.field
            and change.row in (item.row, EVERY_ROW)
        ):
            return change
    english = translated(item)
    return reason_for(changes, edition, english) if english else None


def released_in(h: History, comparison: Comparison) -> int:
    """Return the edition that releases a comparison's changes (the next one for changes not yet released)."""
    return comparison.newer.edition if comparison.newer.edition is not None else h.current_edition + 1


def missing_reasons(data: Path, changes: tuple[Change, ...]) -> list[tuple[int, int | None, ChangeItem]]:
    """Return (edition, older edition, change) for every change between kept editions or since the last that has no reason."""
    if not kept_editions(data):
        return []
    h = history(data)
    missing = []
    for comparison in (*([h.unreleased] if h.unreleased else []), *h.comparisons):
        edition = released_in(h, comparison)
        for diff in comparison.tables:
            for item in change_items(diff):
                if reason_for(changes, edition, item) is None:
                    missing.append((edition, comparison.older.edition, item))
    return missing


def check_reasons(data: Path, changes: tuple[Change, ...]) -> list[Problem]:
    """Report, with file, row and field, every change since an earlier edition that changes.csv gives no reason for."""
    problems = []
    for edition, older, item in missing_reasons(data, changes):
        what = (
            f"column '{item.field}' was added or removed"
            if item.row == EVERY_ROW
            else ("the row was added or removed" if item.field == WHOLE_ROW else f"column '{item.field}' changed")
        )
        problems.append(
            Problem(
                CHANGES_FILE,
                None,
                None,
                f"no reason is given for a change since edition {older}: {item.file}, row '{item.row}': {what}. "
                f"Add a row: edition {edition}, file {item.file}, row {item.row}, field {item.field}, and the reason",
            )
        )
    return problems


def pending_edition(data: Path) -> int:
    """Return the edition that will release an edit made now: the current one if it is not kept yet, else the next."""
    current = read_snapshot(data).edition or 1
    return current + 1 if current in kept_editions(data) else current


@dataclass(frozen=True)
class EditionState:
    """Which edition a dataset is: a released one (its data equal their kept snapshot) or the preview of the next one."""

    #: The released edition the data are, or the edition a preview's changes will be released in.
    number: int
    released: bool
    #: The newest edition released before (for a released edition: itself), or None when no edition was kept yet.
    last_release: int | None = None
    last_release_date: dt.date | None = None

    @property
    def preview(self) -> bool:
        """Return whether the data are not (yet) a released edition."""
        return not self.released


def edition_state(data: Path, changes: tuple[Change, ...]) -> EditionState:
    """Return whether a data folder is its edition as released or a preview of the next one.

    Released N: publication.yml says edition N, the data equal the kept snapshot of N (the comparison of the revisions
    page finds nothing) and changes.csv gives no reason for a later edition. Anything else is a preview: of N+1 once N
    is kept, of N while its data have not been kept yet.
    """
    current = read_snapshot(data)
    number = current.edition or 1
    kept = kept_editions(data)
    if number in kept:
        snapshot = read_snapshot(snapshot_dir(data, number))
        unchanged = compare(snapshot, current).empty and not any(c.edition > number for c in changes)
        if unchanged:
            return EditionState(number, True, number, snapshot.release_date)
    upcoming = number + 1 if number in kept else number
    earlier = [n for n in kept if n < upcoming]
    last = earlier[-1] if earlier else None
    return EditionState(upcoming, False, last, read_snapshot(snapshot_dir(data, last)).release_date if last else None)
