"""Interactive tables load their rows from static files in the book, and the benchmark's helpers measure them."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from briefing.core.load import load_dataset
from briefing.notebook.interactive import BOOK_BUILD_ENV, HTML_DIR_ENV, PAGE_LENGTH, ROWS_DIR, interactive_table
from briefing.testing import projects as builds

THEMES = "chapters/themes.html"


def rows_file(html: str, root) -> dict:
    """Return the JSON rows file an interactive table's HTML loads, relative to a chapter page."""
    url = re.search(r'"ajax": "([^"]+)"', html).group(1)
    return json.loads((root / "chapters" / url).resolve().read_text(encoding="utf-8"))


def test_book_tables_write_every_row_to_a_file_and_page_long_ones(monkeypatch, tmp_path):
    """In the book a long table's rows all go, escaped, to a JSON file; the page keeps a short preview and pages the rows."""
    monkeypatch.setenv(BOOK_BUILD_ENV, "1")
    monkeypatch.setenv(HTML_DIR_ENV, str(tmp_path))
    frame = pd.DataFrame({"Text": ["<script>alert(1)</script>"] + [f"row {i} " + "x" * 200 for i in range(1999)]})
    html = interactive_table(frame, "Caption", table_id="probe", facets=["Text"]).data
    data = rows_file(html, tmp_path)["data"]
    assert len(data) == 2000 and data[0] == ["&lt;script&gt;alert(1)&lt;/script&gt;"]
    assert "row 1998 " not in html and len(html) < 20_000 and "<script>alert(1)" not in html
    assert f'"pageLength": {PAGE_LENGTH}' in html and '"deferRender": true' in html
    assert "The first 10 of 2,000 rows" in html  # the preview says what it leaves out
    assert [p.name for p in (tmp_path / ROWS_DIR).iterdir()] == [re.search(r"(probe-\w+\.json)", html).group(1)]


def test_changed_rows_get_a_new_file_and_the_old_one_goes(monkeypatch, tmp_path):
    """New rows are written under a new name (browsers never serve stale rows) and the old file is removed."""
    monkeypatch.setenv(BOOK_BUILD_ENV, "1")
    monkeypatch.setenv(HTML_DIR_ENV, str(tmp_path))
    first = interactive_table(pd.DataFrame({"A": ["one"]}), "Caption", table_id="probe").data
    second = interactive_table(pd.DataFrame({"A": ["two"]}), "Caption", table_id="probe").data
    names = [p.name for p in (tmp_path / ROWS_DIR).iterdir()]
    assert len(names) == 1 and names[0] in second and names[0] not in first


@pytest.mark.book
def test_themes_page_loads_every_theme_link_from_its_rows_file(book, dataset):
    """The built themes page loads its theme links from a static file that holds every link, and does not inline them."""
    html = book.page("themes")
    links = re.search(r'<table id="theme-links".*?new ITable', html, re.S).group(0)
    assert len(rows_file(links, book.html)["data"]) == len(dataset.links)
    assert dataset.links[-1].evidence not in html.split('id="theme-links_fallback"')[0]


@pytest.mark.book
def test_own_weight_counts_a_page_s_rows_files_but_not_the_shared_bundle(book):
    """The benchmark counts each table's rows file for its page only, and the shared DataTables bundle for no page."""
    weights = builds.own_weights(book.html)
    own = builds.references(book.html, book.html / THEMES)
    assert (
        any(f.suffix == ".json" for f in own) and weights[THEMES]["own_files"] >= builds.table_data_bytes(book.html, THEMES) > 0
    )
    bundle = [f for f in own if f.name == "dt_bundle.js"]
    assert bundle and weights[THEMES]["own_files"] < bundle[0].stat().st_size  # loaded by the themes page only, yet shared


@pytest.mark.book
def test_rows_file_is_fetched_from_the_book_in_chromium(visit, dataset):
    """In Chromium the theme links arrive from the book's own rows file and every one is in the table."""
    opened = visit("themes")
    assert any(f"/{ROWS_DIR}/theme-links-" in url for url in opened.requests)
    count = opened.page.evaluate("() => $('#theme-links').DataTable().rows().count()")
    assert count == len(dataset.links)


def test_benchmark_summary_edit_keeps_the_data_valid(data_copy):
    """The benchmark's one changed summary passes every check, so its rebuild measures a real data change."""
    old = builds.change_one_summary(data_copy, "According to the report, the benchmark replaced this summary.")
    ds = load_dataset(data_copy)
    assert ds.contributions[0].summary.startswith("According to the report, the benchmark") and old != ds.contributions[0].summary


def test_benchmark_script_imports_what_it_uses():
    """`benchmarks/run.py` (what `make bench` runs) finds every module it imports and shows its usage."""
    import subprocess
    import sys

    from helpers import PROJECT_ROOT

    result = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "benchmarks" / "run.py"), "--help"], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0 and "usage: run.py" in result.stdout, result.stderr
