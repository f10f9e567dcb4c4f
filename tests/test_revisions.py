"""Snapshots of released editions: kept with the data, written by the snapshot command."""

from __future__ import annotations

import shutil

from briefing.__main__ import main
from briefing.downloads import DATA_FILES
from briefing.snapshots import kept_editions, read_snapshot, snapshot_dir
from conftest import DATA, edit_cell


def test_shipped_data_keep_a_complete_snapshot_of_edition_1():
    """The shipped data keep every data file of edition 1 in editions/edition-1, readable with no column missing."""
    assert kept_editions(DATA) == [1]
    snapshot = read_snapshot(snapshot_dir(DATA, 1))
    assert snapshot.edition == 1 and snapshot.release_date is not None
    assert sorted(p.name for p in snapshot_dir(DATA, 1).iterdir()) == sorted(DATA_FILES)
    assert all(t.kept and not t.notes and t.rows for t in snapshot.tables.values())


def test_snapshot_command_writes_once_and_refuses_to_overwrite(capsys, data_copy):
    """`snapshot` keeps a new edition, leaves an identical one alone, and replaces a different one only with --force."""
    shutil.rmtree(data_copy / "editions")
    assert main(["snapshot", str(data_copy)]) == 0
    assert "Snapshot of edition 1 written to" in capsys.readouterr().out
    assert sorted(p.name for p in snapshot_dir(data_copy, 1).iterdir()) == sorted(DATA_FILES)
    assert main(["snapshot", str(data_copy)]) == 0 and "is up to date" in capsys.readouterr().out
    edit_cell(data_copy, "themes.csv", {"id": "clusters"}, "label", "Clusters")
    assert main(["snapshot", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "already holds a different snapshot of edition 1 (themes.csv differ)" in err and "--force" in err
    assert main(["snapshot", str(data_copy), "--force"]) == 0
    assert (snapshot_dir(data_copy, 1) / "themes.csv").read_bytes() == (data_copy / "themes.csv").read_bytes()


def test_snapshot_command_refuses_invalid_data(capsys, data_copy):
    """Invalid data are never frozen as an edition: the command lists the problems and writes nothing."""
    shutil.rmtree(data_copy / "editions")
    edit_cell(data_copy, "contributions.csv", {"id": "engelmann"}, "perspective", "europe")
    assert main(["snapshot", str(data_copy)]) == 1
    assert "contributions.csv, row 3, column 'perspective'" in capsys.readouterr().err
    assert not (data_copy / "editions").exists()
