"""Builds are safe to repeat and interrupt: one at a time per book, clear exit codes, PDFs made before the swap."""

from __future__ import annotations

import fcntl
import io
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from pypdf import PdfWriter

from briefing import load_dataset
from briefing.build import book as building
from briefing.build import brief_print
from briefing.build import pdf as printing
from briefing.build.book import LOCK_FILE, ExitCode, settle_pdfs
from briefing.build.slim import ICON_FONTS, slim
from briefing.cli import main
from briefing.core.environ import environment
from briefing.core.load import in_build_language
from briefing.core.translations import RELEASE_ENV
from briefing.i18n.messages import in_language
from briefing.publish.downloads import DOWNLOAD_DIR
from helpers import Pending, background, edit_cell, make_project, preview_copy
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
            "import io, sys, time; from pathlib import Path; from briefing.build.book import build_lock\n"
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


def test_a_release_build_leaves_the_process_environment_as_it_was(tmp_path, monkeypatch):
    """A release build in this process names itself a release (to Sphinx and the kernels) while it runs, not after it."""
    project = make_project(tmp_path / "project")
    monkeypatch.delenv(RELEASE_ENV, raising=False)
    before, seen = dict(os.environ), []

    def refused(*args, **kwargs):
        """Record the release mark the checks and the build's other processes see, then refuse the release."""
        seen.append(os.environ.get(RELEASE_ENV))
        return ExitCode.DATA_INVALID

    monkeypatch.setattr(building, "check_editions", refused)
    out = io.StringIO()
    assert building.build_book(project, project / "data", pdf=False, release=True, out=out) == ExitCode.DATA_INVALID
    assert seen == ["1"], out.getvalue()
    assert dict(os.environ) == before


def test_variables_set_for_a_block_are_put_back_after_it(monkeypatch):
    """A variable set for a block gets its value back after it, one unset before is unset again, also after an error."""
    monkeypatch.setenv("BRIEFING_TEST_SET", "before")
    monkeypatch.delenv("BRIEFING_TEST_UNSET", raising=False)
    inside: list[tuple[str | None, str | None]] = []

    def stopped() -> None:
        """Record the variables inside the block, then stop it with an error."""
        with environment({"BRIEFING_TEST_SET": None, "BRIEFING_TEST_UNSET": "during"}):
            inside.append((os.environ.get("BRIEFING_TEST_SET"), os.environ.get("BRIEFING_TEST_UNSET")))
            raise KeyError("stopped")

    with pytest.raises(KeyError):
        stopped()
    assert inside == [(None, "during")]
    assert os.environ["BRIEFING_TEST_SET"] == "before" and "BRIEFING_TEST_UNSET" not in os.environ


def test_printing_writes_no_working_folder_into_the_site(tmp_path, monkeypatch, dataset):
    """While the PDF is printed, the laid-out edition lives outside the built pages, so a killed print leaves none there."""
    html = tmp_path / "html"
    html.mkdir()
    (html / "index.html").write_text("<p>Book</p>", encoding="utf-8")
    seen: list[list[str]] = []

    def killed():
        seen.append(sorted(path.name for path in html.iterdir()))
        raise KeyboardInterrupt  # as if the build were stopped while Chromium prints

    monkeypatch.setattr("playwright.sync_api.sync_playwright", killed)
    with pytest.raises(KeyboardInterrupt):
        printing.make_pdf(html, dataset, tmp_path / "pdf" / "book.pdf")
    assert seen == [["index.html"]] and sorted(path.name for path in html.iterdir()) == ["index.html"]


def test_the_print_folder_is_served_from_outside_the_book(tmp_path):
    """The printing server serves /_print/ from its own folder and the rest from the book."""
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "index.html").write_text("book", encoding="utf-8")
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "book.html").write_text("laid out", encoding="utf-8")
    with printing.serve(tmp_path / "html", {"/_print/": tmp_path / "work"}) as base:
        read = lambda path: urllib.request.urlopen(f"{base}/{path}").read().decode()
        assert (read("_print/book.html"), read("index.html")) == ("laid out", "book")


def fake_print(html_dir: Path, ds, out: Path, base: str | None = None) -> Path:
    """Stand in for Chromium: write a PDF made from html_dir with its fingerprint and its copy in downloads/."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"%PDF-1.7 printed from " + str(html_dir).encode())
    out.with_name(out.name + ".inputs").write_text(printing.print_inputs(html_dir, base) + "\n", encoding="utf-8")
    (html_dir / DOWNLOAD_DIR).mkdir(exist_ok=True)
    shutil.copyfile(out, html_dir / DOWNLOAD_DIR / out.name)
    return out


def fake_brief(html_dir: Path, ds, out: Path, base: str | None = None) -> Path:
    """Stand in for Chromium printing the brief: a one-page PDF with its fingerprint (no browser in the test's process,
    where the browser tests' Playwright loop may be running)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with out.open("wb") as file:
        writer.write(file)
    out.with_name(out.name + ".inputs").write_text(brief_print.brief_inputs(html_dir, base) + "\n", encoding="utf-8")
    return out


def pdf_names(ds) -> dict[str, str]:
    """Return each edition's PDF file name."""
    names = {}
    for lang in ("en", "de"):
        with in_language(lang):
            names[lang] = printing.pdf_name(in_build_language(ds))
    return names


#: The first page of the book, which goes into its PDF.
FIRST_PAGE = printing.book_pages()[0]


def small_build(root: Path) -> Path:
    """Write a built book of one page per edition; return its build folder."""
    for pages in (root / "html", root / "html" / "de"):
        (pages / DOWNLOAD_DIR).mkdir(parents=True)
        (pages / FIRST_PAGE).parent.mkdir(parents=True, exist_ok=True)
        (pages / FIRST_PAGE).write_text("<p>Book</p>", encoding="utf-8")
    return root


def test_pdfs_matching_the_pages_are_kept_and_others_removed(tmp_path, monkeypatch, preview_dataset):
    """Without printing, each edition of a preview keeps its PDF while it matches the pages (its downloads copy put back); a
    PDF of other data goes, and so does one whose pages changed."""
    monkeypatch.delenv("BRIEFING_BASE_URL", raising=False)
    dataset = preview_dataset  # a released edition offers its kept PDFs and prints none
    build, names, out = small_build(tmp_path / "_build"), pdf_names(dataset), io.StringIO()
    for lang, pages in (("en", build / "html"), ("de", build / "html" / "de")):
        with in_language(lang):
            fake_print(pages, dataset, build / "pdf" / names[lang])
    (build / "html" / "de" / DOWNLOAD_DIR / names["de"]).unlink()  # a fresh copy of the German pages has none
    other = fake_print(build / "html", dataset, build / "pdf" / "the-made-up-harbour-briefing-edition-2.pdf")
    assert settle_pdfs(build, dataset, ["en", "de"], out, printing=False) == ExitCode.OK
    assert sorted(path.name for path in (build / "pdf").glob("*.pdf")) == sorted(names.values())
    assert (build / "html" / "de" / DOWNLOAD_DIR / names["de"]).read_bytes() == (build / "pdf" / names["de"]).read_bytes()
    assert not (build / "html" / DOWNLOAD_DIR / other.name).exists() and not other.with_name(other.name + ".inputs").exists()
    (build / "html" / "de" / FIRST_PAGE).write_text("<p>Neu</p>", encoding="utf-8")
    settle_pdfs(build, dataset, ["en", "de"], out, printing=False)
    assert "The German PDF no longer matches the pages and was removed" in out.getvalue()
    assert [path.name for path in (build / "pdf").glob("*.pdf")] == [names["en"]]
    assert not list((build / "html" / "de" / DOWNLOAD_DIR).glob("*.pdf"))


def test_slim_pages_copied_afresh_keep_the_font_licence(tmp_path):
    """A fresh copy of unchanged pages (as the German edition gets each build) gets the cut fonts' licence back."""
    needs_purgecss()
    slim(tiny_book(tmp_path / "first"), tmp_path / "work")
    fresh = tiny_book(tmp_path / "again")
    assert slim(fresh, tmp_path / "work").skipped.startswith("Pages already slim")
    assert "SIL OPEN FONT LICENSE" in (fresh / ICON_FONTS / "LICENSE.txt").read_text(encoding="utf-8").upper()


# Builds of the book (English and German) with printing stood in for, so that the PDFs' place in the build shows cheaply.


def files_of(folder: Path) -> dict[str, tuple[int, int]]:
    """Return every file under a folder with its size and modification time."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


#: Builds the book in its own process with printing stood in for (as the module's builds are): argv is the project and
#: the file to write the build's exit code, the folders it printed from and its output to.
PRINTED_BUILD = """
import io, json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import test_build_safety as safety
from briefing.build import book as building, brief_print, pdf as printing
printing.CHROMIUM = Path(sys.executable)
folders = []
printing.make_pdf = lambda html_dir, *args: folders.append(str(html_dir)) or safety.fake_print(html_dir, *args)
brief_print.make_brief_pdf = safety.fake_brief
out = io.StringIO()
code = building.build_book(Path(sys.argv[1]), Path(sys.argv[1]) / "data", out=out)
Path(sys.argv[2]).write_text(json.dumps({"code": int(code), "folders": folders, "out": out.getvalue()}), encoding="utf-8")
"""


@background("printed")
def ready_printed_build(root: Path) -> Pending:
    """Make ready a build of a copy of the book in English and German, its PDFs printed by fake_print, in its own process
    (its data a preview: a released edition's build prints no PDF but offers the ones kept in editions/)."""
    project = make_project(root / "project")
    preview_copy(project / "data")
    env = {key: value for key, value in os.environ.items() if key != "BRIEFING_BASE_URL"}
    command = [sys.executable, "-c", PRINTED_BUILD, str(project), str(root / "printed.json"), str(Path(__file__).parent)]
    return Pending(project, command, env)


@pytest.fixture(scope="module")
def printed(builds):
    """A copy of the book (a preview) built once in English and German, its PDFs printed by fake_print; yields it, where
    it printed and its dataset (the build runs in its own process, in the background while other tests run; the module's
    own builds, in this one, print the same way)."""
    built = builds.result("printed")
    assert built.returncode == 0, built.log[-5000:]
    report = json.loads((built.project.parent / "printed.json").read_text(encoding="utf-8"))
    assert report["code"] == ExitCode.OK, report["out"][-5000:]
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.delenv("BRIEFING_BASE_URL", raising=False)
    monkeypatch.setattr(printing, "CHROMIUM", Path(sys.executable))
    monkeypatch.setattr(printing, "make_pdf", fake_print)
    monkeypatch.setattr(brief_print, "make_brief_pdf", fake_brief)
    yield built.project, [Path(folder) for folder in report["folders"]], load_dataset(built.project / "data")
    monkeypatch.undo()


def german_extras(project: Path, ds) -> list[Path]:
    """Return the files a --no-pdf build used to lose: each edition's PDF copy in its downloads and its font licence."""
    names, html = pdf_names(ds), project / "_build" / "html"
    return [
        html / DOWNLOAD_DIR / names["en"],
        html / "de" / DOWNLOAD_DIR / names["de"],
        html / ICON_FONTS / "LICENSE.txt",
        html / "de" / ICON_FONTS / "LICENSE.txt",
        project / "_build" / "pdf" / names["de"],
    ]


@pytest.mark.book
def test_pdfs_are_printed_in_the_staging_folder(printed):
    """Both editions' PDFs are printed from the new pages in _build.next, before they replace _build."""
    project, folders, ds = printed
    assert [path.relative_to(project).as_posix() for path in folders] == ["_build.next/_build/html", "_build.next/_build/html/de"]
    assert all(path.is_file() for path in german_extras(project, ds)) and not (project / "_build.next").exists()


@pytest.mark.book
def test_no_pdf_builds_keep_both_pdfs_and_font_licences(printed):
    """An unchanged book built again with --no-pdf, with or without --force, keeps both editions' PDFs and font licences."""
    project, _, ds = printed
    for force in (False, True):
        out = io.StringIO()
        assert building.build_book(project, project / "data", pdf=False, force=force, out=out) == ExitCode.OK, out.getvalue()
        missing = [str(path.relative_to(project)) for path in german_extras(project, ds) if not path.is_file()]
        assert missing == [], out.getvalue()


@pytest.mark.book
def test_a_build_stopped_while_printing_leaves_the_last_good_book(printed, monkeypatch):
    """A build interrupted while it prints leaves _build exactly as it was: old pages, both old PDFs, no working folder."""
    project, _, _ = printed
    before = files_of(project / "_build")
    chapter = project / "chapters" / "privacy.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA sentence added by a test.\n", encoding="utf-8")

    def stopped(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(printing, "make_pdf", stopped)
    out = io.StringIO()
    assert building.build_book(project, project / "data", out=out) == ExitCode.INTERRUPTED, out.getvalue()[-3000:]
    assert files_of(project / "_build") == before
    assert not list((project / "_build").rglob("_print"))
