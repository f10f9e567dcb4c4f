"""Write a draft data folder for a new briefing from a parsed report (``briefing new``)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from briefing.core.drafts import DRAFT
from briefing.core.schema import COLUMN_ALIASES, EVENT_FILE, PUBLICATION_FILE, REFERENCES_FILE, TABLES
from briefing.editor.new.files import check_out_dir, read_report_bytes, remove_partial, unwritable
from briefing.editor.new.formats import to_text
from briefing.editor.new.parse import Parse, ReportError, decode, parse_report
from briefing.text.escape import bib_text, bib_url, markdown_text, metadata_text, one_line, yaml_line
from briefing.text.safecsv import defuse

#: The parse's account of itself, written beside the data for the editor.
PARSE_REPORT = "PARSE-REPORT.md"
SOURCE_KEY = "report"
#: The section of PARSE-REPORT.md with the contributions.csv rows the parser offers where it is unsure.
ROWS_HEADING = "Rows ready to paste into contributions.csv"


#: Columns a new book names otherwise than this book's data: the neutral name, so its data never say "ruhr".
NEUTRAL_NAMES = {file: {field: name for name, field in names.items()} for file, names in COLUMN_ALIASES.items()}


def _columns(file: str) -> list[str]:
    """Return the columns of a table, in the schema's order, each as a new book names it (about_region, not about_ruhr)."""
    names = NEUTRAL_NAMES.get(file, {})
    return [names.get(c, c) for c in next(spec.model for spec in TABLES if spec.file == file).model_fields]


def _write_csv(path: Path, file: str, rows: list[dict[str, Any]]) -> None:
    """Write a table with its full header (empty cells for what the editor writes), formulas defused for spreadsheets."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=_columns(file), lineterminator="\n")
        writer.writeheader()
        writer.writerows({name: defuse("" if value is None else str(value)) for name, value in row.items()} for row in rows)


def read_report(path: Path) -> tuple[str, Parse, bytes]:
    """Read and parse a report file; return its plain text, the parse and the original bytes."""
    raw = read_report_bytes(path)
    text = decode(raw, str(path))
    plain, title = to_text(text, path.suffix)
    if not plain.strip():
        raise ReportError(f"{path} has no text once its markup is removed: there is nothing to parse.")
    title_line = next((n for n, line in enumerate(plain.splitlines(), 1) if title and line.strip() == title), None)
    return plain, parse_report(plain, title, title_line), raw


def write_draft(report: Path, out_dir: Path, today: dt.date | None = None) -> Parse:
    """Write a draft data folder alone into out_dir (new or empty; `briefing new` writes a book around one); else ReportError."""
    plain, parsed, raw = read_report(report)
    check_out_dir(out_dir)
    existed = out_dir.is_dir()
    try:
        write_folder(report, out_dir, plain, parsed, raw, today or dt.date.today())
    except OSError as exc:
        remove_partial(out_dir, existed)
        raise unwritable(out_dir, exc) from None
    return parsed


#: The one perspective a new folder starts with: every contribution is in it until the editors define their own.
FIRST_PERSPECTIVE = {"id": "contributions", "order": 1, "label": "The contributions"}
#: What a new folder's coding rules say until the editors write theirs (no rule is numbered, so none can be cited).
EMPTY_RULES = (
    "# The coding rules\n\n"
    "No coding rules are written yet. Write here when a passage raises a theme of the vocabulary in `themes.csv`, each\n"
    "rule numbered with the letter R and its number, so that a theme link can cite the rule that decides it.\n"
)


def write_folder(report: Path, out_dir: Path, plain: str, parsed: Parse, raw: bytes, today: dt.date) -> None:
    """Write every file of the draft data folder: what the report states, and nothing taken from another briefing."""
    sources = out_dir / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    source_name = f"{report.stem}.txt"
    if report.suffix.lower() in {".txt", ""} and raw.decode("utf-8-sig", errors="replace") == plain:
        (sources / source_name).write_bytes(raw)  # kept byte for byte as received
    else:
        (sources / source_name).write_text(plain, encoding="utf-8")
        (sources / f"original-{report.name}").write_bytes(raw)  # the bytes read, not the file again (it may have changed)
    _write_event(out_dir, parsed, f"sources/{source_name}")
    _write_publication(out_dir, parsed, today)
    _write_csv(
        out_dir / "contributions.csv",
        "contributions.csv",
        [
            {
                "id": c.id,
                "order": c.order,
                "speaker": c.speaker,
                "honorific": c.honorific,
                "role": c.role,
                "organisation": c.organisation,
                "presentation_offered": "yes" if c.presentation_offered else "no",
                "source_start": c.source_start,
                "topic": c.topic,
            }
            for c in parsed.contributions
        ],
    )
    _write_csv(out_dir / "perspectives.csv", "perspectives.csv", [FIRST_PERSPECTIVE])
    _write_csv(
        out_dir / "questions.csv",
        "questions.csv",
        [{"id": f"question-{n}", "order": n, "question": q} for n, q in enumerate(parsed.questions, 1)],
    )
    # An empty vocabulary and rules: the editors build their own from this report (nothing seeded from another briefing).
    (out_dir / "coding").mkdir(exist_ok=True)
    (out_dir / "coding" / "rules.md").write_text(EMPTY_RULES, encoding="utf-8")
    written = {"contributions.csv", "perspectives.csv", "questions.csv"}
    for file in (spec.file for spec in TABLES if spec.file not in written):  # every other table, empty, for the editor
        _write_csv(out_dir / file, file, [])
    (out_dir / REFERENCES_FILE).write_text(report_reference(event_values(out_dir)), encoding="utf-8")
    (out_dir / PARSE_REPORT).write_text(parse_report_markdown(parsed, report), encoding="utf-8")


def event_values(out_dir: Path) -> dict[str, str]:
    """Return event.yml's values as text (empty where the editor has not written them)."""
    import yaml

    values = yaml.safe_load((out_dir / EVENT_FILE).read_text(encoding="utf-8")) or {}
    return {str(k): "" if v is None else str(v) for k, v in values.items()}


def report_reference(event: dict[str, str]) -> str:
    """Return the report's BibTeX entry from event.yml's values: each escaped, a gap where unwritten, only http(s) URLs."""
    title = event.get("source_title") or event.get("title") or ""
    author = event.get("source_author") or event.get("host") or ""
    date = event.get("date", "")
    fields = [
        ("title", f"{{{bib_text(title)}}}" if title.strip() else "{[draft gap: source_title not yet written]}"),
        ("author", f"{{{{{bib_text(author)}}}}}" if author.strip() else "{{[draft gap: source_author not yet written]}}"),
    ]
    if date[:4].isdigit():
        fields.append(("year", f"{{{date[:4]}}}"))
    if url := bib_url(event.get("source_url", "")):
        fields.append(("url", f"{{{url}}}"))
    fields.append(("note", "{Organiser's report of the event}"))
    return f"@misc{{{SOURCE_KEY},\n" + ",\n".join(f"  {name} = {value}" for name, value in fields) + "\n}\n"


def _write_event(out_dir: Path, parsed: Parse, source: str) -> None:
    """Write event.yml: what the report states, empty (a marked gap in the draft book) where it does not."""
    title_note = f"from line {parsed.title_line} of the report" if parsed.title_line else "not stated as a heading: write it"
    if metadata_text(parsed.title) != one_line(parsed.title):
        title_note += "; characters read as markup (< > { } `) replaced: check"
    date_note = (
        f"from line {parsed.date_line} of the report: check"
        if parsed.date
        else "not found in the report: write it (YYYY-MM-DD); a draft needs it to build"
    )
    lines = [
        "# The event the report covers (written by `briefing new`; described in the book's data/README.md).",
        "# Empty values are for the editor: `briefing validate` lists them.",
        yaml_line("title", metadata_text(parsed.title), title_note),
        yaml_line("date", parsed.date, date_note),
        *(yaml_line(key, "") for key in ("format", "host", "region")),
        yaml_line("source_document", source),
        *(yaml_line(key, "") for key in ("source_title", "source_author")),
        yaml_line("source_reference", SOURCE_KEY, "the report's entry in references.bib"),
    ]
    (out_dir / EVENT_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_publication(out_dir: Path, parsed: Parse, today: dt.date) -> None:
    """Write publication.yml as a draft: every page of its book carries a draft banner until status is final."""
    lines = [
        "# This briefing as a publication (written by `briefing new`). Empty values are for the editors.",
        "# status: draft puts a 'Draft — not for publication' banner on every page and shows missing texts as",
        "# marked gaps; `briefing release` refuses a draft. Set it to final when `briefing validate` lists nothing.",
        yaml_line("status", DRAFT),
        *(yaml_line(key, "") for key in ("title", "subtitle")),
        yaml_line("authors", []),
        yaml_line("publisher", ""),
        yaml_line("edition", 1),
        yaml_line("release_date", today.isoformat(), "the day the draft was started: set the release date when releasing"),
        *(yaml_line(key, "") for key in ("licence_text", "licence_code")),
        yaml_line(
            "language", "en", f"the briefing's language: its chapters are English (the report's, guessed: {parsed.language})"
        ),
        *(
            yaml_line(key, "")
            for key in (
                "publisher_address",
                "responsible_person",
                "contact_email",
                "corrections_url",
                "hosting_provider",
                "abstract",
                "abstract_de",
            )
        ),
    ]
    (out_dir / PUBLICATION_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def parse_report_markdown(parsed: Parse, report: Path) -> str:
    """Return the parse's account as Markdown (the report's words escaped, never markup): contributions, other lines, checks."""
    out = [
        f"# What `briefing new` read in {markdown_text(report.name)}",
        "",
        f"{len(parsed.contributions)} contributions found; language guessed: {parsed.language}; "
        f"date: {parsed.date or 'not found'}{f' (line {parsed.date_line})' if parsed.date_line else ''}; "
        f"title: {markdown_text(parsed.title) or 'not found'}. Line numbers are those of the plain text kept in `sources/`.",
        "",
        "| No. | Line | Id | Honorific | Speaker | Role | Organisation | Topic (the talk's title) | Presentation |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for c in parsed.contributions:
        cells = [
            str(c.order),
            str(c.header_line),
            c.id,
            c.honorific,
            c.speaker,
            c.role or "(empty)",
            c.organisation or "(empty)",
            c.topic or "(empty)",
            "yes" if c.presentation_offered else "no",
        ]
        out.append("| " + " | ".join(markdown_text(cell) for cell in cells) + " |")
    for kind, heading in (
        ("could not parse", "Lines that could not be parsed"),
        ("check", "Lines to check"),
        ("not a contribution", "Lines that are not contributions"),
    ):
        notes = [n for n in parsed.notes if n.kind == kind]
        if notes:
            out += ["", f"## {heading}", ""]
            out += [
                f"- line {n.line}: {markdown_text(n.reason)} — “{markdown_text(n.text[:100])}{'…' if len(n.text) > 100 else ''}”"
                for n in notes
            ]
    rows = [n for n in parsed.notes if n.row]
    if rows:
        out += ["", f"## {ROWS_HEADING}", "", "Paste a row into contributions.csv only if the line to check above is right:", ""]
        out += [f"    {n.row}" for n in rows]  # an indented code block: the report's words as text, ready to copy
    return "\n".join(out) + "\n"
