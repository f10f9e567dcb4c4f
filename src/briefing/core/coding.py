"""The coders' tables in the data folder (``coding/``): reading them, and checking the resolutions of their disagreements."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.core.errors import DataError, Problem
from briefing.core.inputs import read_kept_text
from briefing.core.schema import NEUTRAL_PLACE_COLUMN, PLACE_COLUMN, place_column

if TYPE_CHECKING:
    from briefing.core.model import Dataset

#: Folder (inside the data folder) with the raw codings and the resolutions.
CODING_DIR = "coding"
CODER_FILES = {1: "coder-1.csv", 2: "coder-2.csv"}
RESOLUTIONS_FILE = "resolutions.csv"
RULES_FILE = "rules.md"
#: How a rule is numbered in the rules file: a bold "R<number>." at the start of a list item.
RULE_NUMBER = re.compile(r"^- \*\*(R\d+)\.", re.M)
CODING_COLUMNS = ["contribution_id", "theme_id", "evidence", "about_ruhr"]
#: The names the place column may have in a coder's file, as in contribution_themes.csv (this book's, another region's).
PLACE_COLUMNS = (PLACE_COLUMN, NEUTRAL_PLACE_COLUMN)
RESOLUTION_COLUMNS = ["contribution_id", "theme_id", "coder_1", "coder_2", "decision", "rule"]

Pair = tuple[str, str]


def coding_path(data_dir: Path, name: str) -> Path:
    """Return the path of a file in the data folder's coding folder."""
    return data_dir / CODING_DIR / name


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """Return a CSV file's rows with their spreadsheet row numbers (the header is row 1)."""
    reader = csv.DictReader(io.StringIO(read_kept_text(path), newline=""))
    return [(reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}) for row in reader]


def read_links(path: Path) -> dict[Pair, dict[str, str]] | None:
    """Return a coder's rows by (contribution, theme) pair, or None if the file does not exist."""
    if not path.is_file():
        return None
    rows = _rows(path)
    for number, row in rows:
        for column in CODING_COLUMNS[:2]:
            if not row.get(column):
                raise DataError(
                    [
                        Problem(
                            f"{CODING_DIR}/{path.name}",
                            number,
                            column,
                            f"this column must have a value (the columns are {', '.join(CODING_COLUMNS[:3])} and "
                            f"{' or '.join(PLACE_COLUMNS)})",
                        )
                    ]
                )
    return {(row["contribution_id"], row["theme_id"]): row for _, row in rows}


def place_column_of(path: Path) -> str:
    """Return the name a coder's file gives the column of a point's place: 'about_region' where its header says so, else
    'about_ruhr' (the header of a missing file counts as this book's)."""
    header = next(csv.reader(io.StringIO(read_kept_text(path), newline="")), []) if path.is_file() else []
    return place_column([name.strip() for name in header])


def place_of(row: dict[str, str]) -> str:
    """Return a coder's row's answer on the place (its about_ruhr or about_region), lower case ('' if it has none)."""
    return next((row[c] for c in PLACE_COLUMNS if c in row), "").lower()


def read_coding(path: Path) -> set[Pair] | None:
    """Return the (contribution, theme) pairs a coder linked, or None if the file does not exist."""
    links = read_links(path)
    return None if links is None else set(links)


def codings(ds: Dataset) -> tuple[set[Pair] | None, set[Pair] | None]:
    """Return the first and the second coding of the dataset (None where a file is missing)."""
    return read_coding(coding_path(ds.data_dir, CODER_FILES[1])), read_coding(coding_path(ds.data_dir, CODER_FILES[2]))


def rule_numbers(data_dir: Path) -> set[str]:
    """Return the numbers of the coding rules (R1, R2, …) in the rules file."""
    path = coding_path(data_dir, RULES_FILE)
    return set(RULE_NUMBER.findall(read_kept_text(path))) if path.is_file() else set()


def _yes_no(value: str) -> bool | None:
    """Read yes or no, or None for anything else."""
    return {"yes": True, "no": False}.get(value.lower())


def resolution_problems(ds: Dataset) -> Iterator[Problem]:
    """Each resolution must state both coders' answers truly, name a rule and match contribution_themes.csv.

    Every disagreement needs one.
    """
    one, two = codings(ds)
    if one is None:
        return
    final = {(link.contribution_id, link.theme_id) for link in ds.links}
    path = coding_path(ds.data_dir, RESOLUTIONS_FILE)
    where = f"{CODING_DIR}/{RESOLUTIONS_FILE}"
    resolved: dict[Pair, bool] = {}
    rules = rule_numbers(ds.data_dir)
    for number, row in _rows(path) if path.is_file() else []:
        missing = [c for c in RESOLUTION_COLUMNS if c not in row]
        if missing:
            yield Problem(where, None, missing[0], f"missing column; expected the columns {', '.join(RESOLUTION_COLUMNS)}")
            return
        pair = (row["contribution_id"], row["theme_id"])
        if pair[0] not in ds.contribution:
            yield Problem(where, number, "contribution_id", "no contribution has this id in contributions.csv", pair[0])
        if pair[1] not in ds.theme:
            yield Problem(where, number, "theme_id", "no theme has this id in themes.csv", pair[1])
        for column, coding in (("coder_1", one), ("coder_2", two)):
            said = _yes_no(row[column])
            if said is None:
                yield Problem(where, number, column, "expected 'yes' or 'no'", row[column])
            elif coding is not None and said != (pair in coding):
                yield Problem(
                    where,
                    number,
                    column,
                    f"does not match {CODER_FILES[int(column[-1])]}, "
                    f"which {'links' if pair in coding else 'does not link'} this pair",
                    row[column],
                )
        decision = _yes_no(row["decision"])
        if decision is None:
            yield Problem(where, number, "decision", "expected 'yes' or 'no'", row["decision"])
        else:
            resolved[pair] = decision
            if decision != (pair in final):
                yield Problem(
                    where,
                    number,
                    "decision",
                    f"contribution_themes.csv {'links' if pair in final else 'does not link'} this pair, "
                    f"but the decision is '{row['decision']}'",
                    row["decision"],
                )
        if row["rule"] not in rules:
            known = ", ".join(sorted(rules, key=lambda r: int(r[1:]))) or f"none: {CODING_DIR}/{RULES_FILE} is missing"
            yield Problem(
                where,
                number,
                "rule",
                f"name the coding rule that decides the disagreement, "
                f"by its number in {CODING_DIR}/{RULES_FILE} (known: {known})",
                row["rule"],
            )
    if two is not None:
        for pair in sorted((one ^ two) - set(resolved)):
            yield Problem(where, None, "decision", "the coders disagree on this pair and no row decides it", " → ".join(pair))


def reconciled(ds: Dataset) -> set[Pair] | None:
    """Return the links the codings call for: the first coding alone, or what both coders agree on plus resolved pairs."""
    one, two = codings(ds)
    if one is None:
        return None
    if two is None:
        return one
    path = coding_path(ds.data_dir, RESOLUTIONS_FILE)
    decided = {
        (r["contribution_id"], r["theme_id"])
        for _, r in (_rows(path) if path.is_file() else [])
        if r.get("decision", "").lower() == "yes"
    }
    return (one & two) | decided
