"""Passages of the report and the text helpers that compare with it."""

from __future__ import annotations

from briefing.core.source import closest_hint, locate_passages, normalise, sentence_count, shared_run, word_count


def test_passages_are_split_in_running_order():
    """Each start is searched after the previous one, so a speaker who speaks twice gets two passages."""
    source = "Intro.\nAnna, CEO\nFirst.\nBob, Prof\nSecond.\nAnna, CEO\nThird."
    passages, missing = locate_passages(source, [("a1", "Anna, CEO"), ("b", "Bob, Prof"), ("a2", "Anna, CEO")])
    assert not missing
    assert passages["a1"].body == "First." and passages["a2"].body == "Third."
    assert passages["a1"].heading == "Anna, CEO"


def test_missing_start_is_reported():
    """A start that is not found is returned as missing, not silently skipped."""
    passages, missing = locate_passages("Anna, CEO\nText.", [("a", "Anna, CEO"), ("z", "Zoe, CTO")])
    assert list(passages) == ["a"] and missing == [("z", "Zoe, CTO")]


def test_download_mark_sets_presentation_and_leaves_body(dataset):
    """'Download presentation' marks a passage as offering a presentation and is not counted as text."""
    engelmann, nielsen = dataset.passages["engelmann"], dataset.passages["nielsen"]
    assert engelmann.offers_presentation and not nielsen.offers_presentation
    assert "Download presentation" not in engelmann.body


def test_normalise_folds_lookalikes():
    """Curly quotes, non-breaking spaces and dashes fold to their plain forms for hints."""
    assert normalise("Bochum’s\u00a0“lead”  market – x") == 'Bochum\'s "lead" market - x'


def test_closest_hint_names_the_longest_verbatim_part():
    """The hint for a near-miss quotation shows the longest part found verbatim."""
    assert "'how lead markets might contribute'" in closest_hint(
        "how lead markets might contribute a lot", "how lead markets might contribute to"
    )


def test_shared_run_detects_copied_words():
    """A run of consecutive words copied from the source is found; a paraphrase is not flagged."""
    source = "the biggest challenge for smart specialisation strategies remains their implementation"
    assert shared_run("Yes: the biggest challenge for smart specialisation strategies.", source, 7)
    assert shared_run("Implementation is the hardest part of such strategies.", source, 7) is None


def test_counts():
    """Words and sentences are counted, and honorifics do not end a sentence."""
    assert word_count("Dr. Ulla Engelmann stresses clusters.") == 5
    assert sentence_count("Dr. Engelmann spoke. Prof. Kiese replied! Done?") == 3
    assert sentence_count("Rasmus C. Beck welcomed them. He spoke.") == 2
