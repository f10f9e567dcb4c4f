"""What counts as a change for `briefing build`: any file, setting or commit the book is built from, and nothing else."""

from __future__ import annotations

import os
import shutil

import pytest

from briefing.build.book import INPUTS_STAMP, inputs_stamp, up_to_date
from helpers import PROJECT_ROOT


@pytest.fixture
def project(tmp_path):
    """A copy of the book's own inputs (chapters, configuration) with a copy of the data."""
    root = tmp_path / "book"
    root.mkdir()
    for name in ("_config.yml", "_toc.yml", "requirements.txt"):
        shutil.copy(PROJECT_ROOT / name, root / name)
    shutil.copytree(PROJECT_ROOT / "chapters", root / "chapters", ignore=shutil.ignore_patterns("contributions"))
    shutil.copytree(PROJECT_ROOT / "data", root / "data")
    return root


def test_the_stamp_follows_every_input(project, monkeypatch):
    """Editing a chapter or a data file, or changing the base URL, changes the stamp; reading files does not."""
    monkeypatch.delenv("BRIEFING_BASE_URL", raising=False)
    data = project / "data"
    first = inputs_stamp(project, data)
    assert inputs_stamp(project, data) == first
    (project / "chapters" / "eu.md").read_text(encoding="utf-8")
    assert inputs_stamp(project, data) == first
    for path in (project / "chapters" / "eu.md", data / "themes.csv"):
        info = path.stat()
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
        assert inputs_stamp(project, data) != first
        first = inputs_stamp(project, data)
    monkeypatch.setenv("BRIEFING_BASE_URL", "https://example.org/")
    assert inputs_stamp(project, data) != first


def test_generated_part_pages_are_not_inputs(project):
    """The part pages a build writes into chapters/contributions/ do not make the next build count as changed."""
    data = project / "data"
    first = inputs_stamp(project, data)
    (project / "chapters" / "contributions").mkdir()
    (project / "chapters" / "contributions" / "eu-1.md").write_text("generated", encoding="utf-8")
    assert inputs_stamp(project, data) == first


def test_only_a_complete_build_of_the_same_inputs_is_up_to_date(tmp_path):
    """A build counts as up to date only with its index page and the recorded stamp of the same inputs."""
    live = tmp_path / "_build"
    (live / "html").mkdir(parents=True)
    (live / INPUTS_STAMP).write_text("abc", encoding="utf-8")
    assert not up_to_date(live, "abc")  # no index page: an incomplete build
    (live / "html" / "index.html").write_text("<html></html>", encoding="utf-8")
    assert up_to_date(live, "abc") and not up_to_date(live, "abd")
