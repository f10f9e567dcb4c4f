"""What a reader's first visit to each page transfers (Chromium, 127.0.0.1): within the budgets of issue 13, all local."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from briefing.testing.reader_metrics import TEXT_PAGE_BUDGET, THEMES_PAGE_BUDGET, transferred_bytes
from helpers import EVERY_PAGE

pytestmark = pytest.mark.book

THEMES = "chapters/themes.html"


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_first_visit_stays_within_budget_and_on_this_host(browser, site, path):
    """A first visit transfers at most 500 KB (the themes page 900 KB), all from 127.0.0.1, and only search loads its index."""
    context = browser.new_context()
    try:
        total, files = transferred_bytes(context.new_page(), f"{site.base}/{path}")
    finally:
        context.close()
    budget = THEMES_PAGE_BUDGET if path.removeprefix("de/") == THEMES else TEXT_PAGE_BUDGET
    heaviest = sorted(files, key=lambda f: -f[1])[:5]
    assert total <= budget, (total, heaviest)
    assert {urlparse(url).hostname for url, _ in files if not url.startswith("data:")} == {"127.0.0.1"}
    assert any(urlparse(url).path.endswith("/searchindex.js") for url, _ in files) == path.endswith("search.html")


def test_slimmed_files_keep_their_licences(book):
    """Every stylesheet keeps the licence comments of the original, and the cut icon fonts carry their font licence."""
    from briefing.build.slim import ICON_FONTS, licence_comments

    originals = book.project / "_build" / "slim" / "originals"
    stylesheets = sorted(originals.rglob("*.css"))
    assert any(licence_comments(p.read_text(encoding="utf-8")) for p in stylesheets)
    for original in stylesheets:
        built = (book.html / original.relative_to(originals)).read_text(encoding="utf-8")
        assert all(c in built for c in licence_comments(original.read_text(encoding="utf-8"))), original.name
    notice = (book.html / ICON_FONTS / "LICENSE.txt").read_text(encoding="utf-8")
    assert "Font Awesome Free" in notice and "SIL OPEN FONT LICENSE Version 1.1" in notice
