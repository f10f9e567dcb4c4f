"""The shipped dataset meets the editorial rules of the briefing."""

from __future__ import annotations

import hashlib

from briefing.core.source import word_count
from helpers import DATA, edit_cell

#: SHA-256 of the report as received from the organiser (also in data/README.md): any change to the copy fails.
SOURCE_SHA256 = "71a280bdf432bb0741f528fe431dec8848141d233456d10285d90890be8cee22"


def test_source_copy_is_the_report_as_received(dataset):
    """The report in data/sources/ has the checksum recorded on receipt, and data/README.md records the same one."""
    copy = DATA / dataset.event.source_document
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == SOURCE_SHA256
    assert SOURCE_SHA256 in (DATA / "README.md").read_text(encoding="utf-8")
    assert "\u00a0" in dataset.source_text and "’" in dataset.source_text


def test_all_thirteen_contributions_by_twelve_speakers(dataset):
    """The data hold the report's 13 contributions by 12 people, in running order 1-13."""
    assert len(dataset.contributions) == 13
    assert len(dataset.speakers) == 12
    assert [c.order for c in dataset.contributions] == list(range(1, 14))


def test_three_perspectives_with_the_agreed_ids(dataset):
    """The perspectives are exactly eu, international-expert and ruhr-stakeholder."""
    assert [p.id for p in dataset.perspectives] == ["eu", "international-expert", "ruhr-stakeholder"]


def test_vocabulary_size_and_every_theme_used(dataset):
    """The vocabulary has 12-21 themes (edition 3 split the digital theme) and each is raised by at least one contribution."""
    assert 12 <= len(dataset.themes) <= 21
    used = {link.theme_id for link in dataset.links}
    assert used == {t.id for t in dataset.themes}


def test_every_contribution_has_a_theme(dataset):
    """Every contribution is linked to at least one theme."""
    assert {link.contribution_id for link in dataset.links} == {c.id for c in dataset.contributions}


def test_every_evidence_quotation_lies_in_its_own_passage(dataset):
    """Each evidence quotation is verbatim in the passage of the contribution it is attributed to."""
    for link in dataset.links:
        assert link.evidence in dataset.passages[link.contribution_id].text, link


def test_passages_start_with_their_speakers(dataset):
    """Each located passage begins with the heading that names the contribution's speaker."""
    for c in dataset.contributions:
        heading = dataset.passages[c.id].heading
        assert c.speaker.split()[-1] in heading, (c.id, heading)


def test_summaries_are_short_and_never_longer_than_the_passage(dataset):
    """Summaries have at most three sentences and fewer words than the report's own passage."""
    for c in dataset.contributions:
        assert word_count(c.summary) <= word_count(dataset.passages[c.id].body), c.id


def test_key_messages_between_three_and_six(dataset):
    """The landing page has 3-6 key messages, each backed by contributions and themes."""
    assert 3 <= len(dataset.key_messages) <= 6
    assert all(m.contributions and m.themes for m in dataset.key_messages)


def test_presentations_match_the_report(dataset):
    """Six contributions offer a presentation for download, as the report's 'Download presentation' marks say."""
    assert sum(c.presentation_offered for c in dataset.contributions) == dataset.source_text.count("Download presentation") == 6


def test_editorial_notes_cover_the_known_errors(dataset):
    """The report's known errors and inconsistencies each have an editorial note."""
    said = {n.source_says for n in dataset.editorial_notes}
    assert {"Dr. Stephan Gärtner explains", "Amsterdam University of Applied Services", "as Germany’s biggest city"} <= said


def test_glossary_marks_german_terms(dataset):
    """German terms in the glossary are marked as German."""
    langs = {g.term: g.lang for g in dataset.glossary}
    assert langs["Metropole Ruhr"] == "de" and langs["Cluster"] == "en"


def test_data_readme_holds_the_generated_dictionary():
    """data/README.md ends with the dictionary generated from the schema (`python -m briefing dictionary`)."""
    from briefing.core.schema import dictionary_markdown

    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert readme.endswith(dictionary_markdown())


def test_an_edit_is_seen_by_the_same_process(data_copy):
    """Loading again after a CSV edit returns the new data, as a rerun cell in a live notebook expects."""
    from briefing import load_dataset
    from helpers import give_reason

    assert load_dataset(data_copy).contribution["meyer"].topic == "Bochum: science, IT security and health"
    edit_cell(data_copy, "contributions.csv", {"id": "meyer"}, "topic", "A new heading")
    give_reason(data_copy, "contributions.csv", "meyer", "topic")
    assert load_dataset(data_copy).contribution["meyer"].topic == "A new heading"
