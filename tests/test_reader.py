"""The reader's book in Chromium, as its readers meet it: theme tables on a desk and a phone, citing one contribution."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from pybtex.database import parse_string

from briefing.testing.reader_metrics import FIRST_ROWS_BUDGET_MS, first_rows_after_dcl
from helpers import CHAPTERS, kept_pdf

pytestmark = pytest.mark.book

PHONE = {"viewport": {"width": 375, "height": 800}}
DESK = {"viewport": {"width": 1280, "height": 900}}


def table_rows(page, table_id: str) -> list[list[str]]:
    """Return the visible body rows of a DataTable (not child rows) as lists of cell texts."""
    page.wait_for_selector(f"table#{table_id}.dataTable tbody tr td:not(.dt-empty)")
    return page.eval_on_selector_all(
        f"table#{table_id}.dataTable > tbody > tr:not(.briefing-details-row):not(:has(td.dt-empty))",
        "trs => trs.map(tr => Array.from(tr.cells).map(td => td.innerText.replaceAll('\\u00ad', '').trim()))",
    )


def pane(page, table_id: str, title: str):
    """Return the facet pane of a table whose search box has the given placeholder."""
    return page.locator(f"#{table_id}_wrapper div.dtsp-searchPane").filter(has=page.locator(f"input[placeholder='{title}']"))


@pytest.mark.parametrize("title", ["Perspective", "Theme"])
def test_every_facet_option_is_reachable_by_a_click(visit, dataset, title):
    """Every option of each facet pane can be scrolled to and clicked, and then leaves only its rows, with a readable count."""
    page = visit("themes", **DESK).page
    table_rows(page, "theme-links")
    raised = {link.theme_id for link in dataset.links}
    expected = (
        {p.label for p in dataset.perspectives} if title == "Perspective" else {t.label for t in dataset.themes if t.id in raised}
    )
    options = pane(page, "theme-links", title).locator("tbody tr")
    options.first.wait_for()
    names = [options.nth(i).locator("span.dtsp-name").inner_text().strip() for i in range(options.count())]
    assert set(names) == expected
    column = 2 if title == "Perspective" else 3  # after No. and Speaker (role and organisation under it)
    for i, name in enumerate(names):
        option = options.nth(i)
        pill = option.locator("span.dtsp-pill")
        assert pill.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), f"count badge of {name} is clipped"
        option.click()
        page.wait_for_timeout(150)
        found = table_rows(page, "theme-links")
        assert found and {r[column].splitlines()[0] for r in found} == {name}, name  # where they are based is under it
        assert str(len(found)) in pill.inner_text()
        option.click()  # deselect
        page.wait_for_timeout(150)


def test_a_click_on_a_column_title_sorts_and_is_announced(visit):
    """Clicking the text of a column title sorts the table by that column (speakers by surname, not by title or first
    name) and sets aria-sort on it."""
    page = visit("themes", **DESK).page
    table_rows(page, "theme-links")
    header = page.locator("#theme-links_wrapper thead th").filter(has_text="Speaker")
    header.locator(".dt-column-title").click()
    page.wait_for_timeout(200)
    speakers = [r[1].splitlines()[0] for r in table_rows(page, "theme-links")]
    surnames = [unicodedata.normalize("NFD", s.split()[-1]).encode("ascii", "ignore").decode().casefold() for s in speakers]
    assert surnames == sorted(surnames) and not speakers[0].startswith(("Dr.", "Prof."))
    assert header.get_attribute("aria-sort") == "ascending"
    header.locator(".dt-column-title").click()
    page.wait_for_timeout(200)
    assert header.get_attribute("aria-sort") == "descending"


@pytest.mark.parametrize(("word", "speaker"), [("Harvard", "Dr. Christian Ketels"), ("BMR", "Rasmus C. Beck")])
def test_organisation_search_finds_the_speakers_rows(visit, dataset, word, speaker):
    """Typing an organisation into the search box leaves that speaker's theme links, with the organisation shown."""
    page = visit("themes", **DESK).page
    table_rows(page, "theme-links")
    page.fill("#theme-links_wrapper .dt-search input", word)
    page.wait_for_timeout(300)
    found = table_rows(page, "theme-links")
    ids = [c.id for c in dataset.contributions if c.display_name == speaker]
    assert len(found) == sum(1 for link in dataset.links if link.contribution_id in ids)
    assert {r[1].splitlines()[0] for r in found} == {speaker} and all(word in r[1] for r in found)


@pytest.mark.parametrize("table_id", ["theme-links", "theme-table"])
def test_csv_downloads_are_named_per_table_with_bom_and_a_semicolon_variant(visit, dataset, table_id):
    """Each table downloads under its own name, as UTF-8 with a byte-order mark, once comma- and once semicolon-separated."""
    page = visit("themes", **DESK).page
    table_rows(page, table_id)
    files = {}
    for label in ("CSV", "CSV (;) for German Excel"):
        with page.expect_download() as download:
            page.locator(f"#{table_id}_wrapper button").filter(has_text=label).and_(
                page.get_by_role("button", name=label, exact=True)
            ).click()
        with Path(download.value.path()).open("rb") as f:
            raw = f.read()
        assert raw.startswith(b"\xef\xbb\xbf"), label
        files[download.value.suggested_filename] = raw.decode("utf-8-sig")
    assert sorted(files) == sorted([f"{table_id}.csv", f"{table_id}-semicolon.csv"])
    comma = [r for r in csv.reader(io.StringIO(files[f"{table_id}.csv"])) if r]
    semicolon = [r for r in csv.reader(io.StringIO(files[f"{table_id}-semicolon.csv"]), delimiter=";") if r]
    assert comma == semicolon and len(comma) > 1
    if table_id == "theme-table":
        header = comma[0]
        column = header.index("In all")
        assert sum(int(r[column]) for r in comma[1:]) == len(dataset.links)  # countable numbers, no marks
        assert "●" not in files[f"{table_id}.csv"]
    else:
        assert any("Köder" in cell for r in comma for cell in r)


def test_theme_table_fits_its_column_and_shows_the_words_under_a_row(visit, dataset):
    """The themes-by-perspective table is no wider than the text column, and the report's words open under the row asked for,
    one quotation per line."""
    page = visit("themes", **DESK).page
    table_rows(page, "theme-table")
    widths = page.evaluate(
        "() => [document.querySelector('#theme-table').getBoundingClientRect().width,"
        " document.querySelector('#theme-table').closest('article, main').getBoundingClientRect().width]"
    )
    assert widths[0] <= widths[1]
    row = page.locator("#theme-table > tbody > tr").filter(has_text="Lead markets").first
    toggle = row.locator("button.briefing-details-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    following = row.locator("xpath=following-sibling::tr[1]")
    assert "how lead markets might contribute to regional development in the Ruhr Area" in following.inner_text()
    assert toggle.get_attribute("aria-expanded") == "true"
    counts = Counter(dataset.theme[link.theme_id].label for link in dataset.links)
    label, quotations = counts.most_common(1)[0]
    busiest = page.locator("#theme-table > tbody > tr").filter(has_text=label).first
    busiest.locator("button.briefing-details-toggle").click()
    words = busiest.locator("xpath=following-sibling::tr[1]")
    assert words.locator("ul.briefing-details > li").count() == quotations > 1
    assert "\\n" not in words.inner_text()  # the escaped line breaks of the rows file are not shown


def test_tables_are_readable_on_a_phone_with_facets_collapsed(visit):
    """At 375 px each row is a card within the screen, labelled by column, and the facet panes start collapsed."""
    page = visit("themes", **PHONE).page
    table_rows(page, "theme-links")
    assert page.locator("#theme-links_wrapper div.dtsp-searchPane div.dt-container").first.is_hidden()
    first = page.locator("#theme-links > tbody > tr").first
    box = first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert first.locator("td").nth(1).get_attribute("data-label") == "Speaker"
    for table_id in ("theme-links", "theme-table"):
        right = page.evaluate(f"() => document.querySelector('#{table_id}').getBoundingClientRect().right")
        assert right <= 375, table_id


def test_first_rows_show_within_300_ms_of_dom_content_loaded(browser, site):
    """Theme links' first rows show within 300 ms of DOMContentLoaded (median of three), not after the data file and panes."""
    runs = []
    for _ in range(3):
        context = browser.new_context()
        runs.append(first_rows_after_dcl(context.new_page(), site.url("themes"), "theme-links"))
        context.close()
    assert sorted(runs)[1] <= FIRST_ROWS_BUDGET_MS, runs


def test_each_contribution_has_its_own_bibtex_and_ris(visit, site, dataset):
    """Each contribution's section offers BibTeX and RIS for that contribution, as downloads that parse."""
    import urllib.request

    seen = 0
    for chapter in ("eu", "international-experts", "ruhr-stakeholders"):
        page = visit(chapter).page
        for c in dataset.contributions_in(
            {"eu": "eu", "international-experts": "international-expert", "ruhr-stakeholders": "ruhr-stakeholder"}[chapter]
        ):
            links = page.locator(f"section#{c.id} a[download]")
            hrefs = {a.inner_text(): a.get_attribute("href") for a in links.all()}
            assert set(hrefs) == {"BibTeX", "RIS"}, c.id
            base = site.url(chapter).rsplit("/", 1)[0] + "/"
            bib = urllib.request.urlopen(base + hrefs["BibTeX"]).read().decode("utf-8")
            entries = parse_string(bib, "bibtex").entries
            assert len(entries) == 1 and c.display_name in next(iter(entries.values())).fields["title"]
            ris = urllib.request.urlopen(base + hrefs["RIS"]).read().decode("utf-8")
            tags = [line[:2] for line in ris.splitlines() if line.strip()]
            assert (
                tags[0] == "TY"
                and tags[-1] == "ER"
                and any(c.display_name in line for line in ris.splitlines() if line.startswith("TI"))
            )
            seen += 1
    assert seen == len(dataset.contributions)


def test_copy_buttons_are_visible_and_headings_offer_copy_link(visit, dataset):
    """The reference's copy button shows without hover; contribution headings offer 'Copy link', references 'Copy reference'."""
    page = visit("international-experts", **DESK).page
    copy = page.locator("#how-to-cite-this-chapter button.copybtn").first
    assert float(copy.evaluate("e => getComputedStyle(e).opacity")) == 1
    buttons = page.locator("section.briefing-contribution h3 button.briefing-copy-link")
    assert buttons.count() == len(dataset.contributions_in("international-expert"))
    assert "Ketels" in page.locator("section#ketels h3 button.briefing-copy-link").get_attribute("aria-label")
    assert page.locator("section#ketels p.briefing-contribution-cite button.briefing-copy-cite").is_visible()


def test_reference_list_keeps_proper_noun_capitals(book):
    """The reference list prints titles as written: 'Ruhr' and 'June' keep their capitals."""
    html = book.page("references")
    assert "18 June 2020" in html and "18 june 2020" not in html


@pytest.mark.parametrize("size", [DESK, PHONE], ids=["1280x900", "375x800"])
def test_first_key_message_is_in_the_first_screen(visit, size):
    """The landing page shows the first key message within the first screen, at desk and phone size."""
    page = visit("index", **size).page
    top = page.evaluate("() => document.querySelector('.briefing-key-messages > li').getBoundingClientRect().top")
    assert top < size["viewport"]["height"] - 60, top


def test_site_root_carries_the_landing_pages_title_and_preview_tags(book):
    """The site root has the landing page's title, description and OpenGraph tags, so a pasted link shows a preview."""
    root = (book.html / "index.html").read_text(encoding="utf-8")
    landing = book.page("index")
    title = landing.split("<title>")[1].split("</title>")[0].strip()
    assert f"<title>{title}</title>" in root
    assert 'property="og:title"' in root and 'name="description"' in root and "chapters/index.html" in root


def test_a_speakers_surname_finds_that_speakers_section_first(visit, dataset):
    """Searching a speaker's surname (umlauts also typed as plain letters) lists that speaker's section first."""
    queries = {c.speaker.split()[-1]: c for c in dataset.contributions}
    queries.update(
        {
            "Gartner": next(c for c in dataset.contributions if "Gärtner" in c.speaker),
            "Koder": next(c for c in dataset.contributions if "Köder" in c.speaker),
        }
    )
    misses = []
    for word, contribution in queries.items():
        ids = {c.id for c in dataset.contributions if c.speaker == contribution.speaker}
        page = visit(f"search.html?q={word}").page
        page.wait_for_selector("#search-results ul.search li a", timeout=20_000)
        first = page.locator("#search-results ul.search li a").first.get_attribute("href")
        if first.split("#")[-1] not in ids:
            misses.append((word, first))
    assert misses == []


def test_phone_header_shows_the_title_and_the_menu_offers_the_edition_pdf(visit, dataset):
    """On phones the header shows the title, no full-screen button; the download menu offers the edition's PDF (a
    preview's as such) and the notebook."""
    page = visit("themes", **PHONE).page
    assert page.locator("a.briefing-header-title").is_visible()
    assert page.locator("button[onclick*='toggleFullScreen'], .fullscreen-button").count() == 0
    menu = page.locator(".dropdown-download-buttons")
    html = menu.inner_html()
    state = dataset.edition_state
    if state.preview:
        assert "Preview PDF" in html and f"-edition-{state.number}-preview.pdf" in html
    else:
        assert "Edition PDF" in html and kept_pdf(state.number) in html and "Preview PDF" not in html
    assert "Notebook (.ipynb)" in html
    assert "window.print" not in html


@pytest.mark.parametrize("name", ["index", "themes", "international-experts"])
def test_dark_mode_is_accessible(visit, axe_script, name):
    """In the system's dark mode the page follows it, and axe finds no serious WCAG 2.1 A/AA violation (tables and panes too)."""
    page = visit(name, color_scheme="dark", **DESK).page
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    if name == "themes":
        table_rows(page, "theme-links")
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    serious = [(v["id"], v["nodes"][0]["html"][:120]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_search_index_loads_only_where_search_is_used(visit):
    """A chapter does not load the search index, and its search field still leads to the search page's results."""
    opened = visit("eu", **DESK)
    page = opened.page
    assert not [u for u in opened.requests if "searchindex.js" in u or "searchtools.js" in u]
    page.locator(".bd-sidebar-primary .search-button-field").click()
    page.keyboard.type("Ketels")
    page.keyboard.press("Enter")
    page.wait_for_selector("#search-results ul.search li a", timeout=20_000)
    assert "search.html?q=Ketels" in page.url


def test_a_search_miss_says_what_the_book_covers(visit):
    """A search that finds nothing ("Kurzarbeit") says so in the briefing's words, what it covers, and links its chapters."""
    page = visit("search.html?q=Kurzarbeit").page
    note = page.locator("p.briefing-search-miss")
    note.wait_for(timeout=20_000)
    assert "report of one event" in note.inner_text() and note.locator("a").count() >= 10
    assert page.locator("p.search-summary").inner_text() == "Your search did not match anything in this briefing."


def search_results(visit, query: str, **size):
    """Open the search page for a query; return the page and its results as (address, title, snippet) once all are in."""
    page = visit(f"search.html?q={query}", **size).page
    page.wait_for_function(
        "() => document.querySelector('#search-results h2')?.textContent === 'Search Results'"
        " && [...document.querySelectorAll('#search-results ul.search > li')].every(li => li.querySelector('p.context'))",
        timeout=20_000,
    )
    page.wait_for_timeout(100)  # a result is led to its section just after its snippet arrives
    results = page.eval_on_selector_all(
        "#search-results ul.search > li",
        "items => items.map(li => [li.querySelector('a').getAttribute('href'), li.querySelector('a').textContent,"
        " li.querySelector('p.context').textContent])",
    )
    return page, results


@pytest.mark.parametrize("query", ["Ketels", "Harvard", "Bochum", "smart city", "Gaertner", "Köder"])
def test_search_snippets_are_the_sections_own_prose(visit, query):
    """Each result's snippet is a passage of a paragraph (web addresses left out) of the section it leads to: no contents
    list, table or address."""
    page, results = search_results(visit, query)
    assert results
    misplaced = page.evaluate(
        """async results => {
          const out = [];
          const ADDRESS = /\\s*(?:URL:\\s*)?https?:\\/\\/\\S+(?:\\s*\\(visited on [^)]*\\))?/g;  // left out of snippets
          for (const [href, title, snippet] of results) {
            const html = await (await fetch(href)).text();
            const doc = new DOMParser().parseFromString(html, "text/html");
            const article = doc.querySelector("article.bd-article");
            const id = href.split("#")[1];
            const root = id ? article.querySelector("#" + CSS.escape(id)) : article;
            const prose = [...root.querySelectorAll("p, dt")]
              .filter(p => !p.closest("nav, table, .toctree-wrapper, .cell_output"))
              .map(p => p.textContent.replace(ADDRESS, "").replace(/\\s+/g, " "));
            const core = snippet.replace(/^… /, "").replace(/ …$/, "").trim();
            if (!core || /https?:|www\\./.test(snippet) || !prose.some(text => text.includes(core))) out.push([href, snippet]);
          }
          return out;
        }""",
        results,
    )
    assert misplaced == []


def test_search_results_name_their_section_and_list_each_place_once(visit, dataset):
    """A surname's first result is titled with the chapter and the speaker's section; no address is listed twice."""
    ketels = next(c for c in dataset.contributions if c.id == "ketels")
    _, results = search_results(visit, "Ketels")
    addresses = [href for href, _, _ in results]
    assert len(addresses) == len(set(addresses))
    assert results[0][0].endswith("#ketels") and f"› {ketels.display_name}" in results[0][1]


@pytest.mark.parametrize("word", ["Herne", "Harvard", "Bochum", "BMR", "IT security"])
def test_an_organisation_place_or_keyword_finds_the_speakers_section_first(visit, dataset, word):
    """A word from a speaker's organisation or keywords ("Herne", "IT security") lists that speaker's section first."""
    ids = {c.id for c in dataset.contributions if word.casefold() in " ".join([c.organisation, *c.keywords]).casefold()}
    assert ids, word
    _, results = search_results(visit, word)
    assert results[0][0].split("#")[-1] in ids, results[:3]


@pytest.mark.parametrize("size", [DESK, PHONE], ids=["1280x900", "375x800"])
def test_one_search_field_per_page(visit, size):
    """The search page shows only its own labelled field (Ctrl+K moves there); a chapter shows one search control."""
    controls = "input[type=search], input[name=q], button.search-button__button"
    page = visit("search.html?q=Ketels", **size).page
    page.wait_for_selector("#search-results ul.search li a", timeout=20_000)
    visible = page.locator(controls).filter(visible=True)
    assert visible.count() == 1 and visible.first.get_attribute("id") == "briefing-search-q"
    assert page.locator("label[for=briefing-search-q]").is_visible() and visible.first.input_value() == "Ketels"
    page.locator("h1").click()
    page.keyboard.press("Control+k")
    assert page.evaluate("document.activeElement.id") == "briefing-search-q"
    assert not page.locator("#pst-search-dialog").evaluate("d => d.open")
    chapter = visit("eu", **size).page
    assert chapter.locator(controls).filter(visible=True).count() == 1


WIDE_TABLES = """() => [...document.querySelectorAll('article table')].filter(t => !t.closest('.dtsp-searchPane')).map(t => {
  const column = document.querySelector('article').getBoundingClientRect();
  const caption = t.querySelector(':scope > caption');
  let region = null;  // the element that scrolls the table sideways
  for (let e = t.parentElement; e && e.tagName !== 'ARTICLE'; e = e.parentElement) {
    if (/auto|scroll/.test(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1) { region = e; break; }
  }
  const hint = caption && caption.querySelector('.briefing-scroll-hint');
  return {
    table: (caption ? caption.textContent : t.id).slice(0, 60),
    wide: t.getBoundingClientRect().width > column.width + 1,
    captionFits: !caption || caption.getBoundingClientRect().width <= Math.min(column.width, innerWidth) + 1,
    region: !!region && region.getAttribute('role') === 'region' && region.tabIndex === 0
      && /\\w/.test(region.getAttribute('aria-label') || '') && !/#$|Scroll sideways/.test(region.getAttribute('aria-label')),
    cue: t.classList.contains('dataTable') || (!!hint && hint.getBoundingClientRect().width > 0),
  };
})"""


@pytest.mark.parametrize("size", [PHONE, DESK], ids=["375x800", "1280x900"])
def test_wide_tables_scroll_in_a_labelled_region_with_their_caption_in_view(visit, size):
    """On every page, no table caption is wider than the column, and a table wider than the column scrolls inside a
    focusable region labelled by its caption, with a line saying it scrolls sideways."""
    problems, wide = [], 0
    for name in CHAPTERS:
        page = visit(name, **size).page
        page.wait_for_timeout(300)
        for t in page.evaluate(WIDE_TABLES):
            wide += t["wide"]
            if not t["captionFits"] or (t["wide"] and not (t["region"] and t["cue"])):
                problems.append((name, t))
        assert page.evaluate("document.documentElement.scrollWidth") <= size["viewport"]["width"], name
    assert problems == []
    if size is PHONE:
        assert wide > 0  # the check met at least one wide table (the region's table on "what-it-means" is one)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_results_are_accessible_in_both_colour_modes(visit, axe_script, scheme):
    """The search page with results for "Ketels" has no serious WCAG 2.1 A/AA violation found by axe, light or dark."""
    page = visit("search.html?q=Ketels", color_scheme=scheme, **DESK).page
    page.wait_for_function("document.querySelectorAll('#search-results p.context').length > 0", timeout=20_000)
    page.wait_for_timeout(300)
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    serious = [(v["id"], v["nodes"][0]["html"][:120]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
