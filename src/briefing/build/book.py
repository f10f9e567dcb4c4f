"""Build the book from a data folder: check the data, build into a spare folder, swap only on success."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Any, TextIO

from briefing.build import pdf as printer
from briefing.build.brief_print import brief_in_place, made_files, settle_brief
from briefing.build.pdf import PDF_ENV, edition_base, is_current, pdf_name, replace_file
from briefing.build.slim import SlimError, slim
from briefing.core.environ import environment
from briefing.core.errors import DataError
from briefing.core.load import DATASET_CACHE_ENV, in_build_language, keep_for_build, load_dataset
from briefing.core.model import Dataset
from briefing.core.paths import DATA_DIR_ENV, PACKAGE_DIR, REPOSITORY_URL_ENV, building
from briefing.core.release import release_todo
from briefing.core.translations import RELEASE_ENV, UNTRANSLATED, check_translations, editions
from briefing.i18n.chapters import LOCALES_FOLDER
from briefing.i18n.messages import DEFAULT, EDITIONS_ENV, LANGUAGE_ENV, LANGUAGES, in_language
from briefing.publish.cite import BASE_URL_ENV, base_url
from briefing.publish.downloads import DOWNLOAD_DIR, archived_pdfs, kept_pdf
from briefing.publish.parts import CONTRIBUTIONS_PER_PAGE, PARTS_FOLDER, all_parts


class ExitCode(IntEnum):
    """Exit codes a script can rely on (also listed in the README and in ``briefing build --help``)."""

    OK = 0
    DATA_INVALID = 1
    USAGE = 2
    BUILD_FAILED = 3
    PDF_FAILED = 4
    INTERRUPTED = 130


#: Strict build: a warning is an error, every broken reference is reported, all problems in one run.
SPHINX_FLAGS = ["-W", "-n", "--keep-going"]
#: How many problem lines of a failed build are shown (the full log is kept beside the build).
SHOWN_PROBLEMS = 30
#: The checked dataset, kept in the staging folder for Sphinx and the chapters' kernels (removed with it).
KEPT_DATASET = "dataset.pickle"

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_READING = re.compile(r"^reading sources\.\.\. \[\s*(\d+)%\] (\S+)")
_WRITING = re.compile(r"^writing output\.\.\. \[\s*(\d+)%\] (\S+)")
_EXECUTING = re.compile(r"^(.+?)\.\w+: Executing notebook")
_PROBLEM = re.compile(r"(WARNING|ERROR|CRITICAL|Error|Exception)\b|build finished with problems")
_NOISE = ("Kernel is running over TCP without encryption",)


@dataclass
class Progress:
    """Turn Sphinx's log into a short progress display: one line per step, or one rewritten line on a terminal."""

    out: TextIO
    project: Path
    tty: bool = False
    executed: int = 0
    problems: list[str] = field(default_factory=list)
    _last: str = ""

    def feed(self, raw: str) -> None:
        """Read one line of the build log and update the display."""
        line = _ANSI.sub("", raw).rstrip()
        if any(noise in line for noise in _NOISE):
            return
        if match := _EXECUTING.match(line):
            self.executed += 1
            self.show(f"running the notebook of {self._name(match.group(1))}")
        elif match := _READING.match(line):
            self.show(f"reading   [{int(match.group(1)):3d}%] {match.group(2)}")
        elif match := _WRITING.match(line):
            self.show(f"writing   [{int(match.group(1)):3d}%] {match.group(2)}")
        elif _PROBLEM.search(line):
            self.problems.append(line)

    def _name(self, path: str) -> str:
        """Return a chapter's path relative to the project."""
        try:
            return str(Path(path).relative_to(self.project))
        except ValueError:
            return path

    def show(self, text: str) -> None:
        """Show one progress step."""
        if self.tty:
            self.out.write("\r  " + text[:76].ljust(78))
        else:
            self.out.write(f"  {text}\n")
        self.out.flush()
        self._last = text

    def done(self) -> None:
        """End the rewritten progress line on a terminal."""
        if self.tty and self._last:
            self.out.write("\n")
            self.out.flush()


def jupyter_book() -> list[str]:
    """Return the jupyter-book command, run by the Python the package runs in (briefing.build.jupyter_book_cli)."""
    return [sys.executable, "-m", "briefing.build.jupyter_book_cli"]


def check_data(folder: Path, out: TextIO, err: TextIO) -> Dataset | None:
    """Load and check a data folder; print a summary to out, or every problem to err and return None."""
    try:
        ds = load_dataset(folder)
    except DataError as error:
        print(error.report(), file=err)
        return None
    print(
        f"Data in {folder} are valid: {len(ds.contributions)} contributions by {len(ds.speakers)} speakers, "
        f"{len(ds.perspectives)} perspectives, {len(ds.themes)} themes, {len(ds.links)} theme links, "
        f"{len(ds.key_messages)} key messages, {len(ds.editorial_notes)} editorial notes.",
        file=out,
    )
    return ds


def check_editions(ds: Dataset, languages: list[str], out: TextIO, err: TextIO, release: bool) -> int:
    """Report what a release still needs: reasons for changes, the imprint, each missing or stale translation.

    Return DATA_INVALID for a release with any, else OK (a preview build marks them: a change's reason as not yet
    recorded, an imprint field as a gap, a text as untranslated).
    """
    code = ExitCode.OK
    try:
        todo = release_todo(ds)
    except DataError as error:  # an earlier edition's kept data cannot be read: the revisions page could not be made
        print(error.report(), file=err)
        return ExitCode.DATA_INVALID
    if todo:
        if release:
            print("A release needs a reason for every change and the imprint filled in:", file=err)
            print(DataError(todo).report(), file=err)
            code = ExitCode.DATA_INVALID
        else:
            print(
                f"To do before a release: {len(todo)} (a preview build marks each change whose reason is not yet "
                "recorded, and each empty imprint field):",
                file=out,
            )
            print(DataError(todo).report(), file=out)
    for lang in languages[1:]:
        problems = check_translations(ds, lang)
        if not problems:
            print(f"Every text of the data has a checked {_NAMES.get(lang, lang)} translation.", file=out)
            continue
        if release:
            print(f"A release needs every text translated; the {_NAMES.get(lang, lang)} edition is not:", file=err)
            print(DataError(problems).report(), file=err)
            code = ExitCode.DATA_INVALID
        else:
            print(
                f"To do before a release: {len(problems)} texts without a checked {_NAMES.get(lang, lang)} translation "
                f"(a preview build shows them in English, marked {UNTRANSLATED}):",
                file=out,
            )
            print(DataError(problems).report(), file=out)
    return code


def _swap_in(built: Path, live: Path) -> None:
    """Replace the live build folder with the new one, keeping the old one until the new one is in place."""
    old = live.with_name(live.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if live.exists():
        live.rename(old)
    built.rename(live)
    shutil.rmtree(old, ignore_errors=True)


def book_config(project: Path) -> dict[str, Any]:
    """Return the book's Jupyter Book configuration (_config.yml), with its Sphinx settings under sphinx.config."""
    import yaml

    config = yaml.safe_load((project / "_config.yml").read_text(encoding="utf-8")) or {}
    config.setdefault("sphinx", {}).setdefault("config", {})
    return config


def split_into_parts(project: Path, ds: Dataset) -> bool:
    """Return whether a perspective of the data gets contribution pages of its own under the book's configuration."""
    per_page = book_config(project)["sphinx"]["config"].get("briefing_contributions_per_page", CONTRIBUTIONS_PER_PAGE)
    return bool(all_parts(ds, int(per_page)))


def language_config(project: Path, staging: Path, lang: str) -> Path:
    """Write the configuration of another language's edition: the book's own, with Sphinx's language and catalogues."""
    import yaml

    config = book_config(project)
    config["sphinx"]["config"].update(language=lang, locale_dirs=[str(project / LOCALES_FOLDER)])
    path = staging / f"_config.{lang}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@dataclass
class Run:
    """One language's Jupyter Book run: where it builds, its progress display and, once done, its exit code and log."""

    lang: str
    output: Path  # Jupyter Book's --path-output: the build goes to output/_build
    progress: Progress
    returncode: int | None = None
    log_path: Path | None = None

    @property
    def built(self) -> Path:
        """Return the run's build folder (html, doctrees, executed notebooks)."""
        return self.output / "_build"


def run_sphinx(
    project: Path, data: Path, staging: Path, run: Run, verbose: bool, editions: list[str], printing: bool = True
) -> None:
    """Run one language's strict Jupyter Book build; record its exit code and log file on the run.

    ``printing`` says whether the build prints its PDFs: if not, the pages link to the last release's kept PDF instead.
    """
    run.log_path = staging / ("build.log" if run.lang == DEFAULT else f"build.{run.lang}.log")
    env = {**os.environ, DATA_DIR_ENV: str(data), "NO_COLOR": "1", "PYTHONUNBUFFERED": "1", LANGUAGE_ENV: run.lang}
    env[EDITIONS_ENV] = ",".join(editions)  # the language switch links only to editions this build makes
    env[PDF_ENV] = "1" if printing else "0"  # the pages link only to a PDF that will match them (briefing.build.pdf.pdf_link)
    env[DATASET_CACHE_ENV] = str(staging / KEPT_DATASET)  # the data checked before the build, for Sphinx and the kernels
    command = [*jupyter_book(), "build", str(project), "--path-output", str(run.output), *SPHINX_FLAGS]
    if run.lang != DEFAULT:
        command += ["--config", str(language_config(project, staging, run.lang))]
    with (
        run.log_path.open("w", encoding="utf-8") as log,
        subprocess.Popen(
            command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
        ) as process,
    ):
        for line in process.stdout or ():
            log.write(line)
            if verbose:
                run.progress.out.write(f"[{run.lang}] {line}" if run.lang != DEFAULT else line)
            else:
                run.progress.feed(line)
        run.returncode = process.wait()
    run.progress.done()


def run_editions(project: Path, data: Path, staging: Path, runs: list[Run], verbose: bool, printing: bool = True) -> None:
    """Build every language's edition side by side (each is one process, mostly on one core)."""
    import threading

    languages = [run.lang for run in runs]
    threads = [
        threading.Thread(target=run_sphinx, args=(project, data, staging, run, verbose, languages, printing)) for run in runs[1:]
    ]
    for thread in threads:
        thread.start()
    try:
        run_sphinx(project, data, staging, runs[0], verbose, languages, printing)
    finally:
        for thread in threads:
            thread.join()


def slim_pages(project: Path, build: Path, out: TextIO, lang: str = "en") -> bool:
    """Slim one edition's new pages (briefing.build.slim, with the book folder's PurgeCSS) and say how; return False, with
    the reason, if it failed."""
    html_dir, work = (build / "html", build / "slim") if lang == DEFAULT else (build / "html" / lang, build / f"slim-{lang}")
    try:
        print(slim(html_dir, work, project).summary(), file=out)
    except SlimError as error:
        print(f"The book was built, but its pages could not be slimmed ({error}); the last good book is untouched.", file=out)
        return False
    return True


#: What the book is built from in its folder, besides the data folder and the package (generated part pages excluded).
PROJECT_INPUTS = ("_config.yml", "_toc.yml", "chapters", "editions", "locales", "requirements.txt", "package-lock.json")
#: Settings that change pages without changing a file.
INPUT_SETTINGS = (BASE_URL_ENV, REPOSITORY_URL_ENV, RELEASE_ENV)
#: The file in _build that records what the last good build was built from.
INPUTS_STAMP = "inputs.sha256"


def inputs_stamp(project: Path, data: Path, languages: tuple[str, ...] | list[str] = ("en",)) -> str:
    """Return a digest of everything the book is built from: files (name, size, time), settings, editions, Git commit."""
    roots = [project / name for name in PROJECT_INPUTS] + [data, PACKAGE_DIR]
    files = sorted(
        path
        for root in roots
        for path in ([root] if root.is_file() else root.rglob("*") if root.is_dir() else [])
        if path.is_file()
        and "__pycache__" not in path.parts
        and PARTS_FOLDER not in path.as_posix()
        and path.suffix != ".mo"  # Sphinx compiles them from the .po catalogues (which count) while it builds
    )
    digest = hashlib.sha256()
    for path in files:
        info = path.stat()
        digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    for name in INPUT_SETTINGS:
        digest.update(f"{name}={os.environ.get(name, '')}\n".encode())
    digest.update(f"editions={','.join(languages)}\n".encode())
    head = subprocess.run(["git", "-C", str(project), "rev-parse", "HEAD"], capture_output=True, text=True, check=False)
    digest.update(head.stdout.encode())  # "last updated" dates come from Git
    return digest.hexdigest()


def with_printing(stamp: str, printing: bool) -> str:
    """Return the inputs' digest for a build that prints its PDFs or not (its pages link to different PDFs)."""
    return hashlib.sha256(f"{stamp}\npdf={int(printing)}\n".encode()).hexdigest()


def up_to_date(live: Path, stamp: str) -> bool:
    """Return whether the last good build was made from exactly these inputs (and is complete)."""
    recorded = live / INPUTS_STAMP
    return (live / "html" / "index.html").is_file() and recorded.is_file() and recorded.read_text(encoding="utf-8") == stamp


#: The lock file in the book's folder: one build at a time per book (the OS drops the lock when a build ends or is killed).
LOCK_FILE = "_build.lock"
#: The file in _build that records where the last build's data came from and the address it was built for.
ORIGIN_STAMP = "origin.txt"


@contextmanager
def build_lock(project: Path, out: TextIO) -> Iterator[None]:
    """Hold the book folder's build lock while the block runs; wait, saying so, while another build holds it."""
    import fcntl

    with (project / LOCK_FILE).open("a+", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "unknown"
            print(f"Another build of this book is running (pid {holder}); waiting… (Ctrl+C to stop waiting)", file=out)
            out.flush()
            fcntl.flock(lock, fcntl.LOCK_EX)
        lock.truncate(0)
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        try:
            yield
        finally:
            lock.truncate(0)  # closing the file releases the lock


def build_book(
    project: Path,
    data: Path | None = None,
    pdf: bool = True,
    verbose: bool = False,
    out: TextIO = sys.stderr,
    force: bool = False,
    release: bool = False,
    languages: list[str] | None = None,
) -> int:
    """Check the data, build the book strictly (unless nothing changed), print its PDFs and swap it in on success.

    One build at a time per book folder (a second one waits). A release build stops on a missing or stale translation;
    ``languages`` limits the editions. Return an exit code; an unexpected error is BUILD_FAILED, with its message.
    """
    project = project.resolve()
    if not (project / "_config.yml").is_file():
        print(f"{project} is not the book's folder: it has no _config.yml.", file=out)
        return ExitCode.USAGE
    try:
        with build_lock(project, out), building(project), ExitStack() as scope:  # editions, PDFs and pages are this book's own
            return _build_locked(project, data, pdf, verbose, out, force, release, languages, scope)
    except KeyboardInterrupt:
        print("\nInterrupted: the last good book is untouched.", file=out)
        return ExitCode.INTERRUPTED
    except Exception as error:  # a bug or the machine (disk full, permissions): never the "invalid data" code
        print(
            f"The build failed unexpectedly ({type(error).__name__}: {error}); the last good book is untouched. "
            "Details for a bug report:",
            file=out,
        )
        traceback.print_exc(file=out)
        return ExitCode.BUILD_FAILED


def _build_locked(
    project: Path,
    data: Path | None,
    pdf: bool,
    verbose: bool,
    out: TextIO,
    force: bool,
    release: bool,
    languages: list[str] | None,
    scope: ExitStack,
) -> int:
    """Build the book while holding its lock (see build_book); what it sets in the environment goes when ``scope`` closes."""
    data = (data or Path(os.environ.get(DATA_DIR_ENV, "").strip() or project / "data")).expanduser().resolve()
    started = time.perf_counter()
    print(f"Checking the data in {data} …", file=out)
    ds = check_data(data, out, out)
    if ds is None:
        print(
            "Nothing was built and the last good book is untouched: fix the problems above and run the command again.", file=out
        )
        return ExitCode.DATA_INVALID
    available = editions(data)
    if len(available) > 1 and split_into_parts(project, ds):
        print(
            "The data are large enough for contribution pages of their own (briefing.publish.parts), which only the English "
            "edition has yet: building the English edition alone.",
            file=out,
        )
        available = available[:1]
    languages = languages or available
    if unknown := [lang for lang in languages if lang not in available]:
        print(f"No {', '.join(unknown)} edition can be built: the book's editions here are {', '.join(available)}.", file=out)
        return ExitCode.USAGE
    if languages[0] != available[0]:
        print(f"The {_NAMES[available[0]]} edition is the book's root: build it first, e.g. --editions en,de.", file=out)
        return ExitCode.USAGE
    if release:  # the chapters' kernels and Sphinx show no [untranslated] mark: there is none (unset again after the build)
        scope.enter_context(environment({RELEASE_ENV: "1"}))
    if check_editions(ds, languages, out, out, release) != ExitCode.OK:
        print("Nothing was built and the last good book is untouched.", file=out)
        return ExitCode.DATA_INVALID
    live, staging = project / "_build", project / "_build.next"
    _recover(live)
    inputs = inputs_stamp(project, data, languages)
    # The pages link to their own PDFs when this build prints them, or when nothing changed since a build that printed
    # them (its PDFs still match); otherwise (--no-pdf after a change, no Chromium) to the last release's kept PDF.
    printing = (pdf and printer.CHROMIUM.exists()) or up_to_date(live, with_printing(inputs, True))
    stamp = with_printing(inputs, printing)
    if not force and up_to_date(live, stamp):
        print(
            f"The book is up to date (0 notebooks executed): nothing it is built from changed since the last build, "
            f"{live / 'html' / 'index.html'}",
            file=out,
        )
        return _print_missing_pdfs(live, staging, ds, languages, out) if pdf else ExitCode.OK
    origin = build_origin(data)
    _stage(live, staging, origin, out)
    keep_for_build(ds, data, staging / KEPT_DATASET)  # Sphinx and the kernels reuse the checked data
    listed = ", ".join(languages)
    print(f"Building the book strictly (every warning is an error; editions: {listed}) in {staging} …", file=out)
    runs = [Run(lang, staging, Progress(out, project, tty=out.isatty())) for lang in languages[:1]]
    runs += [Run(lang, staging / _edition_build(lang), Progress(io.StringIO(), project)) for lang in languages[1:]]
    for run in runs[1:]:
        kept = staging / "_build" / _edition_build(run.lang)
        if kept.is_dir():  # the last build of this language, so its unchanged pages are not redone either
            run.output.mkdir(parents=True, exist_ok=True)
            kept.rename(run.built)
    try:
        run_editions(project, data, staging, runs, verbose, printing)
    except OSError as exc:  # jupyter-book missing from the environment, or the disk full
        print(f"The book could not be built ({exc}); the last good book is untouched. Run `make book` to set up .venv.", file=out)
        return ExitCode.BUILD_FAILED
    if _report_failures(runs, out):
        return ExitCode.BUILD_FAILED
    if not _assemble(project, staging, runs, languages, out):
        return ExitCode.BUILD_FAILED
    code = settle_pdfs(staging / "_build", ds, languages, out, printing=pdf)
    (staging / "_build" / INPUTS_STAMP).write_text(stamp, encoding="utf-8")
    (staging / "_build" / ORIGIN_STAMP).write_text(origin, encoding="utf-8")
    _swap_in(staging / "_build", live)
    shutil.rmtree(staging, ignore_errors=True)
    executed = sum(run.progress.executed for run in runs)
    print(
        f"Book built in {time.perf_counter() - started:.1f} s ({executed} notebooks executed), editions {listed}: "
        f"{live / 'html' / 'index.html'}",
        file=out,
    )
    return code


def build_origin(data: Path) -> str:
    """Return what decides which files a build makes besides its pages: the data folder and the base URL."""
    return f"data={data}\n{BASE_URL_ENV}={os.environ.get(BASE_URL_ENV, '').strip()}\n"


def _recover(live: Path) -> None:
    """Put the last good build back if a build was stopped between moving it aside and moving the new one in."""
    old = live.with_name(live.name + ".old")
    if not live.exists() and old.is_dir():
        old.rename(live)


def _stage(live: Path, staging: Path, origin: str, out: TextIO) -> None:
    """Start the staging folder: a copy of the last build, or an empty one if it was made from other data or for another address.

    (A build from other data re-reads every page anyway; starting empty leaves none of the other build's files behind:
    its sitemap, social-preview images, PDFs or pages.)
    """
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    if not live.is_dir():
        return
    recorded = live / ORIGIN_STAMP
    if recorded.is_file() and recorded.read_text(encoding="utf-8") == origin:
        shutil.copytree(live, staging / "_build", symlinks=True)  # a copy of the last build, so unchanged pages are not redone
    else:
        print(
            "The last build was made from another data folder, for another address or by an older version: building afresh.",
            file=out,
        )


def _report_failures(runs: list[Run], out: TextIO) -> bool:
    """Print the problems of each edition whose build failed; return whether any did."""
    failed = [run for run in runs if run.returncode != 0]
    for run in failed:
        shown = run.progress.problems[:SHOWN_PROBLEMS]
        edition = "book" if run is runs[0] else f"{_NAMES.get(run.lang, run.lang)} edition"
        print(f"The {edition} could not be built; the last good book is untouched. Problems:", file=out)
        print("\n".join(f"  {line}" for line in shown) or "  (see the log)", file=out)
        if len(run.progress.problems) > len(shown):
            print(f"  … and {len(run.progress.problems) - len(shown)} more lines.", file=out)
        print(f"Full log: {run.log_path}", file=out)
    return bool(failed)


def _assemble(project: Path, staging: Path, runs: list[Run], languages: list[str], out: TextIO) -> bool:
    """Put the editions' pages and logs into the staging build and slim them; return False if slimming failed."""
    live_html = staging / "_build" / "html"
    for run in runs:
        assert run.log_path is not None
        shutil.move(run.log_path, staging / "_build" / run.log_path.name)
    for lang in LANGUAGES[1:]:  # the last build's copies: not part of the English pages (and gone if not built now)
        shutil.rmtree(live_html / lang, ignore_errors=True)
        if lang not in languages:
            shutil.rmtree(staging / "_build" / _edition_build(lang), ignore_errors=True)
    if not slim_pages(project, staging / "_build", out):
        return False
    for run in runs[1:]:  # each other language's pages go under html/<lang>/, beside the English
        shutil.copytree(run.built / "html", live_html / run.lang)
        run.built.rename(staging / "_build" / _edition_build(run.lang))
        if not slim_pages(project, staging / "_build", out, run.lang):
            return False
    return True


def _print_missing_pdfs(live: Path, staging: Path, ds: Dataset, languages: list[str], out: TextIO) -> int:
    """For an unchanged book, print the PDFs it lacks into a copy of it and swap that in; say so when all are current."""
    if all(_pdf_is_current(live, ds, lang) for lang in languages):
        print("PDF unchanged (nothing that goes into it changed), in every edition.", file=out)
        return ExitCode.OK
    if not printer.CHROMIUM.exists():
        print(f"No PDF: Debian's Chromium ({printer.CHROMIUM}) is not installed (apt-get install chromium).", file=out)
        return ExitCode.OK
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    shutil.copytree(live, staging / "_build", symlinks=True)
    code = settle_pdfs(staging / "_build", ds, languages, out, printing=True)
    _swap_in(staging / "_build", live)
    shutil.rmtree(staging, ignore_errors=True)
    return code


def _edition_pdf(build: Path, ds: Dataset, lang: str) -> tuple[Dataset, Path, Path, str | None]:
    """Return an edition's data, pages, PDF (in build/pdf) and online address; call it within in_language(lang)."""
    edition = in_build_language(ds)
    pages = build / "html" if lang == DEFAULT else build / "html" / lang
    return edition, pages, build / "pdf" / pdf_name(edition), edition_base(base_url())


def _pdf_is_current(build: Path, ds: Dataset, lang: str) -> bool:
    """Tell whether a build folder holds the PDF of a language's edition: a released edition's kept one in its downloads,
    or one printed from its pages as they are."""
    with in_language(lang):
        edition, pages, target, base = _edition_pdf(build, ds, lang)
        copy, kept = pages / DOWNLOAD_DIR / target.name, kept_pdf(target.name)
        if kept:  # a released edition offers its kept PDF and prints none (settle_pdfs)
            pdf_current = copy.is_file() and copy.read_bytes() == kept.read_bytes()
        else:
            pdf_current = is_current(pages, target, base) and copy.is_file()
        return pdf_current and brief_in_place(pages, target.parent, edition, base)


def settle_pdfs(build: Path, ds: Dataset, languages: list[str], out: TextIO, printing: bool) -> int:
    """Leave in a (staging) build only PDFs that match its pages: each edition's is kept, or printed when printing.

    A PDF that no longer matches, or one made from other data or of an edition not built, is removed with its copies.
    Return the first printing failure's exit code, else OK.
    """
    codes: list[int] = []
    kept: dict[Path, str] = {}
    briefs: set[str] = set()
    archived = {path.name: path for path in archived_pdfs()}
    for lang in languages:
        with in_language(lang):
            edition, pages, target, base = _edition_pdf(build, ds, lang)
            # The brief's PDF first: it writes its page count into the brief's page, which the whole book prints too.
            brief = settle_brief(pages, target.parent, edition, base, printing and printer.CHROMIUM.exists(), out)
            briefs |= {brief.name} if brief.name else set()
            codes.append(ExitCode.PDF_FAILED if brief.failed else ExitCode.OK)
            if target.name in archived:  # a released edition's kept PDF: offered as released, never printed over
                copy = pages / DOWNLOAD_DIR / target.name
                if not copy.is_file() or copy.read_bytes() != archived[target.name].read_bytes():
                    replace_file(archived[target.name], copy)
                kept[pages / DOWNLOAD_DIR] = target.name
                continue
            if printing:
                codes.append(print_pdf(pages, edition, out, pdf_dir=target.parent))
            if is_current(pages, target, base):
                copy = pages / DOWNLOAD_DIR / target.name
                if not copy.is_file() or copy.read_bytes() != target.read_bytes():
                    replace_file(target, copy)  # a fresh copy of an edition's pages has none
                kept[pages / DOWNLOAD_DIR] = target.name
            elif target.is_file():
                print(
                    f"The {_NAMES.get(lang, lang)} PDF no longer matches the pages and was removed (a build with PDFs "
                    "prints it again).",
                    file=out,
                )
    _drop_other_pdfs(build, kept, briefs)
    return next((code for code in codes if code != ExitCode.OK), ExitCode.OK)


def _drop_other_pdfs(build: Path, kept: dict[Path, str], briefs: set[str] | None = None) -> None:
    """Remove every PDF of a build but the kept ones (by downloads folder), the briefs' and the archived editions'."""
    archived = {path.name for path in archived_pdfs()} | (briefs or set())
    names = set(kept.values())
    made = {name for pdf in names | (briefs or set()) for name in made_files(pdf)}
    for path in (build / "pdf").glob("*") if (build / "pdf").is_dir() else ():
        if path.name not in made:
            path.unlink() if path.is_file() else shutil.rmtree(path)
    for folder in [build / "html" / DOWNLOAD_DIR, *(build / "html" / lang / DOWNLOAD_DIR for lang in LANGUAGES[1:])]:
        for path in folder.glob("*.pdf") if folder.is_dir() else ():
            if path.name not in archived and kept.get(folder) != path.name:
                path.unlink()


#: The languages' names in messages.
_NAMES = {"en": "English", "de": "German"}


def _edition_build(lang: str) -> str:
    """Return the folder (in _build) that keeps another language's last build: its doctrees, notebooks and pages."""
    return f"edition-{lang}"


def print_pdfs(
    html_dir: Path, ds: Dataset, languages: list[str], out: TextIO, required: bool = False, force: bool = False
) -> int:
    """Print each language's edition (html_dir, html_dir/<lang>) into its PDF; return the first failure's exit code, else OK."""
    codes = []
    for lang in languages:
        with in_language(lang):  # the edition's sentences, file name, address and texts (as its pages have them)
            edition = in_build_language(ds)
            pages = html_dir if lang == DEFAULT else html_dir / lang
            codes.append(print_pdf(pages, edition, out, required, force, pdf_dir=html_dir.parent / "pdf"))
    return next((code for code in codes if code != ExitCode.OK), ExitCode.OK)


def print_pdf(
    html_dir: Path, ds: Dataset, out: TextIO, required: bool = False, force: bool = False, pdf_dir: Path | None = None
) -> int:
    """Print one edition's built book into its PDF (in pdf_dir, by default beside html_dir) with Debian's Chromium.

    Skip when the pages that go into it are unchanged, and with a note when Chromium is missing (unless required).
    """
    if not printer.CHROMIUM.exists():
        print(f"No PDF: Debian's Chromium ({printer.CHROMIUM}) is not installed (apt-get install chromium).", file=out)
        return ExitCode.PDF_FAILED if required else ExitCode.OK
    html_dir = html_dir.resolve()
    target, base = (pdf_dir or html_dir.parent / "pdf").resolve() / pdf_name(ds), edition_base(base_url())
    started = time.perf_counter()
    archived = kept_pdf(target.name) is not None  # its kept copy in downloads is never replaced
    if not force and is_current(html_dir, target, base):
        copy = html_dir / DOWNLOAD_DIR / target.name
        if not archived and (not copy.is_file() or copy.read_bytes() != target.read_bytes()):
            shutil.copyfile(target, copy)
        print(f"PDF unchanged (nothing that goes into it changed): {target}", file=out)
        return ExitCode.OK
    try:
        printer.make_pdf(html_dir, ds, target, base)
    except Exception as error:
        print(f"The book was built, but the PDF could not be printed: {error}", file=out)
        return ExitCode.PDF_FAILED
    print(
        f"PDF written in {time.perf_counter() - started:.1f} s: {target} ({target.stat().st_size // 1024} KB), "
        f"also in {html_dir}/downloads/",
        file=out,
    )
    return ExitCode.OK
