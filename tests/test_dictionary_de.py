"""The data dictionary in the German edition: German descriptions from schema.po, the examples English and marked so."""

from __future__ import annotations

from markupsafe import Markup

from briefing.analysis.quotations import in_english
from briefing.core.schema import dictionary_rows
from briefing.i18n import messages as i18n
from briefing.notebook import tables

#: The catalogue that holds the German of the descriptions.
SCHEMA_PO = i18n.CATALOGUES / "de" / "LC_MESSAGES" / "schema.po"


def descriptions() -> list[str]:
    """Return every distinct description the data dictionary shows, in the schema's English."""
    return list(dict.fromkeys(row["description"] for row in dictionary_rows()))


def test_every_description_has_a_checked_german_entry():
    """Each description of dictionary_rows() has a non-fuzzy German entry of context 'data dictionary' that differs from it."""
    known = i18n._messages("de")
    missing = [english for english in descriptions() if (tables.DICTIONARY_CONTEXT, english) not in known]
    assert missing == []
    assert [english for english in descriptions() if known[(tables.DICTIONARY_CONTEXT, english)] == english] == []


def test_german_keeps_the_length_limit_of_its_english():
    """A description's German states the same character limit as its English, in German number format."""
    known = i18n._messages("de")
    for english in descriptions():
        german = known[(tables.DICTIONARY_CONTEXT, english)]
        for limit in ("60", "300", "2,000"):
            stated = f" at most {limit} characters." in english.lower()
            assert stated == (f"chstens {limit.replace(',', '.')} Zeichen." in german), english


def test_german_data_dictionary_has_german_descriptions_and_english_examples(german):
    """The German table shows each description's German unmarked and each example marked English."""
    rows = dictionary_rows()
    table = tables.data_dictionary()
    assert list(table.columns) == ["Datei", "Spalte", "Pflichtangabe", "Beschreibung", "Beispiel"]
    known = i18n._messages("de")
    assert list(table["Beschreibung"]) == [known[(tables.DICTIONARY_CONTEXT, row["description"])] for row in rows]
    assert not any(isinstance(text, Markup) for text in table["Beschreibung"])
    assert list(table["Beispiel"]) == [in_english(row["example"]) for row in rows]
    assert table["Beispiel"].iloc[0] == Markup('<span lang="en">The Ruhr Smart Specialisation Briefing</span>')


def test_a_description_without_german_stays_english_and_marked(german):
    """A description the catalogue lacks is shown in English marked lang="en", never unmarked."""
    assert tables.described_here("A column nobody has translated.") == Markup(
        '<span lang="en">A column nobody has translated.</span>'
    )


def test_the_english_data_dictionary_is_unchanged():
    """The English edition shows the schema's descriptions and examples as they are, unmarked."""
    table = tables.data_dictionary()
    assert list(table["Description"]) == [row["description"] for row in dictionary_rows()]
    assert list(table["Example"]) == [row["example"] for row in dictionary_rows()]
