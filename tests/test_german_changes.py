"""The German edition's revisions page, data dictionary and data description: German wherever the editors wrote it,
English only where it is marked lang="en"; old theme labels from the terminology list; a German JSON-LD title."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup
from lingua import Language

from briefing import load_dataset
from briefing.core.former_texts import term_for, terminology
from briefing.i18n.messages import in_language
from briefing.publish.opendata import dataset_jsonld
from helpers import DATA
from test_german import DE, declared_language, detector, english_prose, official_names, own_text, parse

REVISIONS, DATA_PAGE = "chapters/revisions.html", "chapters/data-and-method.html"
#: English values the German revisions page used to show unmarked or as plain English: fixed values and old theme labels.
ENGLISH_VALUES = ["probable", "cited", "approach", "Entrepreneurial discovery", "Sectoral and regional focus"]


def test_old_theme_labels_have_their_german_in_the_terminology():
    """The terminology list names each former theme label in German, found with or without its '(former theme)' note and
    whatever its capital letter, and nothing for a label it does not have."""
    terms = terminology(DATA, "de")
    assert term_for(terms, "Sectoral and regional focus") == "Sektorale und regionale Schwerpunktsetzung"
    assert term_for(terms, "Entrepreneurial discovery") == "Unternehmerische Entdeckung"
    assert term_for(terms, "Digital transition and IT security") == "Digitaler Wandel und IT-Sicherheit"
    assert term_for(terms, "Implementation") == "Umsetzung"
    assert term_for(terms, "A label nobody translated") is None


def test_the_german_data_description_has_a_german_title():
    """The German edition describes its data (JSON-LD) with a German title and description; the English edition's
    title stays English."""
    with in_language("de"):
        german = dataset_jsonld(load_dataset(DATA), None, "chapters/data-and-method.html", [], "data.zip")
    english = dataset_jsonld(load_dataset(DATA), None, "chapters/data-and-method.html", [], "data.zip")
    assert german["name"].startswith("Briefing zur intelligenten Spezialisierung im Ruhrgebiet: Daten, Ausgabe ")
    assert detector().detect_language_of(german["description"].split(". ")[-1]) == Language.GERMAN
    assert english["name"].startswith("The Ruhr Smart Specialisation Briefing: data, edition ")


def dictionary(soup: BeautifulSoup) -> BeautifulSoup:
    """Return the data dictionary's table (its caption names the files and columns) of the data page."""
    caption = next(c for c in soup.select("table caption") if "Dateien und Spalten" in c.get_text())
    return caption.find_parent("table")


def english_values(soup) -> list[str]:
    """Return the known English values found in a part of a German page outside elements marked lang="en" (the values
    of a change, not the editors' reason after "Warum:", which may name a data value on purpose)."""
    found = []
    for el in soup.find_all(["p", "li", "td"]):
        if declared_language(el) != "de":
            continue
        text = own_text(el).split("Warum:")[0]
        found += [f"{value!r} in «{text[:120]}»" for value in ENGLISH_VALUES if f"“{value}”" in text or f"„{value}“" in text]
    return found


def test_german_revisions_page_and_dictionary_have_no_english_outside_lang_en(book, dataset):
    """On the German revisions page and in the German data dictionary, no block is English outside an element marked
    lang="en" (lingua per block), and no old English value ("probable", "Entrepreneurial discovery") stands unmarked."""
    revisions, data_page = parse(book, DE + REVISIONS), parse(book, DE + DATA_PAGE)
    table = dictionary(data_page)
    names = official_names(dataset)
    assert english_prose(revisions, names) == []
    assert english_prose(BeautifulSoup(f'<body lang="de">{table}</body>', "html.parser"), names) == []
    assert english_values(revisions) == [] and english_values(table) == []
    examples = [td for td in table.select("tbody tr td:last-child") if td.get_text(strip=True)]
    assert len(examples) > 100 and sum(1 for td in examples if td.find(lang="en")) <= 10


def test_old_theme_labels_appear_in_german_on_the_german_revisions_page(book):
    """The German revisions page names removed and renamed themes by their German labels, and their English labels
    appear nowhere on it."""
    text = parse(book, DE + REVISIONS).get_text(" ")
    for german in (
        "Sektorale und regionale Schwerpunktsetzung",
        "Unternehmerische Entdeckung",
        "Auf regionalen Stärken aufbauen",
    ):
        assert german in text
    for english in ("Sectoral and regional focus", "Entrepreneurial discovery", "Building on regional strengths"):
        assert english not in text


def test_the_german_data_page_describes_the_data_in_german(book):
    """The German data page's JSON-LD has a German title; the English page's is English, and both editions offer the
    same, English, datapackage.json (at each edition's own address)."""
    described = {}
    for prefix in ("", DE):
        script = parse(book, prefix + DATA_PAGE).select_one('script[type="application/ld+json"]')
        described[prefix] = json.loads(script.string)["name"]
    assert described[DE].startswith("Briefing zur intelligenten Spezialisierung im Ruhrgebiet: Daten, Ausgabe ")
    assert detector().detect_language_of(described[DE]) == Language.GERMAN
    assert described[""].startswith("The Ruhr Smart Specialisation Briefing: data, edition ")
    # The same package in both editions, except the address each edition serves it at.
    packages = [
        json.loads((html / "downloads" / "datapackage.json").read_text(encoding="utf-8")) for html in (book.html, book.html / DE)
    ]
    for package in packages:
        package.pop("id", None)
        package.pop("homepage", None)
    assert packages[0] == packages[1]
    assert packages[0]["title"].startswith("The Ruhr Smart Specialisation Briefing: data, edition ")
