"""Problems found in the data, reported with file, row, column and what was expected."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic_core import ErrorDetails

from briefing.core.source import invisible_hint


@dataclass(frozen=True)
class Problem:
    """One violation: where it is (file, spreadsheet row, column) and what was expected."""

    file: str
    row: int | None
    column: str | None
    message: str
    value: str | None = None

    def __str__(self) -> str:
        """Format the problem as one line a person can act on."""
        table = self.file.endswith(".csv")  # a spreadsheet has rows; other files have lines
        where = self.file
        if self.row is not None:
            where += f", {'row' if table else 'line'} {self.row}"
        if self.column:
            where += f", {_LABELS.get(Path(self.file).suffix, 'column')} '{self.column}'"
        shown = "" if self.value is None else f" (found: {_shorten(self.value)!r})"
        return f"{where}: {self.message}{shown}"


#: What a problem's column is called in files that are not tables (metadata files keep 'column', as in their messages).
_LABELS = {".po": "entry", ".bib": "field"}


def _shorten(value: str, limit: int = 80) -> str:
    """Cut a long value so a message stays readable."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


#: Most problems a report lists: past them the data are usually the wrong file, and the first ones say what to fix.
REPORT_LIMIT = 200


class DataError(Exception):
    """The data folder is invalid; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(self.report())

    def report(self, limit: int = REPORT_LIMIT) -> str:
        """Return the problems as a numbered, human-readable report: the first `limit`, then how many more there are."""
        count = len(self.problems)
        head = f"The briefing data has {count:,} problem{'s' if count != 1 else ''}:"
        lines = [f"  {i}. {p}" for i, p in enumerate(self.problems[:limit], 1)]
        more = count - limit
        tail = [f"  … and {more:,} more problem{'s' if more != 1 else ''} (fix the ones above first)"] if more > 0 else []
        return "\n".join([head, *lines, *tail])


def unknown_references(
    known: Collection[str], file: str, row: int | None, column: str, keys: Iterable[str], why: str = ""
) -> Iterator[Problem]:
    """Report every citation key that references.bib does not hold, with why a citation is needed there (if given)."""
    for key in keys:
        if key not in known:
            yield Problem(file, row, column, "no entry with this key in references.bib" + (f": {why}" if why else ""), key)


#: What a person reads for pydantic's error types.
_FRIENDLY = {
    "missing": "this column must have a value",
    "string_too_short": "must not be empty",
    "string_pattern_mismatch": "expected a short id of lower-case letters, digits and hyphens (e.g. 'lead-markets')",
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "greater_than_equal": "expected a number of at least 1",
    "date_from_datetime_parsing": "expected a date written YYYY-MM-DD",
    "date_parsing": "expected a date written YYYY-MM-DD",
    "date_type": "expected a date written YYYY-MM-DD",
    "literal_error": "expected one of the listed values",
    "too_short": "must list at least one id",
    "extra_forbidden": "is not a known field",
}


def problem_message(error: ErrorDetails, raw: object) -> str:
    """Return what a person reads for one of pydantic's errors about a value."""
    message = _FRIENDLY.get(error["type"], error["msg"])
    if error["type"] == "literal_error":
        message = error["msg"].replace("Input should be", "expected")
    elif error["type"] == "value_error":
        message = str(error["ctx"]["error"])
    if error["type"] == "string_too_long":
        message = f"is {len(str(raw).strip()):,} characters long; at most {error['ctx']['max_length']:,} are allowed"
    if isinstance(raw, str) and (hint := invisible_hint(raw)):
        message += f" ({hint})"
    return message
