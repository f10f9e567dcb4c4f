"""What the editor of a draft still has to write, as a short to-do list grouped by file and column."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing.core.drafts import GAP_PATTERN, is_gap
from briefing.core.schema import (
    EVENT_FILE,
    NOT_YET_KNOWN,
    PUBLICATION_FILE,
    REFERENCES_FILE,
    TABLES,
    Event,
    Publication,
    field_name,
)
from briefing.editor.new.write import PARSE_REPORT, ROWS_HEADING
from briefing.i18n.messages import ngettext
from briefing.text.safecsv import restore

#: Columns an editor writes in a draft, with the words the to-do list uses for them.
_WHAT = {
    "topic": "a short heading (topic)",
    "summary": "a summary (1-3 sentences, attributed to the report)",
    "perspective": "a perspective",
    "role": "the role (the report's header did not say it clearly)",
    "organisation": "the organisation (the report's header did not say it clearly)",
    "definition": "a definition",
    "label": "a label",
    "based_in": "where each speaker's organisation is based (based_in: region, country-outside-region or "
    "outside-country, else eu-institution; unknown while not known)",
}
#: Choices a draft shows as 'not yet known' (schema.NOT_YET_KNOWN) until the editor makes them: still to do.
_CHOICES = frozenset({"based_in"})
#: Tables whose rows the editor adds; an empty one is a to-do.
_EXPECTED_ROWS = {
    "key_messages.csv": "write the key messages for the landing page (key_messages.csv)",
    "themes.csv": "write the theme vocabulary (themes.csv) and the rules that decide a theme link (coding/rules.md)",
}


@dataclass(frozen=True)
class Todo:
    """One thing still to write: where, what, and for which rows."""

    file: str
    what: str
    items: tuple[str, ...] = ()

    def __str__(self) -> str:
        """Format the item as one line of the list."""
        if not self.items:
            return f"{self.file}: {self.what}"
        shown = ", ".join(self.items[:8]) + (f" and {len(self.items) - 8} more" if len(self.items) > 8 else "")
        return f"{self.file}: {self.what} for {len(self.items)} ({shown})"


def _and(names: list[str]) -> str:
    """Return column names as a list in words ('themes, answer and open')."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _blank(value: object) -> bool:
    """Return whether a cell or value is empty or still a marked gap."""
    if isinstance(value, list):
        return not value or all(_blank(v) for v in value)
    return value is None or str(value).strip() == "" or is_gap(str(value))


def _rows(path: Path) -> list[dict[str, str]]:
    """Read a CSV table's rows as the editor wrote them (an unreadable one counts as empty: `briefing validate` says why)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = [{k: restore(v) if isinstance(v, str) else v for k, v in row.items()} for row in csv.DictReader(handle)]
            return [row for row in rows if any((v or "").strip() for v in row.values() if isinstance(v, str))]
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def _cell(file: str, row: dict[str, str], name: str) -> str | None:
    """Return a row's cell of a schema field, under whichever name the file gives the column (about_region)."""
    return next((value for column, value in row.items() if column and field_name(file, column.strip()) == name), None)


def todo_list(folder: Path) -> list[Todo]:
    """Return what a draft data folder still lacks: required texts, theme links and key messages."""
    todos: list[Todo] = []
    for file, model in ((EVENT_FILE, Event), (PUBLICATION_FILE, Publication)):
        try:
            values = yaml.load((folder / file).read_text(encoding="utf-8-sig"), Loader=yaml.BaseLoader) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            values = {}
        missing = tuple(name for name, f in model.model_fields.items() if f.is_required() and _blank(values.get(name)))
        if missing:
            todos.append(Todo(file, "write " + ", ".join(missing)))
    for spec in TABLES:
        rows = _rows(folder / spec.file)
        key = "id" if "id" in spec.model.model_fields else next(iter(spec.model.model_fields))
        plain: dict[tuple[str, ...], list[str]] = {}  # columns without words of their own, gathered when their rows agree
        for name, field in spec.model.model_fields.items():
            if not field.is_required() or name == key:
                continue
            lacking = tuple(
                row.get(key, "?")
                for row in rows
                if _blank(_cell(spec.file, row, name)) or (name in _CHOICES and _cell(spec.file, row, name) == NOT_YET_KNOWN)
            )
            if lacking and name in _WHAT:
                todos.append(Todo(spec.file, f"write {_WHAT[name]}", lacking))
            elif lacking:
                plain.setdefault(lacking, []).append(name)
        todos += [Todo(spec.file, f"write {_and(names)}", lacking) for lacking, names in plain.items()]
        if not rows and spec.file in _EXPECTED_ROWS:
            todos.append(Todo(spec.file, _EXPECTED_ROWS[spec.file]))
    contributions = [row.get("id", "?") for row in _rows(folder / "contributions.csv")]
    linked = {row.get("contribution_id") for row in _rows(folder / "contribution_themes.csv")}
    unlinked = tuple(cid for cid in contributions if cid not in linked)
    if unlinked:
        todos.append(
            Todo(
                "contribution_themes.csv",
                "link themes with evidence (`briefing suggest-themes`, review, then `briefing accept-themes`)",
                unlinked,
            )
        )
    if _has_gap(folder / REFERENCES_FILE):
        todos.append(Todo(REFERENCES_FILE, "complete the report's entry (its title and author, as event.yml gives them)"))
    todos.extend(_parse_checks(folder))
    return todos


def _has_gap(path: Path) -> bool:
    """Return whether a file still holds a marked gap (an unreadable one does not: `briefing validate` says why)."""
    try:
        return GAP_PATTERN.search(path.read_text(encoding="utf-8-sig")) is not None
    except (OSError, UnicodeDecodeError):
        return False


def _parse_checks(folder: Path) -> list[Todo]:
    """Return reminders of the lines `briefing new` could not read or offers a row for, while its report is kept."""
    try:
        text = (folder / PARSE_REPORT).read_text(encoding="utf-8")
    except OSError:
        return []
    wanted = ("## Lines that could not be parsed", "## Lines to check")
    count, rows, section = 0, 0, ""
    for line in text.splitlines():
        if line.startswith("## "):
            section = line
        elif section in wanted and line.startswith("- line "):
            count += 1
        elif section == f"## {ROWS_HEADING}" and line.startswith("    "):
            rows += 1
    todos = []
    if count:
        todos.append(
            Todo(
                PARSE_REPORT,
                f"check the {count} line{'s' if count != 1 else ''} the parser could not read or found "
                "spelt two ways (an editorial note where the report is wrong), then delete the file",
            )
        )
    if rows:
        todos.append(
            Todo(
                PARSE_REPORT,
                ngettext(
                    "paste the {count} row of '{heading}' into contributions.csv if its line to check is a contribution",
                    "paste each of the {count} rows of '{heading}' into contributions.csv if its line to check is a contribution",
                    rows,
                ).format(count=rows, heading=ROWS_HEADING),
            )
        )
    return todos


def todo_report(folder: Path, todos: list[Todo]) -> str:
    """Return the to-do list as numbered lines with the next step."""
    if not todos:
        return (
            f"Nothing left to write in {folder}. Set `status: final` in publication.yml, "
            "then `briefing release` builds the book for publication."
        )
    lines = [
        f"Draft in {folder}: {len(todos)} thing{'s' if len(todos) != 1 else ''} still to write "
        "(the draft book shows each as a marked gap):"
    ]
    lines += [f"  {i}. {todo}" for i, todo in enumerate(todos, 1)]
    lines.append("When the list is empty, set `status: final` in publication.yml and run `briefing release`.")
    return "\n".join(lines)
