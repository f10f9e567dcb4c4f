"""The test run's shared builds (helpers.Builds): one build for all test processes, and its failure told to each."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from helpers import BACKGROUND, Build, Builds, Pending

#: A build that stands in for `make book`: it notes that it ran, in a file shared by every build of the test.
NOTE_RUN = "import pathlib, sys; p = pathlib.Path(sys.argv[1]); p.write_text(p.read_text() + sys.argv[2] + '\\n')"


@pytest.fixture
def stand_ins(monkeypatch, tmp_path) -> Path:
    """Register two quick builds ("first", "second") that note each run in a file, and return that file."""
    runs = tmp_path / "runs.txt"
    runs.write_text("", encoding="utf-8")

    def starter(name: str):
        def ready(folder: Path) -> Pending:
            (folder / "_build" / "html").mkdir(parents=True)
            return Pending(folder, [sys.executable, "-c", NOTE_RUN, str(runs), name], {}, extra={"made in": str(folder)})

        return ready

    for name in ("first", "second"):
        monkeypatch.setitem(BACKGROUND, name, starter(name))
    return runs


def test_two_processes_share_each_build_once(stand_ins, tmp_path):
    """Two test processes that both need two builds run each build once and get the same project back."""
    root = tmp_path / "builds"
    processes = [Builds(root, ["first", "second"], process=(number, 2)) for number in (0, 1)]
    try:
        results = [[builds.result(name) for name in ("first", "second")] for builds in processes]
    finally:
        for builds in processes:
            builds.stop()
    assert sorted(stand_ins.read_text(encoding="utf-8").split()) == ["first", "second"]
    assert results[0] == results[1]
    assert all(isinstance(built, Build) and built.returncode == 0 for built in results[0])
    assert [Path(built.extra["made in"]).name for built in results[0]] == ["gw0", "gw1"]  # each process built its share


def test_a_build_no_process_started_is_built_by_the_one_that_needs_it(stand_ins, tmp_path):
    """A build whose process never started (it had no test to run) is built by the process that asks for it."""
    builds = Builds(tmp_path / "builds", ["first", "second"], process=(0, 2))  # process 1, owner of "second", never starts
    try:
        built = builds.result("second")
    finally:
        builds.stop()
    assert built.returncode == 0 and Path(built.extra["made in"]).name == "gw0"
    assert "second" in stand_ins.read_text(encoding="utf-8").split()


def test_a_build_that_cannot_be_made_ready_fails_in_every_process_that_needs_it(monkeypatch, tmp_path):
    """A build whose project cannot be written fails the tests that need it in its own process and in the other, with the
    reason."""

    def broken(folder: Path) -> Pending:
        raise OSError("no room for the project")

    monkeypatch.setitem(BACKGROUND, "broken", broken)
    root = tmp_path / "builds"
    owner, other = Builds(root, ["broken"], process=(0, 2)), Builds(root, ["broken"], process=(1, 2))
    try:
        with pytest.raises(OSError, match="no room"):
            owner.result("broken")
        with pytest.raises(RuntimeError, match="no room for the project"):
            other.result("broken")
    finally:
        owner.stop()
        other.stop()
