"""The German edition's interface as its readers meet it: the theme's and the tables' words, the names screen readers
read (aria-label, title, placeholder, alt), German dates in the footer, a language switch that keeps the reader's place,
and a sitemap whose German alternates are the German pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from lingua import Language

from briefing.core.translations import localised
from briefing.publish.site import SITEMAP_NS, XHTML_NS
from helpers import ALL_PAGES, BASE_URL, BOOK_PAGES, Visit, opened
from test_german import (
    DE,
    GERMAN_PAGES,
    TEMPLATED_PAGES,
    WCAG,
    declared_language,
    detector,
    official_names,
    parse,
    squeeze,
)

DESK = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 375, "height": 800}}

#: What the page shows or names once its scripts have run, in the page's own language (not inside a part marked in
#: another one): every attribute a reader or a screen reader meets, and the own text of each element of the interface
#: (header, sidebars, footer, buttons, the tables' controls). The tables' and panes' cells are data, checked elsewhere;
#: an attribute that only repeats its element's text adds nothing to check. Citation links are reported with their
#: target, whose marked titles their tooltip repeats.
COLLECT = """() => {
  const ATTRS = ["aria-label", "aria-description", "aria-roledescription", "aria-valuetext", "title", "placeholder", "alt",
                 "data-bs-title", "data-bs-original-title", "data-tooltip"];
  const CHROME = "header, footer, nav, aside, dialog, [role=dialog], .bd-sidebar-primary, .bd-sidebar-secondary, "
    + ".prev-next-area, .skip-link, #pst-back-to-top, button, label, [role=button], .dropdown-menu, .dt-container, "
    + ".tooltip, .popover";
  const SKIP = "script, style, code, pre, samp, template, noscript, table.dataTable > tbody > tr > td:not(.dt-empty)";
  const page = document.documentElement.lang.split("-")[0];
  const language = el => { const m = el.closest("[lang]"); return m ? m.getAttribute("lang").split("-")[0].toLowerCase() : ""; };
  const found = [];
  for (const el of document.querySelectorAll("body, body *")) {
    if (language(el) !== page || el.closest(SKIP)) continue;
    const shown = el.textContent.replace(/\\s+/g, " ").trim();
    for (const name of ATTRS) {
      const value = (el.getAttribute(name) || "").replace(/\\s+/g, " ").trim();
      if (!value || value === shown) continue;
      const cites = el.matches("a.reference.internal[href*='references.html#']") && name.includes("title");
      found.push({where: `<${el.tagName.toLowerCase()} ${name}>`, text: value, cites: cites ? el.getAttribute("href") : ""});
    }
    if (!el.closest(CHROME)) continue;
    const own = Array.from(el.childNodes).filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join(" ");
    const text = own.replace(/\\s+/g, " ").trim();
    if (text) found.push({where: `<${el.tagName.toLowerCase()}>`, text, cites: ""});
  }
  return found;
}"""

#: The landmarks and what names them, for the check that none keeps the English edition's name.
LANDMARKS = "nav[aria-label], aside[aria-label], header[aria-label], footer[aria-label], main[aria-label], [role][aria-label]"


def words(text: str) -> list[str]:
    """Return a text's words of letters (no numbers, addresses or symbols)."""
    return [w for w in (word.strip(".,;:!?()[]“”„‘’\"'–-…") for word in text.split()) if w.isalpha()]


def english_interface(found: list[dict], names: frozenset[str] = frozenset()) -> list[str]:
    """Return the interface texts that are English: two words or more (one word is too short to tell; the landmarks and
    the shortcut key are checked on their own), own names of the terminology left out."""
    english = set()
    for item in found:
        told = item["text"]
        for name in sorted(names, key=len, reverse=True):
            told = told.replace(name, " ")
        if len(words(told)) >= 2 and detector().detect_language_of(told) == Language.ENGLISH:
            english.add(f"{item['where']} {item['text'][:160]}")
    return sorted(english)


def test_the_interface_check_tells_english_from_german():
    """The interface check flags English names and labels of two words or more, and passes German, single words and the
    terminology's own names."""
    found = [
        {"where": "<input placeholder>", "text": "Search this book..."},
        {"where": "<button title>", "text": "Toggle primary sidebar"},
        {"where": "<span aria-label>", "text": "Thema: Activate to sort"},
        {"where": "<input placeholder>", "text": "Dieses Briefing durchsuchen …"},
        {"where": "<button title>", "text": "Navigation ein- oder ausblenden"},
        {"where": "<a>", "text": "Hosting"},
        {"where": "<a>", "text": "Harvard Business School"},
    ]
    assert english_interface(found, frozenset({"Harvard Business School"})) == [
        "<button title> Toggle primary sidebar",
        "<input placeholder> Search this book...",
        "<span aria-label> Thema: Activate to sort",
    ]


def interface(visit, page: str, **options) -> list[dict]:
    """Open a page of the book and return its interface texts once its scripts (and its tables) have run."""
    return interface_of(visit(page, **options).page)


def interface_of(opened) -> list[dict]:
    """Return an open page's interface texts once its scripts (and its tables) have run."""
    if opened.locator("table#theme-links").count():
        opened.wait_for_selector("table#theme-links.dataTable tbody tr td:not(.dt-empty)")
        opened.wait_for_selector("div.dtsp-searchPane tbody tr")
    return opened.evaluate(COLLECT)


@pytest.fixture(scope="module", params=[(s, p) for s in ("light", "dark") for p in GERMAN_PAGES], ids="-".join)
def german_visit(request, browser, site) -> Iterator[tuple[str, str, Visit]]:
    """One visit to a German page at desk size in a colour scheme, opened once for the checks of that visit below
    (pytest runs them one page after another)."""
    scheme, page = request.param
    with opened(browser, f"{site.base}/{page}", color_scheme=scheme, **DESK) as visit:
        yield page, scheme, visit


def test_the_german_interface_has_no_english(german_visit, dataset):
    """No placeholder, aria-label, title, alt text or visible label of a German page's interface (theme, search,
    sidebars, footer, the tables' controls and their screen-reader names) is English unless marked lang="en", in the
    light and the dark colour scheme."""
    page, _, opened = german_visit
    found = [item for item in interface_of(opened.page) if not item["cites"]]
    english = english_interface(found, official_names(dataset))
    assert english == [], f"{page}: {len(english)} English interface texts:\n" + "\n".join(english)


def test_german_pages_are_accessible_light_and_dark(german_visit, site, axe_script, page_figures):
    """In the light and the dark colour scheme, axe finds no serious or critical WCAG 2.1 A/AA violation on a German
    page, which loads nothing from outside 127.0.0.1 and logs no error."""
    page, scheme, opened = german_visit
    browser_page = opened.page
    if browser_page.locator("table#theme-links").count():
        browser_page.wait_for_selector("table#theme-links.dataTable tbody tr td:not(.dt-empty)")
    browser_page.add_script_tag(path=str(axe_script))
    result = browser_page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    serious = [(v["id"], v["nodes"][0]["html"][:120]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    outside = [u for u in opened.requests if not u.startswith(site.base) and not u.startswith("data:")]
    page_figures(
        f"{page} ({scheme})",
        {
            "third_party": len(outside),
            "console_errors": len(opened.errors),
            "axe_serious": len(serious),
            "axe_other": len(result["violations"]) - len(serious),
            "own_kb": round((site.build.html / page).stat().st_size / 1024),
        },
    )
    assert serious == [] and outside == [] and opened.errors == []


def marked_foreign(book) -> dict[str, list[str]]:
    """Return, for each entry of the German bibliography, the texts it marks as in another language than German (an
    English or Italian work's title, a note not yet translated)."""
    soup = parse(book, DE + "chapters/references.html")
    return {
        str(entry["id"]): [squeeze(el.get_text()) for el in entry.select("[lang]") if declared_language(el) != "de"]
        for entry in soup.select("div.citation[id]")
    }


def test_citation_tooltips_are_german_but_for_marked_titles(visit, book):
    """A citation's tooltip on a German page (the reference it points to) is German once the parts that the German
    bibliography marks as in another language (an English work's title) are set aside."""
    titles = marked_foreign(book)
    english = set()
    for page in [DE + p for p in BOOK_PAGES]:
        for item in interface(visit, page, **DESK):
            if not item["cites"]:
                continue
            told = item["text"]
            for title in sorted(titles.get(urlsplit(item["cites"]).fragment, []), key=len, reverse=True):
                told = told.replace(title, " ")
            if len(words(told)) >= 2 and detector().detect_language_of(told) == Language.ENGLISH:
                english.add(f"{page}: {item['text'][:160]}")
    assert sorted(english) == []


def landmark_names(visit, page: str) -> list[str]:
    """Return the names of a page's landmarks (navigation, banners, complementary parts), in document order."""
    return visit(page, **DESK).page.eval_on_selector_all(LANDMARKS, "els => els.map(e => e.getAttribute('aria-label').trim())")


@pytest.mark.parametrize("page", ["chapters/international-experts.html", "chapters/themes.html", "search.html"])
def test_german_landmarks_and_shortcut_are_named_in_german(visit, page):
    """A German page names none of its landmarks as the English page does ("Main", "Page", "Announcement"), and its
    search button shows the shortcut as German keyboards label it, "Strg + K"."""
    english, german = landmark_names(visit, page), landmark_names(visit, DE + page)
    assert german and not set(german) & set(english), (english, german)
    opened = visit(DE + page, **DESK).page
    shortcuts = opened.eval_on_selector_all(".search-button__kbd-shortcut", "els => els.map(e => e.textContent)")
    assert shortcuts and {squeeze(s) for s in shortcuts} == {"Strg + K"}


def test_the_german_tables_controls_and_panes_read_german(visit, dataset):
    """On the German themes page the columns' sort buttons are named in German for screen readers, the panes' buttons
    read "Alle Filter aufheben", "Alle einklappen", "Alle anzeigen", and the panes list the perspectives and themes by
    their German labels, umlauts included."""
    page = visit(DE + "chapters/themes.html", **DESK).page
    page.wait_for_selector("div.dtsp-searchPane tbody tr")
    sort = page.eval_on_selector_all("table#theme-links thead [aria-label]", "els => els.map(e => e.getAttribute('aria-label'))")
    assert sort and all(label.endswith(": zum Sortieren aktivieren") for label in sort), sort
    buttons = page.eval_on_selector_all("#theme-links_wrapper .dtsp-titleRow button", "els => els.map(e => e.textContent.trim())")
    assert sorted(buttons) == ["Alle Filter aufheben", "Alle anzeigen", "Alle einklappen"]
    options = page.eval_on_selector_all("#theme-links_wrapper span.dtsp-name", "els => els.map(e => e.textContent.trim())")
    german = localised(dataset, "de")
    raised = {link.theme_id for link in dataset.links}
    expected = {p.label for p in german.perspectives} | {t.label for t in german.themes if t.id in raised}
    assert expected - set(options) == set()


MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"


@pytest.mark.parametrize("page", TEMPLATED_PAGES)
def test_the_german_footer_dates_and_credits_in_german(book, page):
    """A German page's footer says when it was last updated as German dates are written ("15. Januar 2026", with its
    period) and who publishes it in a German sentence, and no date in its header or footer lacks the period."""
    soup = parse(book, DE + page)
    chrome = " ".join(squeeze(el.get_text(" ")) for el in soup.select("header, footer, .bd-header-announcement"))
    assert re.findall(rf"\b\d{{1,2}} (?:{MONTHS})\b", chrome) == []
    footer = " ".join(squeeze(el.get_text(" ")) for el in soup.select("footer"))
    if page not in {"genindex.html", "search.html"}:
        assert "Zuletzt aktualisiert am 15. Januar 2026." in footer
    assert "Herausgegeben von der Redaktion des Briefings" in footer and "Durch " not in footer


@pytest.mark.parametrize("start", ["chapters/international-experts.html#ketels", "search.html?q=Cluster"])
@pytest.mark.parametrize("size", [DESK, PHONE], ids=["desktop", "phone"])
def test_the_language_switch_keeps_the_readers_place_both_ways(visit, site, start, size):
    """The language switch leads from a page's anchor or search to the same anchor or search in the other edition, from
    English to German and back, on a desktop and on a phone."""
    opened = visit(start, **size).page
    for target in (DE + start, start):
        link = opened.locator("nav.briefing-language-switch a.briefing-language-link").first
        link.scroll_into_view_if_needed()
        link.click()
        opened.wait_for_url(f"{site.base}/{target}")
        assert opened.url == f"{site.base}/{target}"


def test_the_switch_follows_an_anchor_the_reader_moves_to(visit, site):
    """Once the reader follows a link to another section, the switch leads to that section in the other edition."""
    page = visit(DE + "chapters/international-experts.html", **DESK).page
    page.evaluate("() => { location.hash = 'wilson'; }")
    href = page.locator("a.briefing-language-link").get_attribute("href")
    assert href.endswith("chapters/international-experts.html#wilson"), href


def alternates_in(sitemap) -> dict[str, dict[str, str]]:
    """Return a sitemap's pages, each with its hreflang alternates (language → address)."""
    tree = ElementTree.parse(sitemap)
    return {
        url.findtext(f"{{{SITEMAP_NS}}}loc"): {link.get("hreflang"): link.get("href") for link in url.iter(f"{{{XHTML_NS}}}link")}
        for url in tree.iter(f"{{{SITEMAP_NS}}}url")
    }


def test_the_sitemaps_german_alternates_are_the_german_pages(book):
    """Each page of both editions' sitemaps names its English page (also x-default) and its German page under de/, and
    every German page named exists."""
    for sitemap, prefix in ((book.html / "sitemap.xml", ""), (book.html / DE / "sitemap.xml", DE)):
        pages = alternates_in(sitemap)
        assert {BASE_URL + prefix + page for page in ALL_PAGES if page not in ("index.html", "404.html")} <= set(pages)
        for loc, found in pages.items():
            page = loc.removeprefix(BASE_URL + prefix)
            assert found == {"en": BASE_URL + page, "de": BASE_URL + DE + page, "x-default": BASE_URL + page}, loc
            assert (book.html / DE / page).is_file(), page
