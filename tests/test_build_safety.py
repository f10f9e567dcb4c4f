"""Builds are safe to repeat and interrupt: one at a time per book, clear exit codes."""

from __future__ import annotations

import fcntl
import io
import subprocess
import sys
import threading
import time
from pathlib import Path

from briefing import build as building
from briefing.__main__ import main
from briefing.build import LOCK_FILE, ExitCode
from briefing.slim import ICON_FONTS, slim
from helpers import edit_cell, make_project
from test_slim import needs_purgecss, tiny_book

WAITING = "another build of this book is running (pid 4242); waiting"


def fake_live_build(project: Path) -> Path:
    """Give a project a last good build of one page; return that page."""
    page = project / "_build" / "html" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<p>The last good book.</p>", encoding="utf-8")
    return page


def wait_for(condition, seconds: float = 60) -> bool:
    """Poll a condition until it holds or the time is up; return whether it held."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_a_second_build_waits_for_the_one_running(tmp_path, data_copy):
    """A build started while another holds the book's lock says so with the other's pid, waits, and only then goes on."""
    project = make_project(tmp_path / "project")
    page = fake_live_build(project)
    edit_cell(data_copy, "contributions.csv", {"id": "engelmann"}, "perspective", "europe")  # so the waiter stops quickly
    out, codes = io.StringIO(), []
    with (project / LOCK_FILE).open("w", encoding="utf-8") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        held.write("4242\n")
        held.flush()
        second = threading.Thread(target=lambda: codes.append(building.build_book(project, data_copy, pdf=False, out=out)))
        second.start()
        assert wait_for(lambda: WAITING in out.getvalue().lower()), out.getvalue()
        time.sleep(0.5)
        assert second.is_alive() and "Checking the data" not in out.getvalue()
    second.join(timeout=120)
    assert codes == [ExitCode.DATA_INVALID] and "contributions.csv, row 3" in out.getvalue()
    assert page.read_text(encoding="utf-8") == "<p>The last good book.</p>" and not (project / "_build.next").exists()


def test_a_killed_build_releases_the_lock(tmp_path):
    """The system drops the lock of a killed build, so the next build starts at once without waiting."""
    project = make_project(tmp_path / "project")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import io, sys, time; from pathlib import Path; from briefing.build import build_lock\n"
            "with build_lock(Path(sys.argv[1]), io.StringIO()):\n    print('held', flush=True); time.sleep(600)\n",
            str(project),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    assert (project / LOCK_FILE).read_text(encoding="utf-8").strip() == str(holder.pid)
    holder.kill()
    holder.wait()
    out = io.StringIO()
    with building.build_lock(project, out):
        assert out.getvalue() == ""


def test_an_unexpected_error_exits_with_the_build_failed_code(tmp_path, monkeypatch, capsys):
    """An unexpected exception during a build exits 3 (build failed) with a message, not 1 (invalid data), and keeps the book."""
    project = make_project(tmp_path / "project")
    page = fake_live_build(project)

    def crash(*args, **kwargs):
        raise FileExistsError("[Errno 17] File exists: '_build.next'")

    monkeypatch.setattr(building, "keep_for_build", crash)
    assert main(["build", "--project", str(project), "--no-pdf"]) == ExitCode.BUILD_FAILED
    out = capsys.readouterr().out
    assert "The build failed unexpectedly (FileExistsError: [Errno 17] File exists: '_build.next')" in out
    assert "the last good book is untouched" in out and page.read_text(encoding="utf-8") == "<p>The last good book.</p>"


def test_slim_pages_copied_afresh_keep_the_font_licence(tmp_path):
    """A fresh copy of unchanged pages (as the German edition gets each build) gets the cut fonts' licence back."""
    needs_purgecss()
    slim(tiny_book(tmp_path / "first"), tmp_path / "work")
    fresh = tiny_book(tmp_path / "again")
    assert slim(fresh, tmp_path / "work").skipped.startswith("Pages already slim")
    assert "SIL OPEN FONT LICENSE" in (fresh / ICON_FONTS / "LICENSE.txt").read_text(encoding="utf-8").upper()
