"""Where speakers are based: the field, the regrouping it allows, and the reasons every change since edition 1 needs."""

from __future__ import annotations

from briefing import load_dataset
from briefing.analysis import findings, themes
from briefing.core.revisions import check_reasons
from briefing.notebook import tables
from helpers import DATA, edit_cell, give_reason, problems_of, read_rows, write_rows


def test_every_speaker_has_a_place_and_two_experts_are_ruhr_based(dataset):
    """The shipped data give each contribution a based_in value; Prof. Kiese and Dr. Terstriep are the Ruhr-based experts."""
    assert {c.based_in for c in dataset.contributions} == {"eu-institution", "outside-germany", "ruhr"}
    assert [c.id for c in dataset.contributions_in("international-expert") if c.based_in == "ruhr"] == ["kiese", "terstriep"]
    assert dataset.contribution["gaertner"].based_in == dataset.contribution["terstriep"].based_in == "ruhr"


def test_an_unknown_based_in_value_is_reported_with_its_row(data_copy):
    """A based_in value outside the list is reported with file, row and column, naming the allowed values."""
    edit_cell(data_copy, "contributions.csv", {"id": "kiese"}, "based_in", "bochum")
    problems = problems_of(data_copy)
    assert (
        problems[0].startswith("contributions.csv, row 7, column 'based_in': expected 'eu-institution'")
        and "'ruhr'" in problems[0]
    )


def test_regrouping_moves_the_ruhr_based_experts_and_changes_only_what_they_raised(dataset):
    """Counting Ruhr-based experts as Ruhr voices makes 'lead markets' Ruhr-only, not expert-only; no other such theme moves."""
    assert themes.moved_by_regrouping(dataset) == ["kiese", "terstriep"]
    shift = themes.single_perspective_sensitivity(dataset)
    assert shift["lead-markets"] == (["international-expert"], ["ruhr-stakeholder"])
    assert all(before == after for t, (before, after) in shift.items() if t != "lead-markets")
    sentences = findings.theme_findings(dataset)
    assert any("Lead markets: raised only in “Ruhr stakeholders” instead" in s for s in sentences)
    assert any(
        s.endswith("were counted with “Ruhr stakeholders”, every theme in this list would stay in it; added: Lead markets.")
        for s in sentences
    )


def test_regrouping_on_a_constructed_case(data_copy):
    """A theme raised by a Ruhr-based expert and the host becomes Ruhr-only; with no Ruhr-based expert nothing is said."""
    links = read_rows(data_copy / "contribution_themes.csv")
    links.append(
        {
            "contribution_id": "beck-outlook",
            "theme_id": "lead-markets",
            "evidence": "to highlight its individual strengths",
            "about_ruhr": "yes",
        }
    )
    write_rows(data_copy / "contribution_themes.csv", links)
    give_reason(data_copy, "contribution_themes.csv", "beck-outlook;lead-markets", "row")
    ds = load_dataset(data_copy)
    assert themes.perspectives_per_theme(ds)["lead-markets"] == ["international-expert", "ruhr-stakeholder"]
    assert themes.perspectives_per_theme_regrouped(ds)["lead-markets"] == ["ruhr-stakeholder"]
    for cid in ("kiese", "terstriep"):
        edit_cell(data_copy, "contributions.csv", {"id": cid}, "based_in", "outside-germany")
        give_reason(data_copy, "contributions.csv", cid, "based_in")
    ds = load_dataset(data_copy)
    assert themes.moved_by_regrouping(ds) == [] and findings.regrouping_note(ds, ["lead-markets"]) is None
    assert not any("If the Ruhr-based" in s for s in findings.theme_findings(ds))


def test_theme_tables_show_and_filter_by_based_in(dataset):
    """Theme-link and contribution tables have a 'Based in' column with readers' labels; the overview counts both groupings."""
    assert set(tables.theme_links(dataset)["Based in"]) == {"EU institution", "Outside Germany", "Ruhr"}
    assert set(tables.theme_table(dataset)["Speakers based in"]) >= {"EU institution; Outside Germany; Ruhr", "Ruhr"}
    overview = tables.perspective_overview(dataset).set_index("Perspective")
    assert overview.loc["International experts", "Themes raised here only"] == 6
    assert overview.loc["International experts", "Raised here only, Ruhr-based speakers counted as Ruhr"] == 5
    assert overview.loc["Ruhr stakeholders", "Raised here only, Ruhr-based speakers counted as Ruhr"] == 9


def test_a_change_without_a_reason_is_named_with_file_row_and_field(data_copy):
    """A cell edited after the last kept edition without a reason still loads, and is a release to-do naming file, row
    key, field and the row to add."""
    edit_cell(data_copy, "themes.csv", {"id": "clusters"}, "label", "Clusters")
    kept = load_dataset(DATA).publication.edition  # the shipped data keep their current edition
    assert [str(p) for p in check_reasons(data_copy, load_dataset(data_copy).changes)] == [
        f"changes.csv: no reason is given for a change since edition {kept}: themes.csv, row 'clusters': column 'label' changed. "
        f"Add a row: edition {kept + 1}, file themes.csv, row clusters, field label, and the reason"
    ]
    give_reason(data_copy, "themes.csv", "clusters", "label")
    assert check_reasons(data_copy, load_dataset(data_copy).changes) == []
    assert load_dataset(data_copy).theme["clusters"].label == "Clusters"


def test_a_reason_for_an_unknown_table_is_reported(data_copy):
    """A changes.csv row naming a file the revisions page does not compare is reported at its row."""
    give_reason(data_copy, "changes.csv", "x", "row")
    assert any(
        p.startswith("changes.csv, row ") and "column 'file': not a table the revisions page compares" in p
        for p in problems_of(data_copy)
    )


def test_each_unknown_key_of_a_note_with_several_references_is_reported(data_copy):
    """A note may cite several keys, separated by semicolons; each key missing from references.bib is reported at its row."""
    edit_cell(data_copy, "editorial_notes.csv", {"id": "ruhr-not-a-city"}, "reference", "rvr-metropole-ruhr;no-such-key")
    assert problems_of(data_copy) == [
        "editorial_notes.csv, row 5, column 'reference': no entry with this key in references.bib (found: 'no-such-key')"
    ]


def test_label_notes_cite_their_sources(dataset):
    """Every editorial note on a name, role or organisation added for edition 2 rests on cited references that exist."""
    for note_id in ("tci-name", "bochum-agency", "iat-name", "van-winden-university", "ruhr-not-a-city", "international-experts"):
        note = next(n for n in dataset.editorial_notes if n.id == note_id)
        assert note.basis == "cited" and note.reference and set(note.reference) <= dataset.references
