"""Theme suggestions: the review file, accepting line by line, and the leave-one-out evaluation."""

from __future__ import annotations

import csv
from pathlib import Path

from briefing import load_dataset
from briefing.cli import main
from briefing.editor.evaluate import evaluate, overlaps
from briefing.editor.suggest import REVIEW_FILE, clauses, profiles, score_contribution, sentences, stem, vectoriser_for


def review_rows(folder: Path) -> list[dict[str, str]]:
    """Read the review file of a data folder."""
    with (folder / REVIEW_FILE).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_review_rows(folder: Path, rows: list[dict[str, str]]) -> None:
    """Write the review file back, as an editor's spreadsheet would."""
    with (folder / REVIEW_FILE).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_stemming_brings_word_forms_together():
    """Plural, verb and adjective endings are stripped, so 'clusters' and 'cluster', 'regional' and 'regions' meet."""
    assert stem("clusters") == stem("cluster")
    assert stem("regional") == stem("regions")
    assert stem("strategies") == stem("strategy")


def test_evidence_spans_are_verbatim_in_the_passage(dataset):
    """Every sentence and clause offered as evidence is a verbatim part of its contribution's passage, at its offset."""
    for cid, passage in dataset.passages.items():
        for sentence in sentences(passage):
            assert passage.text[sentence.start : sentence.end] == sentence.text
            for clause in clauses(sentence):
                assert passage.text[clause.start : clause.end] == clause.text, cid


def test_sentences_skip_the_header_and_presentation_markers(dataset):
    """The header line (names, organisations) and 'Download presentation' are never offered as evidence."""
    passage = dataset.passages["engelmann"]
    texts = [s.text for s in sentences(passage)]
    assert texts[0].startswith("Dr. Ulla Engelmann stresses") and not any("Download" in t for t in texts)


def test_held_out_links_are_not_in_the_theme_profiles(dataset):
    """Leaving a contribution out removes its curated evidence from the profiles, so its own answer cannot be looked up."""
    held = dataset.links[0].contribution_id
    own = {link.theme_id for link in dataset.links_of(held)}
    other = next(t.id for t in dataset.themes if t.id not in own)
    vectoriser = vectoriser_for(dataset)
    with_own = profiles(dataset, vectoriser, [])
    without = profiles(dataset, vectoriser, [], frozenset({held}))
    assert all(with_own[tid] != without[tid] for tid in own)
    assert with_own[other] == without[other]


def test_suggestions_are_ranked_with_verbatim_evidence(dataset):
    """A contribution's suggestions are sorted by score and each evidence span lies in its passage."""
    vectoriser = vectoriser_for(dataset)
    found = score_contribution(dataset, "wilson", vectoriser, profiles(dataset, vectoriser, [], frozenset({"wilson"})))
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    assert all(dataset.passages["wilson"].contains(s.evidence.text) for s in found)


def test_suggest_writes_a_review_file_and_changes_no_link(data_copy, capsys):
    """`briefing suggest-themes` writes the review file with an empty decision column; contribution_themes.csv is untouched."""
    before = (data_copy / "contribution_themes.csv").read_bytes()
    assert main(["suggest-themes", str(data_copy)]) == 0
    rows = review_rows(data_copy)
    assert rows and all(r["decision"] == "" for r in rows)
    curated = {(link.contribution_id, link.theme_id) for link in load_dataset(data_copy).links}
    assert not {(r["contribution_id"], r["theme_id"]) for r in rows} & curated
    assert (data_copy / "contribution_themes.csv").read_bytes() == before
    assert "Nothing enters contribution_themes.csv" in capsys.readouterr().out


def test_accept_adds_only_the_accepted_rows(data_copy, capsys):
    """`briefing accept-themes` adds accepted suggestions, skips rejected and undecided ones, and the data stay valid."""
    main(["suggest-themes", str(data_copy), "--threshold", "0.05"])
    rows = review_rows(data_copy)
    rows[0]["decision"] = "accept"
    rows[1]["decision"] = "reject"
    write_review_rows(data_copy, rows)
    before = len(load_dataset(data_copy).links)
    assert main(["accept-themes", str(data_copy)]) == 0
    ds = load_dataset(data_copy)
    assert len(ds.links) == before + 1
    assert (rows[0]["contribution_id"], rows[0]["theme_id"], rows[0]["evidence"]) in {
        (link.contribution_id, link.theme_id, link.evidence) for link in ds.links
    }
    out = capsys.readouterr().out
    assert "1 theme link added" in out and "1 rejected" in out and "reason is recorded in changes.csv (1 row)" in out
    assert (
        ds.changes[-1].row == f"{rows[0]['contribution_id']};{rows[0]['theme_id']}"
        and ds.changes[-1].field == ["row"]
        and f"{len(rows) - 2} still undecided" in out
    )
    assert main(["accept-themes", str(data_copy)]) == 0  # accepting again adds nothing twice
    assert len(load_dataset(data_copy).links) == before + 1


def test_accept_refuses_reworded_evidence_and_unclear_decisions(data_copy, capsys):
    """Reworded evidence or a decision other than accept/reject is reported by row, and nothing is added."""
    main(["suggest-themes", str(data_copy), "--threshold", "0.05"])
    rows = review_rows(data_copy)
    rows[0]["decision"], rows[0]["evidence"] = "accept", "words the report never used"
    rows[1]["decision"] = "maybe"
    rows[2]["decision"], rows[2]["about_ruhr"] = "accept", "perhaps"
    write_review_rows(data_copy, rows)
    before = (data_copy / "contribution_themes.csv").read_bytes()
    assert main(["accept-themes", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "theme_suggestions.csv, row 2, column 'evidence'" in err and "theme_suggestions.csv, row 3, column 'decision'" in err
    assert "theme_suggestions.csv, row 4, column 'about_ruhr'" in err
    assert (data_copy / "contribution_themes.csv").read_bytes() == before


def test_review_guesses_about_ruhr_from_the_sentence(data_copy):
    """about_ruhr is prefilled 'yes' where the evidence names the event's region and 'no' where its passage never does."""
    main(["suggest-themes", str(data_copy), "--threshold", "0.05"])
    ds = load_dataset(data_copy)
    region = ds.event.region.split()[0]
    rows = review_rows(data_copy)
    assert {r["about_ruhr"] for r in rows} == {"yes", "no"}
    for row in rows:
        if region in row["evidence"]:
            assert row["about_ruhr"] == "yes", row
        if region not in ds.passages[row["contribution_id"]].body:
            assert row["about_ruhr"] == "no", row


def test_accept_without_a_review_file_says_what_to_run(data_copy, capsys):
    """Accepting before suggesting exits 1 and names the command to run first."""
    assert main(["accept-themes", str(data_copy)]) == 1
    assert "run `briefing suggest-themes` first" in capsys.readouterr().err


def test_evaluation_counts_every_curated_link_once(dataset):
    """Leave-one-out counts each curated link as found or missed exactly once, per theme and overall."""
    result = evaluate(dataset).as_dict()
    overall = result["overall"]
    assert overall["tp"] + overall["fn"] == len(dataset.links)
    assert sum(t["tp"] + t["fn"] for t in result["themes"].values()) == len(dataset.links)
    assert 0 <= result["evidence_spans_matching"] <= 1
    assert all(0.02 <= t <= 0.6 for t in (result["thresholds"]["min"], result["thresholds"]["max"]))


def test_evaluate_prints_precision_recall_and_f1(capsys):
    """`briefing evaluate` prints the overall figures, the evidence match and one line per theme."""
    assert main(["evaluate"]) == 0
    out = capsys.readouterr().out
    assert "overall: precision" in out and "recall" in out and "F1" in out and "evidence spans matching" in out
    assert "lead-markets" in out


def test_overlap_needs_half_of_the_shorter_span():
    """Two spans match when they share at least half of the shorter one."""
    assert overlaps((0, 10), (5, 30)) and not overlaps((0, 10), (6, 30)) and not overlaps((0, 5), (5, 9))


def test_the_chapter_skips_the_evaluation_of_very_large_data(dataset, monkeypatch):
    """Above the limit the chapter's table says to run `briefing evaluate` instead of evaluating during the build."""
    from briefing.editor import evaluate as evaluation

    monkeypatch.setattr(evaluation, "BOOK_LIMIT", len(dataset.contributions) - 1)
    assert "run `briefing evaluate`" in evaluation.figures_table(dataset)["Value"][0]
    monkeypatch.setattr(evaluation, "BOOK_LIMIT", len(dataset.contributions))
    assert evaluation.figures_table(dataset)["Figure"][2] == "Precision"


def test_accept_themes_on_a_folder_with_about_region_appends_to_that_column(dataset, tmp_path):
    """Accepted links go into the place column the folder's contribution_themes.csv names (about_region), read from a
    review file that names it so too."""
    from briefing.editor.suggest import accept, append_links

    link = dataset.links[0]
    review = tmp_path / REVIEW_FILE
    review.write_text(
        "decision,contribution_id,theme_id,evidence,about_region\n"
        f"accept,{link.contribution_id},{link.theme_id},{link.evidence},yes\n",
        encoding="utf-8",
    )
    accepted, rejected, undecided = accept(dataset, review)
    assert accepted == [(link.contribution_id, link.theme_id, link.evidence, "yes")] and not rejected and not undecided
    (tmp_path / "contribution_themes.csv").write_text("contribution_id,theme_id,about_region,evidence\n", encoding="utf-8")
    assert append_links(tmp_path, accepted, set()) == 1
    rows = list(csv.DictReader((tmp_path / "contribution_themes.csv").open(encoding="utf-8")))
    assert rows == [
        {"contribution_id": link.contribution_id, "theme_id": link.theme_id, "about_region": "yes", "evidence": link.evidence}
    ]
