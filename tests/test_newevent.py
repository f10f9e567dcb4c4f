"""`briefing new`: parsing another event's report into a draft data folder, its to-do list, and refusing to release a draft."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml

from briefing import load_dataset
from briefing.cli import main
from briefing.core.coding import rule_numbers
from briefing.core.drafts import gap, is_gap
from briefing.core.schema import Contribution as ContributionRow
from briefing.editor.new.book import copy_template
from briefing.editor.new.compare import compare
from briefing.editor.new.parse import ReportError, decode, parse_report, split_honorific, split_role
from briefing.editor.new.write import read_report
from helpers import PROJECT_ROOT

REPORTS = PROJECT_ROOT / "tests" / "fixtures" / "reports"
SANDBANK = REPORTS / "sandbank-2027.txt"
GERMAN = REPORTS / "duenenhausen-2028.txt"


def parsed(path: Path):
    """Parse a fixture report."""
    return read_report(path)[1]


def rows(path: Path) -> list[dict[str, str]]:
    """Read a CSV file into dicts."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# The round trip on this book's own report


def test_round_trip_reproduces_the_curated_contributions(dataset):
    """The book's own report parses into the speakers, honorifics, order and presentation flags of contributions.csv."""
    found = parsed(dataset.data_dir / dataset.event.source_document)
    assert [c.speaker for c in found.contributions] == [c.speaker for c in dataset.contributions]
    assert [c.honorific for c in found.contributions] == [c.honorific or "" for c in dataset.contributions]
    assert [c.order for c in found.contributions] == [c.order for c in dataset.contributions]
    assert [c.presentation_offered for c in found.contributions] == [c.presentation_offered for c in dataset.contributions]


def test_round_trip_reports_every_difference_in_roles_and_organisations(dataset):
    """Differing roles and organisations keep the report's wording, each difference listed with its editorial note if any."""
    found = parsed(dataset.data_dir / dataset.event.source_document)
    differences = {(d.contribution_id, d.field): d for d in compare(found, dataset)}
    assert set(differences) == {
        ("engelmann", "role"),
        ("engelmann", "organisation"),
        ("nielsen", "organisation"),
        ("van-winden", "organisation"),
        ("dudda", "organisation"),
        ("gaertner", "organisation"),
        ("meyer", "organisation"),
    }
    assert "Applied Services" in differences["van-winden", "organisation"].report
    assert differences["van-winden", "organisation"].note == "van-winden-university"
    assert "Institut für Arbeit und Technik" in differences["gaertner", "organisation"].report
    assert differences["gaertner", "organisation"].note == "iat-name"
    assert (differences["nielsen", "organisation"].note, differences["meyer", "organisation"].note) == (
        "tci-name",
        "bochum-agency",
    )
    same = [c for c in dataset.contributions if c.id not in {c for c, _ in differences}]
    by_order = {c.order: c for c in found.contributions}
    assert all((by_order[c.order].role, by_order[c.order].organisation) == (c.role, c.organisation) for c in same)


def test_round_trip_reports_the_speakers_second_spelling(dataset):
    """The passage's 'Stephan Gärtner' against the header's 'Stefan Gärtner' is a line to check; the header's spelling is used."""
    found = parsed(dataset.data_dir / dataset.event.source_document)
    checks = [n for n in found.notes if n.kind == "check"]
    assert len(checks) == 1 and "Stephan Gärtner" in checks[0].reason and "Stefan Gärtner" in checks[0].reason
    assert checks[0].line == 62
    assert found.contributions[10].speaker == "Stefan Gärtner"


def test_the_speaker_who_speaks_twice_gets_two_distinct_ids(dataset):
    """Rasmus C. Beck's welcome and outlook become two contributions with different ids."""
    found = parsed(dataset.data_dir / dataset.event.source_document)
    becks = [c for c in found.contributions if c.speaker == "Rasmus C. Beck"]
    assert [c.order for c in becks] == [1, 9] and len({c.id for c in becks}) == 2


# Parsing rules, one by one


@pytest.mark.parametrize(
    ("text", "honorific", "name"),
    [
        ("Prof. Dr. Matthias Kiese", "Prof. Dr.", "Matthias Kiese"),
        ("Dr.-Ing. Kai Brandt", "Dr.-Ing.", "Kai Brandt"),
        ("Ms Aino Øydegård", "Ms", "Aino Øydegård"),
        ("Mr. José María de la Fuente", "Mr.", "José María de la Fuente"),
        ("Frau Dr. Hanna Müller-Lüdenscheid", "Frau Dr.", "Hanna Müller-Lüdenscheid"),
        ("Rasmus C. Beck", "", "Rasmus C. Beck"),
        ("Drake Hollow", "", "Drake Hollow"),
    ],
)
def test_honorifics_are_split_from_the_name(text, honorific, name):
    """Academic and courtesy titles, English and German, are split from the name; a name that merely begins like one is not."""
    assert split_honorific(text) == (honorific, name)


@pytest.mark.parametrize(
    ("rest", "role", "organisation"),
    [
        (
            "Chair of Urban and Regional Economics, Ruhr University Bochum",
            "Chair of Urban and Regional Economics",
            "Ruhr University Bochum",
        ),
        ("Head of Strategy at the Nordic Invented Council", "Head of Strategy", "Nordic Invented Council"),
        ("Mayor of the city of Herne", "Mayor", "city of Herne"),
        ("Mayor (Town of Sandbank)", "Mayor", "Town of Sandbank"),
        ("CEO Business Metropole Ruhr GmbH (BMR)", "CEO", "Business Metropole Ruhr GmbH (BMR)"),
        (
            "President of TCI Global Practitioners Network for Competitiveness, Clusters and Innovation (TCI)",
            "President",
            "TCI Global Practitioners Network for Competitiveness, Clusters and Innovation (TCI)",
        ),
        (
            "Professor für Regionalökonomie bei der Erfundenen Hochschule",
            "Professor für Regionalökonomie",
            "Erfundenen Hochschule",
        ),
        ("Geschäftsführer der Dünenhausener Hafengesellschaft mbH", "Geschäftsführer", "Dünenhausener Hafengesellschaft mbH"),
        ("the person everyone in the harbour knows", "", ""),
        # Issue 27, on the development reports: a comma inside an institute's name, a German header giving the
        # organisation first, "e. V." at the end, and a second affiliation joined by "und".
        ("Director, Institute for Work, Skills and Training", "Director", "Institute for Work, Skills and Training"),
        ("Stadtwerke Dünenhausen GmbH, Leiterin Energiewende", "Leiterin Energiewende", "Stadtwerke Dünenhausen GmbH"),
        ("Vorsitzende, Hafenverein Dünenhausen e. V.", "Vorsitzende", "Hafenverein Dünenhausen e. V."),
        ("Geschäftsführer, Küstenwerkstatt gGmbH.", "Geschäftsführer", "Küstenwerkstatt gGmbH"),
        (
            "Gründerin des Netzwerks Küstenlogistik e. V., und CEO von CargoLoop GmbH",
            "Gründerin des Netzwerks Küstenlogistik e. V., und CEO",
            "CargoLoop GmbH",
        ),
    ],
)
def test_role_and_organisation_are_separated_or_left_empty(rest, role, organisation):
    """Commas, 'of', 'at', 'bei', 'der' and parentheses separate role and organisation; what fits no rule stays empty."""
    assert split_role(rest) == (role, organisation)


def test_fixture_report_with_every_variation_is_parsed():
    """The made-up English report gives seven contributions: Unicode names, particles, honorifics, presentation flags."""
    found = parsed(SANDBANK)
    got = [(c.id, c.honorific, c.speaker, c.role, c.organisation, c.presentation_offered) for c in found.contributions]
    assert got == [
        (
            "van-der-berg-lukasiewicz",
            "Prof. Dr.",
            "Zoë van der Berg-Łukasiewicz",
            "Professor of Coastal Economics",
            "University of Nowhere",
            True,
        ),
        ("oydegard", "Ms", "Aino Øydegård", "Head of Strategy", "Nordic Invented Council", False),
        ("de-la-fuente", "Mr.", "José María de la Fuente", "Mayor", "town of Puerto Ficticio", True),
        ("brandt", "Dr.-Ing.", "Kai Brandt", "", "Sandbank Shipyards", False),
        ("oydegard-2", "Ms", "Aino Øydegård", "Head of Strategy", "Nordic Invented Council", False),
        ("hart", "", "Lena Hart", "", "", False),
        ("haddad", "Dr.", "Omar Haddad", "Visiting Researcher, Institute for Invented Studies", "Sandbank College (SC)", True),
    ]
    assert found.date == "2027-05-04" and found.language == "en"


def test_german_report_markers_honorifics_and_date():
    """German report: 'Präsentation herunterladen' sets the flag, 'Frau Dr.' is split, 'am 12. März 2028' is the date."""
    found = parsed(GERMAN)
    assert [(c.honorific, c.speaker, c.presentation_offered) for c in found.contributions] == [
        ("Frau Dr.", "Hanna Müller-Lüdenscheid", True),
        ("Prof. Dr.", "Jörg Weiß", False),
        ("", "Ömer Yıldız", True),
    ]
    assert found.date == "2028-03-12" and found.language == "de"


def test_lines_that_are_not_contributions_are_listed_with_their_reason():
    """The introduction, the agenda lines and the moderator are listed as not being contributions, with line numbers."""
    notes = {n.line: n.reason for n in parsed(SANDBANK).notes if n.kind == "not a contribution"}
    assert (
        notes[7].startswith("an agenda line") and notes[9].startswith("an agenda line") and notes[41].startswith("an agenda line")
    )
    assert notes[11].startswith("a moderator line")
    assert notes[1].startswith("introduction")


def test_what_cannot_be_parsed_is_reported_with_its_line_and_not_invented():
    """A header without a role and one whose words fit no rule are reported with their line numbers; their fields stay empty."""
    unparsed = {n.line: n.reason for n in parsed(SANDBANK).notes if n.kind == "could not parse"}
    assert set(unparsed) == {29, 37}
    assert "no role" in unparsed[29] and "could not tell the role and organisation apart" in unparsed[37]


@pytest.mark.parametrize("name", ["sandbank-2027.md", "sandbank-2027.html"])
def test_markdown_and_saved_html_give_the_same_contributions(name):
    """The report as Markdown or as a saved web page gives the plain text's contributions, and its heading as the title."""
    plain = [(c.id, c.role, c.organisation, c.presentation_offered) for c in parsed(SANDBANK).contributions]
    found = parsed(REPORTS / name)
    assert [(c.id, c.role, c.organisation, c.presentation_offered) for c in found.contributions] == plain
    assert found.title == "Sandbank Coastal Workshop 2027"


# Bad input: a clear message, a non-zero exit, nothing written


def run_new(tmp_path: Path, content: bytes, capsys, suffix: str = ".txt") -> tuple[int, str, Path]:
    """Run `briefing new` on a report with the given bytes; return the exit code, the error output and the folder."""
    report = tmp_path / f"report{suffix}"
    report.write_bytes(content)
    out = tmp_path / "draft"
    code = main(["new", str(report), str(out)])
    return code, capsys.readouterr().err, out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"  \n\n \n", "is empty"),
        (b"%PDF-1.7\n\x00\x01binary", "is a PDF file"),
        (b"text\x00with\x00nul bytes", "binary file"),
        (b"\xff\xd8\xff\xe0jpeg", "JPEG image"),
        (b"Caf\xe9 report in Latin-1\n", "not UTF-8"),
        (b"An introduction only.\n\nNo one is named here, and no passage follows a speaker.\n", "no speaker found"),
    ],
)
def test_bad_reports_are_refused_with_a_clear_message(tmp_path, capsys, content, message):
    """Empty, binary, wrongly encoded and speakerless reports exit 1 with a message saying why, and write nothing."""
    code, err, out = run_new(tmp_path, content, capsys)
    assert code == 1 and message in err and "Nothing was written" in err
    assert not out.exists()


def test_a_header_with_no_passage_is_reported_with_its_line(tmp_path, capsys):
    """A speaker's line with no passage naming the speaker is reported with its line number, not made a contribution."""
    report = (
        b"Intro.\n\nDr. Ann Lee, Director, Invented Institute\n\nDr. Bo Kim, Mayor of Sandbank\n\n"
        b"Dr. Bo Kim says the harbour matters.\n"
    )
    code, _, out = run_new(tmp_path, report, capsys)
    assert code == 0
    assert [r["speaker"] for r in rows(out / "data" / "contributions.csv")] == ["Bo Kim"]
    assert "line 3: it looks like a speaker's line, but no passage follows" in (out / "data" / "PARSE-REPORT.md").read_text(
        encoding="utf-8"
    )


def test_duplicate_speaker_lines_are_read_once_and_reported(tmp_path, capsys):
    """The same speaker line twice in a row gives one contribution, and the repeat is reported with both line numbers."""
    header = b"Dr. Ann Lee, Director, Invented Institute\n"
    report = b"Intro.\n\n" + header + header + b"\nDr. Ann Lee explains tides.\n"
    code, _, out = run_new(tmp_path, report, capsys)
    assert code == 0
    assert [r["id"] for r in rows(out / "data" / "contributions.csv")] == ["lee"]
    assert "the same speaker line appears twice in a row (lines 3 and 4)" in (out / "data" / "PARSE-REPORT.md").read_text(
        encoding="utf-8"
    )


def test_an_existing_folder_is_never_overwritten(tmp_path, capsys):
    """`briefing new` into a folder that already holds files exits 1 and leaves them alone."""
    out = tmp_path / "draft"
    out.mkdir()
    (out / "contributions.csv").write_text("mine\n", encoding="utf-8")
    assert main(["new", str(SANDBANK), str(out)]) == 1
    assert "not empty" in capsys.readouterr().err
    assert (out / "contributions.csv").read_text(encoding="utf-8") == "mine\n"


def test_decode_accepts_utf16_with_byte_order_mark():
    """A report saved as 'Unicode text' (UTF-16 with a byte-order mark) is read, not refused."""
    assert decode("Dr. Zoë".encode("utf-16")) == "Dr. Zoë"


def test_parse_report_refuses_an_empty_text():
    """Parsing only blank lines raises a ReportError that says the report is empty."""
    with pytest.raises(ReportError, match="empty"):
        parse_report("\n \n")


# The draft folder: complete, loadable, a to-do list, no release


@pytest.fixture
def draft(tmp_path, capsys) -> Path:
    """The draft data folder of the book `briefing new` wrote from the made-up English report."""
    out = tmp_path / "draft"
    assert main(["new", str(SANDBANK), str(out)]) == 0
    capsys.readouterr()
    return out / "data"


def test_draft_folder_is_complete_and_loads_with_marked_gaps(draft):
    """The draft has every data file and loads: unwritten summaries, topics and the title are marked gaps, nothing is invented
    or seeded from this briefing (no theme, no rule, one neutral perspective), and the report's questions are listed."""
    ds = load_dataset(draft)
    assert ds.publication.status == "draft"
    assert len(ds.contributions) == 7 and all(is_gap(c.summary) and is_gap(c.topic) for c in ds.contributions)
    assert ds.contribution["hart"].role == gap("role") and ds.contribution["hart"].organisation == gap("organisation")
    assert ds.event.date.isoformat() == "2027-05-04" and is_gap(ds.event.host)
    assert ds.source_text.startswith("This report is made up")
    assert ds.themes == () and [p.label for p in ds.perspectives] == ["The contributions"]
    assert [q.question for q in ds.questions] == [
        "How can small coastal regions specialise after a crisis?",
        "What role do clusters play in places without a university?",
    ]
    assert all(q.themes == [] and is_gap(q.answer) for q in ds.questions)
    assert rule_numbers(draft) == set()
    raw = rows(draft / "contributions.csv")
    assert (
        raw[5]["role"] == ""
        and raw[5]["summary"] == ""
        and raw[0]["source_start"] == "Prof. Dr. Zoë van der Berg-Łukasiewicz, Professor"
    )


def test_validate_lists_what_the_editor_still_writes(draft, capsys):
    """`briefing validate` on a draft prints a short numbered to-do list grouped by file and column, and exits 0."""
    assert main(["validate", str(draft)]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.strip()[:2].rstrip(".").isdigit()]
    assert len(lines) <= 15, out
    assert "contributions.csv: write a summary (1-3 sentences, attributed to the report) for 7" in out
    assert "contributions.csv: write the role (the report's header did not say it clearly) for 2 (brandt, hart)" in out
    assert "contribution_themes.csv: link themes with evidence" in out and "key_messages.csv" in out
    assert "PARSE-REPORT.md: check the 2 lines the parser could not read" in out


def test_validate_on_a_draft_still_reports_real_problems(draft, capsys):
    """A draft whose theme evidence is not in the report exits 1 and names the row, before the to-do list."""
    (draft / "themes.csv").write_text(
        "id,label,category,definition\nclusters,Clusters,approach,Industrial clusters.\n", encoding="utf-8"
    )
    (draft / "contribution_themes.csv").write_text(
        "contribution_id,theme_id,evidence,about_ruhr\nhart,clusters,words never said,no\n", encoding="utf-8"
    )
    assert main(["validate", str(draft)]) == 1
    assert "contribution_themes.csv, row 2, column 'evidence'" in capsys.readouterr().err


def test_a_final_folder_with_unwritten_texts_is_invalid(draft):
    """Setting status: final without writing the texts makes the folder invalid: gaps exist only in drafts."""
    path = draft / "publication.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft", "status: final"), encoding="utf-8")
    from briefing.core.errors import DataError

    with pytest.raises(DataError, match="summary"):
        load_dataset(draft)


def test_release_refuses_a_draft(draft, capsys):
    """`briefing release` on a draft exits 1, says it is a draft and lists what is missing, and builds nothing."""
    assert main(["release", str(draft), "--no-pdf", "--project", str(draft)]) == 1
    err = capsys.readouterr().err
    assert "is a draft" in err and "still to write" in err


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("At our online conference on 18 June 2020, we met.", "2020-06-18"),
        ("The meeting of June 18, 2020 was online.", "2020-06-18"),
        ("Auf unserer Konferenz am 12. März 2028 sprachen wir.", "2028-03-12"),
        ("Die Tagung am 12.03.2028 in Dünenhausen.", "2028-03-12"),
        ("No date is stated here.", ""),
    ],
)
def test_the_event_date_is_taken_only_where_the_report_states_it(text, date):
    """English, German and numeric dates are read as YYYY-MM-DD; a report without a date gives none."""
    from briefing.editor.new.parse import find_date

    assert find_date(text)[0] == date


def test_a_passage_that_begins_with_the_surname_only_is_the_same_speaker():
    """'Prof. Kiese argues …' after the header of Prof. Dr. Matthias Kiese is his passage, with no spelling to check."""
    found = parse_report(
        "Intro.\n\nProf. Dr. Matthias Kiese, Chair, Ruhr University Bochum\n\nProf. Kiese argues that implementation is hard.\n"
    )
    assert [c.speaker for c in found.contributions] == ["Matthias Kiese"]
    assert not [n for n in found.notes if n.kind == "check"]


def test_release_of_a_final_folder_goes_on_to_the_build(data_copy, tmp_path, capsys):
    """`briefing release` on final data hands over to the build (stopped here because the folder is no book)."""
    assert main(["release", str(data_copy), "--no-pdf", "--project", str(tmp_path)]) == 2
    assert "is not the book's folder" in capsys.readouterr().out


def test_a_saved_web_page_is_kept_as_its_text_beside_the_original(tmp_path, capsys):
    """From HTML the draft keeps the plain text the book quotes and the original page; the draft loads and finds every passage."""
    out = tmp_path / "draft" / "data"
    assert main(["new", str(REPORTS / "sandbank-2027.html"), str(out.parent)]) == 0
    assert sorted(p.name for p in (out / "sources").iterdir()) == ["original-sandbank-2027.html", "sandbank-2027.txt"]
    ds = load_dataset(out)
    assert "<p>" not in ds.source_text and len(ds.passages) == 7
    assert ds.event.title == "Sandbank Coastal Workshop 2027"


# Held-apart reports (issue 27): what organisers really write, with the expectations written before the parser changed

HELD_APART = REPORTS / "held-apart"
EXPECTED = yaml.safe_load((HELD_APART / "expected.yml").read_text(encoding="utf-8"))
CONTRIBUTION_COLUMNS = list(ContributionRow.model_fields)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_held_apart_reports_give_every_speaker_in_order_and_none_invented(name):
    """Each held-apart report gives exactly the expected contributions in order, with their roles, organisations and topics."""
    found = parsed(HELD_APART / name)
    got = [
        {
            "honorific": c.honorific,
            "speaker": c.speaker,
            "role": c.role,
            "organisation": c.organisation,
            "topic": c.topic,
            "presentation": c.presentation_offered,
        }
        for c in found.contributions
    ]
    assert got == EXPECTED[name]["contributions"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_held_apart_reports_title_date_and_language(name):
    """A held-apart report's title line is its title (never a speaker), and its date and language are read."""
    found = parsed(HELD_APART / name)
    expected = EXPECTED[name]
    assert (found.title, found.date, found.language) == (expected["title"], expected["date"], expected["language"])
    assert found.title_line == 1


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_held_apart_moderators_are_named_and_are_not_speakers(name):
    """The moderator a held-apart report names is recorded as moderator and is never a contribution's speaker."""
    found = parsed(HELD_APART / name)
    assert found.moderators == EXPECTED[name]["moderators"]
    assert not set(found.moderators) & {c.speaker for c in found.contributions}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_held_apart_unsure_speakers_are_checks_with_a_row_ready_to_paste(name):
    """A speaker named where the parser cannot tell whether a contribution begins is a check with a row to paste."""
    found = parsed(HELD_APART / name)
    text = read_report(HELD_APART / name)[0]
    pasted = [
        next(csv.DictReader([",".join(CONTRIBUTION_COLUMNS), note.row]))
        for note in found.notes
        if note.kind == "check" and note.row
    ]
    assert [row["speaker"] for row in pasted] == EXPECTED[name]["unsure"]
    assert all(row["source_start"] and row["source_start"] in text for row in pasted)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_held_apart_drafts_load_with_passages_that_end_before_the_next_heading(name, tmp_path, capsys):
    """The draft of a held-apart report loads; no passage holds the next contribution's talk title or the next speaker's line."""
    out = tmp_path / "draft"
    assert main(["new", str(HELD_APART / name), str(out)]) == 0
    capsys.readouterr()
    ds = load_dataset(out / "data")
    found = parsed(HELD_APART / name)
    lines = ds.source_text.splitlines()
    for before, after in zip(found.contributions, found.contributions[1:], strict=False):
        if after.topic and after.topic != before.topic:  # panellists share their panel's title
            assert after.topic not in ds.passages[before.id].text, (before.id, after.topic)
        assert lines[after.header_line - 1] not in ds.passages[before.id].text or after.header_line == before.header_line


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_lists_the_panellists_missing_roles_as_todos(name, tmp_path, capsys):
    """`briefing validate` on a held-apart draft exits 0 and lists every contribution without a role as a to-do, not an error."""
    out = tmp_path / "draft"
    assert main(["new", str(HELD_APART / name), str(out)]) == 0
    capsys.readouterr()
    assert main(["validate", str(out / "data")]) == 0
    printed = capsys.readouterr()
    without_role = [c.id for c in parsed(HELD_APART / name).contributions if not c.role]
    assert without_role and "role (the report's header did not say it clearly)" in printed.out
    assert all(cid in printed.out for cid in without_role) and "contributions.csv, row" not in printed.err


def test_an_unsure_second_appearance_is_a_todo_with_its_row_and_no_contribution(tmp_path, capsys):
    """A paragraph naming an earlier speaker without a heading above gives no contribution but a row to paste and a to-do."""
    out = tmp_path / "draft" / "data"
    assert main(["new", str(HELD_APART / "valemark-growth-day.html"), str(out.parent)]) == 0
    assert main(["validate", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "paste the 1 row of 'Rows ready to paste into contributions.csv' into contributions.csv" in printed
    report = (out / "PARSE-REPORT.md").read_text(encoding="utf-8")
    assert "    saether-2,7,Ingrid Sæther,Prof. Dr.,Rector,Valemark University of Technology," in report
    assert "saether-2" not in (out / "contributions.csv").read_text(encoding="utf-8")


def test_a_title_line_is_not_a_speaker_even_when_the_next_paragraph_names_it():
    """A plain report's first line is its title, not a speaker, though the introduction repeats its capitalised words."""
    found = parse_report(
        "Harbour Futures Forum – Report\n\nThe Harbour Futures Forum met in spring.\n\n"
        "Dr. Ann Lee, Director, Invented Institute\n\nDr. Ann Lee explains tides.\n"
    )
    assert (found.title, found.title_line) == ("Harbour Futures Forum – Report", 1)
    assert [c.speaker for c in found.contributions] == ["Ann Lee"]


def test_panel_passages_begin_where_the_discussion_names_each_panellist():
    """When the discussion names the panellists in the line's order, each panellist's passage begins at their name there."""
    found = parsed(HELD_APART / "tidewater-summit.txt")
    starts = {c.id: c.source_start for c in found.contributions}
    assert starts["okafor"] == "Panel discussion: Who pays for the green harbour?"
    assert (starts["lund"], starts["marquez"]) == ("Dieter Lund pointed to", "Sofia Marquez asked for")
    assert starts["voss-2"] == "Closing remarks" and starts["wren"] == '"Shared data for small ports"'


def test_a_new_book_pins_the_purgecss_this_repository_tests(tmp_path):
    """A new book gets package.json and package-lock.json pinning exactly the PurgeCSS (and its dependencies) this
    repository's lock installs, so `make book` slims its pages as this book's are, and ignores node_modules in git."""
    copy_template(tmp_path)
    ours = json.loads((PROJECT_ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    lock = json.loads((tmp_path / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    package = json.loads((tmp_path / "package.json").read_text(encoding="utf-8"))
    assert package["dependencies"] == {"purgecss": ours["node_modules/purgecss"]["version"]}
    assert lock[""]["dependencies"] == package["dependencies"] and len(lock) > 2
    assert all(entry == ours[name] for name, entry in lock.items() if name), "a pinned version differs from ours"
    assert "node_modules/" in (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
    makefile = (tmp_path / "Makefile").read_text(encoding="utf-8")
    assert "book: chapters $(NODE)" in makefile and "npm ci" in makefile
