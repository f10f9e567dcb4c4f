"""The code passes the project's lint rules (ruff, configured in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from briefing.paths import PROJECT_ROOT


def test_ruff_finds_nothing():
    """ruff reports no unused or undefined name, syntax error or likely bug in src/ and tests/."""
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run([str(ruff), "check", "src", "tests"], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
