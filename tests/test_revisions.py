"""Snapshots of released editions and what changed between them, compared without building the book."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing import load_dataset
from briefing.cli import main
from briefing.core.revisions import COMPARED_FILES, history
from briefing.core.schema import CHANGES_FILE, DATA_FILES, TABLES
from briefing.core.snapshots import (
    NO_COLUMN,
    OLD_COLUMN,
    catalogue_files,
    kept_editions,
    read_snapshot,
    snapshot_dir,
    translation_files,
)
from helpers import DATA, PROJECT_ROOT, edit_cell, give_reason, read_rows, write_rows

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "made-up-event"


def set_edition(folder: Path, edition: int, release_date: str) -> None:
    """Set the edition number and release date in a data folder's publication.yml."""
    path = folder / "publication.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    replaced = [
        f"edition: {edition}"
        if line.startswith("edition:")
        else f"release_date: {release_date}"
        if line.startswith("release_date:")
        else line
        for line in lines
    ]
    path.write_text("\n".join(replaced) + "\n", encoding="utf-8")


#: Tables the data gained after edition 1 (the reasons file, the briefing layer of edition 2 and the translations),
#: so edition 1's snapshot cannot hold them.
LATER_TABLES = {
    CHANGES_FILE,
    "questions.csv",
    "context.csv",
    "strategy_fields.csv",
    *(spec.file for spec in TABLES if spec.optional),  # the brief's tables, added in edition 3
    *catalogue_files(),
}


def test_shipped_data_keep_a_complete_snapshot_of_edition_1():
    """The shipped data keep each edition-1 data file in editions/edition-1, readable, differing only in columns since changed."""
    assert kept_editions(DATA) == list(range(1, load_dataset(DATA).publication.edition + 1))  # every released edition is kept
    snapshot = read_snapshot(snapshot_dir(DATA, 1))
    assert snapshot.edition == 1 and snapshot.release_date is not None
    assert sorted(p.name for p in snapshot_dir(DATA, 1).iterdir()) == sorted(set(DATA_FILES) - LATER_TABLES)
    earlier = [t for f, t in snapshot.tables.items() if f not in LATER_TABLES]
    assert all(t.kept and t.rows and all(n.kind in (NO_COLUMN, OLD_COLUMN) for n in t.notes) for t in earlier)
    assert not any(snapshot.tables[f].kept for f in LATER_TABLES & set(snapshot.tables))
    assert "contributions.csv has no column 'based_in'" in [str(n) for t in earlier for n in t.notes]


def as_released(folder: Path) -> Path:
    """Make a data folder a freshly released first edition: numbered 1, no other snapshot, its data kept as edition 1."""
    shutil.rmtree(folder / "editions")
    set_edition(folder, 1, "2026-11-25")
    assert main(["snapshot", str(folder)]) == 0
    return folder


def test_a_released_first_edition_has_nothing_earlier(data_copy):
    """Data that equal their edition-1 snapshot show no change: only the first edition, with nothing to compare."""
    as_released(data_copy)
    h = history(data_copy)
    assert (h.current_edition, h.comparisons, h.unreleased, h.earliest.edition, h.current_kept) == (1, (), None, 1, True)


def test_edits_after_a_release_are_listed_as_unreleased(data_copy):
    """Edits made after edition 1 was snapshotted show as unreleased changes, by contribution and theme link."""
    as_released(data_copy)
    edit_cell(data_copy, "contributions.csv", {"id": "meyer"}, "summary", "According to the report, a new summary.")
    edit_cell(data_copy, "contributions.csv", {"id": "meyer"}, "order", "99")  # positions are bookkeeping, not a change
    links = read_rows(data_copy / "contribution_themes.csv")
    gone = links.pop(0)
    write_rows(data_copy / "contribution_themes.csv", links)
    h = history(data_copy)
    assert h.comparisons == () and h.unreleased is not None
    changed = h.unreleased.table("contributions.csv").changed
    assert [(c.key, [(f.column, f.new) for f in c.fields]) for c in changed] == [
        (("meyer",), [("summary", "According to the report, a new summary.")])
    ]
    removed = h.unreleased.table("contribution_themes.csv").removed
    assert [(r["contribution_id"], r["theme_id"], r["evidence"]) for r in removed] == [
        (gone["contribution_id"], gone["theme_id"], gone["evidence"])
    ]


def test_editions_are_compared_one_after_another_newest_first(data_copy):
    """With editions 1 and 2 kept and edition 3 not yet kept, the history compares 2 with 1 and the current data with 2."""
    as_released(data_copy)
    set_edition(data_copy, 2, "2027-01-01")
    edit_cell(data_copy, "themes.csv", {"id": "clusters"}, "label", "Clusters")
    give_reason(data_copy, "themes.csv", "clusters", "label")
    assert main(["snapshot", str(data_copy)]) == 0
    set_edition(data_copy, 3, "2028-01-01")
    edit_cell(data_copy, "contributions.csv", {"id": "kiese"}, "role", "Professor emeritus")
    h = history(data_copy)
    assert [(c.older.edition, c.newer.edition) for c in h.comparisons] == [(2, 3), (1, 2)]
    assert not h.current_kept and h.unreleased is None
    newest, older = h.comparisons
    assert [c.key for c in newest.table("contributions.csv").changed] == [("kiese",)] and newest.table("themes.csv").empty
    assert [(f.old, f.new) for f in older.table("themes.csv").changed[0].fields] == [("Clusters and cluster policy", "Clusters")]
    assert older.newer.release_date.isoformat() == "2027-01-01"


def test_an_older_snapshot_is_read_tolerantly(data_copy):
    """A snapshot lacking a later column or a table, or with a dropped column, is compared where it can be, and says so."""
    for later in kept_editions(data_copy)[1:]:  # the current data are then compared with edition 1 as not yet released
        shutil.rmtree(snapshot_dir(data_copy, later))
    set_edition(data_copy, 1, "2026-11-25")
    folder = snapshot_dir(data_copy, 1)
    rows = read_rows(folder / "contributions.csv")
    write_rows(folder / "contributions.csv", [{**{k: v for k, v in r.items() if k != "keywords"}, "mood": "calm"} for r in rows])
    (folder / "glossary.csv").unlink()
    (folder / "themes.csv").write_text("id,label,definition\nclusters,Clusters,\n", encoding="utf-8")  # a rule since tightened
    comparison = history(data_copy).unreleased
    assert comparison is not None
    assert (
        set(comparison.table("contributions.csv").added_columns) == {"based_in", "keywords"}
        and comparison.table("glossary.csv").empty
    )
    assert "in edition 1, contributions.csv has no column 'keywords'" in comparison.notes
    assert "in edition 1, contributions.csv has a column 'mood' that the schema no longer has" in comparison.notes
    assert "in edition 1, glossary.csv was not kept" in comparison.notes
    themes = comparison.table("themes.csv")
    assert len(themes.added) == len(read_rows(data_copy / "themes.csv")) - 1 and themes.changed[0].fields[0].old == "Clusters"


def test_snapshot_command_writes_once_and_refuses_to_overwrite(capsys, data_copy):
    """`snapshot` keeps a new edition, leaves an identical one alone, and replaces a different one only with --force."""
    shutil.rmtree(data_copy / "editions")
    set_edition(data_copy, 1, "2026-11-25")
    assert main(["snapshot", str(data_copy)]) == 0
    assert "Snapshot of edition 1 written to" in capsys.readouterr().out
    kept = [p.relative_to(snapshot_dir(data_copy, 1)).as_posix() for p in snapshot_dir(data_copy, 1).rglob("*") if p.is_file()]
    assert sorted(kept) == sorted([*DATA_FILES, *translation_files(data_copy)]) and "translations/de.po" in kept
    assert main(["snapshot", str(data_copy)]) == 0 and "is up to date" in capsys.readouterr().out
    edit_cell(data_copy, "themes.csv", {"id": "clusters"}, "label", "Clusters")
    give_reason(data_copy, "themes.csv", "clusters", "label")
    assert main(["snapshot", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "already holds a different snapshot of edition 1 (themes.csv, changes.csv differ)" in err and "--force" in err
    assert main(["snapshot", str(data_copy), "--force"]) == 0
    assert (snapshot_dir(data_copy, 1) / "themes.csv").read_bytes() == (data_copy / "themes.csv").read_bytes()


def test_snapshot_command_refuses_invalid_data(capsys, data_copy):
    """Invalid data are never frozen as an edition: the command lists the problems and writes nothing."""
    shutil.rmtree(data_copy / "editions")
    edit_cell(data_copy, "contributions.csv", {"id": "engelmann"}, "perspective", "europe")
    assert main(["snapshot", str(data_copy)]) == 1
    assert "contributions.csv, row 3, column 'perspective'" in capsys.readouterr().err
    assert not (data_copy / "editions").exists()


def test_the_fixture_has_a_history_of_two_editions():
    """The made-up fixture is edition 2 with a differing edition-1 snapshot, so its book shows a real revision page."""
    h = history(FIXTURE)
    assert h.current_edition == 2 and [(c.older.edition, c.newer.edition) for c in h.comparisons] == [(1, 2)]
    contributions = h.comparisons[0].table("contributions.csv")
    assert [r["id"] for r in contributions.added] == ["fake"] and [r["id"] for r in contributions.removed] == ["ghost"]
    assert {f.column for c in contributions.changed for f in c.fields} == {"summary"}
    assert {t.file for t in h.comparisons[0].tables} == set(COMPARED_FILES) - set(catalogue_files())  # it has no translations


def test_earlier_editions_data_stay_downloadable(tmp_path):
    """A dataset that keeps edition 1's data offers that edition's zip, as released, beside the current one."""
    import zipfile

    from briefing.core.snapshots import snapshot_dir
    from briefing.publish.downloads import write_downloads, zip_name

    fixture = load_dataset(FIXTURE)
    names = {p.name for p in write_downloads(fixture, tmp_path)}
    assert {zip_name(fixture), zip_name(fixture, 1)} <= names
    archive = zipfile.ZipFile(tmp_path / zip_name(fixture, 1))
    kept = (snapshot_dir(FIXTURE, 1) / "contributions.csv").read_text(encoding="utf-8")
    assert archive.read("briefing-data/contributions.csv").decode("utf-8").splitlines() == kept.splitlines()
    assert "data files of edition 1, kept as released" in archive.read("briefing-data/LICENSE.txt").decode("utf-8")


def test_snapshot_command_refuses_a_draft(capsys, data_copy):
    """A draft folder (status: draft) is never frozen as an edition: the command says why and writes nothing."""
    shutil.rmtree(data_copy / "editions")
    publication = data_copy / "publication.yml"
    publication.write_text(publication.read_text(encoding="utf-8") + "status: draft\n", encoding="utf-8")
    assert main(["snapshot", str(data_copy)]) == 1
    assert "is a draft" in capsys.readouterr().err
    assert not (data_copy / "editions").exists()


def test_edition_1s_key_messages_keep_their_words_for_the_revisions_page():
    """Edition 1's retired 'message' column is read from its snapshot: a removed key message is named by its words."""
    rows = read_snapshot(snapshot_dir(DATA, 1)).tables["key_messages.csv"].rows
    transitions = next(r for r in rows if r["id"] == "transitions")
    assert str(transitions["message"]).startswith("One expert saw possible post-Covid opportunities")
