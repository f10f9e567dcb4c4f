"""Rebuilding follows the data: changes show, markup stays text, bad data leaves the last build alone."""

from __future__ import annotations

import json
import re
import shutil
from html import escape
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefing.build.pdf import book_pages
from briefing.core.load import load_dataset
from briefing.notebook.ipynb import is_notebook
from helpers import (
    BASE_URL,
    PROJECT_ROOT,
    Pending,
    background,
    build_book,
    edit_cell,
    give_reason,
    make_project,
    pending_build,
    read_rows,
    write_rows,
)

pytestmark = pytest.mark.book

EXECUTED = "Executed notebook"
#: Another data folder: a made-up event with four contributions.
FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "made-up-event"
PROBE = "The report says Mr Meyer stressed <script>alert(1)</script> **loud** {ref}`koeder` science in Bochum."


@pytest.fixture(scope="module")
def project(unpublished_build):
    """A copy of the book with its own data, built once before the module's tests (English, no base URL: the session's
    unpublished book, built in this folder; the other modules read a copy of its pages)."""
    return unpublished_build[0].project


def test_no_change_rebuild_executes_nothing(project):
    """Rebuilding without any change starts neither Sphinx nor a notebook and leaves the built book as it was."""
    index = project / "_build" / "html" / "index.html"
    before = index.stat().st_mtime_ns
    again = build_book(project)
    assert again.returncode == 0, again.log[-3000:]
    assert "The book is up to date (0 notebooks executed)" in again.log and "Building the book" not in again.log
    assert index.stat().st_mtime_ns == before


def test_an_english_only_build_links_to_no_german_page(project):
    """A build of the English edition alone (EDITIONS=en) writes no de/ pages and no language switch or hreflang to them."""
    html = project / "_build" / "html"
    assert not (html / "de").exists()
    page = (html / "chapters" / "eu.html").read_text(encoding="utf-8")
    assert "hreflang" not in page and "briefing-language-switch" not in page and 'href="../de/' not in page


def test_a_partial_rebuild_keeps_the_speakers_names_in_the_search_index(project, dataset):
    """After a rebuild of one page, the search index still sends every surname to its speaker's section (Sphinx 7.4
    drops the index entries of pages it does not re-read, sphinx-doc/sphinx#12599)."""
    page = project / "chapters" / "privacy.md"
    page.touch()
    again = build_book(project)
    assert again.returncode == 0, again.log[-3000:]
    assert "Book built in" in again.log  # a touched page is a change: the book is built, not skipped
    text = (again.html / "searchindex.js").read_text(encoding="utf-8")
    entries = json.loads(text[text.index("(") + 1 : text.rindex(")")])["indexentries"]
    for c in dataset.contributions:
        assert any(anchor == c.id and main for _, anchor, main in entries.get(c.speaker.split()[-1].lower(), [])), c.id


def files_in(folder: Path) -> set[str]:
    """Return the paths of every file under a folder, relative to it."""
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def test_switching_data_folders_builds_each_folder(project, tmp_path):
    """After a build, building from another data folder and then the first again shows each folder's data, all pages current,
    and leaves no file of the other build (its sitemap and social-preview images for another address included)."""
    before = files_in(project / "_build" / "html")
    other = tmp_path / "other-data"
    shutil.copytree(FIXTURE, other)
    # The book's title and authors as in data/, so that only the data folder tells the builds apart (as in the
    # bug report, where the other folder was a copy of data/ with two edited cells; a new title alone re-reads every page).
    shipped, publication = load_dataset(project / "data").publication, other / "publication.yml"
    text = publication.read_text(encoding="utf-8").replace("The Made-up Harbour Briefing", shipped.title)
    publication.write_text(text.replace("Test Fixture Editors", shipped.authors[0]), encoding="utf-8")
    switched = build_book(project, BASE_URL, data=other)  # published elsewhere, so it has a sitemap and social cards
    assert switched.returncode == 0, switched.log[-5000:]
    every_page = re.compile(rf"\] {len(book_pages(project))} added")  # the last environment is not reused
    assert every_page.search(switched.sphinx_log)
    assert "building afresh" in switched.log and (switched.html / "sitemap.xml").is_file()
    other_only = files_in(switched.html) - before
    assert '<section class="briefing-contribution" id="testwoman">' in switched.page("eu") and "Engelmann" not in switched.page(
        "eu"
    )
    assert "4 contributions by 4 speakers in 3 perspectives" in switched.page("index") and "Testwoman" in switched.page("event")
    assert "Invented workshop report" in switched.page("references") and "Clusters and the New Economics" not in switched.page(
        "references"
    )
    back = build_book(project)
    assert back.returncode == 0, back.log[-5000:]
    assert every_page.search(back.sphinx_log)
    assert not other_only & files_in(back.html) and not (back.html / "sitemap.xml").exists()
    assert '<section class="briefing-contribution" id="engelmann">' in back.page("eu") and "testwoman" not in back.page("eu")
    assert "13 contributions by 12 speakers" in back.page("index") and "Testwoman" not in back.page("event")
    assert "Clusters and the New Economics" in back.page("references") and "Invented workshop report" not in back.page(
        "references"
    )


def executed_chapters(log: str) -> set[str]:
    """Return the chapters whose notebooks a build's log says were executed (not taken from the cache)."""
    return set(re.findall(r"chapters/([a-z-]+)\.md: Executed notebook", log))


def test_a_data_change_runs_again_only_the_notebooks_that_read_it(project):
    """After a summary (shown by the pages, read by no chapter's code) and a field comparison's statement (read by one
    chapter's code) change, only that chapter's notebook runs again, and no page shows either old text."""
    data = project / "data"
    before = load_dataset(data)
    old_summary = next(c.summary for c in before.contributions if c.id == "engelmann")
    old_statement = next(f.statement for f in before.field_comparison if f.id == "smart-city")
    summary = "According to the report, Ms Engelmann spoke of a rebuilt summary."
    statement = "The Mayor of Herne on the region's smart city potential, as the rebuild probe words it."
    edit_cell(data, "contributions.csv", {"id": "engelmann"}, "summary", summary)
    edit_cell(data, "field_comparison.csv", {"id": "smart-city"}, "statement", statement)
    give_reason(data, "contributions.csv", "engelmann", "summary")
    give_reason(data, "field_comparison.csv", "smart-city", "statement")
    rebuilt = build_book(project)
    assert rebuilt.returncode == 0, rebuilt.log[-5000:]
    assert executed_chapters(rebuilt.sphinx_log) == {"what-it-means"}
    assert "(1 notebooks executed)" in rebuilt.log
    assert summary in rebuilt.page("eu") and statement in rebuilt.page("what-it-means").replace("’", "'")
    for page in book_pages(project):
        html = (rebuilt.html / page).read_text(encoding="utf-8").replace("’", "'")  # the pages' apostrophes are typographic
        if page != "chapters/revisions.html":  # the revisions page shows what was changed, the old text included
            assert escape(old_summary, quote=False) not in html and escape(old_statement, quote=False) not in html, page


def add_a_contribution(data: Path) -> None:
    """Add a contribution (Dr. Erika Muster, in the EU perspective) with its passage in the report and one theme link."""
    source = data / "sources" / "event-report-2020-06-18.txt"
    source.write_text(
        source.read_text(encoding="utf-8") + "\n\nDr. Erika Muster, Test Fixture Office\n\nDr. Erika Muster talks "
        "about testing lead markets in a made-up region for this test.\n",
        encoding="utf-8",
    )
    rows = read_rows(data / "contributions.csv")
    rows.append(
        {
            **rows[1],
            "id": "muster",
            "order": "14",
            "speaker": "Erika Muster",
            "role": "Tester",
            "organisation": "Test Fixture Office",
            "presentation_offered": "no",
            "source_start": "Dr. Erika Muster, Test",
            "topic": "A made-up test contribution",
            "summary": "According to the report, Dr. Muster spoke on tests.",
            "perspective_rationale": "",
            "keywords": "testing",
        }
    )
    write_rows(data / "contributions.csv", rows)
    links = read_rows(data / "contribution_themes.csv")
    links.append(
        {"contribution_id": "muster", "theme_id": "lead-markets", "evidence": "testing lead markets", "about_ruhr": "no"}
    )
    write_rows(data / "contribution_themes.csv", links)
    give_reason(data, "contributions.csv", "muster", "row")
    give_reason(data, "contribution_themes.csv", "muster;lead-markets", "row")


@pytest.fixture(scope="module")
def edited(project):
    """The book rebuilt once after two edits of its data (a summary with markup, a new contribution), which the next two
    tests check one each: one rebuild, as both are data changes that re-run every notebook chapter."""
    edit_cell(project / "data", "contributions.csv", {"id": "meyer"}, "summary", PROBE)
    give_reason(project / "data", "contributions.csv", "meyer", "summary")
    add_a_contribution(project / "data")
    rebuilt = build_book(project)
    assert rebuilt.returncode == 0, rebuilt.log[-5000:]
    return rebuilt


def test_changed_summary_shows_escaped_after_rebuild(project, edited):
    """A summary edited in data/ appears on the next build, with HTML and MyST markup shown as text."""
    rebuilt = edited
    notebooks = [page for page in book_pages(project) if is_notebook(project / page.replace(".html", ".md"))]
    assert rebuilt.sphinx_log.count(EXECUTED) == len(notebooks) > 0  # every notebook chapter reads the data
    assert f"({len(notebooks)} notebooks executed)" in rebuilt.log
    html = rebuilt.page("ruhr-stakeholders")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "**loud**" in html and "{ref}`koeder`" in html
    changes = rebuilt.page("revisions")  # edited after edition 1 was kept, so not yet released
    assert '<section id="unreleased-changes">' in changes and 'href="ruhr-stakeholders.html#meyer"' in changes
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in changes and "<script>alert(1)" not in changes


def test_new_contribution_gets_a_section_in_its_chapter(edited):
    """A new row in contributions.csv adds a section, with anchor and sidebar entry, to its perspective's chapter."""
    rebuilt = edited
    page = rebuilt.page("eu")
    assert '<section class="briefing-contribution" id="muster">' in page and 'href="#muster"' in page
    assert "Dr. Muster spoke on tests." in page and "“testing lead markets”" in page
    assert "14 contributions by 13 speakers" in rebuilt.page("index") and "14 by 13 speakers" in rebuilt.page("event")
    unreleased = BeautifulSoup(rebuilt.page("revisions"), "html.parser").select_one("section#unreleased-changes-contributions")
    assert unreleased.select_one('a[href="eu.html#muster"]') and "Added: Dr. Erika Muster" in unreleased.get_text()


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


def test_a_failing_build_leaves_the_last_good_book(project):
    """A build that fails late (a broken cross-reference, a warning under -W) does not touch the published pages."""
    edit_cell(project / "data", "contributions.csv", {"id": "engelmann"}, "perspective", "eu")
    repaired = build_book(project)
    assert repaired.returncode == 0, repaired.log[-3000:]
    page = project / "_build" / "html" / "chapters" / "eu.html"
    before = (page.read_bytes(), page.stat().st_mtime_ns)
    chapter = project / "chapters" / "eu.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nSee {ref}`no-such-section`.\n", encoding="utf-8")
    failed = build_book(project)
    assert failed.returncode != 0 and "no-such-section" in failed.log
    assert "The book could not be built; the last good book is untouched" in failed.log and "Traceback" not in failed.log
    assert (page.read_bytes(), page.stat().st_mtime_ns) == before


@background("fixture_book")
def ready_fixture_book(root: Path) -> Pending:
    """Make ready the build of a fresh copy of the book with the made-up fixture dataset."""
    return pending_build(make_project(root / "project", data=FIXTURE))


@pytest.fixture(scope="module")
def fixture_book(builds):
    """A fresh copy of the book built from the made-up fixture dataset (in the background while other tests run)."""
    return builds.result("fixture_book")


def test_another_dataset_builds_into_its_own_book(fixture_book):
    """The same chapters build from the made-up fixture dataset and show its contents, not the shipped ones."""
    built = fixture_book
    assert built.returncode == 0, built.log[-5000:]
    index, eu, ruhr = built.page("index"), built.page("eu"), built.page("ruhr-stakeholders")
    assert "4 contributions by 4 speakers in 3 perspectives" in index and "edition 2" in index
    assert (
        '<section class="briefing-contribution" id="testwoman">' in eu
        and '<section class="briefing-contribution" id="mock">' in ruhr
        and '<section class="briefing-contribution" id="fake">' in ruhr
    )
    for page in (index, eu, ruhr, built.page("themes")):
        assert "Engelmann" not in page and "Ruhr Metropolis" not in page
    assert "Invented experts" in built.page("international-experts")
    # The briefing layer follows the data: the made-up report asks no questions and has no outside context.
    assert "The report poses no questions of its own." in index and "Shared testbeds are the invented speakers" in index
    assert "No context from outside the report is recorded." in built.page("what-it-means")
    assert 'href="../downloads/briefing-data-edition-1.zip"' in built.page(
        "data-and-method"
    )  # a cited earlier edition stays available
    assert (built.html / "downloads" / "briefing-data-edition-1.zip").is_file()
    revisions = BeautifulSoup(built.page("revisions"), "html.parser")
    edition = revisions.select_one("section#edition-2")
    text = " ".join(edition.get_text().split())
    assert "Compared with edition 1 (1 September 2030)." in text and "No copy of edition 2’s data has been kept yet" in text
    assert (
        "Added: Dario Fake." in text
        and "Removed: Gina Ghost. Its address (ending #ghost) no longer leads to anything in this book." in text
    )
    assert "summary: was “The made-up report says Prof. Probst compared harbours <b>before</b> edition 2.”" in text
    assert "&lt;b&gt;before&lt;/b&gt;" in built.page("revisions")
    assert "Added: Anna Testwoman – Shared testbeds, with the evidence “ports need shared testbeds”." in text
    assert "Removed: Carla Mock – Shared testbeds (the evidence was “the town’s plan”)." in text
    assert "evidence: was “a green harbour”, now “a green harbour quarter”" in text
    assert "label: was “Cooperation”, now “Regional cooperation”" in text and "New column: keywords, in every row." in text
    links = {a["href"] for a in edition.select("a[href]")}
    assert {"ruhr-stakeholders.html#fake", "international-experts.html#probst", "themes.html#theme-cooperation"} <= links
    assert not any("ghost" in href for href in links) and not revisions.select_one("section#unreleased-changes")
    assert "This is the first edition" in revisions.select_one("section#edition-1").get_text()
