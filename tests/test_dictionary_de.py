"""The data dictionary in the German edition: German descriptions and text examples from schema.po, the rest marked."""

from __future__ import annotations

import html
import re

from markupsafe import Markup

from briefing.analysis.quotations import in_english
from briefing.core.schema import dictionary_rows
from briefing.core.translations import TRANSLATED
from briefing.i18n import messages as i18n
from briefing.notebook import tables

#: The catalogue that holds the German of the descriptions.
SCHEMA_PO = i18n.CATALOGUES / "de" / "LC_MESSAGES" / "schema.po"


def descriptions() -> list[str]:
    """Return every distinct description the data dictionary shows, in the schema's English."""
    return list(dict.fromkeys(row["description"] for row in dictionary_rows()))


def test_every_description_has_a_checked_german_entry():
    """Each description of dictionary_rows() has a non-fuzzy German entry of context 'data dictionary' that differs from it."""
    known = i18n.in_context(tables.DICTIONARY_CONTEXT, "de")
    missing = [english for english in descriptions() if english not in known]
    assert missing == []
    assert [english for english in descriptions() if known[english] == english] == []


def test_german_keeps_the_length_limit_of_its_english():
    """A description's German states the same character limit as its English, in German number format."""
    known = i18n.in_context(tables.DICTIONARY_CONTEXT, "de")
    for english in descriptions():
        german = known[english]
        for limit in ("60", "300", "2,000"):
            stated = f" at most {limit} characters." in english.lower()
            assert stated == (f"chstens {limit.replace(',', '.')} Zeichen." in german), english


def test_german_data_dictionary_has_german_descriptions_and_examples(german):
    """The German table shows each description's German unmarked, and each example as example_here gives it: a text in
    German, the report's words marked English, an id as code."""
    rows = dictionary_rows()
    table = tables.data_dictionary()
    assert list(table.columns) == ["Datei", "Spalte", "Pflichtangabe", "Beschreibung", "Beispiel"]
    known = i18n.in_context(tables.DICTIONARY_CONTEXT, "de")
    german = [known[row["description"]] for row in rows]
    shown = [str(text) if isinstance(text, Markup) else text for text in table["Beschreibung"]]  # values set as code
    assert [re.sub(r"<code>([^<]*)</code>", "„\\1“", html.unescape(text)) for text in shown] == german
    assert not any('lang="en"' in str(text) for text in table["Beschreibung"])
    assert list(table["Beispiel"]) == [tables.example_here(r["file"], r["column"], r["example"]) for r in rows]
    assert table["Beispiel"].iloc[0] == "Briefing zur intelligenten Spezialisierung im Ruhrgebiet"


def test_examples_are_german_texts_marked_english_words_or_code(german):
    """Every example of a text column is German (unmarked) or marked English, the report's words stay English and
    marked, and ids, codes and file names are code."""
    examples = {(r["file"], r["column"]): tables.example_here(r["file"], r["column"], r["example"]) for r in dictionary_rows()}
    assert examples[("themes.csv", "label")] == "Cluster und Clusterpolitik"
    assert examples[("event.yml", "region")] == "Metropole Ruhr"
    assert examples[("contribution_themes.csv", "evidence")] == in_english("clusters enable entrepreneurial discovery processes")
    assert examples[("themes.csv", "id")] == Markup("<code>clusters</code>")
    assert examples[("editorial_notes.csv", "basis")] == Markup("<code>probable</code>")
    texts = [(f, c) for f, c in examples if c in TRANSLATED.get(f, ())]
    assert len(texts) >= 25
    unmarked_english = [
        (f, c) for f, c in texts if not isinstance(examples[(f, c)], Markup) and examples[(f, c)] == row_example(f, c)
    ]
    assert unmarked_english == [("editorial_notes.csv", "probably_right")]  # a name: "Stefan Gärtner"


def row_example(file: str, column: str) -> str:
    """Return the schema's English example of one column."""
    return next(r["example"] for r in dictionary_rows() if (r["file"], r["column"]) == (file, column))


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


def test_german_descriptions_set_the_datas_values_as_code():
    """A German description names the data's own values (cited, probable, draft) as code, not as quoted German words."""
    with i18n.in_language("de"):
        shown = [str(tables.described_here(d)) for d in descriptions()]
    basis = next(s for s in shown if "<code>probable</code>" in s)
    assert "<code>cited</code>" in basis and "„cited“" not in basis
    assert not [s for s in shown if "„draft“" in s or "„approach“" in s]
