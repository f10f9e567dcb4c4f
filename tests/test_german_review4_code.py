"""The fourth German review's findings that need code (research/reviews/e3-german-review-4.md), checked in-process."""

from __future__ import annotations

import pytest

from briefing.core.load import in_build_language
from briefing.i18n import messages as i18n
from briefing.i18n.messages import in_language, ngettext


@pytest.fixture
def german_dataset(german, dataset):
    """The shipped dataset as the German edition loads it."""
    return in_build_language(dataset)


def behind(n: int, total: int) -> str:
    """Return a key message's 'behind it' line for n speakers of total, as the build's language writes it."""
    sentence = ngettext(
        "Behind it: {n} speaker of {total} ({contributions}). Themes: {themes}.",
        "Behind it: {n} speakers of {total} ({contributions}). Themes: {themes}.",
        n,
    )
    return sentence.format(
        n=i18n.count_words(n, one="person"), total=i18n.count_words(total), contributions="X", themes="Y"
    )


def test_one_speaker_behind_a_key_message_is_named_neutrally_in_german():
    """Finding 5: one speaker behind a key message is „eine Person aus dem Kreis der zwölf Vortragenden“, never „eine bzw. einer“."""
    with in_language("de"):
        line = behind(1, 12)
    assert "bzw." not in line
    assert line.startswith("Dahinter steht eine Person aus dem Kreis der zwölf Vortragenden (X)")
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
    assert german and all(str(w).startswith("„<span lang=\"en\">") and "</span>“" in str(w) for w in german)
