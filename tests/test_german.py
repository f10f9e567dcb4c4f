"""The German edition (de/) as its readers meet it: the same pages and anchors as the English, marked German and linked
both ways, German prose throughout, the report's quotations kept in English beside their German rendering, German
search, accessibility light and dark, and a German 404 page."""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag
from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from briefing.core.translations import checked_translations, rendering
from briefing.publish.site import not_found_page
from helpers import ALL_PAGES, BASE_URL, BOOK_PAGES

#: The German edition's folder under the book's root, and its pages (the same names as the English).
DE = "de/"
GERMAN_PAGES = [DE + page for page in ALL_PAGES]
#: The pages Sphinx writes with the book's templates (the root redirect and the self-contained 404 page are not).
TEMPLATED_PAGES = ["genindex.html", "search.html", *BOOK_PAGES]
#: The elements whose own text is checked for its language, and the ones left out (code, scripts).
PROSE = ["p", "li", "td", "th", "caption", "figcaption", "dt", "dd"]
NOT_PROSE = {"code", "pre", "kbd", "samp", "script", "style", "template"}
#: Texts shorter than this many words (names, figures, one-word labels) are too short to tell their language.
MIN_WORDS = 5
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESK = {"viewport": {"width": 1280, "height": 900}}


def parse(book, page: str) -> BeautifulSoup:
    """Return a built page (a path under the book's root) parsed."""
    return BeautifulSoup((book.html / page).read_text(encoding="utf-8"), "html.parser")


def built_pages(root: Path) -> set[str]:
    """Return the HTML pages of one edition's folder (theme macros in _static and the other edition left out)."""
    return {
        str(p.relative_to(root))
        for p in root.rglob("*.html")
        if "_static" not in p.parts and p.relative_to(root).parts[0] != "de"
    }


def anchors(soup: BeautifulSoup) -> set[str]:
    """Return the ids in a page's article: its sections, contributions and every other link target."""
    return {el["id"] for el in soup.select("article [id]")}


def squeeze(text: str) -> str:
    """Return text with its runs of white space made single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def declared_language(el: Tag) -> str:
    """Return the language an element is marked with, itself or through its nearest marked ancestor."""
    for node in (el, *el.parents):
        if isinstance(node, Tag) and node.get("lang"):
            return str(node["lang"]).split("-")[0]
    return ""


def own_text(el: Tag) -> str:
    """Return an element's text less what is checked on its own: nested prose elements, code, and parts marked in
    another language than German."""
    parts: list[str] = []

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                foreign = child.get("lang") and not str(child["lang"]).startswith("de")
                if not (child.name in NOT_PROSE or child.name in PROSE or foreign or "headerlink" in child.get("class", [])):
                    walk(child)
            elif type(child) is NavigableString:  # not comments, doctype or CDATA
                parts.append(str(child))

    walk(el)
    return squeeze(" ".join(parts))


def prose(soup: BeautifulSoup) -> Iterator[tuple[str, str]]:
    """Yield each prose element's tag and own text in a German page, and each image's alt text, outside code and
    outside parts marked in another language."""
    body = soup.body or soup
    for el in body.find_all(PROSE):
        if declared_language(el) == "de" and not el.find_parent(NOT_PROSE):
            yield el.name, own_text(el)
    for img in body.find_all("img", alt=True):
        if declared_language(img) == "de":
            yield "img alt", squeeze(img["alt"])


@functools.cache
def detector() -> LanguageDetector:
    """Return a detector that tells only English from German (the book's two languages; lingua's models)."""
    return LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.GERMAN).build()


def tellable(text: str) -> bool:
    """Return whether a text is prose whose language can be told: enough words (addresses, numbers and report numbers do
    not count), and not only names (every word capitalised, as in "Dr. James Wilson; Dr. Christian Ketels")."""
    words = [w for w in (word.strip(".,;:!?()[]“”„‘’\"'–-") for word in text.split()) if w.isalpha()]  # no URLs or numbers
    return len(words) >= MIN_WORDS and any(word[:1].islower() for word in words)


def english_prose(soup: BeautifulSoup, names: frozenset[str] = frozenset()) -> list[str]:
    """Return the prose texts of a German page, long enough to tell, that are English (official names left out: the
    terminology keeps an organisation's own name, "Harvard Business School", in German too)."""
    found = []
    for tag, text in prose(soup):
        told = text
        for name in sorted(names, key=len, reverse=True):
            told = told.replace(name, " ")
        if tellable(told) and detector().detect_language_of(told) == Language.ENGLISH:
            found.append(f"<{tag}> {text[:200]}")
    return found


def test_every_english_page_has_a_german_page_with_the_same_anchors(book, dataset):
    """Every page of the English edition is built under de/ with the same name and the same anchors in its article."""
    english, german = built_pages(book.html), built_pages(book.html / "de")
    assert english >= set(ALL_PAGES)
    assert {"English only": sorted(english - german), "German only": sorted(german - english)} == {
        "English only": [],
        "German only": [],
    }
    differing = {}
    for page in sorted(english):
        ours, theirs = anchors(parse(book, page)), anchors(parse(book, DE + page))
        if page == "genindex.html":  # the index's letter headings follow each edition's own keywords ("Mobilität")
            ours, theirs = ({a for a in side if not re.fullmatch(r"\w", a)} for side in (ours, theirs))
        if ours != theirs:
            differing[page] = {"English only": sorted(ours - theirs), "German only": sorted(theirs - ours)}
    assert differing == {}
    german_anchors = set().union(*(anchors(parse(book, DE + page)) for page in BOOK_PAGES))
    assert {c.id for c in dataset.contributions} <= german_anchors


def alternates(soup: BeautifulSoup, address: str) -> dict[str, str]:
    """Return a page's hreflang alternates as language → absolute address."""
    return {str(link["hreflang"]): urljoin(address, str(link["href"])) for link in soup.select("link[rel=alternate][hreflang]")}


def switch_targets(soup: BeautifulSoup, address: str) -> dict[str, str]:
    """Return the language switch's links as language → absolute address."""
    return {str(a["hreflang"]): urljoin(address, str(a["href"])) for a in soup.select("nav.briefing-language-switch a[hreflang]")}


@pytest.mark.parametrize("page", ALL_PAGES)
def test_each_german_page_is_marked_german(book, page):
    """Every page under de/, the redirect and 404 pages included, declares <html lang="de">."""
    assert parse(book, DE + page).html.get("lang") == "de"


@pytest.mark.parametrize("page", TEMPLATED_PAGES)
def test_the_editions_link_each_other_both_ways(book, page):
    """A German page switches to its English page and an English page to its German one, and both list the English,
    the German and the x-default (English) address as hreflang alternates."""
    english, german = BASE_URL + page, BASE_URL + DE + page
    expected = {"en": english, "de": german, "x-default": english}
    de_page, en_page = parse(book, DE + page), parse(book, page)
    assert alternates(de_page, german) == expected
    assert alternates(en_page, english) == expected
    assert switch_targets(de_page, german) == {"en": english}
    assert switch_targets(en_page, english) == {"de": german}
    assert en_page.select_one("nav.briefing-language-switch a[hreflang=de]").get("lang") == "de"


@pytest.mark.parametrize("page", GERMAN_PAGES)
def test_german_pages_have_no_untranslated_english_prose(book, dataset, page):
    """No paragraph, list item, table cell, caption, definition or alt text of a German page is English, unless it is
    marked as English (a quotation of the report, an English name), is code, an organisation's own name, or is too
    short or only names to tell."""
    found = english_prose(parse(book, page), official_names(dataset))
    assert found == [], f'{page}: {len(found)} English texts not marked lang="en":\n' + "\n".join(found)


def official_names(dataset) -> frozenset[str]:
    """Return the own names that the German edition keeps as they are: organisations whose German entry is their
    English name (each part of a joint name "A / B" on its own), and the terminology's names kept unchanged."""
    german = checked_translations(dataset, "de")
    kept = {
        c.organisation for c in dataset.contributions if german.get(f"contributions.csv|{c.id}|organisation") == c.organisation
    }
    with (dataset.data_dir / "translations" / "terminology-de.csv").open(encoding="utf-8", newline="") as file:
        kept |= {row["german"] for row in csv.DictReader(file) if row["german"] == row["english"]}
    return frozenset(part.strip() for name in kept for part in name.split(" / ") if part.strip())


def test_official_names_are_the_only_english_the_check_forgives(dataset):
    """Only organisations whose German entry is their English name are left out of the check, and not their roles."""
    names = official_names(dataset)
    assert "Harvard Business School" in " ".join(names)
    assert not any(c.role in names for c in dataset.contributions)


def test_the_language_check_tells_english_from_german():
    """The check flags an English sentence and passes German, a short name, a list of names, code and a part marked
    lang="en"."""
    soup = BeautifulSoup(
        '<body lang="de"><p>The report offers the presentation for download.</p>'
        "<p>Der Bericht bietet die Präsentation zum Herunterladen an.</p><li>Harvard Business School</li>"
        "<td>Dr. James Wilson; Dr. Christian Ketels</td>"
        '<p>Laut Bericht: <span lang="en">“the importance of industrial clusters for the recovery”</span></p>'
        "<pre>make book with the German edition</pre><td><code>python -m briefing build the book</code></td></body>",
        "html.parser",
    )
    assert english_prose(soup) == ["<p> The report offers the presentation for download."]


def sections(book) -> dict[str, Tag]:
    """Return the German edition's contribution sections (and every other section) by id."""
    found: dict[str, Tag] = {}
    for page in BOOK_PAGES:
        for section in parse(book, DE + page).select("section[id]"):
            found.setdefault(str(section["id"]), section)
    return found


#: The elements a quotation and its rendering share, or stand in one after the other ("next to it").
BLOCKS = ["p", "li", "td", "dd", "dt", "blockquote", "figure", "div"]


def quotation_problem(section: Tag | None, evidence: str, german: str | None) -> str | None:
    """Say what is wrong with one quotation in its contribution's German section: not there verbatim in an element
    marked lang="en", or without its German rendering in the same block or the one after it."""
    if section is None:
        return "no section"
    quoted = [el for el in section.select("[lang]") if declared_language(el) == "en" and evidence in squeeze(el.get_text())]
    if not quoted:
        return "not verbatim inside an element marked lang=en"
    if german is None:
        return "no checked German rendering in data/translations/de.po"
    for el in quoted:
        block = el if el.name in BLOCKS else el.find_parent(BLOCKS) or el.parent
        nearby = [block, block.find_next_sibling()]
        if any(node is not None and squeeze(german) in squeeze(node.get_text()) for node in nearby):
            return None
    return f"its German rendering «{german}» is not beside it"


def test_the_quotation_check_needs_the_english_marked_and_the_rendering_beside_it():
    """A quotation passes marked lang="en" with its rendering in its block or the next one, and fails unmarked, without a
    rendering, or with the rendering elsewhere in the section."""
    evidence, german = "the importance of industrial clusters", "die Bedeutung industrieller Cluster"

    def check(body: str, rendering: str | None = german) -> str | None:
        section = BeautifulSoup(f'<section id="x" lang="de">{body}</section>', "html.parser").section
        return quotation_problem(section, evidence, rendering)

    marked = f'<span lang="en">“{evidence}”</span>'
    assert check(f"<ul><li><p>Cluster: {marked} (Übersetzung: „{german}“)</p></li></ul>") is None
    assert check(f"<table><tr><td lang=en>{evidence}</td><td>{german}</td></tr></table>") is None
    assert check(f"<blockquote lang=en><p>{evidence}</p></blockquote><p>{german}</p>") is None
    assert check(f"<p>Cluster: “{evidence}” ({german})</p>") == "not verbatim inside an element marked lang=en"
    assert check(f"<p>Cluster: {marked}</p>", None) == "no checked German rendering in data/translations/de.po"
    assert "not beside it" in check(f"<p>{marked}</p><p>Anderes.</p><p>{german}</p>")


def test_every_quotation_stays_english_beside_its_german_rendering(book, dataset):
    """Each theme link's quotation of the report appears verbatim, marked lang="en", in its contribution's German section,
    with the editors' checked German rendering in the same block or the one right after it."""
    found, translations = sections(book), checked_translations(dataset, "de")
    problems = []
    for link in dataset.links:
        german = rendering(translations, link.contribution_id, link.theme_id)
        problem = quotation_problem(found.get(link.contribution_id), squeeze(link.evidence), german)
        if problem:
            problems.append(f"{link.contribution_id} / {link.theme_id}: “{link.evidence}”: {problem}")
    assert dataset.links and problems == [], "\n".join(problems)


def search(visit, query: str):
    """Open the German search page for a query and return it once Sphinx's summary line is written."""
    page = visit(f"{DE}search.html?q={query}").page
    page.wait_for_selector("#search-results p.search-summary", timeout=20_000)
    return page


def test_german_search_finds_a_speakers_section_by_surname(visit, dataset):
    """On the German search page a speaker's surname, umlauts typed or not ("Gärtner", "Gartner", "Koder"), lists that
    speaker's section of the German edition first, and the summary line is German."""
    queries = {c.speaker.split()[-1]: c for c in dataset.contributions}
    for typed, plain in (("Gärtner", "Gartner"), ("Köder", "Koder")):
        queries[plain] = queries[typed]
    misses, summaries = [], set()
    for word, contribution in queries.items():
        ids = {c.id for c in dataset.contributions if c.speaker == contribution.speaker}
        page = search(visit, word)
        page.wait_for_selector("#search-results ul.search li a", timeout=20_000)
        first = page.eval_on_selector("#search-results ul.search li a", "a => a.href")
        if first.split("#")[-1] not in ids or "/de/chapters/" not in first:
            misses.append((word, first))
        summaries.add(page.inner_text("#search-results p.search-summary"))
    assert misses == []
    assert all(detector().detect_language_of(s) == Language.GERMAN for s in summaries), summaries


def test_a_german_search_miss_is_said_in_german(visit):
    """A German search that finds nothing says so in German."""
    summary = search(visit, "Zqxjv").inner_text("#search-results p.search-summary")
    assert len(summary.split()) >= MIN_WORDS and detector().detect_language_of(summary) == Language.GERMAN, summary


def test_the_german_404_page_is_german_and_links_into_the_german_edition(book):
    """de/404.html is German in its title and text and links to every page of the German edition, each of which exists."""
    soup = parse(book, DE + "404.html")
    heading = soup.title.get_text().split(" · ")[0]  # the rest is the book's title
    texts = [heading, soup.h1.get_text(), *(squeeze(p.get_text()) for p in soup.select("main > p"))]
    assert all(detector().detect_language_of(text) == Language.GERMAN for text in texts), texts
    links = [str(a["href"]) for a in soup.select("a[href]")]
    assert sorted(links) == sorted(BASE_URL + DE + page for page in BOOK_PAGES)
    assert all((book.html / link.removeprefix(BASE_URL)).exists() for link in links)


def test_a_404_page_without_base_url_stays_in_its_edition(dataset, german):
    """Built without a base URL, the German 404 page is marked German and its links lead into /de/, not to the English."""
    page = BeautifulSoup(not_found_page(dataset, None, [("chapters/eu.html", "Die EU-Perspektive")]), "html.parser")
    assert page.html["lang"] == "de" and [a["href"] for a in page.select("a")] == ["/de/chapters/eu.html"]
