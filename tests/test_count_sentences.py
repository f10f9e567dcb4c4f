"""Counts in the generated sentences read as an editor writes them, in English and German: no figure opens a sentence,
small counts are words in German, 'all 21' rather than '21 of the 21', and a group of one or of one kind is said so."""

from __future__ import annotations

import pytest

from briefing.analysis import findings, themes
from briefing.core.translations import localised
from briefing.i18n.messages import all_of, count_at_start, in_language
from briefing.sections.perspectives import based_in_breakdown
from briefing.sphinx.revision_history import without_label


@pytest.fixture(params=["en", "de"])
def edition(request, dataset):
    """One edition's language and its dataset, within that language."""
    lang = request.param
    with in_language(lang):
        yield lang, localised(dataset, lang) if lang != "en" else dataset


@pytest.mark.parametrize(
    ("lang", "n", "one", "word"),
    [("en", 3, None, "Three"), ("de", 3, None, "Drei"), ("de", 1, "nominative feminine", "Eine"), ("en", 13, None, "13")],
)
def test_a_count_that_opens_a_sentence_is_a_word(lang, n, one, word):
    """A count at the start of a sentence is a capitalised word up to twelve ("Three", "Drei", "Eine")."""
    assert count_at_start(n, lang, one) == word


def test_all_of_a_whole_says_all():
    """Forty of forty is 'all 40' (German dative 'allen 40'); fewer stay a count ('zwei')."""
    with in_language("en"):
        assert all_of(40, 40, "dative") == "all 40" and all_of(21, 21) == "all 21" and all_of(1, 1) == "1"
    with in_language("de"):
        assert all_of(40, 40, "dative") == "allen 40" and all_of(21, 21) == "alle 21" and all_of(2, 40) == "zwei"


def test_a_perspective_of_one_or_of_one_place_says_so_without_of_these(edition):
    """One contribution reads 'by a speaker based …', six of one place 'all by speakers based …'; only a mixed group
    is broken down 'of these'."""
    lang, ds = edition
    eu, ruhr, experts = (ds.contributions_in(p) for p in ("eu", "ruhr-stakeholder", "international-expert"))
    single, alike, mixed = based_in_breakdown(eu), based_in_breakdown(ruhr), based_in_breakdown(experts)
    if lang == "en":
        assert single == ", by a speaker based at an EU institution" and alike == ", all by speakers based in the Ruhr"
        assert mixed.startswith("; of these, 4 by speakers based outside Germany")
    else:
        assert single.startswith(", und zwar von einer Person, die ") and "davon" not in single
        assert alike == ", alle von Vortragenden, die im Ruhrgebiet tätig sind" and mixed.startswith("; davon vier")


def test_findings_say_all_and_write_small_counts_as_words(edition):
    """The themes chapter says all themes are covered ('all 21', 'alle 21'), the EU perspective counts its themes in
    words in German ('insgesamt vier Themen'), and the regrouping note names no theme as 'unchanged'."""
    lang, ds = edition
    covering = findings.theme_findings(ds)[0]
    assert ("covering all 21 themes" if lang == "en" else "sie decken alle 21 Themen") in covering
    eu = " ".join(findings.perspective_findings(ds, "eu"))
    assert ("4 themes in all" if lang == "en" else "insgesamt vier Themen") in eu
    notes = [findings.regrouping_note(ds, own) for own in themes.single_perspective(ds).values()]
    assert all("unchanged" not in n and "unverändert" not in n.split(". Der Rest")[0] for n in notes if n)


@pytest.mark.parametrize(
    ("lang", "reason", "shown"),
    [
        ("en", "Column removed: the comparison no longer matches.", "The comparison no longer matches."),
        ("en", "Added: according to the passage, …", "According to the passage, …"),
        ("en", "A merged theme keeps its addresses.", "A merged theme keeps its addresses."),
        ("de", "Neue Spalte: sagt, in welcher Sprache …", "Sagt, in welcher Sprache …"),
    ],
)
def test_a_reason_does_not_repeat_the_label_of_its_change(lang, reason, shown):
    """After 'Why:', a recorded reason that opens with its change's own label ('Column removed:') reads without it."""
    with in_language(lang):
        assert without_label(reason) == shown
