"""Every input is untrusted: metadata, bibliography, translations and tables are refused with a clear problem, never obeyed."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from briefing import DataError, load_dataset
from briefing.build.book import ExitCode
from briefing.cli import main
from briefing.core.errors import REPORT_LIMIT, Problem
from briefing.core.inputs import MAX_REPORT_BYTES, MAX_TABLE_BYTES
from briefing.core.load import MAX_ROW_PROBLEMS
from helpers import edit_cell, problems_of, read_rows

CATALOGUE = "translations/de.po"
TITLE_DE = 'msgstr "Briefing zur intelligenten Spezialisierung im Ruhrgebiet"'


def only(problems: list[str], *needles: str) -> str:
    """Return the one problem that mentions all needles (and fail if there are others)."""
    assert len(problems) == 1 and all(n in problems[0] for n in needles), problems
    return problems[0]


def set_field(folder: Path, file: str, field: str, value: str) -> None:
    """Set a field of a metadata file to a value (written as a YAML double-quoted string)."""
    path = folder / file
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
    lines[index] = f"{field}: {json.dumps(value)}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def replace_in(folder: Path, file: str, old: str, new: str, encoding: str = "utf-8") -> int:
    """Replace a text of a data file once; return the line it starts on."""
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_bytes(text.replace(old, new, 1).encode(encoding))
    return text[: text.index(old)].count("\n") + 1


def catalogue_line(folder: Path, msgid: str) -> int:
    """Return the line of the catalogue's msgid line for a text (the line an entry's problem names)."""
    lines = (folder / CATALOGUE).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line == f'msgid "{msgid}"')


# 1. Metadata


def test_markup_in_the_publication_title_is_refused(data_copy):
    """An HTML tag in the briefing's title is refused with what to do, not passed on to every page's head."""
    set_field(data_copy, "publication.yml", "title", "T <img src=x onerror=alert(1)>")
    only(problems_of(data_copy), "publication.yml, column 'title'", "must not contain '<'", "markup")


def test_markup_in_an_author_is_refused(data_copy):
    """A script tag in an author's name is refused."""
    author = '  - "A \\"><script>alert(1)</script>"\n'
    replace_in(data_copy, "publication.yml", '  - "Editors of the Ruhr', author + '  - "Editors of the Ruhr')
    only(problems_of(data_copy), "publication.yml, column 'authors'", "must not contain '<'")


def test_braces_and_backticks_in_the_event_are_refused(data_copy):
    """A MyST role or substitution in the event's metadata is refused."""
    set_field(data_copy, "event.yml", "region", "{raw}`<b>Ruhr</b>`")
    only(problems_of(data_copy), "event.yml, column 'region'", "must not contain '<'")
    set_field(data_copy, "event.yml", "region", "Ruhr {{ x }}")
    only(problems_of(data_copy), "event.yml, column 'region'", "must not contain '{'")


def test_a_control_character_in_metadata_is_refused(data_copy):
    """A control character in a metadata name is refused."""
    set_field(data_copy, "event.yml", "host", "BMR\x07")
    only(problems_of(data_copy), "event.yml, column 'host'", "cannot be seen", "U+0007")


NOT_WEB = ["javascript:alert(1)", "data:text/html,<script>", "ftp://example.org", "https://", "example.org"]


@pytest.mark.parametrize("url", NOT_WEB)
def test_a_corrections_address_must_be_a_web_address(data_copy, url):
    """The corrections address is accepted only as an http:// or https:// address."""
    set_field(data_copy, "publication.yml", "corrections_url", url)
    only(problems_of(data_copy), "publication.yml, column 'corrections_url'", "beginning with https://")


def test_a_web_address_and_an_email_address_are_accepted(data_copy):
    """A plain https address and a plain e-mail address load as written."""
    set_field(data_copy, "publication.yml", "corrections_url", "https://example.org/briefing/corrections")
    set_field(data_copy, "publication.yml", "contact_email", "briefing@example.org")
    publication = load_dataset(data_copy).publication
    assert (publication.corrections_url, publication.contact_email) == (
        "https://example.org/briefing/corrections",
        "briefing@example.org",
    )


@pytest.mark.parametrize("email", ["nobody", "a@b.org?subject=hi", 'a@b.org"><script>', "a b@example.org"])
def test_a_contact_must_be_an_email_address(data_copy, email):
    """The contact is accepted only as an e-mail address, since it becomes a mailto: link."""
    set_field(data_copy, "publication.yml", "contact_email", email)
    only(problems_of(data_copy), "publication.yml, column 'contact_email'", "e-mail address", "mailto:")


def test_markup_in_the_german_title_is_refused(data_copy):
    """The German translation of the title is refused like the English one, by file, line and entry."""
    line = replace_in(data_copy, CATALOGUE, TITLE_DE, 'msgstr "Briefing <script>alert(1)</script>"')
    only(
        problems_of(data_copy),
        f"{CATALOGUE}, line {line - 1}, entry 'publication.yml|*|title': the translation must not contain '<'",
    )


# 2. The bibliography


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)"])
def test_a_bibliography_url_must_be_a_web_address(data_copy, url):
    """A url in references.bib that is not http(s) is a problem naming the file, the entry and the field."""
    replace_in(data_copy, "references.bib", "{https://www.business.ruhr/s3conference}", "{" + url + "}")
    only(problems_of(data_copy), "references.bib, line 5, field 'url': entry 'bmr2020report'", "https://")


def test_a_link_inside_another_bibliography_field_must_be_a_web_address(data_copy):
    r"""A \url{...} of another scheme in a note of references.bib is a problem naming the entry and the field."""
    replace_in(
        data_copy, "references.bib", "howpublished = {Organiser's web page}", "howpublished = {\\url{javascript:alert(1)}}"
    )
    only(problems_of(data_copy), "references.bib, line 5, field 'howpublished': entry 'bmr2020report'", "https://")


def test_a_bibliography_doi_must_be_a_plain_doi(data_copy):
    """A doi in references.bib that is a link of another scheme is a problem naming the entry."""
    replace_in(data_copy, "references.bib", "{10.2776/65746}", "{javascript:alert(1)}")
    only(problems_of(data_copy), "references.bib, line 14, field 'doi': entry 'foray2012ris3'", "plain DOI")


# 3. The same rules for every text, in English and German


def test_a_name_may_not_contain_a_line_break(data_copy):
    """A contribution's topic (a name) over two lines is refused."""
    edit_cell(data_copy, "contributions.csv", {"id": "kiese"}, "topic", "First line\nsecond line")
    only(problems_of(data_copy), "contributions.csv, row", "column 'topic'", "must be one line")


@pytest.mark.parametrize("mark", ["\u202e", "\u2066", "\u200f"])
def test_a_bidirectional_control_is_refused_in_any_text(data_copy, mark):
    """A bidirectional control in a paragraph is refused, naming the character and where it is."""
    edit_cell(data_copy, "themes.csv", {"id": "clusters"}, "definition", f"Clusters {mark}gnol")
    only(problems_of(data_copy), "themes.csv, row", "column 'definition'", f"U+{ord(mark):04X}", "character 10")


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("Briefing\x00", "cannot be seen"),
        ("Briefing \u202egnirednuR", "U+202E"),
        ("Briefing\\nzweite Zeile", "one line"),
        ("B" * 100_000, "100,000 characters long; at most 300"),
    ],
)
def test_a_german_translation_is_checked_like_its_english_field(data_copy, text, needle):
    """A German title with a control or bidi character, a line break or 100,000 characters is refused like the English."""
    line = replace_in(data_copy, CATALOGUE, TITLE_DE, f'msgstr "{text}"')
    only(problems_of(data_copy), f"{CATALOGUE}, line {line - 1}, entry 'publication.yml|*|title': the translation", needle)


def test_a_long_german_paragraph_is_refused(data_copy):
    """A German paragraph above the paragraph limit is refused by its entry."""
    msgid = "Laut Bericht betonte Ralf Meyer"
    catalogue = (data_copy / CATALOGUE).read_text(encoding="utf-8")
    assert "contributions.csv|meyer|summary" in catalogue and msgid
    start = catalogue.index('msgctxt "contributions.csv|meyer|summary"')
    at = catalogue.index("msgstr", start)
    end = catalogue.index("\n\n", at)
    (data_copy / CATALOGUE).write_text(catalogue[:at] + 'msgstr "' + "x" * 5000 + '"' + catalogue[end:], encoding="utf-8")
    only(problems_of(data_copy), f"{CATALOGUE}, line", "entry 'contributions.csv|meyer|summary'", "at most 2,000")


# 4. Catalogues read strictly


def test_an_unterminated_quotation_in_the_catalogue_is_refused(data_copy):
    """An entry whose text lacks its closing quotation mark is a problem at its line, not a translation one letter short."""
    line = replace_in(data_copy, CATALOGUE, TITLE_DE, TITLE_DE[:-1])
    found = only(problems_of(data_copy), f"{CATALOGUE}, line {line}:", "quotation marks")
    assert found.endswith('written \\")')


def test_a_repeated_catalogue_entry_is_refused(data_copy):
    """An entry given twice is a problem naming both lines, not silently the later one."""
    entry = f'msgctxt "publication.yml|*|title"\nmsgid "The Ruhr Smart Specialisation Briefing"\n{TITLE_DE}\n'
    with (data_copy / CATALOGUE).open("a", encoding="utf-8") as file:
        file.write("\n" + entry.replace("Ruhrgebiet", "Revier"))
    found = only(problems_of(data_copy), f"{CATALOGUE}, line", "entry 'publication.yml|*|title'", "given twice")
    assert "lines 24 and" in found


def test_a_catalogue_in_latin_1_is_refused(data_copy):
    """A catalogue saved as Latin-1 is a problem naming the file and line, not a traceback."""
    text = (data_copy / CATALOGUE).read_text(encoding="utf-8")
    line = text[: text.index("ü")].count("\n") + 1
    (data_copy / CATALOGUE).write_bytes(text.encode("latin-1", errors="replace"))
    only(problems_of(data_copy), f"{CATALOGUE}, line {line}:", "not UTF-8")


# 5. Duplicate fields in YAML


def test_a_field_given_twice_in_yaml_is_refused(data_copy):
    """A second release_date is a problem naming the file and both lines, not silently the later value."""
    path = data_copy / "publication.yml"
    text = path.read_text(encoding="utf-8")
    first = text[: text.index("release_date:")].count("\n") + 1
    path.write_text(text + "release_date: 1999-01-01\n", encoding="utf-8")
    last = len(path.read_text(encoding="utf-8").splitlines())
    only(
        problems_of(data_copy),
        f"publication.yml, line {last}, column 'release_date'",
        f"given twice, on lines {first} and {last}",
    )


# 6. Files only inside the data folder, and bounded


@pytest.mark.parametrize("path", ["/dev/zero", "/etc/passwd", "../data/sources/event-report-2020-06-18.txt", "C:\\report.txt"])
def test_the_source_document_must_be_inside_the_data_folder(data_copy, path):
    """An absolute path or one with '..' as the source document is refused before anything is read."""
    set_field(data_copy, "event.yml", "source_document", path)
    only(problems_of(data_copy), "event.yml, column 'source_document'", "inside the data folder")


def test_a_link_out_of_the_data_folder_is_refused(data_copy, tmp_path):
    """A source document that is a link to a file outside the data folder is refused."""
    outside = tmp_path / "secret.txt"
    outside.write_text("secret", encoding="utf-8")
    (data_copy / "sources" / "link.txt").symlink_to(outside)
    set_field(data_copy, "event.yml", "source_document", "sources/link.txt")
    only(problems_of(data_copy), "event.yml, column 'source_document'", "outside the data folder")


def test_a_link_to_a_device_is_refused(data_copy):
    """A table that is a link to /dev/zero is refused without reading it."""
    (data_copy / "glossary.csv").unlink()
    (data_copy / "glossary.csv").symlink_to("/dev/zero")
    only(problems_of(data_copy), "glossary.csv:", "outside the data folder")


def test_a_link_in_a_circle_is_refused(data_copy):
    """A table that is a link leading in a circle is reported, not a traceback."""
    (data_copy / "glossary.csv").unlink()
    (data_copy / "glossary.csv").symlink_to(data_copy / "loop.csv")
    (data_copy / "loop.csv").symlink_to(data_copy / "glossary.csv")
    only(problems_of(data_copy), "glossary.csv:", "cannot be read")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_pipe_is_refused_without_being_opened(data_copy):
    """A named pipe as the source document is refused at once (opening it would wait forever)."""
    os.mkfifo(data_copy / "sources" / "pipe")
    set_field(data_copy, "event.yml", "source_document", "sources/pipe")
    only(problems_of(data_copy), "event.yml, column 'source_document'", "not a regular file")


def test_an_oversized_table_is_refused_up_front(data_copy):
    """A glossary above the size limit is refused at once with its size, without a problem per row."""
    rows = read_rows(data_copy / "glossary.csv")
    line = ",".join(f'"{v}"' for v in rows[0].values()) + "\n"
    header = (data_copy / "glossary.csv").read_text(encoding="utf-8").splitlines()[0] + "\n"
    (data_copy / "glossary.csv").write_text(header + line * (MAX_TABLE_BYTES // len(line) + 1), encoding="utf-8")
    started = time.perf_counter()
    only(problems_of(data_copy), "glossary.csv:", f"larger than the {MAX_TABLE_BYTES:,} bytes")
    assert time.perf_counter() - started < 5


def test_an_oversized_report_is_refused(data_copy):
    """A source report above its size limit is refused, named by the event's source_document."""
    (data_copy / "sources" / "event-report-2020-06-18.txt").write_bytes(b"x" * (MAX_REPORT_BYTES + 1))
    only(problems_of(data_copy), "event.yml, column 'source_document'", f"{MAX_REPORT_BYTES:,} bytes")


# 7. A cap on reported problems


def test_the_report_lists_at_most_the_limit_and_counts_the_rest():
    """A report of many problems prints the first ones and how many more, while the error keeps them all."""
    error = DataError([Problem("themes.csv", n, "id", "bad") for n in range(REPORT_LIMIT + 50)])
    lines = error.report().splitlines()
    assert len(lines) == REPORT_LIMIT + 2 and lines[-1] == "  … and 50 more problems (fix the ones above first)"
    assert len(error.problems) == REPORT_LIMIT + 50


def test_reading_a_table_stops_after_many_problems(data_copy):
    """A table of thousands of bad rows (below the size limit) stops being read at the cap, with one problem saying so."""
    header = (data_copy / "glossary.csv").read_text(encoding="utf-8").splitlines()[0]
    (data_copy / "glossary.csv").write_text(header + "\n" + "x,xx,y,z\n" * 20_000, encoding="utf-8")
    problems = [p for p in problems_of(data_copy) if p.startswith("glossary.csv")]
    assert MAX_ROW_PROBLEMS <= len(problems) <= MAX_ROW_PROBLEMS + 2
    assert "reading stopped at row" in problems[0]


# 8. Clear CSV messages


def test_an_unclosed_quotation_mark_is_named_where_it_opens(data_copy):
    """A quotation mark opened in the last row and never closed is reported at that row, not as bad values in other columns."""
    path = data_copy / "themes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[-1] = lines[-1].replace('leisure and events).",', "leisure and events).,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    only(problems_of(data_copy), f"themes.csv, row {len(lines)}:", f"opened in row {len(lines)} is never closed")


def test_an_unclosed_quotation_mark_that_swallows_rows_is_named_where_it_opens(data_copy):
    """A quotation mark that swallows the rows below until another quotation mark is reported at the row it opens in."""
    path = data_copy / "themes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[5].startswith("strategy-adaptation,")
    lines[5] = lines[5].replace('moment.",', "moment.,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = [p for p in problems_of(data_copy) if p.startswith("themes.csv")]
    assert len(problems) == 1 and problems[0].startswith("themes.csv, row 6: a quotation mark") and "never closed" in problems[0]


def test_a_doubled_byte_order_mark_is_explained(data_copy):
    """A table that begins with two byte-order marks is reported as such, with what to do, not as an unknown column."""
    path = data_copy / "perspectives.csv"
    path.write_bytes("\ufeff\ufeff".encode() + path.read_bytes())
    only(problems_of(data_copy), "perspectives.csv, row 1:", "byte-order mark twice", "save it as 'UTF-8'")


def test_a_kept_edition_linked_outside_the_data_is_refused(data_copy, tmp_path, capsys):
    """An earlier edition's table that links to a file outside the data folder is named as a problem, not read."""
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("id,label\nsecret,from outside\n", encoding="utf-8")
    table = data_copy / "editions" / "edition-1" / "themes.csv"
    table.unlink()
    table.symlink_to(outside)
    assert main(["validate", str(data_copy)]) == ExitCode.DATA_INVALID  # read for the revisions page and a release's checks
    err = capsys.readouterr().err
    assert "edition-1/themes.csv" in err and "outside" in err


def test_a_coders_table_above_the_limit_is_refused(data_copy):
    """A coder's table larger than any real coding is reported with its name, not read into memory."""
    from briefing.core.coding import coding_path, read_links

    path = coding_path(data_copy, "coder-2.csv")
    with path.open("ab") as file:
        file.truncate(MAX_TABLE_BYTES + 10)
    with pytest.raises(DataError) as caught:
        read_links(path)
    assert "coder-2.csv" in str(caught.value) and "larger than" in str(caught.value)
