"""The code passes the project's lint rules, format and type check (configured in pyproject.toml), as `make lint` runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import PROJECT_ROOT

BIN = Path(sys.executable).parent
PATHS = ["src", "tests", "benchmarks"]


@pytest.mark.parametrize(
    "command",
    [["ruff", "check", *PATHS], ["ruff", "format", "--check", *PATHS], ["mypy"]],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_lint_finds_nothing(command):
    """ruff finds no broken rule (imports, names, line length, bugs) and nothing to reformat, and mypy no type error in src/."""
    result = subprocess.run([str(BIN / command[0]), *command[1:]], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr


def test_a_broken_rule_is_found(tmp_path):
    """The configured rules do catch what they promise: an ambiguous name and a line over the configured length."""
    sample = tmp_path / "sample.py"
    sample.write_text("l = 1\nx = '" + "a" * 140 + "'\n", encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "ruff"), "check", "--config", str(PROJECT_ROOT / "pyproject.toml"), "--output-format", "concise", str(sample)],
        capture_output=True,
        text=True,
    )
    assert "E741" in result.stdout and "E501" in result.stdout, result.stdout
