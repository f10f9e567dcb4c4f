"""Rebuilding follows the data: changes show, markup stays text, bad data leaves the last build alone."""

from __future__ import annotations

import pytest

from conftest import build_book, edit_cell, make_project

pytestmark = pytest.mark.book

EXECUTED = "Executed notebook"
PROBE = "The report says Mr Meyer stressed <script>alert(1)</script> **loud** {ref}`koeder` science in Bochum."


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the book with its own data, built once before the module's tests."""
    root = make_project(tmp_path_factory.mktemp("rebuild") / "project")
    first = build_book(root)
    assert first.returncode == 0, first.log[-5000:]
    return root


def test_no_change_rebuild_executes_no_notebook(project):
    """Rebuilding without any change re-executes no chapter."""
    again = build_book(project)
    assert again.returncode == 0, again.log[-3000:]
    assert EXECUTED not in again.log


def test_changed_summary_shows_escaped_after_rebuild(project):
    """A summary edited in data/ appears on the next build, with HTML and MyST markup shown as text."""
    edit_cell(project / "data", "contributions.csv", {"id": "meyer"}, "summary", PROBE)
    rebuilt = build_book(project)
    assert rebuilt.returncode == 0, rebuilt.log[-5000:]
    assert rebuilt.log.count(EXECUTED) == 8
    html = rebuilt.page("ruhr-stakeholders")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "**loud**" in html and "{ref}`koeder`" in html


def test_bad_data_stops_the_build_and_keeps_the_last_good_one(project):
    """Invalid data fail the build with file, row and column named, and the built pages stay as they were."""
    page = project / "_build" / "html" / "chapters" / "eu.html"
    before = (page.read_bytes(), page.stat().st_mtime_ns)
    edit_cell(project / "data", "contributions.csv", {"id": "engelmann"}, "perspective", "europe")
    failed = build_book(project)
    assert failed.returncode != 0
    assert "contributions.csv, row 3, column 'perspective'" in failed.log
    assert "Traceback" not in failed.log
    assert (page.read_bytes(), page.stat().st_mtime_ns) == before
