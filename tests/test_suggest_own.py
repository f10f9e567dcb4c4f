"""Theme suggestions for the next event's book: the speaker's own sentences, remembered rejections, honest evaluation."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from briefing import load_dataset
from briefing.cli import main
from briefing.editor.evaluate import MIN_LINKS, figures_table
from briefing.editor.suggest import REJECTED_FILE, REVIEW_FILE, own_sentences
from helpers import read_rows, write_rows

#: A made-up report with a keynote under a talk title, a panel named in one line whose last panellist's paragraph ends
#: with what the panel agreed, and closing remarks under a heading that name their speaker inside the first sentence.
REPORT = """Marsh Valley Enterprise Day 2031

On 3 May 2031 the Marsh Valley Enterprise Day met in the valley. This report is made up for the tests: no such event took place.

Keynote: Reeds and roads

Dr. Odile Fernsby, Director, Marsh Valley Institute

Odile Fernsby argued that the valley should map its reed beds before building roads. She asked for a shared map.

Panel discussion: Who trains the thatchers?

With Dr. Pavo Ilmarinen (Ilmarinen Thatch Ltd.), Prof. Runa Quist (Valley College) and Sten Vard (Vard Cooperative)

Pavo Ilmarinen said that firms will train apprentices when orders are steady. \
Runa Quist pointed to the college's empty workshops. \
Sten Vard asked for a cooperative of small builders. \
The panellists agreed that the valley needs one permit office.

Closing remarks

In her closing remarks, Odile Fernsby announced a yearly enterprise day.
"""


@pytest.fixture
def marsh(tmp_path: Path) -> Path:
    """The draft data folder `briefing new` makes from the made-up report, with a vocabulary of two themes."""
    report = tmp_path / "marsh-valley-2031.txt"
    report.write_text(REPORT, encoding="utf-8")
    assert main(["new", str(report), str(tmp_path / "book")]) == 0
    data = tmp_path / "book" / "data"
    themes = [
        {"id": "permits", "label": "One permit office", "category": "process", "definition": "One office for all permits."},
        {"id": "skills", "label": "Skills", "category": "approach", "definition": "Training apprentices in workshops."},
    ]
    write_rows(data / "themes.csv", themes)
    return data


def test_a_speakers_sentences_are_their_own_not_their_neighbours(marsh):
    """Each contribution's sentences name its speaker or follow one that does: no header, title, heading or panel's agreement."""
    ds = load_dataset(marsh)
    own = {c.id: [s.text for s in own_sentences(ds, c.id)] for c in ds.contributions}
    assert own["fernsby"] == [
        "Odile Fernsby argued that the valley should map its reed beds before building roads.",
        "She asked for a shared map.",
    ]
    assert own["ilmarinen"] == ["Pavo Ilmarinen said that firms will train apprentices when orders are steady."]
    assert own["quist"] == ["Runa Quist pointed to the college's empty workshops."]
    assert own["vard"] == ["Sten Vard asked for a cooperative of small builders."]
    assert own["fernsby-2"] == ["In her closing remarks, Odile Fernsby announced a yearly enterprise day."]


def test_suggestions_take_no_evidence_from_another_speakers_sentences(marsh):
    """At the lowest threshold every suggested evidence lies in its own speaker's sentences, never in the panel's agreement."""
    assert main(["suggest-themes", str(marsh), "--threshold", "0.01"]) == 0
    ds = load_dataset(marsh)
    rows = read_rows(marsh / REVIEW_FILE)
    assert rows
    for row in rows:
        own = " ".join(s.text for s in own_sentences(ds, row["contribution_id"]))
        assert row["evidence"] in own, row
    assert not [row for row in rows if "permit office" in row["evidence"]]


def test_rejected_suggestions_are_recorded_and_never_suggested_again(data_copy, capsys):
    """`accept-themes` records the rejected rows once in coding/rejected-suggestions.csv, and `suggest-themes` leaves them out."""
    assert main(["suggest-themes", str(data_copy), "--threshold", "0.05"]) == 0
    rows = read_rows(data_copy / REVIEW_FILE)
    rejected = {(row["contribution_id"], row["theme_id"]) for row in rows[:2]}
    for row in rows[:2]:
        row["decision"] = "reject"
    write_rows(data_copy / REVIEW_FILE, rows)
    assert main(["accept-themes", str(data_copy)]) == 0
    assert f"2 newly recorded in {REJECTED_FILE}" in capsys.readouterr().out
    recorded = read_rows(data_copy / REJECTED_FILE)
    assert {(r["contribution_id"], r["theme_id"]) for r in recorded} == rejected
    assert main(["accept-themes", str(data_copy)]) == 0  # the same decisions again are recorded once
    assert len(read_rows(data_copy / REJECTED_FILE)) == 2
    assert main(["suggest-themes", str(data_copy), "--threshold", "0.05"]) == 0
    again = {(row["contribution_id"], row["theme_id"]) for row in read_rows(data_copy / REVIEW_FILE)}
    assert again and not again & rejected
    assert len(again) == len(rows) - 2
    load_dataset(data_copy)  # the record does not make the data invalid


def test_evaluate_refuses_precision_and_recall_from_too_few_links(marsh, capsys):
    """With fewer curated links than the minimum, `briefing evaluate` and the chapter's table give no precision or recall."""
    link = {"contribution_id": "vard", "theme_id": "skills", "evidence": "small builders", "about_ruhr": "no"}
    write_rows(marsh / "contribution_themes.csv", [link])
    assert main(["evaluate", str(marsh)]) == 1
    out, err = capsys.readouterr()
    assert "precision" not in out.lower() and "Not evaluated: 1 curated theme link in 1 contribution" in err
    assert f"at least {MIN_LINKS} curated links" in err
    table = figures_table(load_dataset(marsh))
    assert "Precision" not in list(table.iloc[:, 0]) and "too few" in table.iloc[0, 1]


def test_the_theme_commands_never_name_an_issue_number(marsh, capsys):
    """The help and the messages of the theme commands speak to an editor, never of the project's issue numbers."""
    for argv in (["suggest-themes", str(marsh), "--threshold", "0.01"], ["evaluate", str(marsh)], ["accept-themes", str(marsh)]):
        main(argv)
    for command in ("new", "suggest-themes", "accept-themes", "evaluate", "chapters", "release"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
    said = "".join(capsys.readouterr())
    assert "suggest-themes" in said and not re.search(r"\bissues?\b|#\d", said, re.IGNORECASE)


def test_the_review_file_round_trips_as_csv(marsh):
    """The rejected record is plain CSV with its header, readable by a spreadsheet."""
    assert main(["suggest-themes", str(marsh), "--threshold", "0.01"]) == 0
    rows = read_rows(marsh / REVIEW_FILE)
    rows[0]["decision"] = "reject"
    write_rows(marsh / REVIEW_FILE, rows)
    assert main(["accept-themes", str(marsh)]) == 0
    with (marsh / REJECTED_FILE).open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == ["contribution_id", "theme_id", "evidence"]
