"""Agreement between the two codings, the resolution check, and the coding data that back the themes."""

from __future__ import annotations

import csv
import shutil

import pytest

from briefing import load_dataset
from briefing.analysis.agreement import (
    Agreement,
    agreement_status,
    agreement_table,
    compare,
    overall,
    shared_links,
    shared_links_text,
)
from briefing.core.coding import RESOLUTION_COLUMNS, reconciled
from helpers import PROJECT_ROOT, edit_cell, problems_of, read_rows, write_rows


def test_kappa_of_a_textbook_table():
    """Kappa is 0.4 for the textbook table (20 both yes, 5 and 10 disputed, 15 both no), agreement 70 %."""
    a = Agreement(both_yes=20, only_1=5, only_2=10, both_no=15)
    assert a.percent == pytest.approx(70.0)
    assert a.kappa == pytest.approx(0.4)


def test_kappa_with_one_disagreement_each_way():
    """One link each coder alone made, one shared, ten shared absences over 13 passages give kappa 18/44."""
    assert Agreement(1, 1, 1, 10).kappa == pytest.approx(18 / 44)


def test_kappa_of_perfect_and_of_opposite_codings():
    """Full agreement on a theme with yes and no answers is kappa 1; coders who always disagree score below zero."""
    assert Agreement(3, 0, 0, 10).kappa == pytest.approx(1.0)
    assert Agreement(0, 3, 10, 0).kappa < 0


def test_kappa_undefined_when_chance_agreement_is_complete():
    """A theme both coders left out everywhere has no kappa, and the text says why."""
    a = Agreement(0, 0, 0, 13)
    assert a.kappa is None and a.percent == 100
    assert a.kappa_text.startswith("undefined") and "'no' for every contribution" in a.kappa_text


def test_compare_counts_every_contribution_per_theme():
    """Per theme, the four counts add up to the number of contributions, and overall pools them."""
    one = {("a", "t1"), ("b", "t1"), ("a", "t2")}
    two = {("a", "t1"), ("c", "t1")}
    per = compare(one, two, ["a", "b", "c", "d"], ["t1", "t2"])
    assert per["t1"] == Agreement(1, 1, 1, 1) and per["t2"] == Agreement(0, 1, 0, 3)
    assert overall(per) == Agreement(1, 2, 1, 4)


def test_shipped_links_follow_the_coding(dataset):
    """The book's links are exactly what the codings call for (the first coding while the second is pending)."""
    assert {(link.contribution_id, link.theme_id) for link in dataset.links} == reconciled(dataset)


def test_pending_second_coding_is_said_and_builds(data_copy):
    """Without coder-2.csv the method chapter says the second coding is pending and shows no table."""
    (data_copy / "coding" / "coder-2.csv").unlink(missing_ok=True)
    ds = load_dataset(data_copy)
    assert agreement_table(ds) is None and "pending" in agreement_status(ds) and shared_links(ds) is None


def test_shipped_second_coding_is_the_independent_one_as_it_came(dataset):
    """The shipped second coding is the independent coder's file, byte for byte as kept with its brief in research/, and
    the chapter reports its agreement, spans included."""
    shipped = dataset.data_dir / "coding" / "coder-2.csv"
    kept = PROJECT_ROOT / "research" / "second-coding-e3" / "coder-2.csv"
    assert shipped.read_bytes() == kept.read_bytes()
    assert agreement_table(dataset) is not None and "pending" not in agreement_status(dataset)
    assert shared_links_text(dataset).startswith("On the 40 links both coders made")


def test_shared_links_count_place_and_span(data_copy):
    """Links both coders made are compared on about_ruhr and on the span: same, nested, or different words."""
    rows = read_rows(data_copy / "coding" / "coder-1.csv")
    second = [dict(r) for r in rows]
    second[0]["about_ruhr"] = "yes" if rows[0]["about_ruhr"] == "no" else "no"
    second[1]["evidence"] = rows[1]["evidence"].split(" ", 1)[1]  # a span inside the first coder's
    second[2]["evidence"] = "something else"
    write_rows(data_copy / "coding" / "coder-2.csv", second)
    shared = shared_links(load_dataset(data_copy))
    assert (shared.links, shared.same_place, shared.same_span, shared.nested_span) == (len(rows), len(rows) - 1, len(rows) - 2, 1)


def resolution(contribution: str, theme: str, coder_1: str, coder_2: str, decision: str, rule: str) -> dict[str, str]:
    """Return one row of resolutions.csv."""
    return dict(zip(RESOLUTION_COLUMNS, [contribution, theme, coder_1, coder_2, decision, rule], strict=True))


def _second_coding(folder, drop: tuple[str, str], add: tuple[str, str, str]) -> None:
    """Write a second coding equal to the first, less one link and plus another."""
    rows = [r for r in read_rows(folder / "coding" / "coder-1.csv") if (r["contribution_id"], r["theme_id"]) != drop]
    rows.append(dict(zip(["contribution_id", "theme_id", "evidence", "about_ruhr"], [*add, "no"], strict=True)))
    write_rows(folder / "coding" / "coder-2.csv", rows)


def test_agreement_table_with_a_second_coding(data_copy):
    """With a second coding, the table has one row per theme plus the overall row, with its counts."""
    _second_coding(data_copy, ("kiese", "implementation"), ("kiese", "strategy-adaptation", "He states that"))
    write_rows(
        data_copy / "coding" / "resolutions.csv",
        [
            resolution("kiese", "implementation", "yes", "no", "yes", "R3"),
            resolution("kiese", "strategy-adaptation", "no", "yes", "no", "R3"),
        ],
    )
    ds = load_dataset(data_copy)
    table = agreement_table(ds).set_index("Theme")
    assert len(table) == len(ds.themes) + 1
    assert table.loc["Implementation, monitoring and evaluation", ["Both coders", "Coder 1 only", "Coder 2 only"]].tolist() == [
        2,
        1,
        0,
    ]
    assert table.loc["All themes", "Coder 2 only"] == 1 and table.loc["All themes", "Neither"] == 13 * 21 - 41


def test_unresolved_disagreement_is_refused(data_copy):
    """A pair only one coder linked, with no row in resolutions.csv, is reported by file and field."""
    _second_coding(data_copy, ("kiese", "implementation"), ("kiese", "clusters", "cluster policy"))
    problems = problems_of(data_copy)
    assert any("coding/resolutions.csv, column 'decision'" in p and "kiese → implementation" in p for p in problems)
    assert not any("kiese → clusters" in p for p in problems)  # both coders linked it


def test_decision_must_match_the_links(data_copy):
    """A resolution whose decision contradicts contribution_themes.csv is reported with its row and field."""
    _second_coding(data_copy, ("kiese", "implementation"), ("kiese", "clusters", "cluster policy"))
    write_rows(
        data_copy / "coding" / "resolutions.csv",
        [
            resolution("kiese", "implementation", "yes", "no", "no", "R3"),
        ],
    )
    problems = problems_of(data_copy)
    assert len(problems) == 1 and problems[0].startswith("coding/resolutions.csv, row 2, column 'decision'")
    assert "contribution_themes.csv links this pair" in problems[0]


def test_resolution_must_record_the_coders_answers_and_a_rule(data_copy):
    """A resolution that misstates a coder's answer, or names no rule, is reported by field."""
    shutil.copy(data_copy / "coding" / "coder-1.csv", data_copy / "coding" / "coder-2.csv")
    write_rows(
        data_copy / "coding" / "resolutions.csv",
        [
            {
                "contribution_id": "kiese",
                "theme_id": "implementation",
                "coder_1": "no",
                "coder_2": "yes",
                "decision": "yes",
                "rule": "",
            },
        ],
    )
    problems = problems_of(data_copy)
    assert any("row 2, column 'coder_1'" in p and "coder-1.csv, which links this pair" in p for p in problems)
    assert any("row 2, column 'rule'" in p and "known: R1, R2" in p for p in problems)
    assert not any("column 'coder_2'" in p for p in problems)


def test_resolution_names_an_existing_rule(data_copy, dataset):
    """A resolution citing a rule number the rules file does not have is reported; the rules are numbered R1 upwards."""
    from briefing.core.coding import rule_numbers

    assert rule_numbers(dataset.data_dir) == {f"R{n}" for n in range(1, len(rule_numbers(dataset.data_dir)) + 1)}
    _second_coding(data_copy, ("kiese", "implementation"), ("kiese", "clusters", "cluster policy"))
    write_rows(
        data_copy / "coding" / "resolutions.csv",
        [
            resolution("kiese", "implementation", "yes", "no", "yes", "R99"),
        ],
    )
    problems = problems_of(data_copy)
    assert len(problems) == 1 and "row 2, column 'rule'" in problems[0] and "(found: 'R99')" in problems[0]


def test_former_theme_id_may_not_be_current(data_copy):
    """A former id that is still a current theme id is reported, since its address would lead to two places."""
    edit_cell(data_copy, "themes.csv", {"id": "implementation"}, "former_ids", "evaluation;clusters")
    assert any("themes.csv, row 7, column 'former_ids'" in p and "'clusters'" in p for p in problems_of(data_copy))


def test_about_ruhr_is_yes_or_no(data_copy):
    """The about_ruhr cell of a link accepts only yes or no."""
    edit_cell(
        data_copy, "contribution_themes.csv", {"contribution_id": "kiese", "theme_id": "implementation"}, "about_ruhr", "maybe"
    )
    assert any("column 'about_ruhr'" in p and "expected 'yes' or 'no'" in p for p in problems_of(data_copy))


def test_every_theme_of_edition_1_still_has_an_address(dataset):
    """Every theme id edition 1 published is a current theme or a former id of one, so #theme-<id> keeps working."""
    with (PROJECT_ROOT / "data" / "editions" / "edition-1" / "themes.csv").open(encoding="utf-8") as f:
        published = {row["id"] for row in csv.DictReader(f)}
    reachable = {t.id for t in dataset.themes} | {f for t in dataset.themes for f in t.former_ids}
    assert published and published <= reachable, published - reachable


def test_crisis_and_field_themes_exist(dataset):
    """The categories other tables are built from are in use: crisis themes and field themes."""
    categories = {t.category for t in dataset.themes}
    assert {"crisis", "field"} <= categories
    assert 12 <= len(dataset.themes) <= 21


def test_coding_file_without_its_columns_is_explained(data_copy):
    """A coding file that lacks the theme_id column is refused with its file, row and column, not a traceback."""
    (data_copy / "coding" / "coder-2.csv").write_text("contribution_id;theme_id\nkiese;clusters\n", encoding="utf-8")
    assert any(p.startswith("coding/coder-2.csv, row 2, column 'contribution_id'") for p in problems_of(data_copy))
