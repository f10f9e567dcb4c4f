"""The German edition's Literatur, Glossar and Stichwortverzeichnis (issue 23): a localised bibliography with German
editors' notes and official German titles of EU acts, German in-text citations ("o. J.", "und", "Europäische
Kommission"), German glossary headwords with the English term in brackets, and a German index whose search aliases
("Koder", "Gartner") only the search knows."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from lingua import Language
from pybtex.database import parse_string
from sphinxcontrib.bibtex.style.referencing import format_references
from sphinxcontrib.bibtex.style.template import SphinxReferenceInfo

from briefing.core.bibliography import DESCRIPTIONS, localised_bibtex, work_language
from briefing.core.load import load_dataset
from briefing.core.translations import UNTRANSLATED, bibliography_translations, check_translations, checked_translations
from briefing.i18n.messages import in_language
from briefing.sections.method import Headword, headword, in_brackets
from briefing.sphinx.citations import BriefingAuthorYear
from briefing.sphinx.search import index_name
from helpers import DATA
from test_german import DE, detector, own_text, parse, tellable

#: The German title and Official Journal reference of Regulation (EU) 2021/1060 (checked on EUR-Lex, see de.po).
CPR_TITLE = "Verordnung (EU) 2021/1060 des Europäischen Parlaments und des Rates vom 24. Juni 2021 mit gemeinsamen"
CPR_JOURNAL = "ABl. L 231 vom 30.6.2021, S. 159"


def german_bib(dataset, source: str | None = None, preview: bool = False):
    """Return the shipped (or a given) bibliography localised into German, parsed."""
    text = source if source is not None else (DATA / "references.bib").read_text(encoding="utf-8")
    translated = bibliography_translations(dataset, "de", mark_untranslated=preview)
    return parse_string(localised_bibtex(text, translated, "de", UNTRANSLATED if preview else ""), bib_format="bibtex")


def cite(entry, role: str = "p") -> str:
    """Return an in-text citation of one entry as the German edition writes it, as plain text."""
    info = SphinxReferenceInfo(builder=None, fromdocname="", todocname="", citation_id="x", title="", pre_text="", post_text="")
    with in_language("de"):
        return str(format_references(BriefingAuthorYear(), role, [(entry, None, info)]))


# --- the localised bibliography (no build)


def test_the_german_bibliography_cites_the_eu_regulation_by_its_german_title(dataset):
    """The German copy of references.bib gives Regulation (EU) 2021/1060 its German title, authors and OJ reference."""
    entry = german_bib(dataset).entries["eu2021cpr"]
    assert entry.fields["title"].startswith(CPR_TITLE)
    assert entry.fields["howpublished"].startswith(CPR_JOURNAL + "; Art. 49 und 63 in Abschriften Dritter gelesen")
    assert str(entry.persons["author"][0]) == "{Europäisches Parlament und Rat der Europäischen Union}"
    assert work_language(entry) == "de"


def test_every_editors_note_of_the_german_bibliography_is_german(dataset):
    """Each description field (note, howpublished, publisher, address ...) of the German copy is its German translation,
    and the English descriptions it replaces are gone from it."""
    german = german_bib(dataset)
    replaced = {
        (key, name): english
        for key, texts in dataset.bibliography.items()
        for name, english in texts.items()
        if name in DESCRIPTIONS
    }
    found = checked_translations(dataset, "de")
    assert replaced
    english_left = [
        (key, name)
        for (key, name), english in replaced.items()
        if found[f"references.bib|{key}|{name}"] != english and english in german.entries[key].fields.get(name, "")
    ]
    assert english_left == []
    assert german.entries["foray2012ris3"].fields["address"] == "Luxemburg"
    assert german.entries["bmr-leitmaerkte"].fields["note"].startswith("Geprüft am 27. November 2026 (gespeicherte Kopie)")


def test_a_changed_english_note_shows_as_untranslated_english_in_a_preview(data_copy):
    """In a preview, a bibliography text whose English changed after its translation keeps the new English, marked
    [untranslated] and listed as English in the copy; translate check names it."""
    bib = data_copy / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("Undated page: The Competitiveness", "Undated: The Competitiveness"))
    changed = load_dataset(data_copy, fresh=True)
    entry = german_bib(changed, bib.read_text(encoding="utf-8"), preview=True).entries["tci-origins"]
    assert entry.fields["note"].startswith(f"{UNTRANSLATED} Undated: The Competitiveness")
    assert "note" in entry.fields["englishfields"]
    assert any(p.file == "references.bib" and p.column == "note" for p in check_translations(changed, "de"))


def test_a_hostile_translation_stays_text_and_only_web_addresses_stay_links(dataset):
    """A translation with BibTeX specials ends no field and opens no entry, and a non-http(s) address is dropped."""
    source = "@misc{a, author = {{X}}, title = {T}, note = {n}, url = {javascript:alert(1)}}\n"
    hostile = '} @misc{evil, title={pwned}} \\input{/etc/passwd} "quoted" 100% #1 & _ ~'
    data = parse_string(localised_bibtex(source, {("a", "note"): hostile}, "de"), bib_format="bibtex")
    assert list(data.entries) == ["a"]
    assert "url" not in data.entries["a"].fields
    note = data.entries["a"].fields["note"]
    assert "@misc" not in note.replace("{@}misc", "") and "\\input" not in note


def test_german_in_text_citations_say_o_j_und_and_europaeische_kommission(dataset):
    """In German an undated work is cited "o. J.", two authors are joined with "und", many with "u. a." (both with a
    non-breaking space, so no line breaks inside), and the Commission is cited as "Europäische Kommission"."""
    german = german_bib(dataset).entries
    assert cite(german["tci-origins"]) == "[TCI Network, o.\u00a0J.]"
    assert cite(german["hassink2021ruhr"]) == "[Hassink und Kiese, 2021]"
    assert cite(german["foray2012ris3"]) == "[Foray u.\u00a0a., 2012]"
    assert cite(german["ec2020industrialstrategy"]) == "[Europäische Kommission, 2020]"


# --- the glossary's headwords and the index's entries (no build)


def test_a_glossary_headword_is_german_with_the_english_term_in_brackets(dataset, german):
    """In German an English glossary term becomes its German headword with the English in brackets (its own bracket
    after a comma); a German term stays as it is; without a translation the English term stays, as English."""
    entry = next(g for g in dataset.glossary if g.term == "Smart specialisation (RIS3)")
    assert headword(entry, "Intelligente Spezialisierung") == Headword(
        "Intelligente Spezialisierung", "de", "Smart specialisation, RIS3"
    )
    leitmarkt = next(g for g in dataset.glossary if g.term == "Leitmarkt")
    assert headword(leitmarkt, "Leitmarkt") == Headword("Leitmarkt", "de")
    assert headword(entry, None) == Headword("Smart specialisation (RIS3)", "en")
    assert in_brackets("Business Metropole Ruhr GmbH (BMR)") == "Business Metropole Ruhr GmbH, BMR"


def test_the_index_lists_a_speaker_surname_first():
    """The index lists speakers surname first, a Dutch "van" after the given name, as indexes sort them."""
    assert index_name("Stefan Gärtner") == "Gärtner, Stefan"
    assert index_name("Willem van Winden") == "Winden, Willem van"
    assert index_name("Rasmus C. Beck") == "Beck, Rasmus C."


# --- the built German pages (the session's book)


def citation_blocks(book) -> list:
    """Return the entries of the German references page's bibliography."""
    return parse(book, DE + "chapters/references.html").select("#references div.citation")


def test_the_german_references_page_has_no_english_editors_notes(book, dataset):
    """On the German references page no entry's own text (outside its titles and names marked lang="en") is English, no
    English description of the .bib is shown even marked, and no entry joins authors with "and" or says "n.d."."""
    blocks = citation_blocks(book)
    assert len(blocks) == len(dataset.references)
    english = []
    for block in blocks:  # each field of an entry is a sentence; a name quoted in a German note does not count
        for field in re.sub(r"„[^“]*“", " ", own_text(block.p)).split(". ")[1:]:  # after the authors' names
            if tellable(field) and detector().detect_language_of(field) == Language.ENGLISH:
                english.append(field[:160])
    assert english == []
    shown = " ".join(b.get_text(" ", strip=True) for b in blocks)
    found = checked_translations(dataset, "de")
    left = [
        text
        for key, texts in dataset.bibliography.items()
        for name, text in texts.items()
        if name in DESCRIPTIONS and found[f"references.bib|{key}|{name}"] != text and len(text) > 12 and text in shown
    ]
    assert left == []
    for block in blocks:
        marked = " ".join(s.get_text() for s in block.select('[lang="en"]'))
        assert not re.search(r"\b(Undated|Checked|Web site|Press release|Official Journal|Luxembourg)\b", marked), marked
    assert "n.d." not in shown
    authors = [own_text(b.p).split(". ")[0] for b in blocks]  # the names, marked as names, and what joins them
    assert [a for a in authors if " and " in a] == [] and any(" und " in a for a in authors)


def test_the_german_references_cite_eu_acts_by_their_german_titles(book):
    """The German references give Regulation (EU) 2021/1060 and the Commission's communications their German titles."""
    shown = " ".join(b.get_text(" ", strip=True) for b in citation_blocks(book))
    for german in (CPR_TITLE, CPR_JOURNAL, "Eine Leitmarktinitiative für Europa", "Eine neue Industriestrategie für Europa"):
        assert german in shown, german
    assert "Regulation (EU) 2021/1060 of 24 June 2021" not in shown


def test_german_in_text_citations_are_german_on_every_page(book):
    """No German page cites a work "n.d." or joins two authors with "and", and the Commission is cited in German."""
    links = []
    for page in sorted((book.html / DE / "chapters").glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links += [a.get_text(" ", strip=True) for a in soup.select("a[href*='references.html#id']")]
    assert links
    two_authors = re.compile(r"^[\w-]+ and [\w-]+, (\d{4}|n\.d\.)")  # "Hassink and Kiese, 2021"
    assert [t for t in links if "n.d." in t or two_authors.match(t) or "European Commission" in t] == []
    assert "Hassink und Kiese, 2021" in links
    assert any(t.startswith("Europäische Kommission, ") for t in links)
    assert any("o.\u00a0J." in t for t in links) and not any("o. J." in t for t in links)


def test_the_german_glossary_has_german_headwords_with_the_english_in_brackets(book, dataset):
    """Each German glossary headword is German (an English term only in brackets, marked lang="en"), "GD GROW" among
    them, and the headwords are in the German alphabet's order."""
    section = parse(book, DE + "chapters/data-and-method.html").select_one("#glossary")
    terms = section.select("dt")
    assert len(terms) == len(dataset.glossary)
    german = checked_translations(dataset, "de")
    heads = []
    for dt in terms:
        marked = [s.get_text() for s in dt.select('[lang="en"]')]
        head = own_text(dt).split(" (")[0]
        heads.append(head)
        assert head not in {g.term for g in dataset.glossary if g.lang == "en"} - set(german.values()), dt.get_text()
        assert all(f"({m})" in dt.get_text() for m in marked), dt.get_text()
    assert "GD GROW" in heads and "Intelligente Spezialisierung" in heads
    assert "Intelligente Spezialisierung (Smart specialisation, RIS3)" in [" ".join(dt.get_text().split()) for dt in terms]
    assert heads == sorted(heads, key=lambda h: h.casefold().translate(str.maketrans("äöü", "aou")))


def index_entries(book, page: str) -> list[str]:
    """Return the visible entries of a general index page."""
    soup = parse(book, page)
    return [
        li.find("a").get_text(strip=True) if li.find("a") else li.get_text(strip=True)
        for li in soup.select("table.indextable li")
    ]


def search_entries(book, edition: str = DE) -> dict:
    """Return the index entries Sphinx's search knows in an edition (searchindex.js)."""
    text = (book.html / edition / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])["indexentries"]


def test_the_german_index_lists_no_english_entries_and_no_search_aliases(book, dataset):
    """The German index lists each keyword in German ("Mobilität", not "mobility"; "GD GROW"), speakers surname first,
    and no search alias ("Koder", "Gartner", the surname alone)."""
    shown = set(index_entries(book, DE + "genindex.html"))
    german = checked_translations(dataset, "de")
    english_keywords = {k for c in dataset.contributions for k in c.keywords} - {
        k for ctx, text in german.items() if ctx.endswith("|keywords") for k in text.split(";")
    }
    assert shown and english_keywords & shown == set()
    assert {"mobility", "inter-municipal cohesion", "DG GROW"} & shown == set()
    assert {"Mobilität", "interkommunaler Zusammenhalt", "GD GROW", "Köder, Jürgen"} <= shown
    aliases = {"Koder", "Koeder", "Gartner", "Gaertner", "Köder", "Gärtner", "Jürgen Köder", "Stefan Gärtner"}
    assert aliases & shown == set()
    assert aliases & set(index_entries(book, "genindex.html")) == set()  # nor in the English index


@pytest.mark.parametrize("edition", [DE, ""])
def test_the_search_still_finds_a_speaker_by_the_aliases(book, dataset, edition):
    """Sphinx's search still sends each alias ("Koder", "Gartner", a surname alone) to the speaker's section."""
    entries = search_entries(book, edition)
    koeder = next(c for c in dataset.contributions if "Köder" in c.speaker)
    gaertner = next(c for c in dataset.contributions if "Gärtner" in c.speaker)
    for alias, contribution in (("koder", koeder), ("köder", koeder), ("gartner", gaertner), ("gärtner", gaertner)):
        assert any(anchor == contribution.id for _, anchor, _ in entries.get(alias, [])), alias
