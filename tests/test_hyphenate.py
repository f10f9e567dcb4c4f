"""Soft hyphens in long words (briefing.text.hyphenate): where narrow columns may break a word, and where never."""

from __future__ import annotations

import pytest

from briefing.text.hyphenate import SOFT_HYPHEN, hyphenate_word, hyphenation_map, soft_hyphens


def shown(text: str) -> str:
    """Return a hyphenated text with its soft hyphens as visible hyphens."""
    return text.replace(SOFT_HYPHEN, "-")


@pytest.mark.parametrize(
    ("word", "lang", "bad"),
    [
        ("Schwerpunktsetzung", "de", "Schwerpunkts-etzung"),
        ("Deutschlands", "de", "Deut-sch"),
        ("Innovationsstrategien", "de", "Innovationss-"),
        ("Fortschrittliche", "de", "Forts-"),
        ("Wirtschaftsentwicklung", "en", "Wirtschaft-sent"),
    ],
)
def test_doubtful_break_points_are_left_out(word, lang, bad):
    """The dictionary's doubtful points (beside a one-letter or vowel-less fragment, inside "sst") are not offered, and a
    German word in English text is hyphenated as German."""
    assert bad not in shown(soft_hyphens(word, lang)) and SOFT_HYPHEN in soft_hyphens(word, lang)


def test_camel_case_names_break_at_their_capitals():
    """A company's CamelCase name breaks at its capitals first."""
    assert shown(hyphenate_word("WirtschaftsEntwicklungsGesellschaft", "en")).startswith("Wirtschafts-Ent")


def test_short_words_and_markup_are_untouched():
    """Words under twelve letters, tag names and attributes keep no soft hyphen; the plain text is unchanged."""
    text = 'Die Ruhr-Akteure <span lang="en">the role smart specialisation plays</span> im Ruhrgebiet'
    hyphenated = soft_hyphens(text, "de")
    assert hyphenated.replace(SOFT_HYPHEN, "") == text
    assert '<span lang="en">' in hyphenated and "Ruhrgebiet" in hyphenated


def test_english_passages_on_a_german_page_are_hyphenated_as_english():
    """A passage marked English on a German page gets English break points, the German around it German ones."""
    mapping = hyphenation_map(['Wettbewerbsfähigkeit <span lang="en">competitiveness</span>'], "de")
    assert shown(mapping["competitiveness"]) == shown(hyphenate_word("competitiveness", "en"))
    assert shown(mapping["Wettbewerbsfähigkeit"]).startswith("Wett-be-werbs")
