"""CSV cells that a spreadsheet program would run as formulas: defused on the way out, restored on the way in."""

from __future__ import annotations

import csv
import io

#: Cells beginning with these characters run as formulas when a CSV file is opened in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: The prefix OWASP advises: a spreadsheet then shows the cell as text.
DEFUSE_PREFIX = "'"


def _looks_defused(value: str) -> bool:
    """Return whether a cell is apostrophes followed by a formula start (so restore would shorten it)."""
    return value.startswith(DEFUSE_PREFIX) and value.lstrip(DEFUSE_PREFIX).startswith(FORMULA_STARTS)


def defuse(value: str) -> str:
    """Return the cell with an apostrophe in front if a spreadsheet would read it as a formula."""
    return DEFUSE_PREFIX + value if value.startswith(FORMULA_STARTS) or _looks_defused(value) else value


def restore(value: str) -> str:
    """Return a cell as it was before defuse: the loader reads the book's own downloads back unchanged."""
    return value[1:] if value[:1] == DEFUSE_PREFIX and _looks_defused(value) else value


def defused_csv(text: str) -> str:
    """Return CSV text with every cell that would run as a formula defused (the text unchanged if none would)."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if all(defuse(cell) == cell for row in rows for cell in row):
        return text
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([defuse(cell) for cell in row] for row in rows)
    return buffer.getvalue()
