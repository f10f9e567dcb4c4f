"""The themes chapter's interactive tables as readers meet them: their layout at five widths in both languages,
exports, empty searches, facet panes and the heatmap on a phone (Playwright driving Debian's Chromium)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

pytestmark = pytest.mark.book

WIDTHS = [375, 768, 1024, 1280, 1920]
HEIGHT = 900
#: Where the tables become cards (reader.css: 48em).
CARDS_BELOW = 768
PAGES = {"en": "chapters/themes.html", "de": "de/chapters/themes.html"}

#: Measures every interactive table of a page once its rows are drawn: visible column widths, the tallest row, cells
#: whose text is cut off, words broken inside a syllable (a break at a soft hyphen shows a hyphen and is allowed; a
#: break between two letters of a fragment is not), and the table's width against its region's.
LAYOUT = r"""() => {
  const top = (node, i) => {
    const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
    const rects = Array.from(r.getClientRects()).filter(q => q.width > 0);
    return rects.length ? Math.round(rects[rects.length - 1].top) : null;  // a broken word's first letter also reports the hyphen
  };
  const brokenWords = cell => {
    const found = [];
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode, re = /[^\s\-‐–—\/\u00ad]{2,}/g;
      let m;
      while ((m = re.exec(node.data))) {
        const a = top(node, m.index), b = top(node, m.index + m[0].length - 1);
        if (a !== null && b !== null && Math.abs(a - b) > 2) found.push(m[0]);
      }
    }
    return found;
  };
  return Array.from(document.querySelectorAll('table.dataTable[id]:not([id^="DataTables_Table"])')).map(t => {
    const visible = el => el.offsetParent !== null;
    const heads = Array.from(t.querySelectorAll("thead th")).filter(visible);
    const cells = Array.from(t.querySelectorAll("tbody td")).filter(visible);
    const wrap = t.closest(".briefing-table-wrap");
    return {
      id: t.id,
      rows: t.querySelectorAll("tbody tr").length,
      columns: heads.map(th => [th.textContent.trim(), Math.round(th.getBoundingClientRect().width)]),
      tallest: Math.max(...Array.from(t.querySelectorAll("tbody tr")).map(r => Math.round(r.getBoundingClientRect().height))),
      cut: [...heads, ...cells].filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent.slice(0, 40)),
      broken: [...heads, ...cells].flatMap(brokenWords).slice(0, 10),
      tableWidth: Math.round(t.getBoundingClientRect().width),
      regionWidth: wrap ? wrap.clientWidth : null,
    };
  });
}"""


def drawn(page) -> None:
    """Wait until every interactive table of the page has drawn its rows from the rows file."""
    page.wait_for_function(
        "() => { const ts = document.querySelectorAll('table.dataTable[id]:not([id^=\"DataTables_Table\"])');"
        " return ts.length > 0 && Array.from(ts).every(t => t.querySelectorAll('tbody tr').length > 10); }"
    )
    page.wait_for_timeout(200)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "de"])
def test_tables_fit_at_every_width(visit, lang, width):
    """At every width, no visible column is under 40 px, no row is taller than the screen, no text is cut off, no word
    breaks without a hyphen, and from 768 px up each table fits its text column."""
    page = visit(PAGES[lang], viewport={"width": width, "height": HEIGHT}).page
    drawn(page)
    tables = page.evaluate(LAYOUT)
    assert {t["id"] for t in tables} == {"theme-links", "theme-table"}
    for t in tables:
        narrow = [c for c in t["columns"] if c[1] < 40]
        assert not narrow, (t["id"], narrow)
        assert t["tallest"] <= HEIGHT, (t["id"], t["tallest"])
        assert not t["cut"], (t["id"], t["cut"])
        assert not t["broken"], (t["id"], t["broken"])
        if width >= CARDS_BELOW:
            assert t["tableWidth"] <= t["regionWidth"] + 1, (t["id"], t["tableWidth"], t["regionWidth"])


def _export(page, table: str, button: str) -> list[list[str]]:
    """Click a table's export button and return the downloaded CSV's rows."""
    with page.expect_download() as download:
        page.locator(f"#{table}_wrapper").get_by_role("button", name=button, exact=True).click()
    with Path(download.value.path()).open(encoding="utf-8-sig") as f:
        text = f.read()
    return [row for row in csv.reader(io.StringIO(text), delimiter=";" if "(;)" in button else ",") if row]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_exports_hold_the_plain_text_readers_see(visit, lang):
    """The CSV export of both tables holds plain text: no markup, entities, escaped line breaks or soft hyphens."""
    page = visit(PAGES[lang], viewport={"width": 1280, "height": HEIGHT}).page
    drawn(page)
    for table in ("theme-links", "theme-table"):
        rows = _export(page, table, "CSV")
        text = "\n".join(",".join(r) for r in rows)
        assert len(rows) > 10, table
        for bad in ("<span", "&amp;", "&quot;", "\\n", "\u00ad", "<br", "<small"):
            assert bad not in text, (table, bad)
    affiliations = {r[2] for r in _export(page, "theme-links", "CSV")}
    assert any("Space & Culture" in a for a in affiliations) or lang == "de", affiliations  # an ampersand as itself


def test_search_without_a_theme_says_so(visit):
    """A search that no theme, speaker or quotation matches says that no theme of the vocabulary covers it."""
    page = visit(PAGES["en"], viewport={"width": 1280, "height": HEIGHT}).page
    drawn(page)
    page.fill("#theme-links_wrapper .dt-search input", "skills")
    page.wait_for_timeout(300)
    empty = page.locator("#theme-links tbody td.dt-empty")
    assert "no theme of the vocabulary covers these words" in empty.inner_text()


def test_facet_panes_show_plain_options_on_one_line(visit, dataset):
    """The perspective pane lists the perspectives alone, and the theme pane shows at least ten whole options at a time."""
    page = visit(PAGES["en"], viewport={"width": 1280, "height": HEIGHT}).page
    drawn(page)
    panes = page.eval_on_selector_all(
        "#theme-links_wrapper div.dtsp-searchPane",
        """ps => ps.filter(p => p.offsetParent).map(p => {
             const box = p.querySelector('div.dt-container'), limit = box.getBoundingClientRect().bottom;
             const rows = Array.from(p.querySelectorAll('tbody tr'));
             return [p.querySelector('input.dtsp-search').placeholder, rows.map(r => r.querySelector('.dtsp-name').innerText),
                     rows.filter(r => r.getBoundingClientRect().bottom <= limit + 1).length,
                     Math.max(...rows.map(r => Math.round(r.getBoundingClientRect().height)))]; })""",
    )
    by_name = {name: (options, shown, tallest) for name, options, shown, tallest in panes}
    assert sorted(by_name["Perspective"][0]) == sorted(p.label for p in dataset.perspectives)
    options, shown, tallest = by_name["Theme"]
    assert len(options) == len({link.theme_id for link in dataset.links})
    assert shown >= 10 and tallest < 40, (shown, tallest)


def test_heatmap_keeps_its_size_on_a_phone(visit):
    """On a phone the heatmap keeps its own width in a focusable region named by its caption, with its alt text."""
    page = visit(PAGES["en"], viewport={"width": 375, "height": 800}).page
    figure = page.locator("figure.briefing-figure")
    image = figure.locator("img")
    natural, shown = image.evaluate("i => [i.naturalWidth, i.getBoundingClientRect().width]")
    assert shown >= natural * 0.99 and natural > 375
    region = figure.locator(".briefing-figure-scroll")
    assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
    assert region.get_attribute("aria-label").startswith("Contributions raising each theme")
    assert "Heatmap of" in image.get_attribute("alt")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_timeout(400)
    assert image.evaluate("i => i.getBoundingClientRect().width") <= figure.evaluate("f => f.clientWidth")
    assert region.get_attribute("role") is None
