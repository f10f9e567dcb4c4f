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


def test_a_file_with_both_about_ruhr_and_about_region_is_an_error_naming_both(data_copy):
    """A theme-link file whose header has both about_ruhr and about_region is refused, the message naming both columns."""
    rows = read_rows(data_copy / "contribution_themes.csv")
    write_rows(data_copy / "contribution_themes.csv", [{**row, "about_region": row["about_ruhr"]} for row in rows])
    problems = problems_of(data_copy)
    assert len(problems) == 1 and problems[0].startswith("contribution_themes.csv, row 1, column 'about_region'")
    assert "about_ruhr and about_region are two names of one column" in problems[0]


def test_about_region_is_read_as_about_ruhr_and_a_file_without_either_names_both(tmp_path):
    """A theme-link row with about_region validates as about_ruhr; a header with neither column names both as missing."""
    from briefing.core.schema import ThemeLink

    link = ThemeLink.model_validate({"contribution_id": "a", "theme_id": "b", "evidence": "words", "about_region": "yes"})
    assert link.about_ruhr is True
    from briefing.core.load import _check_header
    from briefing.core.schema import TABLES

    spec = next(t for t in TABLES if t.file == "contribution_themes.csv")
    problems: list = []
    assert not _check_header(spec, ["contribution_id", "theme_id", "evidence"], problems)
    assert [p.message for p in problems] == ["this required column (or named about_region) is missing from the header"]


def test_the_neutral_codes_mean_the_region_and_its_label_is_the_events_region(dataset):
    """'region' counts as in the region like 'ruhr', and its label and phrases are the event's region, in both languages."""
    from briefing.core.schema import REGIONAL_BASES, based_in_label, in_region
    from briefing.i18n.messages import in_language
    from briefing.sections.perspectives import based_in_breakdown, based_in_phrase

    assert {"ruhr", "region"} == REGIONAL_BASES and in_region("region") and not in_region("country-outside-region")
    assert based_in_label("region", "Lindholm Fjord") == "Lindholm Fjord" and based_in_label("ruhr", "Lindholm") == "Ruhr"
    assert based_in_label("country-outside-region") == "Elsewhere in the country"
    assert based_in_phrase("region", "Lindholm Fjord") == "in Lindholm Fjord"
    region = dataset.contribution["kiese"].model_copy(update={"based_in": "region"})
    assert based_in_breakdown([region, region], "Lindholm Fjord") == ", all by speakers based in Lindholm Fjord"
    with in_language("de"):
        assert based_in_label("country-outside-region") == "Anderswo im Land"
        assert based_in_phrase("region", "Lindholm") == "in der Region Lindholm"
        assert based_in_phrase("country-outside-region") == "anderswo im Land"


def test_this_books_data_keep_the_ruhr_codes_column_and_sentences(dataset, tmp_path):
    """This book's data say 'ruhr' and about_ruhr: its downloads keep both, and its regrouping sentences name the Ruhr."""
    from briefing.publish.downloads import write_downloads

    assert dataset.place_column == "about_ruhr" and not dataset.neutral_region
    target = tmp_path / "downloads"
    write_downloads(dataset, target)
    assert (target / "contribution_themes.csv").read_text(encoding="utf-8").splitlines()[0].endswith(",about_ruhr")
    assert {row["based_in"] for row in read_rows(target / "contributions.csv")} == {"eu-institution", "outside-germany", "ruhr"}
    assert any("If the Ruhr-based speakers grouped elsewhere" in s for s in findings.theme_findings(dataset))


def test_data_that_code_the_region_as_region_read_sentences_about_their_region(data_copy):
    """With 'region' for 'ruhr' and 'country-outside-region' for 'germany-outside-ruhr', the regrouping is the same and
    its sentences and table column name the event's region, never the Ruhr."""
    from briefing.sections import vocabulary

    rows = read_rows(data_copy / "contributions.csv")
    codes = {"ruhr": "region", "germany-outside-ruhr": "country-outside-region"}
    coded = [{**row, "based_in": codes.get(row["based_in"], row["based_in"])} for row in rows]
    write_rows(data_copy / "contributions.csv", coded)
    for row in rows:
        if row["based_in"] in codes:
            give_reason(data_copy, "contributions.csv", row["id"], "based_in")
    ds = load_dataset(data_copy)
    assert ds.neutral_region and themes.moved_by_regrouping(ds) == ["kiese", "terstriep"]
    region = ds.event.region
    said = [s for s in findings.theme_findings(ds) if "grouped elsewhere" in s]
    assert said and all(f"If the speakers based in {region} who are grouped elsewhere" in s for s in said)
    assert not any("Ruhr-based" in s for s in said)
    assert f"Raised here only, speakers based in {region} counted as its voices" in tables.perspective_overview(ds).columns
    note = vocabulary._regrouping(ds, ["international-expert"], ["ruhr-stakeholder"])
    assert note[0].startswith(f" If the speakers based in {region} who are grouped elsewhere were counted as voices of {region}")


def test_the_neutral_code_outside_country_reads_outside_the_country_in_both_languages(dataset):
    """'outside-country' is labelled and phrased "outside the country" in English and German, naming no country."""
    from briefing.core.schema import based_in_label, in_region
    from briefing.i18n.messages import in_language
    from briefing.sections.perspectives import based_in_phrase, based_in_place

    outside = dataset.contribution["kiese"].model_copy(update={"based_in": "outside-country"})
    assert not in_region("outside-country")
    assert based_in_label("outside-country") == outside.based_in_label == "Outside the country"
    assert based_in_phrase("outside-country") == based_in_place(outside) == "outside the country"
    with in_language("de"):
        assert based_in_label("outside-country") == "Außerhalb des Landes"
        assert based_in_phrase("outside-country") == based_in_place(outside) == "außerhalb des Landes"


def test_data_recoded_from_outside_germany_to_outside_country_read_the_neutral_wording(data_copy):
    """Speakers recoded from 'outside-germany' to 'outside-country' are shown, filtered and counted as based outside the
    country in tables, the explorer and sentences, in English and German, and Germany is named nowhere for them."""
    from briefing.i18n.messages import in_language
    from briefing.notebook.explorer import filter_contributions
    from briefing.sections.perspectives import based_in_breakdown, based_in_place

    rows = read_rows(data_copy / "contributions.csv")
    moved = [row["id"] for row in rows if row["based_in"] == "outside-germany"]
    recoded = [{**row, "based_in": "outside-country"} if row["id"] in moved else row for row in rows]
    write_rows(data_copy / "contributions.csv", recoded)
    for cid in moved:
        give_reason(data_copy, "contributions.csv", cid, "based_in")
    ds = load_dataset(data_copy)
    assert moved and not ds.neutral_region  # still coded 'ruhr': this book's sentences about the Ruhr stay
    assert set(tables.theme_links(ds)["Based in"]) == {"EU institution", "Outside the country", "Ruhr"}
    assert set(filter_contributions(ds, based_in=["outside-country"])["Based in"]) == {"Outside the country"}
    experts = ds.contributions_in("international-expert")
    assert based_in_breakdown(experts).startswith("; of these, 4 by speakers based outside the country")
    assert based_in_place(ds.contribution[moved[0]]) == "outside the country"
    with in_language("de"):
        assert set(tables.theme_links(ds)["Tätigkeitsort"]) == {"EU-Institution", "Außerhalb des Landes", "Ruhrgebiet"}
        assert "außerhalb des Landes" in based_in_breakdown(experts)
    assert not any("Germany" in based_in_place(ds.contribution[cid]) for cid in moved)


def test_validate_on_a_draft_names_the_neutral_codes_first_for_based_in(tmp_path, capsys):
    """The to-do for based_in on a draft from `briefing new` offers the neutral codes before any other, and names no
    code of this book (ruhr, germany-outside-ruhr, outside-germany)."""
    from briefing.cli import main
    from helpers import PROJECT_ROOT

    report = PROJECT_ROOT / "tests" / "fixtures" / "reports" / "lindholm-2029.txt"
    assert main(["new", str(report), str(tmp_path / "book")]) == 0
    capsys.readouterr()
    assert main(["validate", str(tmp_path / "book" / "data")]) == 0
    todo = next(line for line in capsys.readouterr().out.splitlines() if "(based_in: " in line)
    assert "(based_in: region, country-outside-region or outside-country, else eu-institution;" in todo
    assert not any(code in todo for code in ("ruhr", "germany", "Germany"))
