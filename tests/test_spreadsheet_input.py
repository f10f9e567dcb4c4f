"""What spreadsheet programs and keyboards do to the data: each habit is accepted or explained, never a traceback."""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest

from briefing import load_dataset
from briefing.core.schema import DATA_FILES
from briefing.notebook.interactive import HTML_DIR_ENV, interactive_table
from briefing.publish.downloads import write_downloads
from briefing.text.safecsv import FORMULA_STARTS, defuse, restore
from helpers import DATA, edit_cell, give_reason, problems_of, read_rows, write_rows
from test_validation import only

FORMULAS = {
    "topic": '=HYPERLINK("https://example.org","click")',
    "role": "@SUM(A1:A9)",
    "perspective_rationale": "+49 201 1234 was the number given",
}


def set_yaml(folder, file: str, field: str, value: str) -> None:
    """Replace one 'field: value' line of a metadata file."""
    lines = (folder / file).read_text(encoding="utf-8").splitlines()
    lines = [f"{field}: {value}" if line.startswith(f"{field}:") else line for line in lines]
    (folder / file).write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_german_date_is_explained_with_the_iso_form(data_copy):
    """A date written day.month.year, as German spreadsheets do, is reported with the YYYY-MM-DD form to write."""
    set_yaml(data_copy, "event.yml", "date", "18.06.2020")
    assert only(problems_of(data_copy), "event.yml, column 'date'", "write 2020-06-18 for 18.06.2020")


def test_german_two_digit_year_is_explained(data_copy):
    """A release date written 25.11.26 is reported with the full ISO date to write."""
    set_yaml(data_copy, "publication.yml", "release_date", "25.11.26")
    assert only(problems_of(data_copy), "publication.yml, column 'release_date'", "write 2026-11-25")


def test_unicode_text_export_is_explained(data_copy):
    """A table saved as 'Unicode text' (UTF-16 with tabs) is reported with the format to choose instead."""
    path = data_copy / "themes.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace(",", "\t").encode("utf-16"))
    assert only(problems_of(data_copy), "themes.csv", "UTF-16", "CSV UTF-8")


def test_workbook_saved_under_a_csv_name_is_explained(data_copy):
    """An Excel workbook saved as contributions.csv is reported as a workbook, with how to save CSV."""
    (data_copy / "contributions.csv").write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)))
    assert only(problems_of(data_copy), "contributions.csv", "workbook (.xlsx)", "CSV UTF-8")


def test_unreadable_file_is_reported_not_raised(data_copy):
    """A table that cannot be read (here a folder in its place) is reported by name instead of crashing."""
    (data_copy / "themes.csv").unlink()
    (data_copy / "themes.csv").mkdir()
    assert only(problems_of(data_copy), "themes.csv", "cannot be read")


@pytest.mark.parametrize(("separator", "name"), [(";", "semicolons"), ("\t", "tabs")])
def test_other_separators_are_explained(data_copy, separator, name):
    """A table saved with semicolons (the German spreadsheet default) or tabs as separators is reported as such."""
    rows = read_rows(data_copy / "themes.csv")
    lines = [separator.join(rows[0])] + [separator.join(r.values()) for r in rows]
    (data_copy / "themes.csv").write_text("\n".join(lines), encoding="utf-8")
    assert only(problems_of(data_copy), "themes.csv, row 1", f"separated by {name}")


def test_empty_columns_and_rows_a_spreadsheet_adds_are_ignored(data_copy):
    """Trailing empty columns (',,,'), blank lines and empty rows at the end load as if they were not there."""
    path = data_copy / "themes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    padded = [lines[0] + ",,"] + [line + ",," for line in lines[1:5]] + [""] + lines[5:] + [",,,,", ",,,,"]
    path.write_text("\n".join(padded) + "\n", encoding="utf-8")
    assert load_dataset(data_copy).themes == load_dataset(DATA).themes


def test_value_in_an_unnamed_column_is_reported(data_copy):
    """A value typed into a column without a header is reported with its row and column number."""
    path = data_copy / "themes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] += ","
    lines[3] += ",stray note"
    lines[1:3] = [line + "," for line in lines[1:3]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert only(problems_of(data_copy), "themes.csv, row 4", "column 7 has a value but no name")


def test_row_numbers_follow_the_spreadsheet_with_multiline_cells_and_blank_rows(data_copy):
    """With a cell spanning two lines and a blank row above, a problem is reported at the row a spreadsheet shows."""
    rows = read_rows(data_copy / "themes.csv")
    rows[0]["definition"] = "First line of a definition\nsecond line typed with Alt+Enter"
    rows[4]["id"] = "Not An Id"
    write_rows(data_copy / "themes.csv", rows)
    path = data_copy / "themes.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(3, "")  # a blank line: an empty row 3 in a spreadsheet (the cell above spans two lines)
    path.write_text("\n".join(lines), encoding="utf-8")
    assert only(problems_of(data_copy), "themes.csv, row 7, column 'id'")


def test_stray_whitespace_around_values_is_ignored(data_copy):
    """Spaces, tabs and non-breaking spaces around ids and text are stripped, so the data load unchanged."""
    edit_cell(data_copy, "contributions.csv", {"id": "engelmann"}, "perspective", " eu\u00a0")
    edit_cell(data_copy, "contributions.csv", {"id": "engelmann"}, "topic", "\tClusters in smart specialisation  ")
    edit_cell(
        data_copy, "contribution_themes.csv", {"contribution_id": "engelmann", "theme_id": "clusters"}, "theme_id", "clusters "
    )
    give_reason(data_copy, "contributions.csv", "engelmann", "topic")
    ds = load_dataset(data_copy)
    assert ds.contribution["engelmann"].perspective == "eu"
    assert ds.contribution["engelmann"].topic == "Clusters in smart specialisation"


def test_non_breaking_space_inside_an_id_is_named(data_copy):
    """An id with a non-breaking space inside is reported with the character and its position."""
    edit_cell(
        data_copy,
        "contribution_themes.csv",
        {"contribution_id": "engelmann", "theme_id": "clusters"},
        "theme_id",
        "lead\u00a0markets",
    )
    message = only(
        problems_of(data_copy), "contribution_themes.csv", "column 'theme_id'", "non-breaking space (U+00A0) at character 5"
    )
    assert "short id" in message


def test_invisible_character_in_a_name_is_reported(data_copy):
    """A zero-width space pasted into a speaker's name is reported, named and located, instead of breaking search unseen."""
    edit_cell(data_copy, "contributions.csv", {"id": "kiese"}, "speaker", "Matthias\u200bKiese")
    assert only(
        problems_of(data_copy),
        "contributions.csv, row 7, column 'speaker'",
        "cannot be seen",
        "zero-width space (U+200B) at character 9",
    )


def test_evidence_with_a_non_breaking_space_names_it(data_copy):
    """A quotation with a non-breaking space where the report has a plain one is explained, with the character named."""
    edit_cell(
        data_copy,
        "contribution_themes.csv",
        {"contribution_id": "engelmann", "theme_id": "clusters"},
        "evidence",
        "clusters enable\u00a0entrepreneurial discovery processes",
    )
    message = only(problems_of(data_copy), "contribution_themes.csv", "column 'evidence'")
    assert "copy the report's own characters" in message and "non-breaking space (U+00A0)" in message


def test_very_long_field_is_reported_with_its_length(data_copy):
    """A 5,000-character topic is reported with its length and the limit, and the message shows only its start."""
    edit_cell(data_copy, "contributions.csv", {"id": "wilson"}, "topic", "Basque lessons " * 334)
    message = only(problems_of(data_copy), "contributions.csv, row 5, column 'topic'", "is 5,009 characters long; at most 300")
    assert len(message) < 300


def test_runaway_cell_from_an_unclosed_quote_is_explained(data_copy):
    """A quotation mark opened and never closed, swallowing the rest of a big file, is explained rather than crashing."""
    path = data_copy / "glossary.csv"
    text = path.read_text(encoding="utf-8")
    filler = "".join(f"term {n},en,definition {n},foray2012ris3\n" for n in range(6000))
    path.write_text(text + 'Broken,en,"opened and never closed,foray2012ris3\n' + filler, encoding="utf-8")
    assert only(problems_of(data_copy), "glossary.csv", "never closed")


def test_short_row_reports_the_missing_cells(data_copy):
    """A row with fewer cells than the header reports each missing required column."""
    path = data_copy / "themes.csv"
    path.write_text(path.read_text(encoding="utf-8") + "half-row,Half a row\n", encoding="utf-8")
    assert only(problems_of(data_copy), "themes.csv, row 23, column 'definition'", "must have a value")


def test_formula_like_cells_load_as_text_and_are_defused_in_every_download(data_copy, tmp_path):
    """Cells beginning with =, +, - or @ load unchanged, every downloaded CSV defuses them, and the downloads load back."""
    for column, value in FORMULAS.items():
        edit_cell(data_copy, "contributions.csv", {"id": "wilson"}, column, value)
        give_reason(data_copy, "contributions.csv", "wilson", column)
    ds = load_dataset(data_copy)
    assert ds.contribution["wilson"].topic == FORMULAS["topic"]
    written = write_downloads(ds, tmp_path / "downloads")
    for path in (p for p in written if p.suffix == ".csv"):
        with path.open(encoding="utf-8", newline="") as f:
            cells = [cell for row in csv.reader(f) for cell in row]
        assert not [c for c in cells if c.startswith(FORMULA_STARTS)], path.name
    assert "'=HYPERLINK(" in (tmp_path / "downloads" / "contributions.csv").read_text(encoding="utf-8")
    again = tmp_path / "again"
    shutil.copytree(data_copy, again)
    for name in DATA_FILES:
        shutil.copyfile(tmp_path / "downloads" / name, again / name)
    reloaded = load_dataset(again)
    assert reloaded.contributions == ds.contributions and reloaded.links == ds.links


def test_defuse_and_restore_are_inverse():
    """Restoring a defused cell gives it back, and a defused cell never starts like a formula."""
    for value in ["=1+1", "+49", "-3", "@A1", "\tx", "plain", "'quoted", "'=kept", ""]:
        assert restore(defuse(value)) == value
        assert not defuse(value).startswith(FORMULA_STARTS)


@pytest.mark.parametrize("rows_in_file", [False, True], ids=["embedded", "rows-file"])
def test_markup_in_table_cells_is_shown_as_text(rows_in_file, tmp_path, monkeypatch):
    """HTML, script and MyST markup in a table cell reach the page (or the book's rows file) escaped, never as markup."""
    monkeypatch.delenv(HTML_DIR_ENV, raising=False)
    if rows_in_file:
        monkeypatch.setenv(HTML_DIR_ENV, str(tmp_path))
    probe = "<script>alert(1)</script> <b>bold</b> **loud** {ref}`x`"
    page = interactive_table(pd.DataFrame({"Speaker": [probe]}), "Probe", table_id="probe").data
    rows = "".join(p.read_text(encoding="utf-8") for p in tmp_path.rglob("probe-*.json"))
    assert bool(rows) == rows_in_file
    for text in (page, rows):
        assert "<script>alert(1)" not in text and "<b>bold" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in (rows or page)
