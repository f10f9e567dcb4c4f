"""The chapters' tables, figures and findings in the German edition: headings, captions, DataTables' German, quotations."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from markupsafe import Markup

from briefing.analysis import fields, findings, themes
from briefing.analysis.quotations import with_rendering
from briefing.core.schema import BASED_IN
from briefing.core.translations import checked_translations, rendering
from briefing.i18n.messages import LANGUAGE_ENV, set_language, untranslated
from briefing.notebook import charts, explorer, tables
from briefing.notebook.interactive import BOOK_BUILD_ENV, DATATABLES_LANGUAGES, HTML_DIR_ENV, interactive_table
from briefing.text.render import table_html
from briefing.text.typography import in_marks, nested, typographic
from helpers import PROJECT_ROOT

#: The modules whose sentences tables.po translates.
MODULES = (
    "agreement",
    "charts",
    "evaluate",
    "explorer",
    "fields",
    "findings",
    "interactive",
    "questions",
    "quotations",
    "render",
    "sections",
    "tables",
    "themes",
)
#: A theme link of the shipped data whose quotation the editors have rendered in German.
LINK = ("beck-welcome", "s3-in-europe")


def test_every_sentence_of_the_tables_has_a_german_translation():
    """`python -m briefing.i18n.messages de` lists no sentence of the modules the chapters' cells call."""
    missing = [line for line in untranslated("de") if re.match(rf"src/briefing/({'|'.join(MODULES)})\.py:", line)]
    assert missing == []


def test_perspective_table_has_german_caption_and_headings(german_dataset):
    """A perspective chapter's table of themes has German headings and its caption names the perspective in German."""
    frame = tables.themes_for_perspective(german_dataset, "eu")
    assert list(frame.columns) == ["Thema", "Beiträge", "Vortragende"]
    assert set(frame["Thema"]) <= {t.label for t in german_dataset.themes}
    caption = tables.themes_for_perspective_caption(german_dataset, "eu")
    assert caption == "In der Perspektive „Europäische Union“ angesprochene Themen, die häufigsten zuerst"
    assert "<caption>In der Perspektive" in tables.show_themes_for_perspective(german_dataset, "eu").data


def test_overview_and_theme_tables_have_german_headings(german_dataset):
    """The overview, the theme links and the themes-by-perspective table head their columns in German."""
    assert list(tables.perspective_overview(german_dataset).columns)[:3] == ["Perspektive", "Beiträge", "Vortragende"]
    assert list(tables.theme_links(german_dataset).columns) == [
        "Nr.",
        "Vortragende Person",
        "Funktion und Organisation",
        "Tätigkeitsort",
        "Perspektive",
        "Thema",
        "Die Worte des Berichts",
    ]
    table = tables.theme_table(german_dataset)
    assert table.columns[0] == "Thema" and list(table.columns)[-4:] == [
        "Insgesamt",
        "Tätigkeitsort der Vortragenden",
        "Angesprochen von",
        "Die Worte des Berichts",
    ]
    assert set(tables.theme_links(german_dataset)["Tätigkeitsort"]) <= {"EU-Institution", "Außerhalb Deutschlands", "Ruhrgebiet"}


def test_figures_and_findings_are_german(german_dataset):
    """The heatmap's caption and alt text, the page's figures and the findings are written in German."""
    assert charts.heatmap_caption().startswith("Beiträge, die das jeweilige Thema ansprechen, nach Perspektive")
    assert charts.heatmap_alt(german_dataset).startswith(f"Farbmatrix der {len(german_dataset.themes)} Themen (Zeilen)")
    assert list(fields.page_figures(german_dataset).columns) == ["Was", "Anzahl"]
    eu = findings.perspective_findings(german_dataset, "eu")[0]
    assert eu == "Europäische Union: ein Beitrag von einer vortragenden Person."
    assert findings.theme_findings(german_dataset)[0].startswith(f"Die {len(german_dataset.contributions)} Beiträge sind mit")


def test_german_counts_use_german_thousands_separator(german):
    """A count beyond the names shown is written with the German thousands separator."""
    assert tables.named_few([f"N{i}" for i in range(1006)]).endswith("; N4; und 1.001 weitere")


def test_explorer_result_caption_is_german(german, dataset):
    """The explorer's result table counts its matches in German, singular and plural."""
    assert "<caption>1 passender Beitrag</caption>" in explorer.result_html(pd.DataFrame({"a": [1]}))
    assert "<caption>2 passende Beiträge</caption>" in explorer.result_html(pd.DataFrame({"a": [1, 2]}))


def test_english_edition_keeps_its_wording(dataset):
    """In English the explorer's note, the place labels and the report's words in the theme links are as before."""
    assert explorer.static_note() == explorer.STATIC_NOTE
    assert {key: themes.based_in_label(key) for key in BASED_IN} == {key: label for key, (label, _) in BASED_IN.items()}
    words = tables.theme_links(dataset)["The report's words"].to_list()
    assert words == [in_marks(typographic(e)) for e in themes.links_frame(dataset)["evidence"]]
    assert not any(isinstance(w, Markup) for w in words)


def _table_page(frame: pd.DataFrame, monkeypatch, tmp_path) -> str:
    """Return an interactive table as the book writes it (rows in a file under tmp_path)."""
    monkeypatch.setenv(BOOK_BUILD_ENV, "1")
    monkeypatch.setenv(HTML_DIR_ENV, str(tmp_path))
    return interactive_table(frame, "Caption", table_id="probe").data


def test_datatables_german_only_in_the_german_edition(monkeypatch, tmp_path):
    """The interactive tables pass DataTables' own German as its language option in German, and in English only the book's
    own sentence for a search that leaves no row."""
    frame = pd.DataFrame({"Text": ["a", "b"]})
    english = _table_page(frame, monkeypatch, tmp_path)
    assert '"language": {"zeroRecords": "No row matches these words."}' in english and "Keine passenden" not in english
    monkeypatch.setenv(LANGUAGE_ENV, "de")
    set_language("de")
    try:
        page = _table_page(frame, monkeypatch, tmp_path)
    finally:
        set_language(None)
        monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    options = {
        "zeroRecords": "Keine Zeile enthält diese Wörter.",
        "search": "Suche:",
        "info": "_START_ bis _END_ von _TOTAL_ Einträgen",
    }
    assert all(f'"{key}": {json.dumps(text)}' in page for key, text in options.items())
    assert '"zeroRecords": "No row' not in page and "Keine passenden" not in page
    assert f'"text": {json.dumps("CSV (;) für deutsches Excel")}' in page and '"text": "Kopieren"' in page


def test_vendored_datatables_german_is_the_pinned_packages_file():
    """The vendored German is the file of the pinned datatables.net-plugins (when the Node packages are installed)."""
    vendored = DATATABLES_LANGUAGES["de"]
    texts = json.loads(vendored.read_text(encoding="utf-8"))
    assert texts["search"] == "Suche:" and (vendored.parent / "datatables-plugins-License.txt").is_file()
    pinned = json.loads((PROJECT_ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    assert pinned["datatables.net-plugins"] in (vendored.parent / "README.md").read_text(encoding="utf-8")
    installed = PROJECT_ROOT / "node_modules" / "datatables.net-plugins"
    if not installed.is_dir():
        pytest.skip("the Node packages are not installed")
    assert json.loads((installed / "package.json").read_text(encoding="utf-8"))["version"] == pinned["datatables.net-plugins"]
    assert (installed / "i18n" / "de-DE.json").read_bytes() == vendored.read_bytes()


def test_german_evidence_keeps_the_english_quotation_and_adds_the_editors_rendering(german_dataset):
    """In German each quotation stays verbatim English, marked lang="en", followed by the editors' rendering marked as theirs."""
    links = tables.theme_links(german_dataset)
    row = next(
        i
        for i, link in enumerate(themes.links_frame(german_dataset).itertuples())
        if (link.contribution_id, link.theme_id) == LINK
    )
    cell = links["Die Worte des Berichts"][row]
    english = next(link.evidence for link in german_dataset.links if (link.contribution_id, link.theme_id) == LINK)
    german = rendering(checked_translations(german_dataset, "de"), *LINK)
    assert german and isinstance(cell, Markup)
    assert cell == f'„<span lang="en">{nested(typographic(english))}</span>“ (Übersetzung der Redaktion: „{german}“)'
    details = tables.theme_table(german_dataset)["Die Worte des Berichts"]
    assert any(f"„{english}“ (Übersetzung der Redaktion: „{german}“)" in words for words in details)


def test_german_evidence_reaches_the_page_as_markup_and_other_cells_stay_escaped(german_dataset, monkeypatch, tmp_path):
    """The preview rows and the rows file keep the quotation's language mark; text from the data is still escaped."""
    frame = tables.theme_links(german_dataset).head(3).copy()
    frame.loc[0, "Vortragende Person"] = "<b>x</b>"
    page = _table_page(frame, monkeypatch, tmp_path)
    rows = next((tmp_path / "_static" / "tables").glob("probe-*.json")).read_text(encoding="utf-8")
    assert '<span lang="en">' in page and "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page
    assert '<span lang=\\"en\\">' in rows and "&lt;b&gt;x&lt;/b&gt;" in rows
    assert "<th>Die Worte des Berichts</th>" in page


def test_a_quotation_without_a_checked_rendering_stays_alone(german):
    """Without a checked rendering the quotation is shown alone, with no empty translation."""
    assert with_rendering("„x“", None) == "„x“"
    assert with_rendering("„x“", "y") == "„x“ (Übersetzung der Redaktion: „y“)"


def test_static_tables_keep_the_packages_markup_and_escape_the_rest():
    """A static table keeps a Markup cell as HTML and escapes every other cell and heading."""
    frame = pd.DataFrame({"A<": [Markup('<span lang="en">q</span>'), "<i>t</i>"]})
    html = table_html(frame, "c")
    assert '<span lang="en">q</span>' in html and "&lt;i&gt;t&lt;/i&gt;" in html and "A&lt;" in html


def test_the_german_edition_evaluates_the_suggestions_on_the_data_as_written(german_dataset, dataset):
    """The German method chapter evaluates the suggester on the data as written, so its figures are the English ones."""
    from briefing.core.load import as_written
    from briefing.editor.evaluate import evaluate

    def numbers(table) -> list[str]:
        return [re.sub(r"[^0-9]", "", value) for value in table.iloc[:, 1]]

    from briefing.editor.evaluate import figures_table

    assert numbers(figures_table(german_dataset)) == numbers(figures_table(as_written(german_dataset)))
    assert as_written(german_dataset).themes == dataset.themes != german_dataset.themes
    assert evaluate(as_written(german_dataset)).as_dict() == evaluate(dataset).as_dict()
