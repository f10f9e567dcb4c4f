"""The fourth German review's findings that need code (research/reviews/e3-german-review-4.md), checked in-process."""

from __future__ import annotations

from briefing.i18n import messages as i18n
from briefing.i18n.messages import in_language, ngettext


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
