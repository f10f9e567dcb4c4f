"""Property-based tests of the loader: whatever a cell or a file holds, the result is data or a clear report."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import DataError, load_dataset
from briefing.core.translations import checked_translations
from briefing.text.safecsv import FORMULA_STARTS, defuse, restore
from helpers import DATA, give_reason, read_rows

#: Few examples, each a full load of the data folder (about 0.1 s), so the suite stays fast.
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
#: Any text a person could type or paste into a cell (no unpaired surrogates, which no file can hold).
#: The files a broken themes.csv can affect: itself and the tables that refer to themes.
THEME_FILES = {"themes.csv", "contribution_themes.csv", "key_messages.csv"}
CELL = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)
#: The German catalogue, and the entry of a paragraph (a Text field) the examples translate anew.
CATALOGUE, PARAGRAPH = "translations/de.po", "contributions.csv|meyer|summary"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A copy of the shipped data whose files each example rewrites and then puts back."""
    target = tmp_path_factory.mktemp("properties") / "data"
    shutil.copytree(DATA, target)
    give_reason(target, "contributions.csv", "*", "topic")  # the examples change topics: every change needs its reason
    give_reason(target, CATALOGUE, PARAGRAPH, "msgstr")  # and a translation
    return target


def csv_text(rows: list[dict[str, str]]) -> str:
    """Write rows as CSV text the way a spreadsheet program would (quoting where needed)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def load_with(folder, file: str, content: bytes):
    """Load the folder with one file replaced, then restore it; return the dataset or the DataError."""
    path = folder / file
    original = path.read_bytes()
    path.write_bytes(content)
    try:
        return load_dataset(folder, fresh=True)
    except DataError as error:
        return error
    finally:
        path.write_bytes(original)


@PROPERTY
@given(value=CELL)
def test_any_text_in_a_free_text_cell_loads_or_is_reported_there(folder, value):
    """Any text in a contribution's topic either loads as typed (trimmed) or is reported at that row and column only."""
    rows = read_rows(DATA / "contributions.csv")
    rows[4]["topic"] = value
    result = load_with(folder, "contributions.csv", csv_text(rows).encode("utf-8"))
    if isinstance(result, DataError):
        assert result.problems and all(str(p).startswith("contributions.csv, row 6, column 'topic'") for p in result.problems)
    else:
        assert result.contribution[rows[4]["id"]].topic == restore(value).strip()


def translated(folder, context: str, value: str) -> bytes:
    """Return the folder's German catalogue with one entry's translation set to a value, written as Babel writes it."""
    with (folder / CATALOGUE).open("rb") as file:
        catalogue = read_po(file, locale="de")
    next(m for m in catalogue if m.context == context).string = value
    buffer = io.BytesIO()
    write_po(buffer, catalogue, width=100)
    return buffer.getvalue()


@PROPERTY
@given(value=CELL)
def test_any_text_as_a_german_translation_loads_or_is_reported_there(folder, value):
    """Any German translation of a paragraph either loads as written (trimmed) or is reported at its entry in de.po only."""
    path, original = folder / CATALOGUE, (folder / CATALOGUE).read_bytes()
    path.write_bytes(translated(folder, PARAGRAPH, value))
    try:
        result: object = checked_translations(load_dataset(folder, fresh=True), "de").get(PARAGRAPH)
    except DataError as error:
        result = error
    finally:
        path.write_bytes(original)
    if isinstance(result, DataError):
        assert result.problems and all(
            p.file == CATALOGUE and p.row and p.column == PARAGRAPH and "the translation" in p.message for p in result.problems
        ), result.report()
    else:
        assert str(result or "").strip() == value.strip()


@PROPERTY
@given(value=CELL)
def test_any_text_as_the_title_loads_or_is_reported_there(folder, value):
    """Any title in publication.yml either loads as written (trimmed) or is reported at that field only."""
    text = (DATA / "publication.yml").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("title:"))
    written = yaml.safe_dump({"title": value}, width=float("inf"), allow_unicode=False).strip()
    result = load_with(folder, "publication.yml", text.replace(line, written, 1).encode("utf-8"))
    if isinstance(result, DataError):
        assert result.problems and all(str(p).startswith("publication.yml, column 'title'") for p in result.problems)
    else:
        assert result.publication.title == value.strip()


@PROPERTY
@given(content=st.binary(max_size=2000))
def test_any_bytes_as_a_table_give_data_or_a_report(folder, content):
    """Whatever bytes a table file holds, loading returns data or a report naming problems, never another exception."""
    result = load_with(folder, "themes.csv", content)
    if isinstance(result, DataError):
        assert result.problems and all(p.message.strip() for p in result.problems)
        assert {p.file for p in result.problems} <= THEME_FILES, result.report()
    else:
        assert {link.theme_id for link in result.links} <= {t.id for t in result.themes}


@PROPERTY
@given(order=st.permutations(range(13)), broken=st.integers(0, 12))
def test_row_order_does_not_matter_and_rows_are_named_where_they_are(folder, order, broken):
    """Contributions in any row order load the same, and a bad cell is reported at the row it sits in."""
    rows = read_rows(DATA / "contributions.csv")
    shuffled = [dict(rows[i]) for i in order]
    same = load_with(folder, "contributions.csv", csv_text(shuffled).encode("utf-8"))
    assert same.contributions == load_dataset(DATA).contributions
    shuffled[broken]["order"] = "first"
    failed = load_with(folder, "contributions.csv", csv_text(shuffled).encode("utf-8"))
    assert [str(p) for p in failed.problems] == [
        f"contributions.csv, row {broken + 2}, column 'order': expected a whole number (found: 'first')"
    ]


@given(value=CELL)
def test_defused_cells_never_run_and_restore_exactly(value):
    """A defused cell never starts like a formula, and restoring it gives back the original text."""
    assert not defuse(value).startswith(FORMULA_STARTS)
    assert restore(defuse(value)) == value
