"""The second German review's findings that need code (research/reviews/e3-german-review-2.md), checked in-process."""

from __future__ import annotations

import pytest
from docutils import nodes
from docutils.core import publish_from_doctree
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from pybtex.database import parse_string

from briefing.analysis import fields, findings, questions
from briefing.analysis.quotations import quotation_html
from briefing.build.print_edition import ASSETS, document, layout_args
from briefing.core.bibliography import cited_bibtex, localised_bibtex, short_citation
from briefing.i18n import messages as i18n
from briefing.notebook.interactive import datatables_language
from briefing.sections.docnodes import fill, lang, para, quote
from briefing.sections.perspectives import based_in_breakdown
from briefing.sphinx import table_number_format
from briefing.sphinx.citations import person_style, undated
from briefing.sphinx.edition import earlier_label
from briefing.text.typography import in_marks
from helpers import DATA


@pytest.fixture
def english(monkeypatch):
    """Write in English for one test, whatever the environment says."""
    monkeypatch.delenv(i18n.LANGUAGE_ENV, raising=False)
    i18n.set_language(None)


def html_of(*parts: nodes.Node | str) -> str:
    """Return the HTML docutils writes for inline parts in a paragraph."""
    document = new_document("<test>", get_default_settings(Parser))
    document += nodes.paragraph("", "", *[nodes.Text(p) if isinstance(p, str) else p for p in parts])
    body = publish_from_doctree(document, writer_name="html5", settings_overrides={"output_encoding": "unicode"})
    return body.split("<p>", 1)[1].split("</p>", 1)[0]


# Findings 5, 31, 61, 67, 68: quotation marks


def test_a_german_page_quotes_the_report_in_german_marks_with_nested_ones_single(german):
    """Finding 31: on a German page a quotation is set in „…“, its own double marks as ‚…‘, its words English."""
    written = html_of(quote("BMR Innovation Talk „Smart Specialisation“ 18 June 2020"))
    assert '„<span lang="en">BMR Innovation Talk ‚Smart Specialisation‘ 18 June 2020</span>“' in written
    assert "“BMR" not in written and "2020”" not in written


def test_a_german_table_quotation_is_in_german_marks(german):
    """Finding 5: the chapters' HTML quotations use the page's marks, not English ones, around the English words."""
    assert quotation_html("What does the crisis mean?") == '„<span lang="en">What does the crisis mean?</span>“'


def test_an_english_quotation_keeps_english_marks(english):
    """The English edition's quotations stay in “…”, with the report's own inner marks as they are."""
    assert html_of(quote("a „b“ c")) == '<span class="briefing-evidence">“a „b“ c”</span>'
    assert quotation_html("words") == "“words”"


def test_a_sentence_ends_once_after_a_quotation_that_ends_in_a_stop(german):
    """Findings 5 and 61: no full stop after a quotation whose words already end the sentence („….“. → „….“)."""
    text = "".join(n.astext() for n in fill("jetzt {new}.", new=quote("to be developed.")))
    assert text == "jetzt „to be developed.“"
    question = "".join(n.astext() for n in fill("Absatz: {quotation}.", quotation=quote("What now?")))
    assert question == "Absatz: „What now?“"
    kept = "".join(n.astext() for n in fill("jetzt {new}.", new=quote("a phrase")))
    assert kept == "jetzt „a phrase“."


def test_a_quotation_inside_a_german_text_gets_single_marks():
    """Finding 67: a German text quoted on the revisions page sets the quotation inside it in ‚…‘."""
    assert in_marks("In Ausgabe 1 war „Sektorale Schwerpunktsetzung“ ein Thema.", "de") == (
        "„In Ausgabe 1 war ‚Sektorale Schwerpunktsetzung‘ ein Thema.“"
    )


def test_english_text_on_a_german_page_gets_english_apostrophes(german):
    """Finding 68: an English text's straight apostrophe becomes ’ before Sphinx could set it as a German ‘."""
    assert "stakeholders’ passages" in html_of(lang("none of the Ruhr stakeholders' passages", "en"))
    assert "stakeholders’ passages" in html_of(quote("the Ruhr stakeholders' passages"))


# Findings 72-75: DataTables' German texts


def test_the_german_tables_copy_message_is_plain_correct_german(german):
    """Findings 72-75: the German table texts say Strg, Zwischenablage, …, 'aufheben' and 'Ansichten', with no markup."""
    texts = datatables_language()
    assert texts is not None
    copy = texts["buttons"]["copyKeys"]
    assert copy.startswith("Drücken Sie Strg bzw. ⌘ + C, um die Tabelle in die Zwischenablage zu kopieren.")
    assert "<" not in copy and "&lt;" not in copy and "STRG" not in copy and "Zwischenspeicher" not in copy
    assert texts["loadingRecords"] == "Wird geladen …" and texts["processing"] == "Bitte warten …"
    assert texts["orderClear"] == "Sortierung aufheben" and texts["buttons"]["savedStates"] == "Gespeicherte Ansichten"


def test_the_page_figures_name_no_file(german, dataset):
    """Finding 42: the figures of 'What it means for the region' say „Darin zitierte Werke“, without the file's name."""
    names = [name for name, _number in fields.page_figures(dataset).itertuples(index=False)]
    assert "Darin zitierte Werke" in names and not any(".bib" in name for name in names)


# Findings 20, 38, 66: categories by their names


def test_the_crisis_finding_names_the_category_in_german(german_dataset):
    """Finding 20: the finding on the crisis names the category „Krise“, not its code „crisis“."""
    first = questions.crisis_silence(german_dataset).sentences()[0]
    assert "Kategorie „Krise“" in first and "crisis" not in first


# Findings 54, 77: the bibliography


def test_a_note_cites_another_work_by_its_short_citation_in_english(english):
    """Finding 54: a bibliography note that names another work by key names it by its short citation in English too."""
    text = (DATA / "references.bib").read_text(encoding="utf-8")
    cited = cited_bibtex(text)
    assert cited is not None
    note = parse_string(cited, "bibtex").entries["wirtschaftnrw2021ris"].fields["note"]
    assert note.startswith("Same release as [Land Nordrhein-Westfalen, 2021]") and "nrw2021ris," not in note


def test_a_german_note_cites_another_work_by_its_short_citation(german):
    """Finding 54: the German note „Dieselbe Mitteilung wie nrw2021ris“ reads „… wie [Land Nordrhein-Westfalen, 2021]“."""
    text = (DATA / "references.bib").read_text(encoding="utf-8")
    translated = {("wirtschaftnrw2021ris", "note"): "Dieselbe Mitteilung wie nrw2021ris, mit der Liste"}
    note = parse_string(localised_bibtex(text, translated, "de"), "bibtex").entries["wirtschaftnrw2021ris"].fields["note"]
    assert note == "Dieselbe Mitteilung wie [Land Nordrhein-Westfalen, 2021], mit der Liste"


def test_german_abbreviations_in_citations_do_not_break(german):
    """Finding 77: „o. J.“ and „u. a.“ in German citations hold a non-breaking space, so a line never breaks inside."""
    assert undated() == "o.\u00a0J."
    assert str(person_style().other).strip() == "u.\u00a0a."
    bib = parse_string("@misc{k, author={A and B and C}, title={T}}", "bibtex")
    assert short_citation(bib.entries["k"]) == "[A u.\u00a0a., o.\u00a0J.]"


# Finding 25: earlier editions


def test_an_earlier_edition_is_named_not_its_file(german):
    """Finding 25: the German pages name edition 2's English PDF „Ausgabe 2 (nur auf Englisch erschienen, PDF)“."""
    assert earlier_label("the-ruhr-smart-specialisation-briefing-edition-2.pdf") == (
        "Ausgabe 2 (nur auf Englisch erschienen, PDF)"
    )


def test_an_earlier_edition_in_english_is_named_too(english):
    """Finding 25: the English pages name it „Edition 2 (PDF)“, not by its file name."""
    assert earlier_label("the-ruhr-smart-specialisation-briefing-edition-2.pdf") == "Edition 2 (PDF)"


# Finding 6: counts up to twelve in words


def test_german_running_text_writes_counts_up_to_twelve_as_words():
    """Finding 6: German running text writes one in the form its sentence needs and two to twelve as words; English keeps
    figures."""
    assert i18n.count_words(1, "de", one="dative feminine") == "einer"
    assert i18n.count_words(1, "de", one="person") == "eine Person"
    assert i18n.count_words(12, "de") == "zwölf" and i18n.count_words(13, "de") == "13"
    assert i18n.count_words(1, "de") == "1"  # no form given: the figure
    assert i18n.count_words(1, "en", one="person") == "1" and i18n.count_words(12, "en") == "12"


def test_german_sentences_with_one_write_the_word(german_dataset):
    """Finding 6: „ein Beitrag“ and „…, und zwar von einer Person …“ instead of „1 Beitrag; davon 1 von …“ (review 3,
    item 15: not „davon einer“ either)."""
    assert findings.contributions_count(1) == "ein Beitrag"
    one = german_dataset.contributions[:1]
    assert based_in_breakdown(one).startswith(", und zwar von einer Person, die ")


# Findings 78-81: the print edition


def test_german_tables_are_numbered_tabelle_online_as_in_print(german):
    """Finding 79: a numbered table's caption reads „Tabelle 1“ on the pages, as in print, not Sphinx's „Tab. 1“."""
    assert table_number_format() == "Tabelle %s"


def laid_out(browser, dataset, chapters: list[tuple[str, str]]):
    """Return a page with the print edition of a few made-up chapters, laid out by layout.js as the printer does it."""
    page = browser.new_page()
    page.set_content(document(dataset, None, [], chapters))
    page.emulate_media(media="print")
    page.evaluate((ASSETS / "layout.js").read_text(encoding="utf-8"), {**layout_args(dataset, None), "hyphens": {}})
    return page


def test_print_says_chapter_and_annex_where_the_web_says_page(german, dataset, browser):
    """Finding 80: in print the German figures' caption says „Dieses Kapitel in Zahlen“ and the revisions annex
    „zeigt dieser Anhang“, where the web pages say „Diese Seite“."""
    chapters = [
        ("chapters/what-it-means.html", "<table><caption>Diese Seite in Zahlen</caption><tr><td>1</td></tr></table>"),
        ("chapters/revisions.html", "<h1>Änderungen</h1><p>Wenn Sie zitiert haben, zeigt diese Seite, was sich änderte.</p>"),
    ]
    text = laid_out(browser, dataset, chapters).inner_text("body")
    assert "Dieses Kapitel in Zahlen" in text and "zeigt dieser Anhang, was" in text
    assert "Diese Seite in Zahlen" not in text and "zeigt diese Seite" not in text


def test_printed_table_headings_have_no_soft_hyphens(german, dataset, browser):
    """Finding 81: a printed table's headings break between words only: the screen's soft hyphens are taken out."""
    table = "<table><thead><tr><th>Euro\u00adpä\u00adische Union</th></tr></thead><tr><td>1</td></tr></table>"
    page = laid_out(browser, dataset, [("chapters/themes.html", f"<h1>Themen</h1>{table}")])
    assert page.eval_on_selector(".pdf-book th", "th => th.textContent") == "Europäische Union"


def test_printed_dates_and_titled_names_do_not_break(german, dataset, browser):
    """Review 3, item 60: on paper „7. Dezember 2026“, „18 June 2020“ and „Prof. Dr. Matthias Kiese“ hold together
    (non-breaking spaces); other spaces stay ordinary ones."""
    body = "<p>Stand: 7. Dezember 2026; am 18 June 2020 sprach Prof. Dr. Matthias Kiese über 13 Beiträge.</p>"
    page = laid_out(browser, dataset, [("chapters/brief.html", f"<h1>Kurz</h1>{body}")])
    text = page.eval_on_selector(".pdf-book .pdf-chapter p", "p => p.textContent")
    assert "7.\u00a0Dezember 2026" in text and "18\u00a0June 2020" in text and "Prof.\u00a0Dr.\u00a0Matthias Kiese" in text
    assert "über 13 Beiträge" in text  # a count before a word is no date


def test_printed_source_labels_stand_apart_from_the_text(german, dataset, browser):
    """Finding 78: a source label before a statement ends in a colon, one after a statement stands in brackets."""
    mark = '<span class="briefing-source briefing-source-editors">Einschätzung der Redaktion</span>'
    body = f"<p>{mark} die Recherche der Redaktion.</p><p><strong>Die Strategie erwähnt Cluster.</strong> {mark}</p>"
    page = laid_out(browser, dataset, [("chapters/brief.html", f"<h1>Kurz</h1>{body}")])
    paragraphs = page.eval_on_selector_all(".pdf-book .pdf-chapter p", "ps => ps.map(p => p.textContent)")
    assert "Einschätzung der Redaktion: die Recherche der Redaktion." in paragraphs
    assert "Die Strategie erwähnt Cluster. (Einschätzung der Redaktion)" in paragraphs


def test_a_paragraph_ends_once_after_a_quotation_that_ends_in_a_stop(german):
    """Finding 61: a revisions entry built as a paragraph has no „….“. either (an added key message's headline)."""
    assert para("Hinzugefügt: ", "„Neue Kernaussage.“", ".").astext() == "Hinzugefügt: „Neue Kernaussage.“"
