"""The fourth German review's findings that need code (research/reviews/e3-german-review-4.md), checked in-process."""

from __future__ import annotations

import pytest

from briefing.core.load import in_build_language
from briefing.i18n import messages as i18n
from briefing.i18n.messages import in_language, ngettext


def behind(n: int, total: int) -> str:
    """Return a key message's 'behind it' line for n speakers of total, as the build's language writes it."""
    sentence = ngettext(
        "Behind it: {n} speaker of {total} ({contributions}). Themes: {themes}.",
        "Behind it: {n} speakers of {total} ({contributions}). Themes: {themes}.",
        n,
    )
    return sentence.format(n=i18n.count_words(n, one="person"), total=i18n.count_words(total), contributions="X", themes="Y")


def test_one_speaker_behind_a_key_message_is_named_neutrally_in_german():
    """Finding 5: one speaker behind a key message is „eine Person aus dem Kreis der zwölf Vortragenden“, no „bzw.“."""
    with in_language("de"):
        line = behind(1, 12)
    assert "bzw." not in line
    assert line.startswith("Dahinter steht eine Person aus dem Kreis der zwölf Vortragenden: X")  # review 5, finding 16
    with in_language("en"):
        assert behind(1, 12).startswith("Behind it: 1 speaker of 12 (X)")


def test_every_theme_link_quotes_the_report_in_quotation_marks(dataset, german_dataset):
    """Finding 12: the table of every theme link sets the report's words in quotation marks (“…” in English, „…“ in
    German), as the other tables do."""
    from briefing.notebook import tables

    german = tables.theme_links(german_dataset)["Die Worte des Berichts"].to_list()
    with in_language("en"):
        english = tables.theme_links(dataset)["The report's words"].to_list()
    assert english and all(w.startswith("“") and w.endswith("”") for w in english)
    assert german and all(str(w).startswith('„<span lang="en">') and "</span>“" in str(w) for w in german)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_regrouping_that_only_adds_a_theme_does_not_say_nothing_changes(lang, dataset):
    """Finding 11: a regrouping that keeps every theme of a list and adds one says so, not that nothing changes."""
    from briefing.analysis import findings

    with in_language(lang):
        ds = in_build_language(dataset)
        sentences = findings.perspective_findings(ds, "ruhr-stakeholder") + findings.theme_findings(ds)
    text = " ".join(sentences)
    if lang == "en":
        assert "every theme in this list would stay in it; added: Lead markets." in text
        assert "nothing in this list would change" not in text and "also raised" not in text
    else:
        assert "bleibt jedes Thema dieser Liste erhalten; hinzu kommt: Leitmärkte." in text
        assert "ändert sich an dieser Liste nichts" not in text and "ebenfalls nur" not in text


def test_german_counts_of_the_crisis_sentence_and_the_heatmap_alt_are_words(german_dataset, dataset):
    """Findings 6 and 14: „Keiner der sechs Beiträge“ / „Von den sechs Beiträgen“ and „nach drei Perspektiven“ in German;
    English keeps its figures."""
    from briefing.analysis import questions
    from briefing.notebook import charts

    ruhr = questions.crisis_silence(german_dataset).sentences()[1]
    assert ruhr.startswith(("Keiner der sechs Beiträge", "Von den sechs Beiträgen")), ruhr
    assert "nach drei Perspektiven (Spalten)" in charts.heatmap_alt(german_dataset)
    with in_language("en"):
        assert "by 3 perspectives (columns)" in charts.heatmap_alt(dataset)
        assert "of the 6 contributions" in questions.crisis_silence(dataset).sentences()[1]


def test_a_perspective_of_one_contribution_is_counted_in_one_phrase(german_dataset, dataset):
    """Finding 7: the event page counts the EU perspective „(ein Beitrag einer bei einer EU-Institution tätigen Person)“,
    without „, und zwar von einer Person, die … tätig ist“; English is as before."""
    from briefing.sections.perspectives import contributions_in_brackets

    assert contributions_in_brackets(german_dataset.contributions_in("eu")) == (
        "(ein Beitrag einer bei einer EU-Institution tätigen Person)"
    )
    with in_language("en"):
        assert contributions_in_brackets(dataset.contributions_in("eu")) == (
            "(1 contribution, by a speaker based at an EU institution)"
        )
        assert contributions_in_brackets(dataset.contributions_in("ruhr-stakeholder")).startswith("(6 contributions")


def test_the_index_files_a_letter_with_a_mark_as_the_letter_without_it():
    """Finding 26: the general index files „Köder, Jürgen“ as „Koder“ (DIN 5007), before „Konzentration auf Stärken“."""
    from sphinx.environment.adapters import indexentries

    from briefing.sphinx import index_order

    words = ["Konzentration auf Stärken", "Koordinierung und Zusammenhalt", "Köder, Jürgen", "Kiese, Matthias", "Zoo"]
    index_order.register(None)
    entries = [(word, ([], {}, None)) for word in words]
    assert [word for word, _ in sorted(entries, key=indexentries._key_func_1)] == [
        "Kiese, Matthias",
        "Köder, Jürgen",
        "Konzentration auf Stärken",
        "Koordinierung und Zusammenhalt",
        "Zoo",
    ]


@pytest.mark.parametrize(("opening", "closing"), [("“", "”"), ("„", "“")])
def test_no_full_stop_follows_a_quotation_whose_marks_are_parts_of_their_own(opening, closing):
    """Finding 23: „Hinzugefügt: „… Bochums Stärken.“ Warum:“, no second stop, when the marks and words are separate parts."""
    from docutils import nodes

    from briefing.sections.docnodes import para

    shown = para("Added: ", opening, nodes.inline("", "Bochum's strengths."), closing, ".", " Why: …").astext()
    assert shown == f"Added: {opening}Bochum's strengths.{closing} Why: …"


def test_a_gap_for_the_publisher_adds_no_space_before_the_stop_after_it():
    """Finding 30: a marked gap has no padding, which the PDF showed as a space before the stop after it („…] . Korrekturen“)."""
    import re

    from briefing.sphinx import STATIC

    css = (STATIC / "briefing.css").read_text(encoding="utf-8")
    rule = re.search(r"\.briefing-gap \{([^}]*)\}", css).group(1)
    assert "padding: 0;" in rule and "0.2em" not in rule


@pytest.mark.parametrize(
    ("lang", "web", "printed"),
    [("en", "What this page showed", "What this annex showed"), ("de", "Das Wichtigste im Überblick", "Der Anhang im Überblick")],
)
def test_pages_printed_as_annexes_sum_up_the_annex_not_the_page(lang, web, printed):
    """Finding 31: in the PDF, annexes F and G (revisions, imprint) end in „Der Anhang im Überblick“, not the web's recap
    heading."""
    from briefing.build.print_edition import paper_wording

    with in_language(lang):
        wording = paper_wording()
    for page in ("chapters/revisions.html", "chapters/imprint.html"):
        assert {"page": page, "web": web, "print": printed} in wording


@pytest.mark.parametrize(
    ("word", "hyphenated"),
    [
        ("Referatsleiterin", "Refe-rats-lei-te-rin"),
        ("Fortschrittliche", "Fort-schritt-li-che"),
        ("Wirtschaftsentwicklung", "Wirt-schaftsent-wick-lung"),
    ],
)
def test_a_linking_s_stays_with_its_syllable(word, hyphenated):
    """Finding 13: a linking „s“ stays with its syllable and the compound's seam is kept („Refe-rats-lei-te-rin“, not
    „Refe-ratslei-te-rin“); where the patterns cannot tell the seam, no point beside the „s“ is offered."""
    from briefing.text.hyphenate import PRINT_MIN_LENGTH, SOFT_HYPHEN, hyphenate_word

    assert hyphenate_word(word, "de", PRINT_MIN_LENGTH).replace(SOFT_HYPHEN, "-") == hyphenated


def test_the_404_page_lists_the_pages_in_the_navigations_order():
    """Finding 29: the 404 page lists the pages as the navigation does, the overview before the brief; print keeps the
    brief first."""
    from briefing.build.pdf import book_pages
    from briefing.sphinx import publishing
    from helpers import PROJECT_ROOT

    assert publishing.toc_pages(PROJECT_ROOT)[:2] == ["chapters/index.html", "chapters/brief.html"]
    assert book_pages(PROJECT_ROOT)[:2] == ["chapters/brief.html", "chapters/index.html"]
