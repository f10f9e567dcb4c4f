"""Every kind of bad input stops loading with a message naming file, row, column and what was expected."""

from __future__ import annotations

import pytest

from briefing import DataError, load_dataset
from helpers import edit_cell, problems_of, read_rows, write_rows


def only(problems: list[str], *needles: str) -> str:
    """Return the one problem that mentions all needles."""
    hits = [p for p in problems if all(n in p for n in needles)]
    assert len(hits) == 1, problems
    return hits[0]


def test_missing_file(data_copy):
    """A missing table is reported by its file name."""
    (data_copy / "themes.csv").unlink()
    assert only(problems_of(data_copy), "themes.csv", "the file is missing")


def test_missing_column(data_copy):
    """A required column missing from the header is reported with its name."""
    rows = read_rows(data_copy / "themes.csv")
    write_rows(data_copy / "themes.csv", [{k: v for k, v in r.items() if k != "definition"} for r in rows])
    assert only(problems_of(data_copy), "themes.csv, row 1, column 'definition'", "missing from the header")


def test_unknown_column(data_copy):
    """An unexpected column is reported and the expected columns are listed."""
    rows = read_rows(data_copy / "themes.csv")
    write_rows(data_copy / "themes.csv", [{**r, "colour": "red"} for r in rows])
    assert only(
        problems_of(data_copy),
        "themes.csv, row 1, column 'colour'",
        "unknown column; expected: id, label, category, definition, former_ids, references",
    )


def test_empty_required_field(data_copy):
    """An empty required cell is reported with its spreadsheet row."""
    edit_cell(data_copy, "contributions.csv", {"id": "kiese"}, "speaker", "  ")
    assert only(problems_of(data_copy), "contributions.csv, row 7, column 'speaker'", "must not be empty")


def test_duplicate_id(data_copy):
    """A repeated id is reported on every row that has it."""
    edit_cell(data_copy, "contributions.csv", {"id": "meyer"}, "id", "koeder")
    problems = [p for p in problems_of(data_copy) if "column 'id'" in p and "unique" in p]
    assert any("row 13" in p for p in problems) and any("row 14" in p for p in problems)


def test_malformed_id(data_copy):
    """An id that cannot be a web address is reported with the expected form."""
    edit_cell(data_copy, "themes.csv", {"id": "smart-city"}, "id", "Smart City")
    assert "expected a short id of lower-case letters" in only(problems_of(data_copy), "themes.csv", "column 'id'")


def test_unknown_perspective(data_copy):
    """A contribution in an undefined perspective is reported with the known perspectives."""
    edit_cell(data_copy, "contributions.csv", {"id": "engelmann"}, "perspective", "europe")
    message = only(problems_of(data_copy), "contributions.csv, row 3, column 'perspective'")
    assert "expected one of: eu, international-expert, ruhr-stakeholder" in message


def test_unknown_theme(data_copy):
    """A link to a theme that is not in the vocabulary is reported."""
    edit_cell(
        data_copy, "contribution_themes.csv", {"contribution_id": "dudda", "theme_id": "smart-city"}, "theme_id", "smart-cities"
    )
    assert only(problems_of(data_copy), "contribution_themes.csv", "column 'theme_id'", "no theme has this id")


def test_link_to_unknown_contribution(data_copy):
    """A link to a contribution that does not exist is reported."""
    edit_cell(
        data_copy, "contribution_themes.csv", {"contribution_id": "meyer", "theme_id": "health"}, "contribution_id", "mayer"
    )
    assert only(
        problems_of(data_copy), "contribution_themes.csv, row 40, column 'contribution_id'", "no contribution has this id"
    )


def test_evidence_not_verbatim_shows_closest_passage(data_copy):
    """A quotation not in the report is reported with the longest part that is."""
    edit_cell(
        data_copy,
        "contribution_themes.csv",
        {"contribution_id": "kiese", "theme_id": "implementation"},
        "evidence",
        "the biggest challenge remains their implementation",
    )
    message = only(problems_of(data_copy), "contribution_themes.csv", "column 'evidence'")
    assert "not verbatim in the report" in message and "longest part found verbatim is 'the biggest challenge'" in message


def test_evidence_with_lookalike_quotes(data_copy):
    """A quotation typed with straight instead of curly apostrophes is explained as such."""
    edit_cell(
        data_copy,
        "contribution_themes.csv",
        {"contribution_id": "dudda", "theme_id": "smart-city"},
        "evidence",
        "Ruhr Metropolis' potential in the area of smart city",
    )
    assert "copy the report's own characters" in only(problems_of(data_copy), "column 'evidence'")


def test_evidence_from_another_speakers_passage(data_copy):
    """A quotation from someone else's passage is reported with the passage it belongs to."""
    edit_cell(
        data_copy,
        "contribution_themes.csv",
        {"contribution_id": "meyer", "theme_id": "it-security"},
        "evidence",
        "cutting-edge technologies",
    )
    message = only(problems_of(data_copy), "contribution_themes.csv, row 39, column 'evidence'")
    assert "another contribution's passage" in message and "Jürgen Köder (koeder)" in message


def test_invalid_date(data_copy):
    """An impossible date in event.yml is reported with the expected format."""
    text = (data_copy / "event.yml").read_text(encoding="utf-8").replace("date: 2020-06-18", "date: 2020-06-31")
    (data_copy / "event.yml").write_text(text, encoding="utf-8")
    assert only(problems_of(data_copy), "event.yml, column 'date'", "YYYY-MM-DD")


def test_file_not_utf8(data_copy):
    """A file saved in a legacy encoding is reported with how to save it."""
    path = data_copy / "contributions.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    assert only(problems_of(data_copy), "contributions.csv", "not UTF-8", "CSV UTF-8")


def test_byte_order_mark_and_windows_line_endings_are_accepted(data_copy):
    """A CSV saved with a byte-order mark and CRLF line endings loads unchanged."""
    path = data_copy / "themes.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    assert len(load_dataset(data_copy).themes) == 21


def test_yes_no_field(data_copy):
    """A presentation flag other than yes/no is reported."""
    edit_cell(data_copy, "contributions.csv", {"id": "kiese"}, "presentation_offered", "ja")
    assert only(problems_of(data_copy), "contributions.csv, row 7, column 'presentation_offered'", "expected 'yes' or 'no'")


def test_presentation_flag_must_match_the_report(data_copy):
    """Claiming a download the report does not offer is reported."""
    edit_cell(data_copy, "contributions.csv", {"id": "meyer"}, "presentation_offered", "yes")
    assert only(problems_of(data_copy), "row 14, column 'presentation_offered'", "does not offer")


def test_passage_start_not_found(data_copy):
    """A contribution whose opening words are not in the report is reported."""
    edit_cell(data_copy, "contributions.csv", {"id": "dudda"}, "source_start", "Dr. Frank Duda, Mayor")
    assert only(problems_of(data_copy), "row 11, column 'source_start'", "not found in the report")


def test_summary_longer_than_passage(data_copy):
    """A summary with more words than the report's passage is reported."""
    long = "According to the report, " + "he spoke about many things " * 10 + "."
    edit_cell(data_copy, "contributions.csv", {"id": "meyer"}, "summary", long)
    assert only(problems_of(data_copy), "row 14, column 'summary'", "longer than the report's own passage")


def test_summary_must_not_copy_the_report(data_copy):
    """A summary that copies the report's sentences is reported."""
    copied = (
        "According to the report, Ralf Meyer highlights the city of "
        "Bochum’s relevance as a strong scientific and research location."
    )
    edit_cell(data_copy, "contributions.csv", {"id": "meyer"}, "summary", copied)
    assert only(problems_of(data_copy), "row 14, column 'summary'", "copies 7 or more consecutive words")


def test_summary_must_be_attributed(data_copy):
    """A summary that puts words in the speaker's mouth without naming the report is reported."""
    edit_cell(data_copy, "contributions.csv", {"id": "meyer"}, "summary", "Mr Meyer praised Bochum as a science location.")
    assert only(problems_of(data_copy), "row 14, column 'summary'", "attribute the summary to the report")


def test_summary_at_most_three_sentences(data_copy):
    """A summary of more than three sentences is reported."""
    edit_cell(data_copy, "contributions.csv", {"id": "meyer"}, "summary", "The report says so. Bochum. Science. Health.")
    assert only(problems_of(data_copy), "row 14, column 'summary'", "expected 1-3 sentences, found 4")


def test_key_message_without_support(data_copy):
    """A key message citing a contribution not coded with any of its themes is reported."""
    edit_cell(data_copy, "key_messages.csv", {"id": "focus-and-cohesion"}, "contributions", "gaertner;kiese")
    row = [r["id"] for r in read_rows(data_copy / "key_messages.csv")].index("focus-and-cohesion") + 2
    assert only(problems_of(data_copy), f"key_messages.csv, row {row}, column 'contributions'", "nothing in the data supports it")


def test_editorial_note_must_quote_the_report(data_copy):
    """An editorial note whose 'source says' text is not in the report is reported."""
    edit_cell(
        data_copy,
        "editorial_notes.csv",
        {"id": "van-winden-university"},
        "source_says",
        "Amsterdam University of Applied Science",
    )
    edit_cell(data_copy, "editorial_notes.csv", {"id": "gaertner-spelling"}, "source_says", "Dr. Stefan Gärtner explains")
    problems = problems_of(data_copy)
    assert only(problems, "editorial_notes.csv, row 3, column 'source_says'", "passage of 'van-winden'")
    assert only(problems, "editorial_notes.csv, row 2, column 'source_says'")


def test_cited_note_needs_a_known_reference(data_copy):
    """A note based on a citation must name an entry of references.bib."""
    edit_cell(data_copy, "editorial_notes.csv", {"id": "ruhr-not-a-city"}, "reference", "nosuchkey")
    assert only(
        problems_of(data_copy), "editorial_notes.csv, row 5, column 'reference'", "no entry with this key in references.bib"
    )


def test_every_problem_is_reported_at_once(data_copy):
    """Several problems in several files are all reported in one run, numbered."""
    edit_cell(data_copy, "contributions.csv", {"id": "engelmann"}, "perspective", "europe")
    edit_cell(data_copy, "themes.csv", {"id": "smart-city"}, "label", "")
    with pytest.raises(DataError) as caught:
        load_dataset(data_copy)
    report = caught.value.report()
    assert report.startswith("The briefing data has 2 problems:")
    assert "1. " in report and "2. " in report


def test_rows_are_numbered_as_in_the_file_even_when_not_in_running_order(data_copy):
    """Row numbers point at the spreadsheet row, also when the rows are not sorted by running order."""
    rows = read_rows(data_copy / "contributions.csv")
    rows.reverse()
    for row in rows:
        if row["id"] == "kiese":
            row["speaker"] = ""
        if row["id"] == "meyer":
            row["perspective"] = "europe"
    write_rows(data_copy / "contributions.csv", rows)
    problems = problems_of(data_copy)
    assert only(problems, "contributions.csv, row 9, column 'speaker'")
    assert only(problems, "contributions.csv, row 2, column 'perspective'")
