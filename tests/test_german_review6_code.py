"""The sixth German review's findings that need code (research/reviews/e3-german-review-6.md), checked in-process."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from types import SimpleNamespace

import briefing
from briefing.build.print_edition import metadata
from briefing.core.evidence import evidence_items
from briefing.core.load import in_build_language
from briefing.core.snapshots import NO_COLUMN, NOT_KEPT, catalogue_file
from briefing.core.translations import TRANSLATED, checked_translations
from briefing.i18n.messages import _, format_dates, in_language
from briefing.notebook.interactive import datatables_language
from briefing.publish.brief_docx import PROPERTY_LIMIT, fit
from briefing.publish.downloads import QUOTATION_COLUMNS
from briefing.sections.brief import merged_searches
from briefing.sections.docnodes import with_stop, without_stop
from briefing.sphinx.revision_history import note_sentences

DAYS = [dt.date(2026, 12, 7), dt.date(2026, 12, 6)]


def test_dates_of_one_month_name_it_once():
    """Finding 7: the searches of 6 and 7 December are written with the month and year once, in either language."""
    assert format_dates(DAYS, "de") == "6. und 7. Dezember 2026"
    assert format_dates(DAYS, "en") == "6 and 7 December 2026"
    assert format_dates([*DAYS, dt.date(2026, 11, 30)], "de") == "30. November 2026, 6. Dezember 2026 und 7. Dezember 2026"


def test_a_line_names_the_searches_of_several_days_once():
    """Finding 7: a source line's searches of two days are one item, where the first of them stood."""
    items = evidence_items(["editors:search-2026-12-06", "editors:inference", "editors:search-2026-12-07"])
    merged = merged_searches(items)
    assert merged == [[items[0], items[2]], items[1]]
    assert merged_searches(items[:2]) == items[:2]  # one search stays as it is


def test_a_correction_inside_a_sentence_loses_its_own_stop():
    """Finding 10: '… bei) (Einzelheiten).', not '… bei). (Einzelheiten).'; an abbreviation keeps its stop."""
    assert without_stop("gegründet als The Competitiveness Institute (das Netzwerk behielt die Abkürzung TCI bei).") == (
        "gegründet als The Competitiveness Institute (das Netzwerk behielt die Abkürzung TCI bei)"
    )
    assert without_stop("Institut Arbeit und Technik") == "Institut Arbeit und Technik"
    assert without_stop("Förderverein e. V.") == "Förderverein e. V."


def test_a_correction_standing_alone_ends_with_a_stop():
    """Finding 22: 'Vermutlich zutreffend: Institut Arbeit und Technik.', as the other entries end."""
    assert with_stop("Institut Arbeit und Technik") == "Institut Arbeit und Technik."
    assert with_stop("für die Metropole Ruhr") == "für die Metropole Ruhr."
    assert with_stop("wie in der Überschrift derselben Passage.") == "wie in der Überschrift derselben Passage."
    assert with_stop("„Ein Satz.“") == "„Ein Satz.“"


def _note(kind: str, file: str, edition: int | None = 2, column: str = "") -> SimpleNamespace:
    return SimpleNamespace(edition=edition, note=SimpleNamespace(kind=kind, file=file, column=column))


def test_files_one_edition_lacks_are_named_in_one_sentence():
    """Finding 25: 'Die Daten von Ausgabe 2 enthalten brief.csv, options.csv und die deutschen Übersetzungen nicht.',
    not one sentence a file."""
    notes = [
        _note(NOT_KEPT, "brief.csv"),
        _note(NO_COLUMN, "contributions.csv", 1, "keywords"),
        _note(NOT_KEPT, "options.csv"),
        _note(NOT_KEPT, catalogue_file("de")),
    ]
    with in_language("de"):
        sentences = note_sentences(notes)
    assert sentences == [
        "Die Daten von Ausgabe 2 enthalten brief.csv, options.csv und die deutschen Übersetzungen nicht.",
        "In Ausgabe 1 fehlt in contributions.csv die Spalte „keywords“.",
    ]


def test_table_buttons_speak_as_their_menu_does():
    """Findings 27 and 28: the page-length choices read '… Zeilen anzeigen', and the panes are 'Auswahllisten'
    throughout, not the vendored file's 'Zeigt 1 Zeile' and 'Suchmasken'."""
    with in_language("de"):
        texts = datatables_language()
    assert texts["buttons"]["pageLength"] == {"_": "%d Zeilen anzeigen", "-1": "Alle Zeilen anzeigen", "1": "1 Zeile anzeigen"}
    assert texts["searchPanes"]["collapse"] == {"_": "Auswahllisten (%d)", "0": "Auswahllisten"}
    assert texts["lengthMenu"] == "_MENU_ Zeilen anzeigen"


def test_german_note_sentence_has_no_nested_brackets():
    """Finding 21: '…; das betrifft Rasmus C. Beck (Beitrag 1).', not '(betrifft Rasmus C. Beck (Beitrag 1))'."""
    with in_language("de"):
        assert _("The report says {quotation} (concerning {where}).") == "Der Bericht schreibt {quotation}; das betrifft {where}."


def test_pdf_keywords_are_what_the_word_file_can_hold(german_dataset):
    """Finding 31: the PDF lists the keywords the Word file keeps (its property holds 255 characters), not more."""
    with in_language("de"):
        keywords = metadata(german_dataset)["/Keywords"]
    assert len(keywords) <= PROPERTY_LIMIT and fit(keywords) == keywords
    assert keywords.startswith("intelligente Spezialisierung; ")


def test_the_options_opening_sentence_is_not_split_from_the_options_in_print():
    """Finding 29: in print the options' opening sentence is kept whole and with the first option (the PDF's page 2 had
    ended after its first line)."""
    css = (Path(briefing.__file__).parent / "sphinx" / "static" / "briefing.css").read_text(encoding="utf-8")
    print_rules = css[css.index("@media print {\n  .briefing-source") :]
    rule = re.search(r"\.briefing-options > p:first-child \{([^}]*)\}", print_rules)
    assert rule and "break-inside: avoid" in rule.group(1) and "break-after: avoid" in rule.group(1)


def test_slide_quotations_have_the_editors_rendering(dataset):
    """Finding 11: a slide's words stay verbatim, like the report's, and the catalogue renders each one (shown after it
    as the editors' translation, and in a column of its own in a spreadsheet copy)."""
    assert TRANSLATED["slide_quotes.csv"] == ("quote",) and QUOTATION_COLUMNS["slide_quotes.csv"] == ("quote",)
    rendered = checked_translations(dataset, "de")
    for q in dataset.slide_quotes:
        assert rendered.get(f"slide_quotes.csv|{q.id}|quote"), q.id
    with in_language("de"):
        localised_quotes = in_build_language(dataset).slide_quotes
    assert [q.quote for q in localised_quotes] == [q.quote for q in dataset.slide_quotes]  # the words stay English
