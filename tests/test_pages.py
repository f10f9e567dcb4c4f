"""Every page of the published book: self-contained, error-free, accessible, light to load (Chromium, 127.0.0.1: within
the budgets of issue 13, all local), usable on a phone and in print."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from briefing.build.slim import ICON_FONTS, licence_comments
from briefing.testing.reader_metrics import TEXT_PAGE_BUDGET, THEMES_PAGE_BUDGET
from helpers import EVERY_PAGE, PROJECT_ROOT, Visit, footer_edition, opened

pytestmark = pytest.mark.book

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
THEMES = "chapters/themes.html"


def test_the_list_covers_every_built_page(book):
    """The checks below visit every HTML page the build wrote, English and German (theme macros in _static are not pages)."""
    built = {str(p.relative_to(book.html)) for p in book.html.rglob("*.html") if p.parts[-2] != "_static"}
    assert built == set(EVERY_PAGE)


@pytest.fixture(scope="module", params=EVERY_PAGE, ids=EVERY_PAGE)
def first_visit(request, browser, site) -> Iterator[tuple[str, Visit]]:
    """A reader's first visit to one page (a fresh context, the default size), with what it transferred: opened once
    for the checks of that visit below (pytest runs them one page after another)."""
    with opened(browser, f"{site.base}/{request.param}", transferred=True) as visit:
        yield request.param, visit


def test_page_is_self_contained_error_free_and_accessible(first_visit, site, axe_script, page_figures):
    """No request leaves 127.0.0.1, nothing fails to load, the console is clean, axe finds no serious WCAG 2.1 A/AA violation."""
    path, opened = first_visit
    page, requests, errors = opened.page, opened.requests, opened.errors
    hidden_tables = page.eval_on_selector_all("table[hidden]", "ts => ts.map(t => t.id)")
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    outside = [u for u in requests if not u.startswith(site.base) and not u.startswith("data:")]
    serious = [(v["id"], v["nodes"][0]["html"][:120]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    page_figures(
        path,
        {
            "third_party": len(outside),
            "console_errors": len(errors),
            "axe_serious": len(serious),
            "axe_other": len(result["violations"]) - len(serious),
            "own_kb": round((site.build.html / path).stat().st_size / 1024),
        },
    )
    assert outside == []
    assert errors == []
    assert serious == []
    assert hidden_tables == []  # every interactive table rendered (an id clash once kept one hidden)


def test_first_visit_stays_within_budget_and_on_this_host(first_visit):
    """A first visit transfers at most 500 KB (the themes page 900 KB), all from 127.0.0.1, and only search loads its index."""
    path, opened = first_visit
    files = opened.files
    total = sum(size for _, size in files)
    budget = THEMES_PAGE_BUDGET if path.removeprefix("de/") == THEMES else TEXT_PAGE_BUDGET
    heaviest = sorted(files, key=lambda f: -f[1])[:5]
    assert total <= budget, (total, heaviest)
    assert {urlparse(url).hostname for url, _ in files if not url.startswith("data:")} == {"127.0.0.1"}
    assert any(urlparse(url).path.endswith("/searchindex.js") for url, _ in files) == path.endswith("search.html")


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_no_sideways_scrolling_on_a_phone(visit, path):
    """At 375 px wide the page does not scroll sideways; wide tables scroll inside their own box."""
    page = visit(path, viewport={"width": 375, "height": 800}).page
    width = page.evaluate("() => document.documentElement.scrollWidth")
    font = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('article, main, body')).fontSize)")
    assert width <= 375 and font >= 14


def test_print_keeps_every_row_and_the_edition_without_navigation(visit, dataset):
    """Printed, the themes chapter shows every table row and the edition line, and hides navigation and controls."""
    page = visit("themes").page
    page.wait_for_selector("table#theme-links.dataTable tbody tr")
    page.emulate_media(media="print")
    visible = lambda sel: page.eval_on_selector_all(
        sel,
        "els => els.filter(e => e.offsetParent !== null || "
        "getComputedStyle(e).display !== 'none' && e.getClientRects().length).length",
    )
    assert visible(".bd-sidebar-primary, .bd-sidebar-secondary, .bd-header, .dtsp-panesContainer, .dt-buttons") == 0
    assert visible("table#theme-links tbody tr") == len(dataset.links)
    footer = page.inner_text(".bd-footer-content")
    assert footer_edition(dataset) in footer
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_german_abstract_and_terms_are_marked(book):
    """The landing page has a German abstract marked lang="de" and announced in English, and German names are marked."""
    index = book.page("index")
    assert '<div class="briefing-abstract docutils container" lang="de">' in index and "Kurzfassung" in index
    lead_in = index.index("A summary of this briefing in German, for readers in the region:")
    assert lead_in < index.index('<div class="briefing-abstract docutils container" lang="de">')
    german = (book.html / "de" / "chapters" / "index.html").read_text(encoding="utf-8")
    assert "Kurzfassung" in german and "Eine Kurzfassung dieses Briefings auf Deutsch" not in german
    assert '<span lang="de">Institut Arbeit und Technik</span>' in book.page("ruhr-stakeholders")
    assert '<span lang="de">WirtschaftsEntwicklungsGesellschaft Bochum mbH</span>' in book.page("ruhr-stakeholders")


def test_vendored_files_keep_their_licences(book):
    """Files served from the build that come from other projects carry their licence notices."""
    assert "MIT License" in (book.html / "_static" / "itables" / "LICENSE.txt").read_text()
    templates = sorted((PROJECT_ROOT / "src" / "briefing" / "sphinx" / "templates").rglob("*.html"))
    assert templates, "no overridden theme template found"
    for template in templates:
        text = template.read_text()
        # An override of a template keeps its project's licence (the themes' BSD-3-Clause, Sphinx's BSD-2-Clause); the
        # briefing's own templates say so.
        overrides = "Override of" in text and re.search(r"\bBSD-[23]-Clause\b", text)
        assert overrides or "package briefing, MIT" in text, template.name


def test_slimmed_files_keep_their_licences(book):
    """Every stylesheet keeps the licence comments of the original, and the cut icon fonts carry their font licence."""
    originals = book.project / "_build" / "slim" / "originals"
    stylesheets = sorted(originals.rglob("*.css"))
    assert any(licence_comments(p.read_text(encoding="utf-8")) for p in stylesheets)
    for original in stylesheets:
        built = (book.html / original.relative_to(originals)).read_text(encoding="utf-8")
        assert all(c in built for c in licence_comments(original.read_text(encoding="utf-8"))), original.name
    notice = (book.html / ICON_FONTS / "LICENSE.txt").read_text(encoding="utf-8")
    assert "Font Awesome Free" in notice and "SIL OPEN FONT LICENSE Version 1.1" in notice


def test_no_page_loads_mathjax_requirejs_or_thebe(book):
    """No page loads MathJax, require.js, a widget manager or thebe."""
    scripts = re.compile(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', re.I)
    for path in EVERY_PAGE:
        for url in scripts.findall((book.html / path).read_text(encoding="utf-8")):
            assert not re.search(r"mathjax|require(\.min)?\.js|html-manager|thebe", url, re.I), (path, url)
