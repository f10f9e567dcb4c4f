"""The downloads open in a German spreadsheet by double-click: a copy for German Excel beside each standard CSV file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefing.core.translations import checked_translations, rendering
from briefing.i18n.messages import in_language
from briefing.publish.downloads import EXCEL_SUFFIX, excel_name, excel_sources, translated_cells, write_downloads
from briefing.publish.opendata import DATAPACKAGE_FILE
from briefing.text.safecsv import excel_csv

BOM = b"\xef\xbb\xbf"


def as_excel_reads(raw: bytes) -> tuple[str, list[list[str]]]:
    """Read a CSV file as German Excel or LibreOffice does on a double-click: the encoding by its byte-order mark (else
    Windows-1252), the separator guessed from its header line (prose cells full of commas mislead a guess from more);
    return the separator and the rows."""
    text = raw[len(BOM) :].decode("utf-8") if raw.startswith(BOM) else raw.decode("cp1252", errors="replace")
    delimiter = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t").delimiter
    return delimiter, list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


@pytest.fixture(scope="module")
def downloads(tmp_path_factory, dataset):
    """The English edition's downloads folder, as the build writes it."""
    target = tmp_path_factory.mktemp("downloads-en") / "downloads"
    write_downloads(dataset, target)
    return target


@pytest.fixture(scope="module")
def german_downloads(tmp_path_factory, dataset):
    """The German edition's downloads folder (de/downloads), as the German build writes it."""
    target = tmp_path_factory.mktemp("downloads-de") / "downloads"
    with in_language("de"):
        write_downloads(dataset, target)
    return target


def test_the_standard_file_is_what_german_excel_garbles(downloads):
    """The standard contributions.csv, read as German Excel reads a file without a byte-order mark, shows "GÃ¤rtner"."""
    _, rows = as_excel_reads((downloads / "contributions.csv").read_bytes())
    assert "GÃ¤rtner" in "".join(cell for row in rows for cell in row)  # what the copy for Excel is for


def test_every_csv_file_has_a_copy_that_german_excel_reads_right(downloads, dataset):
    """Each data table and the dictionary has an .excel-de.csv copy that German Excel reads as UTF-8, split at semicolons
    into as many columns as its header has in every row, with Windows line ends and the same cells as the standard file."""
    names = excel_sources(dataset)
    assert {"contributions.csv", "contribution_themes.csv", "data-dictionary.csv"} <= set(names)
    for name in names:
        raw = (downloads / excel_name(name)).read_bytes()
        assert raw.startswith(BOM), name
        delimiter, rows = as_excel_reads(raw)
        text = "".join(cell for row in rows for cell in row)
        assert delimiter == ";" and "Ã" not in text, name
        assert all(len(row) == len(rows[0]) for row in rows), name
        assert raw.endswith(b"\r\n") and raw.count(b"\r\n") == len(rows), name  # one Windows line end per row
        with (downloads / name).open(encoding="utf-8", newline="") as standard:
            assert rows == list(csv.reader(standard)), f"{name}: the copy holds other cells than the standard file"
    assert "Gärtner" in (downloads / "contributions.excel-de.csv").read_bytes().decode("utf-8-sig")


def test_the_copies_stay_out_of_the_data_package_and_its_zip(downloads):
    """The data package and the zip list only the standard files: a copy for Excel is not a resource of the package."""
    package = json.loads((downloads / DATAPACKAGE_FILE).read_text(encoding="utf-8"))
    assert not [r["path"] for r in package["resources"] if r["path"].endswith(EXCEL_SUFFIX)]
    assert (downloads / "contributions.excel-de.csv").is_file()


def test_german_edition_copies_have_german_headings_and_standard_files_are_unchanged(downloads, german_downloads, dataset):
    """The German edition's copies for Excel are headed in German with the data's column name in brackets and hold the
    German of every text the data's catalogue translates (ids and untranslated texts as they are), while its standard
    files are the very same bytes as the English edition's (the data's own headers and texts)."""
    _, rows = as_excel_reads((german_downloads / "contributions.excel-de.csv").read_bytes())
    assert rows[0][:3] == ["Kennung (id)", "Reihenfolge (order)", "Vortragende Person (speaker)"]
    assert "Organisation" in rows[0] and "Zusammenfassung (summary)" in rows[0]
    _, english = as_excel_reads((downloads / "contributions.excel-de.csv").read_bytes())
    assert english[0][:3] == ["id", "order", "speaker"] and [r[0] for r in english[1:]] == [r[0] for r in rows[1:]]
    german = checked_translations(dataset, "de")
    column = english[0].index("summary")
    for english_row, german_row in zip(english[1:], rows[1:], strict=True):
        expected = german.get(f"contributions.csv|{english_row[0]}|summary", english_row[column])
        assert german_row[column] == expected
    assert any(e != g for e, g in zip(english[1:], rows[1:], strict=True))  # the shipped data translate summaries
    for path in downloads.glob("*.csv"):
        if not path.name.endswith(EXCEL_SUFFIX):
            assert (german_downloads / path.name).read_bytes() == path.read_bytes(), path.name
    _, dictionary = as_excel_reads((german_downloads / "data-dictionary.excel-de.csv").read_bytes())
    assert dictionary[0] == [
        "Datei (file)",
        "Spalte (column)",
        "Pflichtangabe (required)",
        "Beschreibung (description)",
        "Beispiel (example)",
    ]


def test_excel_copy_defuses_formulas_and_keeps_awkward_cells_whole():
    """A cell that would run as a formula gets its apostrophe; a cell with a semicolon, a quote or a line break stays one
    cell; a header of the wrong length is refused."""
    raw = excel_csv('a,b\n=SUM(1;2),"x; ""y""\nz"\n', ["A", "B"])
    _, rows = as_excel_reads(raw)
    assert rows == [["A", "B"], ["'=SUM(1;2)", 'x; "y"\nz']]
    with pytest.raises(ValueError):
        excel_csv("a,b\n1,2\n", ["only one"])


@pytest.mark.parametrize("edition", ["", "de/"])
def test_the_data_page_offers_each_copy_with_a_line_saying_what_it_is_for(book, edition):
    """The data page lists beside each standard CSV file its copy for German Excel, which exists, and says in one
    sentence what it is for."""
    page = BeautifulSoup((book.html / edition / "chapters" / "data-and-method.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["href"] for a in page.select("a[href]")}
    for name in ("contributions.csv", "data-dictionary.csv"):
        assert f"../downloads/{name}" in links and f"../downloads/{excel_name(name)}" in links
        assert (book.html / edition / "downloads" / excel_name(name)).is_file()
    text = " ".join(page.get_text().split())
    assert EXCEL_SUFFIX in text and ("German Excel and LibreOffice" in text or "deutsches Excel und LibreOffice" in text)


def test_a_cell_is_translated_only_where_the_catalogue_has_its_row_and_column():
    """A table's cell takes its checked translation by 'file|row|column'; ids, other columns and other rows stay."""
    text = 'id,topic,evidence\nbeck,Welcome,"the Ruhr, in his words"\nnoone,Left,x\n'
    found = translated_cells("contributions.csv", text, {"contributions.csv|beck|topic": "Begrüßung", "themes.csv|x|label": "X"})
    rows = list(csv.reader(io.StringIO(found)))
    assert rows == [["id", "topic", "evidence"], ["beck", "Begrüßung", "the Ruhr, in his words"], ["noone", "Left", "x"]]
    assert translated_cells("perspectives.csv", text, {"contributions.csv|beck|topic": "Begrüßung"}) == text


def german_table(folder, name: str) -> list[dict[str, str]]:
    """Return the rows of a German copy for Excel by its headings."""
    _, rows = as_excel_reads((folder / excel_name(name)).read_bytes())
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def standard_table(folder, name: str) -> list[dict[str, str]]:
    """Return the rows of a standard CSV file by its column names."""
    with (Path(folder) / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_german_dictionary_copy_is_in_german_as_the_html_dictionary(german_downloads):
    """The German copy of the data dictionary has its required flags, descriptions and examples in German (ja/nein)."""
    rows = german_table(german_downloads, "data-dictionary.csv")
    title = next(r for r in rows if r["Datei (file)"] == "publication.yml" and r["Spalte (column)"] == "title")
    assert title["Beschreibung (description)"] == "Titel des Briefings. Höchstens 300 Zeichen."
    assert title["Beispiel (example)"] != "The Ruhr Smart Specialisation Briefing" and title["Pflichtangabe (required)"] == "ja"
    assert {r["Pflichtangabe (required)"] for r in rows} == {"ja", "nein"}


def test_german_changes_copy_gives_every_reason_the_catalogue_translates(german_downloads, dataset):
    """Each reason in the German copy of changes.csv is its catalogue translation, a change of several columns too."""
    german = checked_translations(dataset, "de")
    standard, copy = standard_table(german_downloads, "changes.csv"), german_table(german_downloads, "changes.csv")
    several = 0
    for english, row in zip(standard, copy, strict=True):
        fields = "+".join(english["field"].split(";"))
        key = f"changes.csv|{english['edition']};{english['file']};{english['row']};{fields}|reason"
        assert row["Begründung (reason)"] == german.get(key, english["reason"]), key
        several += ";" in english["field"] and key in german
    assert several  # the shipped data have such changes, with German reasons


def test_german_copies_keep_quotations_verbatim_with_the_rendering_in_a_column_of_its_own(german_downloads, dataset):
    """A quotation of the report stays in its English words in the German copies, the editors' rendering beside it."""
    german = checked_translations(dataset, "de")
    standard = standard_table(german_downloads, "contribution_themes.csv")
    copy = german_table(german_downloads, "contribution_themes.csv")
    for english, row in zip(standard, copy, strict=True):
        assert row["Beleg (evidence)"] == english["evidence"]
        assert row["Übersetzung der Redaktion"] == (rendering(german, english["contribution_id"], english["theme_id"]) or "")
    assert any(row["Übersetzung der Redaktion"] for row in copy)
    questions = zip(
        standard_table(german_downloads, "questions.csv"), german_table(german_downloads, "questions.csv"), strict=True
    )
    for english, row in questions:
        assert row["Frage (question)"] == english["question"]
        assert row["Übersetzung der Redaktion"] == german.get(f"questions.csv|{english['id']}|question", "")


def test_german_glossary_copy_keeps_each_term_with_its_language_and_adds_the_german_term(german_downloads, dataset):
    """The German glossary copy keeps each row's key (term and language code) and gives the German term beside it."""
    german = checked_translations(dataset, "de")
    standard, copy = standard_table(german_downloads, "glossary.csv"), german_table(german_downloads, "glossary.csv")
    for english, row in zip(standard, copy, strict=True):
        assert (row["Begriff (term)"], row["Sprache (lang)"]) == (english["term"], english["lang"])
        assert row["Deutscher Begriff"] == german.get(f"glossary.csv|{english['term']};{english['lang']}|term", "")
    assert any(row["Deutscher Begriff"] == "Intelligente Spezialisierung" for row in copy)


def test_german_strategy_fields_copy_heads_the_english_label_as_english(german_downloads):
    """The German copy of strategy_fields.csv heads the English label "Englische Bezeichnung (label)"."""
    _, rows = as_excel_reads((german_downloads / "strategy_fields.excel-de.csv").read_bytes())
    assert "Englische Bezeichnung (label)" in rows[0] and "Bezeichnung (label)" not in rows[0]


def test_the_german_data_page_says_the_copies_keep_quotations_verbatim_beside_their_translation(book):
    """The German data page says the copies keep the report's quotations in English, the translation in its own column."""
    page = BeautifulSoup((book.html / "de" / "chapters" / "data-and-method.html").read_text(encoding="utf-8"), "html.parser")
    text = " ".join(page.get_text().split())
    assert (
        "Die Zitate aus dem Bericht stehen im englischen Wortlaut, die Übersetzung der Redaktion in einer eigenen Spalte" in text
    )
    assert "Kennungen, Codes, die Zitate aus dem Bericht" not in text
