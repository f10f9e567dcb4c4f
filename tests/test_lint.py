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
    """Ruff finds no broken rule (imports, names, line length, bugs) and nothing to reformat, and mypy no type error in src/."""
    result = subprocess.run([str(BIN / command[0]), *command[1:]], check=False, cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr
