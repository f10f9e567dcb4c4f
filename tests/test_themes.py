"""Grouping by perspective and the theme tables computed from the data."""

from __future__ import annotations

from briefing import load_dataset
from briefing.analysis import themes
from briefing.notebook.tables import theme_links, theme_table
from helpers import edit_cell, give_reason, read_rows, write_rows


def test_grouping_by_perspective(dataset):
    """The EU has one contribution, the experts six and the Ruhr stakeholders six, in running order."""
    sizes = {p.id: [c.id for c in dataset.contributions_in(p.id)] for p in dataset.perspectives}
    assert sizes["eu"] == ["engelmann"]
    assert sizes["international-expert"] == ["nielsen", "wilson", "ketels", "kiese", "terstriep", "van-winden"]
    assert sizes["ruhr-stakeholder"] == ["beck-welcome", "beck-outlook", "dudda", "gaertner", "koeder", "meyer"]


def test_theme_perspective_counts(dataset):
    """Counts are contributions per theme and perspective, zero where none raised it."""
    counts = themes.theme_perspective_counts(dataset)
    assert counts.loc["clusters"].to_dict() == {"eu": 1, "international-expert": 2, "ruhr-stakeholder": 0}
    assert counts.loc["regional-strengths", "ruhr-stakeholder"] == 4
    assert int(counts.to_numpy().sum()) == len(dataset.links)


def test_theme_contribution_matrix(dataset):
    """The matrix has one row per theme, one column per contribution, and one True per link."""
    matrix = themes.theme_contribution_matrix(dataset)
    assert matrix.shape == (len(dataset.themes), len(dataset.contributions))
    assert int(matrix.to_numpy().sum()) == len(dataset.links)
    assert matrix.loc["lead-markets", "terstriep"]


def test_one_theme_shared_by_all_in_shipped_data(dataset):
    """Only smart specialisation in Europe is raised by all three perspectives; single-perspective themes are listed."""
    assert themes.shared_by_all(dataset) == ["s3-in-europe"]
    only = themes.single_perspective(dataset)
    assert only["eu"] == []
    assert "smart-city" in only["ruhr-stakeholder"] and "lead-markets" in only["international-expert"]


def test_shared_by_all_follows_the_data(data_copy):
    """Adding one link makes a theme shared by all three perspectives and removes it from 'single'."""
    rows = read_rows(data_copy / "contribution_themes.csv")
    assert "clusters" not in themes.shared_by_all(load_dataset(data_copy))
    rows.append(
        {
            "contribution_id": "beck-outlook",
            "theme_id": "clusters",
            "evidence": "the map of smart specialisation",
            "about_ruhr": "yes",
        }
    )
    write_rows(data_copy / "contribution_themes.csv", rows)
    give_reason(data_copy, "contribution_themes.csv", "beck-outlook;clusters", "row")
    ds = load_dataset(data_copy)
    assert themes.shared_by_all(ds) == ["s3-in-europe", "clusters"]
    assert "clusters" not in themes.shared_by_some(ds)


def test_tables_use_labels_and_countable_numbers(dataset):
    """Reader-facing tables show labels and speakers, counts a spreadsheet can add up, and the report's words per theme."""
    table = theme_table(dataset)
    clusters = table[table["Theme"] == "Clusters and cluster policy"].iloc[0]
    assert clusters["European Union"] == 1 and "Dr. Ulla Engelmann" in clusters["Who raised it"]
    assert table["In all"].sum() == len(dataset.links) and table["In all"].dtype.kind == "i"
    assert (
        "“how lead markets might contribute to regional development in the Ruhr Area”"
        in table.loc[table["Theme"] == "Lead markets", "The report's words"].item()
    )
    assert all(who for who in table["Who raised it"])  # no row looks empty
    links = theme_links(dataset)
    assert len(links) == len(dataset.links) and list(links.columns)[-1] == "The report's words"
    ketels = links[links["Speaker"] == "Dr. Christian Ketels"]
    assert ketels["Role and organisation"].str.contains("Harvard").all()


def test_a_new_contribution_joins_its_perspective(data_copy):
    """A new row in contributions.csv appears in its perspective's group without other changes."""
    edit_cell(data_copy, "contributions.csv", {"id": "meyer"}, "perspective", "eu")
    give_reason(data_copy, "contributions.csv", "meyer", "perspective")
    ds = load_dataset(data_copy)
    assert [c.id for c in ds.contributions_in("eu")] == ["engelmann", "meyer"]


def test_theme_table_cells_stay_small_with_thousands_of_contributions(tmp_path):
    """A theme raised by hundreds of contributions names 5 speakers and quotes 10, then says how many more there are."""
    from briefing.notebook.tables import QUOTATIONS_SHOWN, SPEAKERS_SHOWN
    from briefing.testing.synthetic import write_synthetic_dataset

    ds = load_dataset(write_synthetic_dataset(400, tmp_path / "data"))
    row = theme_table(ds).sort_values("In all").iloc[-1]
    assert row["In all"] > QUOTATIONS_SHOWN
    assert row["Who raised it"].count(";") == SPEAKERS_SHOWN
    lines = row["The report's words"].split("\n")
    assert len(lines) == QUOTATIONS_SHOWN + 1
    assert lines[-1].startswith(f"and {row['In all'] - QUOTATIONS_SHOWN:,} more")
