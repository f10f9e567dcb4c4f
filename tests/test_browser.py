"""The published book in a real browser (Playwright driving Debian's Chromium) on 127.0.0.1."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from briefing.notebook.interactive import BUNDLE_URL
from helpers import CHAPTERS

pytestmark = pytest.mark.book


def rows(page, table_id: str) -> list[list[str]]:
    """Return the visible body rows of an interactive table as lists of cell texts."""
    page.wait_for_selector(f"table#{table_id}.dataTable tbody tr")
    return page.eval_on_selector_all(
        f"table#{table_id}.dataTable tbody tr:not(:has(td.dt-empty))",
        "trs => trs.map(tr => Array.from(tr.cells).map(td => td.innerText.replaceAll('\\u00ad', '').trim()))",
    )


def search(page, table_id: str, text: str) -> None:
    """Type into the search box of one interactive table."""
    page.fill(f"#{table_id}_wrapper .dt-search input", text)
    page.wait_for_timeout(300)


def click_pane_option(page, table_id: str, pane: str, option: str) -> None:
    """Click one option in a facet pane (DataTables SearchPanes) of a table."""
    panes = page.locator(f"#{table_id}_wrapper div.dtsp-searchPane").filter(has=page.locator(f"input[placeholder='{pane}']"))
    panes.locator("tbody tr").filter(has_text=option).first.click()
    page.wait_for_timeout(300)


def test_theme_links_table_loads_every_row(visit, dataset):
    """The table of theme links shows every link: no row is lost to down-sampling or paging."""
    page = visit("themes").page
    assert len(rows(page, "theme-links")) == len(dataset.links)


def test_search_for_a_speaker_leaves_only_that_speaker(visit, dataset):
    """Searching a speaker's name leaves exactly that speaker's theme links."""
    page = visit("themes").page
    search(page, "theme-links", "Köder")
    found = rows(page, "theme-links")
    expected = [link for link in dataset.links if link.contribution_id == "koeder"]
    assert len(found) == len(expected) and all(r[1].splitlines()[0] == "Jürgen Köder" for r in found)


def test_nonsense_search_leaves_no_row(visit):
    """A search for a word that is nowhere leaves no row."""
    page = visit("themes").page
    search(page, "theme-links", "zqxjv")
    assert rows(page, "theme-links") == []


def test_perspective_facet_leaves_that_perspective(visit, dataset):
    """Clicking a perspective in the facet pane leaves exactly that perspective's links."""
    page = visit("themes").page
    click_pane_option(page, "theme-links", "Perspective", "European Union")
    found = rows(page, "theme-links")
    eu = [link for link in dataset.links if dataset.contribution[link.contribution_id].perspective == "eu"]
    assert len(found) == len(eu) and {r[2].splitlines()[0] for r in found} == {"European Union"}


def test_energy_transition_question_in_two_clicks(visit):
    """'Who spoke about the energy transition, and from which perspective?' is answered by one click in the theme pane."""
    page = visit("themes").page
    click_pane_option(page, "theme-links", "Theme", "Energy and environmental transition")
    found = {(r[1].splitlines()[0], r[2].splitlines()[0]) for r in rows(page, "theme-links")}
    assert found == {("Dr. James Wilson", "International experts"), ("Dr. Frank Dudda", "Ruhr stakeholders")}


def test_csv_export_downloads_the_filtered_rows(visit, dataset):
    """The CSV button downloads the rows on screen, with a header row."""
    page = visit("themes").page
    search(page, "theme-links", "Köder")
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV", exact=True).first.click()
    with Path(download.value.path()).open(encoding="utf-8-sig") as f:
        text = f.read()
    lines = [r for r in csv.reader(io.StringIO(text)) if r]
    links = [link for link in dataset.links if link.contribution_id == "koeder"]
    assert lines[0][:6] == ["No.", "Speaker", "Role and organisation", "Based in", "Perspective", "Theme"] and len(
        lines
    ) == 1 + len(links)
    assert all(r[1] == "Jürgen Köder" for r in lines[1:])


def test_export_neutralises_spreadsheet_formulas(visit):
    """The export formatter prefixes cells starting with =, +, - or @ so a spreadsheet shows them as text."""
    page = visit("themes").page
    html = page.content()
    assert html.count("exportOptions") >= 2
    formatter = page.evaluate(
        "() => { const s = document.querySelector('script[type=module]').textContent;"
        ' return s.match(/"body": "(function \\(data\\).*?)", "header"/)[1]; }'
    )
    fn = formatter.encode().decode("unicode_escape")
    for value, expected in [("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-2", "'-2"), ("@cmd", "'@cmd"), ("Bochum", "Bochum")]:
        assert page.evaluate(f"({fn})({value!r})") == expected


@pytest.mark.parametrize("name", ["themes"])
def test_interactive_tables_have_captions_and_headers(visit, name):
    """Once rendered, every interactive table has a caption and column headers."""
    page = visit(name).page
    page.wait_for_selector("table.dataTable[id]", state="attached")
    tables = page.eval_on_selector_all(
        "table.dataTable[id]:not([id^='DataTables_Table'])",  # ours, not the facet panes' own lists
        "ts => ts.map(t => [t.id, !!t.querySelector('caption'), t.querySelectorAll('th').length])",
    )
    assert tables and all(caption and headers for _, caption, headers in tables), tables


def test_bundle_is_served_once_and_only_where_tables_are(site):
    """Only pages with interactive tables reference the shared DataTables bundle; no page inlines it."""
    for name in CHAPTERS:
        html = site.build.page(name)
        uses = BUNDLE_URL in html
        assert uses == (name == "themes"), name  # the data dictionary is a plain table, so its page stays light
        assert "function(t){if(typeof require" not in html and len(html) < 300_000, name
    notice = (site.build.html / "_static" / "itables" / "LICENSE.txt").read_text()
    assert notice.startswith("dt_bundle.js and dt_bundle.css are a smaller build") and "removed by PurgeCSS" in notice


def test_no_widget_manager_or_state_in_published_pages(site):
    """The published pages carry no widget state, widget manager or require.js, and show the explorer note."""
    for name in CHAPTERS:
        html = site.build.page(name)
        assert "widget-state+json" not in html and "html-manager" not in html and "require.js" not in html, name
    assert "run it in Jupyter to use it" in site.build.page("themes")


def test_heatmap_has_alt_text_and_caption(visit, dataset):
    """The heatmap is an image with alt text that names what it shows, and a caption."""
    page = visit("themes").page
    figure = page.locator("figure.briefing-figure")
    assert f"Heatmap of {len(dataset.themes)} themes" in figure.locator("img").get_attribute("alt")
    assert "by perspective" in figure.locator("figcaption").inner_text()
