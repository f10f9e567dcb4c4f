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


#: What German Excel and LibreOffice in a German locale need to open a CSV file by double-click: a byte-order mark (else
#: they read UTF-8 as Windows-1252, "GÃ¤rtner"), semicolons (their list separator, as the comma is the decimal mark) and
#: Windows line ends. No "sep=;" line: Excel then ignores the byte-order mark.
EXCEL_BOM = "\ufeff"
EXCEL_DELIMITER = ";"
EXCEL_LINE_END = "\r\n"


def excel_csv(text: str, header: list[str] | None = None) -> bytes:
    """Return CSV text as a file German Excel opens by double-click (BOM, ';', CRLF), formulas defused, header relabelled."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if header is not None and rows:
        if len(header) != len(rows[0]):
            raise ValueError(f"a header of {len(header)} labels for {len(rows[0])} columns")
        rows[0] = header
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=EXCEL_DELIMITER, lineterminator=EXCEL_LINE_END)
    writer.writerows([defuse(cell) for cell in row] for row in rows)
    return (EXCEL_BOM + buffer.getvalue()).encode("utf-8")
