"""Every page of the published book: self-contained, error-free, accessible, usable on a phone and in print."""

from __future__ import annotations

import re

import pytest

from helpers import EVERY_PAGE, PROJECT_ROOT, footer_edition

pytestmark = pytest.mark.book

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def test_the_list_covers_every_built_page(book):
    """The checks below visit every HTML page the build wrote, English and German (theme macros in _static are not pages)."""
    built = {str(p.relative_to(book.html)) for p in book.html.rglob("*.html") if p.parts[-2] != "_static"}
    assert built == set(EVERY_PAGE)


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_page_is_self_contained_error_free_and_accessible(visit, site, axe_script, page_figures, path):
    """No request leaves 127.0.0.1, nothing fails to load, the console is clean, axe finds no serious WCAG 2.1 A/AA violation."""
    opened = visit(path)
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


def test_no_page_loads_mathjax_requirejs_or_thebe(book):
    """No page loads MathJax, require.js, a widget manager or thebe."""
    scripts = re.compile(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', re.I)
    for path in EVERY_PAGE:
        for url in scripts.findall((book.html / path).read_text(encoding="utf-8")):
            assert not re.search(r"mathjax|require(\.min)?\.js|html-manager|thebe", url, re.I), (path, url)
