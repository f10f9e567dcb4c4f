"""Every chapter's code runs as a plain notebook would, outside the book build."""

from __future__ import annotations

import re

import pytest

from helpers import PROJECT_ROOT

CELL = re.compile(r"```\{code-cell\}[^\n]*\n(.*?)```", re.S)
#: The chapters with code: pages that only show directives (event, imprint, ...) are plain pages without cells.
CHAPTERS = sorted(c for c in (PROJECT_ROOT / "chapters").glob("*.md") if CELL.search(c.read_text(encoding="utf-8")))


def code_of(chapter) -> str:
    """Return a chapter's code cells, without their cell options, as one script."""
    cells = CELL.findall(chapter.read_text(encoding="utf-8"))
    return "\n".join("\n".join(line for line in cell.splitlines() if not line.startswith(":")) for cell in cells)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_chapter_code_runs(chapter):
    """The chapter's cells execute top to bottom with only the package and the data."""
    namespace: dict = {}
    exec(compile(code_of(chapter), str(chapter), "exec"), namespace)
    assert "ds" in namespace


def test_chapters_are_thin():
    """Chapters hold no logic: no function or class definitions and no file reading."""
    for chapter in CHAPTERS:
        code = code_of(chapter)
        assert not re.search(r"^\s*(def|class) |open\(|read_csv|Path\(", code, re.M), chapter.name
