"""Command line (``python -m briefing`` or ``briefing``): check the data, build the book, keep data, print generated files."""

from __future__ import annotations

import argparse
import sys
import textwrap
from contextlib import nullcontext
from pathlib import Path
from typing import NoReturn

from briefing.build import book as building
from briefing.build.book import ExitCode
from briefing.core.environ import exit_at_once
from briefing.core.errors import DataError
from briefing.core.load import is_draft_folder, load_dataset
from briefing.core.model import Dataset
from briefing.core.paths import BookNotFoundError, book_folder, data_dir
from briefing.core.revisions import check_reasons
from briefing.core.schema import dictionary_markdown
from briefing.core.snapshots import write_snapshot
from briefing.core.translations import catalogue_path, check_translations, editions, update_catalogue
from briefing.editor.new import cli as scaffold
from briefing.publish.anchors import published_anchors
from briefing.publish.cite import citation_cff, zenodo_json
from briefing.testing.synthetic import write_synthetic_dataset

#: What each exit code means, for ``--help``.
MEANINGS = {
    ExitCode.OK: "success",
    ExitCode.DATA_INVALID: "the data are invalid (every problem is listed; nothing was built)",
    ExitCode.USAGE: "wrong usage (unknown command or option, or not the book's folder)",
    ExitCode.BUILD_FAILED: "the book could not be built, or its pages not slimmed, or the build failed unexpectedly "
    "(the message says why; the last good book is untouched)",
    ExitCode.PDF_FAILED: "the book was built but the PDF could not be printed",
    ExitCode.INTERRUPTED: "interrupted with Ctrl+C (the last good book is untouched)",
}
EXIT_CODES = "exit codes:\n" + "".join(f"  {int(code):<5}{meaning}\n" for code, meaning in MEANINGS.items())
#: Which book a command works on when --project does not name it, for ``--help``.
PROJECT_HELP = (
    "the book's folder with _config.yml (default: the folder around DATA_DIR if it has one, else $BRIEFING_PROJECT_DIR, "
    "else the book folder the current directory is in)"
)
#: How builds of one book folder take turns, for ``briefing build --help``.
ONE_AT_A_TIME = (
    "One build at a time per book folder: a second `briefing build` (or `briefing pdf _build/html`) of the same folder "
    f"says 'another build of this book is running (pid N); waiting…' and starts when the first ends (the lock is "
    f"{building.LOCK_FILE}, released by the system even when a build is killed). The new book is built and its PDFs "
    "printed in _build.next, which replaces _build only at the end: a failed or killed build leaves the last good book."
)


def parser() -> argparse.ArgumentParser:
    """Return the command line's argument parser."""
    main_parser = argparse.ArgumentParser(
        prog="briefing",
        description="Check the briefing's data and build the book from them.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = main_parser.add_subparsers(dest="command", required=True)
    folder_help = (
        "data folder (default: $BRIEFING_DATA_DIR, else data/ in $BRIEFING_PROJECT_DIR or in the book folder the current "
        "directory is in)"
    )
    validate = commands.add_parser("validate", help="check every data file and report all problems at once")
    validate.add_argument("data_dir", nargs="?", type=Path, help=folder_help)
    validate.add_argument(
        "--release", action="store_true", help="a missing or stale translation is an error (else it is listed as a to-do)"
    )
    book = commands.add_parser(
        "build",
        help="check the data, then build the book strictly (and its PDF when Chromium is installed)",
        description=textwrap.fill(ONE_AT_A_TIME, 100),
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    book.add_argument("data_dir", nargs="?", type=Path, help=folder_help)
    book.add_argument(
        "--project",
        type=Path,
        help=PROJECT_HELP,
    )
    book.add_argument(
        "--no-pdf",
        dest="pdf",
        action="store_false",
        help="do not print the PDFs (the last ones are kept while they match the pages, else removed)",
    )
    book.add_argument("--verbose", action="store_true", help="show Sphinx's full output instead of the progress display")
    book.add_argument("--force", action="store_true", help="build even when nothing the book is built from has changed")
    book.add_argument(
        "--release",
        action="store_true",
        help="a release build: a missing or stale translation stops it (a preview build marks such texts [untranslated])",
    )
    book.add_argument(
        "--editions",
        type=lambda value: [lang.strip() for lang in value.split(",") if lang.strip()],
        help="build only these language editions, e.g. 'en' (default: English and each language with a catalogue "
        "in the data's translations/)",
    )
    commands.add_parser("dictionary", help="print the data dictionary as Markdown (for data/README.md)")
    commands.add_parser("cff", help="print CITATION.cff generated from the publication metadata")
    commands.add_parser("zenodo", help="print deposit-ready metadata (.zenodo.json) generated from the publication metadata")
    anchors = commands.add_parser("anchors", help="print every page and section anchor of a built book (for editions/)")
    anchors.add_argument("html_dir", type=Path, help="the built book, e.g. _build/html")
    pdf = commands.add_parser(
        "pdf", help="print the built book into one PDF per edition (English, German) with Debian's Chromium"
    )
    pdf.add_argument("html_dir", type=Path, help="the built book, e.g. _build/html")
    pdf.add_argument("--if-chromium", action="store_true", help="skip with a note when /usr/bin/chromium is missing")
    pdf.add_argument("--force", action="store_true", help="print even when nothing that goes into the PDF changed")
    snapshot = commands.add_parser(
        "snapshot", help="keep the data as the snapshot of the current edition (in DATA_DIR/editions/)"
    )
    snapshot.add_argument("data_dir", nargs="?", type=Path, help=folder_help)
    snapshot.add_argument("--force", action="store_true", help="replace an existing, different snapshot of this edition")
    translations = commands.add_parser(
        "translations", help="keep a language's catalogue of the data's texts in step (data/translations/)"
    )
    translations.add_argument(
        "action",
        choices=["update", "check"],
        help="update: add new texts, mark changed ones; check: list what is missing or stale",
    )
    translations.add_argument("language", help="language code, e.g. de")
    translations.add_argument("data_dir", nargs="?", type=Path, help=folder_help)
    synth = commands.add_parser("synth", help="write a synthetic (made-up) data folder with N contributions, for benchmarks")
    synth.add_argument("n", type=int, help="number of contributions")
    synth.add_argument("out_dir", type=Path, help="folder to write")
    scaffold.add_commands(commands, folder_help, PROJECT_HELP)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code (see EXIT_CODES)."""
    args = parser().parse_args(argv)
    try:
        return _command(args)
    except BookNotFoundError as error:
        print(error, file=sys.stderr)
        return ExitCode.USAGE


def run() -> NoReturn:
    """Run the command line as the `briefing` command: end the process at once with the exit code (exit_at_once)."""
    exit_at_once(main())


def _command(args: argparse.Namespace) -> int:
    """Run one command; return its exit code."""
    if args.command == "build":
        return building.build_book(
            book_folder(args.data_dir, args.project),
            args.data_dir,
            pdf=args.pdf,
            verbose=args.verbose,
            out=sys.stdout,
            force=args.force,
            release=args.release,
            languages=args.editions,
        )
    if args.command in scaffold.COMMANDS:
        return scaffold.run(args)
    if args.command == "validate":
        folder = (args.data_dir or data_dir()).expanduser().resolve()
        if is_draft_folder(folder):
            return scaffold.validate_draft(folder)
        ds = building.check_data(folder, sys.stdout, sys.stderr)
        if ds is None:
            print("Nothing was built; fix the problems above and run the command again.", file=sys.stderr)
            return ExitCode.DATA_INVALID
        return building.check_editions(ds, editions(folder), sys.stdout, sys.stderr, args.release)
    if args.command == "synth":
        print(f"Synthetic data written to {write_synthetic_dataset(args.n, args.out_dir)}")
        return ExitCode.OK
    if args.command == "snapshot":
        return take_snapshot((args.data_dir or data_dir()).expanduser().resolve(), args.force)
    if args.command == "translations":
        return translations_command(args.action, args.language, (args.data_dir or data_dir()).expanduser().resolve())
    try:
        return _generated(args)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return ExitCode.DATA_INVALID


def _generated(args: argparse.Namespace) -> int:
    """Run the commands that print or write files generated from the data and the built book."""
    if args.command == "dictionary":
        print(dictionary_markdown(), end="")
    elif args.command == "zenodo":
        print(zenodo_json(load_dataset()), end="")
    elif args.command == "cff":
        print(citation_cff(load_dataset()), end="")
    elif args.command == "anchors":
        print("\n".join(published_anchors(args.html_dir)))
    elif args.command == "pdf":
        return pdf_command(args.html_dir, load_dataset(), not args.if_chromium, args.force)
    return ExitCode.OK


def pdf_command(html_dir: Path, ds: Dataset, required: bool, force: bool) -> int:
    """Print a built book's PDFs (holding the book's build lock when it is a book folder's _build/html); return an exit code."""
    languages = [lang for lang in editions(ds.data_dir) if lang == "en" or (html_dir / lang).is_dir()]
    project = html_dir.resolve().parent.parent
    held = building.build_lock(project, sys.stdout) if (project / "_config.yml").is_file() else nullcontext()
    try:
        with held:
            return building.print_pdfs(html_dir, ds, languages, sys.stdout, required=required, force=force)
    except Exception as error:  # never the "invalid data" code, never a bare traceback
        print(f"The PDF could not be printed ({type(error).__name__}: {error}).", file=sys.stderr)
        return ExitCode.PDF_FAILED


def translations_command(action: str, language: str, folder: Path) -> int:
    """Update a language's catalogue from valid data, or list its missing and stale texts; return 0, or 1 if any."""
    try:
        ds = load_dataset(folder)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return ExitCode.DATA_INVALID
    if action == "update":
        new, changed, gone = update_catalogue(ds, language)
        print(
            f"{catalogue_path(folder, language)}: {new} new texts to translate, {changed} changed (marked fuzzy: check "
            f"them), {gone} no longer in the data (kept as obsolete entries)."
        )
        return ExitCode.OK
    problems = check_translations(ds, language)
    if problems:
        print(DataError(problems).report(), file=sys.stderr)
        return ExitCode.DATA_INVALID
    print(f"Every text of the data has a checked {language} translation.")
    return ExitCode.OK


def take_snapshot(folder: Path, force: bool) -> int:
    """Freeze valid data as the snapshot of their edition; return 0, or 1 if invalid or a different snapshot exists."""
    if is_draft_folder(folder):
        print(
            f"{folder} is a draft (status: draft in publication.yml): a draft is not an edition, so no snapshot was kept. "
            "Write the missing texts (briefing validate lists them), set status: final, then take the snapshot.",
            file=sys.stderr,
        )
        return ExitCode.DATA_INVALID
    try:
        ds = load_dataset(folder)
        if missing := check_reasons(folder, ds.changes):  # an edition is kept with every change explained (not the imprint)
            raise DataError(missing)  # noqa: TRY301 - reported by the except below, as the loader's own problems are
        edition = ds.publication.edition
        target, written = write_snapshot(folder, edition, force)
    except (DataError, FileExistsError) as error:
        print(error.report() if isinstance(error, DataError) else error, file=sys.stderr)
        return ExitCode.DATA_INVALID
    print(f"Snapshot of edition {edition} {'written to' if written else 'is up to date in'} {target}.")
    return ExitCode.OK


if __name__ == "__main__":
    sys.exit(main())
