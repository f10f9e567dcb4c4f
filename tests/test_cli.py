"""The data check command a person runs before building."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.build import book as build
from briefing.build.book import ExitCode
from briefing.cli import main
from helpers import edit_cell, make_project


def test_validate_reports_a_summary_of_valid_data(capsys, data_copy):
    """Valid data: exit code 0 and a one-line summary of what was loaded."""
    assert main(["validate", str(data_copy)]) == 0
    assert "13 contributions by 12 speakers" in capsys.readouterr().out


def test_validate_lists_problems_without_traceback(capsys, data_copy):
    """Invalid data: exit code 1, every problem on stderr, no Python traceback."""
    edit_cell(data_copy, "contributions.csv", {"id": "engelmann"}, "perspective", "europe")
    assert main(["validate", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "contributions.csv, row 3, column 'perspective'" in err and "Traceback" not in err


def test_build_with_invalid_data_stops_before_building(capsys, tmp_path, data_copy):
    """`briefing build` on invalid data exits 1, names the problem and creates no build folder."""
    project = make_project(tmp_path / "project")
    edit_cell(data_copy, "contributions.csv", {"id": "engelmann"}, "perspective", "europe")
    assert main(["build", str(data_copy), "--project", str(project), "--no-pdf"]) == ExitCode.DATA_INVALID
    out = capsys.readouterr().out
    assert "contributions.csv, row 3, column 'perspective'" in out and "last good book is untouched" in out
    assert not (project / "_build").exists() and not (project / "_build.next").exists()


def test_build_outside_the_book_is_a_usage_error(capsys, tmp_path):
    """`briefing build` in a folder without _config.yml exits 2 and says why."""
    assert main(["build", "--project", str(tmp_path)]) == ExitCode.USAGE
    assert "has no _config.yml" in capsys.readouterr().out


def test_unknown_command_is_a_usage_error(capsys):
    """An unknown command exits 2 with argparse's usage message."""
    with pytest.raises(SystemExit) as stopped:
        main(["publish"])
    assert stopped.value.code == ExitCode.USAGE and "usage: briefing" in capsys.readouterr().err


def test_installed_command_lists_exit_codes():
    """The installed `briefing` command runs and its help lists every exit code."""
    command = Path(sys.executable).parent / "briefing"
    result = subprocess.run([str(command), "build", "--help"], capture_output=True, text=True, check=True)
    for code in ExitCode:
        assert f"\n  {int(code)} " in result.stdout


def test_progress_condenses_the_sphinx_log(tmp_path):
    """The progress display shows reading, notebook and writing steps, counts notebooks and keeps problem lines."""
    out = io.StringIO()
    progress = build.Progress(out, tmp_path)
    for line in [
        "\x1b[01mreading sources... \x1b[39;49;00m[ 10%] \x1b[35mchapters/eu\x1b[39;49;00m\n",
        f"{tmp_path}/chapters/eu.md: Executing notebook using local CWD [mystnb]\n",
        "[IPKernelApp] WARNING | Kernel is running over TCP without encryption.\n",
        f"{tmp_path}/chapters/eu.md: Executed notebook in 2.04 seconds [mystnb]\n",
        f"{tmp_path}/chapters/eu.md:12: WARNING: undefined label: 'no-such-section'\n",
        "writing output... [100%] chapters/themes\n",
    ]:
        progress.feed(line)
    assert out.getvalue().splitlines() == [
        "  reading   [ 10%] chapters/eu",
        "  running the notebook of chapters/eu",
        "  writing   [100%] chapters/themes",
    ]
    assert progress.executed == 1 and progress.problems == [
        f"{tmp_path}/chapters/eu.md:12: WARNING: undefined label: 'no-such-section'"
    ]
