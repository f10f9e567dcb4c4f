"""The data check command a person runs before building."""

from __future__ import annotations

from briefing.__main__ import main
from conftest import edit_cell


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
