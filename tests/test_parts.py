"""Contribution pages at scale: perspectives with more contributions than a page holds get pages of their own."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from briefing import load_dataset
from briefing.publish.parts import PARTS_FOLDER, all_parts, parts_of, write_part_sources
from briefing.testing.synthetic import write_synthetic_dataset
from helpers import BASE_URL, Build, Pending, background, build_book, make_project, pending_build

#: Contributions per page in the split test book (the real limit is 200: a 30-contribution book shows the layout).
PER_PAGE = 4
CONTRIBUTIONS = 30
#: A contribution's section in the HTML, with its id.
SECTION = re.compile(r'<section class="briefing-contribution" id="([^"]+)"')


def test_a_perspective_within_the_limit_has_no_parts(dataset):
    """The shipped book keeps every contribution in its perspective's chapter (its addresses never change)."""
    assert all_parts(dataset) == []


def test_parts_hold_every_contribution_once_in_running_order(tmp_path):
    """Parts split a perspective into pages of at most the limit, in running order, numbered from 1."""
    ds = load_dataset(write_synthetic_dataset(CONTRIBUTIONS, tmp_path / "data"))
    for p in ds.perspectives:
        parts = parts_of(ds, p.id, PER_PAGE)
        members = ds.contributions_in(p.id)
        assert [c for part in parts for c in part.members] == members
        assert [part.number for part in parts] == list(range(1, len(parts) + 1))
        assert all(len(part.members) <= PER_PAGE and part.count == len(parts) for part in parts)
        assert parts[1].span.startswith(f"contributions {PER_PAGE + 1}–{2 * PER_PAGE} of {len(members)} (")


def test_part_sources_follow_the_data(tmp_path):
    """Part pages are written for the data at hand; pages another dataset needed are removed, unchanged ones kept."""
    ds = load_dataset(write_synthetic_dataset(CONTRIBUTIONS, tmp_path / "data"))
    src = tmp_path / "book"
    names = write_part_sources(src, ds, PER_PAGE)
    assert len(names) == len(all_parts(ds, PER_PAGE)) > 3
    first = src / f"{names[0]}.md"
    text, stamp = first.read_text(encoding="utf-8"), first.stat().st_mtime_ns
    assert text.startswith("---\norphan: true\n---") and ":part: 1" in text
    stale = src / PARTS_FOLDER / "eu-99.md"
    stale.write_text("left over from other data", encoding="utf-8")
    assert write_part_sources(src, ds, PER_PAGE) == names
    assert not stale.exists() and first.stat().st_mtime_ns == stamp  # unchanged pages are not rewritten
    assert write_part_sources(src, ds, CONTRIBUTIONS) == []
    assert not (src / PARTS_FOLDER).exists()


@background("split_book")
def ready_split_book(root: Path) -> Pending:
    """Make ready the build of a synthetic 30-contribution book with 4 contributions a page, as deployed."""
    project = make_project(root / "project", write_synthetic_dataset(CONTRIBUTIONS, root / "data"))
    config = project / "_config.yml"
    setting = f"  config:\n    briefing_contributions_per_page: {PER_PAGE}\n"
    config.write_text(config.read_text(encoding="utf-8").replace("  config:\n", setting, 1), encoding="utf-8")
    return pending_build(project, BASE_URL)


@pytest.fixture(scope="session")
def split_book(builds) -> Build:
    """A synthetic 30-contribution book with 4 contributions a page, built once as deployed."""
    built = builds.result("split_book")
    assert built.returncode == 0, built.log[-5000:]
    return built


def _page(built: Build, name: str) -> str:
    """Return a built page's HTML."""
    return (built.html / f"{name}.html").read_text(encoding="utf-8")


def test_every_contribution_is_on_exactly_one_part_page(split_book):
    """Each contribution's section is on one part page of its perspective, and no chapter holds one itself."""
    ds = load_dataset(split_book.project / "data")
    for part in all_parts(ds, PER_PAGE):
        assert SECTION.findall(_page(split_book, part.docname)) == [c.id for c in part.members]
    for chapter in ("eu", "international-experts", "ruhr-stakeholders"):
        assert SECTION.findall(_page(split_book, f"chapters/{chapter}")) == []


def test_chapters_and_running_order_link_every_part(split_book):
    """The perspective chapter and the event page's running order link each part page, and each link resolves."""
    ds = load_dataset(split_book.project / "data")
    event = _page(split_book, "chapters/event")
    for p, chapter in zip(ds.perspectives, ("eu", "international-experts", "ruhr-stakeholders"), strict=True):
        html = _page(split_book, f"chapters/{chapter}")
        for part in parts_of(ds, p.id, PER_PAGE):
            href = f"contributions/{p.id}-{part.number}.html#{part.label}"
            assert f'href="{href}"' in html and f'href="{href}"' in event
            assert (split_book.html / f"{part.docname}.html").is_file()


def test_a_part_page_leads_back_and_on(split_book):
    """A middle part names its span and links its chapter and the previous and next parts."""
    ds = load_dataset(split_book.project / "data")
    part = parts_of(ds, "eu", PER_PAGE)[1]
    html = _page(split_book, part.docname)
    text = re.sub(r"<[^>]+>", "", html)
    assert f"This page holds {part.span}" in text
    assert 'href="eu-1.html#contributions-eu-1"' in html and 'href="eu-3.html#contributions-eu-3"' in html
    assert 'href="../eu.html#' in html


def test_contribution_citations_give_the_part_page(split_book):
    """A contribution's citation and its BibTeX file give the address of its part page."""
    ds = load_dataset(split_book.project / "data")
    part = parts_of(ds, "eu", PER_PAGE)[0]
    c = part.members[0]
    url = f"{BASE_URL}{part.docname}.html#{c.id}"
    assert url in _page(split_book, part.docname)
    assert url in (split_book.html / "cite" / f"contribution-{c.id}.bib").read_text(encoding="utf-8")


def test_split_book_has_no_general_index(split_book, book):
    """At scale the general index (every speaker's name on one page) is left out; the shipped book keeps it."""
    assert not (split_book.html / "genindex.html").exists()
    assert (book.html / "genindex.html").is_file()


def test_part_pages_and_their_citation_files_go_when_no_longer_needed(split_book, tmp_path):
    """Rebuilt from the same data with room for all on one page, the book keeps no part page or part citation file."""
    project = tmp_path / "project"
    shutil.copytree(split_book.project, project, symlinks=True)
    config = project / "_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            f"briefing_contributions_per_page: {PER_PAGE}", "briefing_contributions_per_page: 200"
        ),
        encoding="utf-8",
    )
    assert list((project / "_build" / "html" / PARTS_FOLDER).glob("*.html"))  # the copy starts with the parts
    rebuilt = build_book(project, BASE_URL)
    assert rebuilt.returncode == 0, rebuilt.log[-3000:]
    assert not list((rebuilt.html / PARTS_FOLDER).glob("*.html")) and not (project / PARTS_FOLDER).exists()
    assert not list((rebuilt.html / "cite").glob("chapters-contributions-*"))
    assert len(SECTION.findall(_page(rebuilt, "chapters/eu"))) == len(load_dataset(project / "data").contributions_in("eu"))
