"""Helpers the tests share: the data folder, CSV edits, project copies and builds, the book's page lists."""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO

import pytest
import yaml

from briefing import DataError, load_dataset
from briefing.build.pdf import book_pages
from briefing.core.snapshots import edition_of_new_changes, write_snapshot
from briefing.testing.projects import BOOK_FILES, copy_project, link_node_packages
from briefing.testing.reader_metrics import transfers

#: The checkout these tests belong to: the book they check, copy and build (the package itself assumes none).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA = PROJECT_ROOT / "data"


def preview_label(edition: int) -> str:
    """Return what a preview of an edition calls itself in English (e.g. 'Edition 4 — preview, not released')."""
    return f"Edition {edition} — preview, not released"


def preview_label_de(edition: int) -> str:
    """Return what a preview of an edition calls itself in German (e.g. 'Ausgabe 4 – Vorschau, nicht veröffentlicht')."""
    return f"Ausgabe {edition} – Vorschau, nicht veröffentlicht"


def footer_edition(ds, lang: str = "en") -> str:
    """Return how the pages' footer names a dataset's edition: a preview's label (no date), or a release's number and date."""
    from briefing.i18n.messages import format_date

    state, released = ds.edition_state, ds.publication.release_date
    if lang == "de":
        return preview_label_de(state.number) if state.preview else f"Ausgabe {state.number} ({format_date(released, 'de')})"
    return (
        f"edition {state.number} — preview, not released" if state.preview else f"edition {state.number} ({released:%-d %B %Y})"
    )


def reference_edition(ds) -> str:
    """Return how an English reference names a dataset's edition: a preview's label, or a release's number and date."""
    state, released = ds.edition_state, ds.publication.release_date
    return f"edition {state.number} — preview, not released" if state.preview else f"edition {state.number}, {released:%-d %B %Y}"


def kept_pdf(edition: int) -> str:
    """Return the name of a released edition's English PDF, as kept in editions/."""
    return f"the-ruhr-smart-specialisation-briefing-edition-{edition}.pdf"


def read_rows(path: Path) -> list[dict[str, str]]:
    """Read a CSV file of the data folder into dicts."""
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_rows(path: Path, rows: list[dict[str, str]], fieldnames: list[str] | None = None) -> None:
    """Write dicts back to a CSV file of the data folder."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fieldnames or list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def edit_cell(folder: Path, file: str, match: dict[str, str], column: str, value: str) -> None:
    """Set one cell in the row(s) of a CSV file that match the given values."""
    rows = read_rows(folder / file)
    hits = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert hits, f"no row of {file} matches {match}"
    for row in hits:
        row[column] = value
    write_rows(folder / file, rows)


def release(folder: Path, edition: int) -> Path:
    """Release a data folder as an edition, as the README says: set the edition in publication.yml, then keep a snapshot."""
    meta = folder / "publication.yml"
    text = meta.read_text(encoding="utf-8")
    current = yaml.safe_load(text)["edition"]
    meta.write_text(text.replace(f"\nedition: {current}\n", f"\nedition: {edition}\n", 1), encoding="utf-8")
    write_snapshot(folder, edition)
    return folder


def released_copy(folder: Path) -> Path:
    """Release a copy of the shipped data as the edition they are (or preview), if they are not released already."""
    state = load_dataset(folder).edition_state
    return release(folder, state.number) if state.preview else folder


def preview_copy(folder: Path) -> Path:
    """Make a copy of the shipped data the preview of the edition after theirs: released as their edition, then one
    contribution's topic edited after that release, with its reason recorded."""
    released_copy(folder)
    edit_cell(folder, "contributions.csv", {"id": "engelmann"}, "topic", "A topic edited after the release")
    give_reason(folder, "contributions.csv", "engelmann", "topic")
    return folder


def problems_of(folder: Path) -> list[str]:
    """Load a data folder that must be invalid and return its problems as strings."""
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    return [str(p) for p in caught.value.problems]


@dataclass
class Build:
    """A built copy of the book: its project folder, HTML folder and build log."""

    project: Path
    html: Path
    log: str
    returncode: int
    #: What the build's preparation or its last step noted for the tests (JSON), e.g. where a copy of its pages is.
    extra: dict = field(default_factory=dict)

    @property
    def sphinx_log(self) -> str:
        """Return Sphinx's full output of the last successful build (the command shows only its progress)."""
        return (self.project / "_build" / "build.log").read_text(encoding="utf-8")

    def page(self, name: str) -> str:
        """Return the HTML of a chapter page."""
        return (self.html / "chapters" / f"{name}.html").read_text(encoding="utf-8")


def make_project(root: Path, data: Path = DATA) -> Path:
    """Copy the book's sources and a data folder into a fresh project folder (as the benchmark does)."""
    return copy_project(root, data, PROJECT_ROOT)


#: The base URL the tests publish under, as the deploy would set it.
BASE_URL = "https://briefing.example.org/"


@dataclass
class Pending:
    """A build in its own process (`make book`), made ready to run: `start()` starts it (once), `result()` waits for it
    and returns the built copy. Its command and environment are fixed when it is made ready, so a build started later
    (conftest.Builds) sees nothing a test sets meanwhile."""

    project: Path
    command: list[str]
    env: dict[str, str]
    timeout: float = 900
    process: subprocess.Popen | None = None
    #: Noted for the tests when the build was made ready (JSON), returned in Build.extra.
    extra: dict = field(default_factory=dict)
    #: A last step once the build has ended, in the process that ran it; what it returns is added to Build.extra.
    after: Callable[[Build], dict] | None = None
    _built: Build | None = None

    def __post_init__(self) -> None:
        """Start with no build started and no output kept."""
        self._lock = threading.Lock()
        self._output: list[IO[bytes]] = []

    def start(self) -> subprocess.Popen:
        """Start the build in its own process group (so that it can be ended with its children), once."""
        with self._lock:
            if self.process is None:
                self._output = [tempfile.TemporaryFile(), tempfile.TemporaryFile()]  # noqa: SIM115 - closed by result()
                out, err = self._output
                self.process = subprocess.Popen(self.command, stdout=out, stderr=err, env=self.env, start_new_session=True)
            return self.process

    def result(self) -> Build:
        """Start the build if it has not started, wait for it (at most its timeout, as subprocess.run did) and return it,
        its output then its errors as the log."""
        process = self.start()
        with self._lock:
            if self._built is None:
                try:
                    returncode = process.wait(timeout=self.timeout)
                except subprocess.TimeoutExpired:
                    self.stop()
                    raise
                log = ""
                for file in self._output:
                    file.seek(0)
                    log += file.read().decode("utf-8", "replace")
                    file.close()
                built = Build(self.project, self.project / "_build" / "html", log, returncode, dict(self.extra))
                if self.after is not None and returncode == 0:
                    built.extra.update(self.after(built))
                self._built = built
            return self._built

    def stop(self) -> None:
        """End the build and every process it started, if it is still running."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def pending_build(
    project: Path, base_url: str | None = None, pdf: bool = False, data: Path | None = None, editions: str | None = "en"
) -> Pending:
    """Make ready a build of a project with the README's command (`make book`), its own data folder (or `DATA=data`) and
    this venv.

    Only the English edition unless told (``editions=None``: every edition, as `make book` does), so that the many
    rebuilds of copies stay quick; the session's `book` is built in every language.
    """
    env = {**os.environ, "BRIEFING_DATA_DIR": str(project / "data"), "PYTHONHASHSEED": "0"}
    env.pop("BRIEFING_BASE_URL", None)
    if base_url:
        env["BRIEFING_BASE_URL"] = base_url
    venv = Path(sys.executable).parent.parent
    command = ["make", "-C", str(project), "book", "INSTALL=", f"VENV={venv}", f"PDF={int(pdf)}"]
    return Pending(project, command + ([f"DATA={data}"] if data else []) + ([f"EDITIONS={editions}"] if editions else []), env)


def build_book(
    project: Path, base_url: str | None = None, pdf: bool = False, data: Path | None = None, editions: str | None = "en"
) -> Build:
    """Build a project with the README's command (`make book`) and wait for it (see pending_build)."""
    return pending_build(project, base_url, pdf, data, editions).result()


def pending_new_book(project: Path, pdf: bool = False) -> Pending:
    """Make ready a build of a book that `briefing new` made, with its own documented command (`make -C DIR book`,
    with its PDF if asked) and this environment's package, as an editor would."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    for name in ("BRIEFING_BASE_URL", "BRIEFING_DATA_DIR", "BRIEFING_PROJECT_DIR"):
        env.pop(name, None)
    # This repository's Node packages: the PurgeCSS a new book's lock pins (test_newevent checks), without npm ci.
    link_node_packages(PROJECT_ROOT, project)
    command = ["make", "-C", str(project), "book", f"PDF={int(pdf)}", f"BRIEFING={sys.executable} -m briefing", "NODE="]
    return Pending(project, command, env)


def build_new_book(project: Path) -> Build:
    """Build a book that `briefing new` made and wait for it (see pending_new_book)."""
    return pending_new_book(project).result()


#: The builds a test run may start before a test asks for them, by the name of the fixture that returns them: each is a
#: function that writes its project into a fresh folder and makes its build ready to start (see conftest.Builds).
BACKGROUND: dict[str, Callable[[Path], Pending]] = {}


def background(name: str) -> Callable[[Callable[[Path], Pending]], Callable[[Path], Pending]]:
    """Register a function that makes a session's build ready in a folder, under the name of the fixture that waits for it."""

    def register(starter: Callable[[Path], Pending]) -> Callable[[Path], Pending]:
        BACKGROUND[name] = starter
        return starter

    return register


def process_number() -> tuple[int, int]:
    """Return this test process's number and how many there are (pytest-xdist's workers gw0, gw1, …; one without it)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return int(worker.removeprefix("gw")), int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))


class Builds:
    """The run's whole-book builds, each made once for all test processes, which share them through a folder: per build a
    lock, held while it builds, and a result file.

    As the run's first test starts, each process writes the projects of its share of the builds the selected tests use (in
    this thread, before any test changes the environment); a background thread then builds them one at a time, in the order
    the tests will need them, while the tests that need none run. A test that needs a build waits for it; one that no
    process has started is built at once by the process that needs it.
    """

    def __init__(self, root: Path, needed: list[str], process: tuple[int, int] | None = None) -> None:
        self.root = root
        self.process, processes = process or process_number()
        self.ready: dict[str, Pending | Exception] = {}
        self.done: dict[str, Build] = {}
        self.guards = {name: threading.Lock() for name in needed}
        root.mkdir(parents=True, exist_ok=True)
        for index, name in enumerate(needed):
            if index % processes == self.process:
                self.ready[name] = self._prepare(name)
        self.stopping = False
        self.thread = threading.Thread(target=self._run, name="background builds", daemon=True)
        self.thread.start()

    def result(self, name: str) -> Build:
        """Wait for the named build (building it here if no process has started it) and return it."""
        with self.guards[name]:
            if name not in self.done:
                lock = self._lock(name, wait=True)
                try:
                    found = self._read(name)
                    if found is None:
                        if name not in self.ready:
                            self.ready[name] = self._prepare(name)
                        found = self._build(name, self.ready[name])
                finally:
                    os.close(lock)  # closing the file releases its lock
                self.done[name] = found
            return self.done[name]

    def _run(self) -> None:
        for name, ready in list(self.ready.items()):
            with self.guards[name]:
                if self.stopping:
                    return
                lock = None if name in self.done else self._lock(name, wait=False)
                if lock is None:  # built here already, or another process builds it
                    continue
                try:
                    if self._read(name) is None and isinstance(ready, Pending):
                        running = ready.start()
                        while running.poll() is None and not self.stopping:
                            time.sleep(0.5)
                        if not self.stopping:
                            self.done[name] = self._build(name, ready)
                except Exception:  # written to the result file, raised again for the test that needs the build
                    continue
                finally:
                    os.close(lock)

    def _prepare(self, name: str) -> Pending | Exception:
        """Write the project of a build into a folder of this process and make its build ready (or keep what went wrong)."""
        folder = self.root / name / f"gw{self.process}"
        try:
            folder.mkdir(parents=True)
            return BACKGROUND[name](folder)
        except Exception as error:  # raised again for the test that needs this build
            return error

    def _build(self, name: str, ready: Pending | Exception) -> Build:
        """Run a build made ready (or wait for it) and write its result for the other processes, or what went wrong."""
        if isinstance(ready, Exception):
            self._write(name, {"error": "".join(traceback.format_exception(ready))})
            raise ready
        try:
            built = ready.result()
        except BaseException as error:
            self._write(name, {"error": "".join(traceback.format_exception(error))})
            raise
        self._write(name, {**asdict(built), "project": str(built.project), "html": str(built.html)})
        return built

    def _lock(self, name: str, wait: bool) -> int | None:
        """Take a build's lock (waiting for it, or not) and return the open lock file, or None if another holds it."""
        lock = os.open(self.root / f"{name}.lock", os.O_CREAT | os.O_RDWR)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(lock)
            return None
        return lock

    def _write(self, name: str, result: dict) -> None:
        """Write a build's result file whole (renamed into place)."""
        partial = self.root / f"{name}.json.partial"
        partial.write_text(json.dumps(result), encoding="utf-8")
        partial.replace(self.root / f"{name}.json")

    def _read(self, name: str) -> Build | None:
        """Return a build another process (or this one) finished, None if none has; raise what went wrong in it."""
        path = self.root / f"{name}.json"
        if not path.exists():
            return None
        result = json.loads(path.read_text(encoding="utf-8"))
        if "error" in result:
            raise RuntimeError(f"the build {name!r} failed:\n{result['error']}")
        return Build(**{**result, "project": Path(result["project"]), "html": Path(result["html"])})

    def stop(self) -> None:
        """End every build still running (a run stopped early) and the thread that starts them."""
        self.stopping = True
        for ready in self.ready.values():
            if isinstance(ready, Pending):
                ready.stop()
        self.thread.join()


#: The date of the only commit in the test book's history, so "last updated" can be checked.
LAST_CHANGE = "2026-01-15T12:00:00+00:00"


def commit_all(project: Path, date: str) -> None:
    """Put a project copy under Git with one commit of the book's files at a fixed date."""
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    git = ["git", "-C", str(project), "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", *BOOK_FILES, "data"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Book under test"], check=True, env=env)


STRAYS = [".venv/lib/python3.11/site-packages/somepkg/README.md", ".pytest_cache/README.md", "notes/draft.md"]


@dataclass
class Site:
    """The built book served over HTTP on 127.0.0.1."""

    base: str
    build: Build

    def url(self, page: str) -> str:
        """Return the address of a chapter page."""
        return f"{self.base}/chapters/{page}.html"


@dataclass
class Visit:
    """A page opened in Chromium, with every request it made and every error it logged."""

    page: object
    requests: list[str]
    errors: list[str]
    #: Each response body's address and size, when the visit recorded them (open_page's ``transferred``).
    files: list[tuple[str, int]] = field(default_factory=list)


def open_page(browser, url: str, contexts: list, transferred: bool = False, **options) -> Visit:
    """Open a URL in a fresh browser context, recording requests, console errors and failed responses (and, if asked,
    the bytes of every response body, as a reader's first visit transfers them: reader_metrics.transfers)."""
    context = browser.new_context(accept_downloads=True, **options)
    contexts.append(context)
    page = context.new_page()
    visit = Visit(page, [], [])
    page.on("request", lambda r: visit.requests.append(r.url))
    page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: visit.errors.append(str(e)))
    page.on("response", lambda r: visit.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    with transfers(page) if transferred else nullcontext([]) as files:
        page.goto(url, wait_until="networkidle")
    visit.files = files
    return visit


@contextmanager
def opened(browser, url: str, **options) -> Iterator[Visit]:
    """Open a URL as open_page does, for the block; close its context after it."""
    contexts: list = []
    try:
        yield open_page(browser, url, contexts, **options)
    finally:
        for context in contexts:
            context.close()


AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: Per-page figures gathered by the page checks, printed at the end of the test run.
PAGE_FIGURES: dict[str, dict[str, int]] = {}


#: The book's pages in reading order, from _toc.yml (e.g. "chapters/eu.html"), and their names ("eu").
BOOK_PAGES = book_pages()
CHAPTERS = [page.removeprefix("chapters/").removesuffix(".html") for page in BOOK_PAGES]
#: Every HTML page of the build, as served: Sphinx's own pages, then the book's.
#: (The root index.html redirects to the landing page.)
ALL_PAGES = ["index.html", "genindex.html", "search.html", "404.html", *BOOK_PAGES]
#: The same pages of the German edition, under de/ (same names and anchors).
GERMAN_PAGES = [f"de/{path}" for path in ALL_PAGES]
#: Every page of both editions, for the checks a reader's visit makes.
EVERY_PAGE = [*ALL_PAGES, *GERMAN_PAGES]


def give_reason(folder: Path, file: str, row: str, field: str, edition: int | None = None) -> None:
    """Record in changes.csv why a test changed a row of a copied dataset (every change needs a reason)."""
    if edition is None:
        published = yaml.safe_load((folder / "publication.yml").read_text(encoding="utf-8"))["edition"]
        edition = edition_of_new_changes(folder, int(published))
    rows = read_rows(folder / "changes.csv")
    if any((r["edition"], r["file"], r["row"], r["field"]) == (str(edition), file, row, field) for r in rows):
        return  # the data already give a reason for a change of this field in this edition
    rows.append({"edition": str(edition), "file": file, "row": row, "field": field, "reason": "Changed by a test."})
    write_rows(folder / "changes.csv", rows, ["edition", "file", "row", "field", "reason"])
