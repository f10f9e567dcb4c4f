"""The commands that start and finish a briefing of another event: new, suggest-themes, accept-themes, evaluate, release."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.build import book as building
from briefing.build.book import ExitCode
from briefing.core.errors import DataError
from briefing.core.load import is_draft_folder, load_dataset
from briefing.core.paths import book_folder, data_dir
from briefing.core.schema import CHANGES_FILE
from briefing.core.snapshots import edition_of_new_changes, kept_editions
from briefing.editor.evaluate import evaluate, refusal, report, too_few_links
from briefing.editor.new.book import Contents, OwnChaptersError, write_book, write_chapters
from briefing.editor.new.files import MAX_REPORT_FILE_BYTES
from briefing.editor.new.parse import ReportError
from briefing.editor.new.todo import todo_list, todo_report
from briefing.editor.new.write import PARSE_REPORT
from briefing.editor.suggest import (
    REJECTED_FILE,
    REVIEW_FILE,
    accept,
    append_links,
    record_rejected,
    suggest,
    write_review,
    write_rows,
)

if TYPE_CHECKING:
    from briefing.core.model import Dataset

COMMANDS = ("new", "chapters", "suggest-themes", "accept-themes", "evaluate", "release")


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser], folder_help: str, project_help: str) -> None:
    """Register the commands on the command line's sub-parsers."""
    new = commands.add_parser(
        "new",
        help="start the book of another event from its report (text, Markdown or saved HTML): a whole book project with "
        "its draft data folder, built with `make book` in it",
    )
    new.add_argument(
        "report",
        type=Path,
        help=f"the organiser's report: .txt, .md or .html, UTF-8, English or German, at most {MAX_REPORT_FILE_BYTES // 2**20} MB",
    )
    new.add_argument("out_dir", type=Path, help="the book's folder to write (new or empty); its data go to OUT_DIR/data")
    chapters = commands.add_parser(
        "chapters",
        help="write a book's _toc.yml and perspective chapters from its data (a book made by `briefing new`; "
        "its `make book` runs this first)",
    )
    chapters.add_argument("project", type=Path, help="the book's folder (with _config.yml and data/)")
    suggest = commands.add_parser(
        "suggest-themes", help="propose themes with verbatim evidence into a review file (theme_suggestions.csv)"
    )
    suggest.add_argument("data_dir", nargs="?", type=Path, help=folder_help)
    suggest.add_argument(
        "--threshold",
        type=float,
        help="lowest score suggested (default: learnt from the curated links, see the data and method chapter)",
    )
    accept = commands.add_parser(
        "accept-themes",
        help="add the suggestions marked 'accept' in the review file to contribution_themes.csv, and record those marked "
        f"'reject' in {REJECTED_FILE}, so that they are not suggested again",
    )
    accept.add_argument("data_dir", nargs="?", type=Path, help=folder_help)
    evaluate = commands.add_parser("evaluate", help="leave-one-out evaluation of the theme suggestions on the curated links")
    evaluate.add_argument("data_dir", nargs="?", type=Path, help=folder_help)
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    release = commands.add_parser("release", help="build the book for publication: refuses a draft")
    release.add_argument("data_dir", nargs="?", type=Path, help=folder_help)
    release.add_argument(
        "--project",
        type=Path,
        help=project_help,
    )
    release.add_argument("--no-pdf", dest="pdf", action="store_false", help="do not print the PDF")


def _folder(args: argparse.Namespace) -> Path:
    """Return the data folder the command works on."""
    return (getattr(args, "data_dir", None) or data_dir()).expanduser().resolve()


def run(args: argparse.Namespace) -> int:
    """Run one of the commands; return its exit code."""
    try:
        if args.command == "new":
            return new(args.report.expanduser(), args.out_dir.expanduser())
        if args.command == "chapters":
            return chapters(args.project.expanduser().resolve())
        if args.command == "release":
            return release(book_folder(_folder(args), args.project), _folder(args), args.pdf)

        ds = load_dataset(_folder(args))
        if args.command == "evaluate":
            if too_few_links(ds):
                print(refusal(ds), file=sys.stderr)
                return ExitCode.DATA_INVALID
            result = evaluate(ds)
            print(json.dumps(result.as_dict(), indent=1) if args.json else report(ds, result))
            return ExitCode.OK
        if args.command == "suggest-themes":
            return suggest_themes(ds, args.threshold)
        return accept_themes(ds)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return ExitCode.DATA_INVALID


def new(report: Path, out_dir: Path) -> int:
    """Parse a report and write a whole book project around its draft data folder; print what was read and what to check."""
    try:
        parsed = write_book(report, out_dir)
    except ReportError as error:
        print(f"Nothing was written: {error}", file=sys.stderr)
        return ExitCode.DATA_INVALID
    data = out_dir / "data"
    print(
        f"Book written to {out_dir}, its draft data in {data}: {len(parsed.contributions)} contributions "
        f"({', '.join(c.id for c in parsed.contributions)}), {len(parsed.questions)} opening "
        f"question{'s' if len(parsed.questions) != 1 else ''}."
    )
    for kind in ("could not parse", "check"):
        for note in (n for n in parsed.notes if n.kind == kind):
            print(f"  {kind}: line {note.line}: {note.reason}")
    listed = sum(n.kind == "not a contribution" for n in parsed.notes)
    print(
        f"  {listed} line{'s' if listed != 1 else ''} read as not being contributions (introduction, moderator, agenda); "
        f"all in {data / PARSE_REPORT}."
    )
    print(f"Next: `briefing validate {data}` lists what to write; `make -C {out_dir} book` builds the draft book.")
    return ExitCode.OK


def chapters(project: Path) -> int:
    """Write a book's table of contents and perspective chapters from its data; say which files changed."""
    if not (project / "_config.yml").is_file():
        print(f"{project} is not a book's folder: it has no _config.yml.", file=sys.stderr)
        return ExitCode.USAGE
    ds = load_dataset(project / "data")  # invalid data: a DataError, reported by run()
    try:
        changed = write_chapters(project, Contents.of(ds))
    except OwnChaptersError as error:
        print(error, file=sys.stderr)
        return ExitCode.USAGE
    print(f"Chapters of {project} are in step with its data" + (f" (written: {', '.join(changed)})." if changed else "."))
    return ExitCode.OK


def validate_draft(folder: Path) -> int:
    """Check a draft folder: real problems first (exit 1), else the editor's to-do list (exit 0)."""
    try:
        load_dataset(folder)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        print("Fix these problems first; the to-do list below is what remains to be written.", file=sys.stderr)
        print(todo_report(folder, todo_list(folder)))
        return ExitCode.DATA_INVALID
    print(todo_report(folder, todo_list(folder)))
    return ExitCode.OK


def release(project: Path, folder: Path, pdf: bool) -> int:
    """Build the book for publication, refusing a draft."""
    if is_draft_folder(folder):
        print(
            f"Not released: {folder} is a draft (status: draft in publication.yml), and a release would publish its gaps.",
            file=sys.stderr,
        )
        print(todo_report(folder, todo_list(folder)), file=sys.stderr)
        return ExitCode.DATA_INVALID
    return building.build_book(project, folder, pdf=pdf, out=sys.stdout)


def suggest_themes(ds: Dataset, threshold: float | None) -> int:
    """Write the review file of theme suggestions into the data folder (none without a vocabulary to suggest from)."""
    if not ds.themes:
        print(
            f"No themes to suggest: {ds.data_dir / 'themes.csv'} is empty. Write the theme vocabulary (and coding/rules.md) "
            "first; a new briefing starts without one, so that no theme of another briefing is taken over unreviewed.",
            file=sys.stderr,
        )
        return ExitCode.DATA_INVALID
    found, used = suggest(ds, threshold)
    path = ds.data_dir / REVIEW_FILE
    write_review(ds, found, path)
    print(
        f"{len(found)} suggestions (score >= {used:.2f}) for {len({s.contribution_id for s in found})} contributions "
        f"written to {path}."
    )
    print(
        "Review them: write 'accept' or 'reject' in the decision column (you may shorten an evidence span, not reword it), "
        "then run `briefing accept-themes`. Nothing enters contribution_themes.csv before that; the rejected ones are "
        f"recorded in {REJECTED_FILE} and not suggested again."
    )
    return ExitCode.OK


def accept_themes(ds: Dataset) -> int:
    """Add the accepted suggestions of the review file to the curated links."""
    accepted, rejected, undecided = accept(ds, ds.data_dir / REVIEW_FILE)
    existing = {(link.contribution_id, link.theme_id) for link in ds.links}
    added = append_links(ds.data_dir, accepted, existing)
    reasons = record_reasons(ds, [(c, t) for c, t, _, _ in accepted if (c, t) not in existing])
    remembered = record_rejected(ds.data_dir, rejected)
    print(
        f"{added} theme link{'s' if added != 1 else ''} added to {ds.data_dir / 'contribution_themes.csv'} "
        f"({len(accepted) - added} accepted were already there); {len(rejected)} rejected "
        f"({remembered} newly recorded in {REJECTED_FILE}, never suggested again); "
        f"{undecided} still undecided in {REVIEW_FILE}."
        + (
            f" Their reason is recorded in changes.csv ({reasons} row{'s' if reasons != 1 else ''});"
            " write more there if there is more to say."
            if reasons
            else ""
        )
    )
    return ExitCode.OK


#: The reason recorded for a link an editor accepted from the suggestions (every change after a kept edition needs one).
ACCEPTED_REASON = "Added when the editors reviewed the suggested theme links and accepted this one with its evidence."


def record_reasons(ds: Dataset, pairs: list[tuple[str, str]]) -> int:
    """Record why accepted links were added, when the folder keeps an edition (then every change needs a reason).

    Return how many.
    """
    kept = kept_editions(ds.data_dir)
    if not kept or not pairs:
        return 0
    edition = edition_of_new_changes(ds.data_dir, ds.publication.edition)
    path = ds.data_dir / CHANGES_FILE
    text = path.read_text(encoding="utf-8-sig") if path.exists() else "edition,file,row,field,reason\n"
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text if text.endswith("\n") else text + "\n")
        write_rows(handle, ([edition, "contribution_themes.csv", f"{c};{t}", "row", ACCEPTED_REASON] for c, t in pairs))
    return len(pairs)
