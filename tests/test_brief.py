"""The brief (chapters/brief.html): data with checked evidence, options kept apart as the editors' judgement, the
slides layer with verbatim quotations, and the comparison of 2020 statements with the later strategies' fields."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup

from briefing import load_dataset
from briefing.build.pdf import BRIEF_PAGE, book_pages
from briefing.core.evidence import by_kind, evidence_items, search_record, unknown_evidence
from briefing.core.slides import read_slides
from helpers import PROJECT_ROOT, edit_cell, problems_of, read_rows, write_rows

#: The book's own over-claiming wording that edition 3 removed (issue: edition 3, section 3), on no page in either
#: language; the report's own words stay where the book quotes them.
BANNED = [
    "key channels",
    "Clusters as vehicles",
    "the Ruhr's own clusters count",
    "Fields proposed for the region",
    "Candidate fields are on the table",
    "presented clusters as channels",
    "of the 6 fields match",
    "Raised in 2 perspective(s)",
    "Wirtschaftsfürderungsagentur",
    "Found by the German review",
    "translations/de.po",
    "data/ changes this page on the next build",
]


def test_evidence_items_are_grouped_by_kind_of_source():
    """report:, slides:, context:, field: and ref: items sort under the report, the slides and outside context."""
    grouped = by_kind(["ref:eu2021cpr", "report:kiese", "slides:kiese", "field:smart-city", "context:ruhr-strategy-2022"])
    assert list(grouped) == ["report", "slides", "context"]
    assert [i.key for i in grouped["context"]] == ["eu2021cpr", "smart-city", "ruhr-strategy-2022"]
    assert evidence_items(["report:event"])[0].kind == "report"
    assert evidence_items(["editors:search-2026-12-06"])[0].kind == "editors"


def test_an_editors_search_needs_a_real_date(dataset):
    """editors:search-YYYY-MM-DD is known evidence only with a real day; any other editors: item is not."""
    assert unknown_evidence(dataset, ["editors:search-2026-12-06"]) == []
    assert unknown_evidence(dataset, ["editors:search-2026-13-40", "editors:opinion"]) == [
        "editors:search-2026-13-40",
        "editors:opinion",
    ]


def test_an_editors_search_cites_the_editors_own_record_of_its_month():
    """editors:search-YYYY-MM-DD cites the references entry editors-searches-YYYY-MM where the data hold one, so the
    record shows under the editors' judgement with the search, not as outside context; without one it cites nothing."""
    day = dt.date(2026, 12, 6)
    assert search_record(day, frozenset({"editors-searches-2026-12", "eu2021cpr"})) == "editors-searches-2026-12"
    assert search_record(day, frozenset({"editors-searches-2026-11"})) is None


def test_shipped_brief_cites_the_search_record_only_with_the_editors_search(dataset):
    """The shipped brief and options do not list the editors' search record as a ref: item (outside context)."""
    for row in (*dataset.brief, *dataset.options):
        assert not [e for e in row.evidence if e.startswith("ref:editors-searches-")], row.id


def test_shipped_brief_has_a_bottom_line_open_points_and_three_to_five_options(dataset):
    """The data hold one bottom line of at most three sentences, open points, and 3 to 5 options each with its limits."""
    assert len([b for b in dataset.brief if b.section == "bottom-line"]) == 1
    assert len([b for b in dataset.brief if b.section == "what-is-open"]) >= 4
    assert 3 <= len(dataset.options) <= 5 and all(o.limits and o.evidence for o in dataset.options)


def test_unknown_evidence_stops_loading_naming_file_row_and_field(data_copy):
    """An evidence item that names no contribution is refused with the file, the row and the column."""
    edit_cell(data_copy, "options.csv", {"id": "evaluate-the-approach"}, "evidence", "report:nobody;ref:eu2021cpr")
    found = problems_of(data_copy)
    assert any(p.startswith("options.csv, row 3, column 'evidence'") and "report:nobody" in p for p in found), found


def test_evidence_must_be_written_with_a_known_kind(data_copy):
    """Evidence without one of the kinds report, slides, context, field or ref is refused by the schema."""
    edit_cell(data_copy, "brief.csv", {"id": "cohesion"}, "evidence", "gaertner")
    assert any("brief.csv, row 5, column 'evidence'" in p for p in problems_of(data_copy))


def test_comparison_lines_up_at_most_one_field_per_strategy(data_copy):
    """A line that names two fields of one strategy is refused."""
    edit_cell(data_copy, "field_comparison.csv", {"id": "health"}, "fields", "health-economy;smart-city")
    assert any("field_comparison.csv" in p and "at most one field of each strategy" in p for p in problems_of(data_copy))


def test_slide_quotations_are_verbatim_on_their_slide(dataset):
    """Each kept quotation stands exactly in its slide's text (line breaks as spaces), and on no other slide number."""
    text = (PROJECT_ROOT / "data" / "sources" / "kiese-slides-2020-06-18.txt").read_text(encoding="utf-8")
    slides = read_slides(text)
    assert dataset.slide_quotes
    for q in dataset.slide_quotes:
        assert q.quote in slides[q.slide]


def test_a_quotation_not_on_its_slide_is_refused(data_copy):
    """A changed word, or the right words under another slide number, stops loading with the row and the column."""
    rows = read_rows(data_copy / "slide_quotes.csv")
    rows[0]["quote"] = rows[0]["quote"].replace("Talk", "Conference")
    rows[1]["slide"] = "1"
    write_rows(data_copy / "slide_quotes.csv", rows)
    found = problems_of(data_copy)
    assert any("slide_quotes.csv, row 2, column 'quote'" in p for p in found), found
    assert any("slide_quotes.csv, row 3, column 'quote'" in p for p in found), found


def test_slides_text_outside_the_sources_folder_is_refused(data_copy):
    """A slides file must be a file in sources/ of the data folder."""
    edit_cell(data_copy, "slides.csv", {"contribution_id": "kiese"}, "source_file", "../README.md")
    assert any("slides.csv, row 2, column 'source_file'" in p for p in problems_of(data_copy))


def test_optional_tables_may_be_left_out(data_copy):
    """A data folder without the brief, options, comparison and slides tables loads, with none of them."""
    for name in ("brief.csv", "options.csv", "field_comparison.csv", "slide_quotes.csv", "slides.csv"):
        (data_copy / name).unlink()
    for name in ("brief", "options", "field_comparison", "slides", "slide_quotes"):
        assert getattr(load_dataset(data_copy), name) == ()


def test_the_pdf_prints_the_brief_first():
    """The printed book starts with the brief, then the overview, then the chapters in the contents' order."""
    pages = book_pages()
    assert pages[0] == f"{BRIEF_PAGE}.html" and pages[1] == "chapters/index.html"


def _prose_words(soup: BeautifulSoup) -> int:
    """Count the words of the brief's prose: its paragraphs, less evidence and other meta lines, the source labels and
    the section 'How to cite this chapter' that every chapter ends with."""
    article = soup.select_one("article")
    for label in article.select(".briefing-source"):
        label.decompose()
    citing = article.find(id="how-to-cite-this-chapter")
    words = 0
    for p in article.select("p"):
        if p.find_parent(class_="briefing-meta") or "briefing-meta" in (p.get("class") or []):
            continue
        if citing is not None and citing in p.parents:
            continue
        words += len(p.get_text(" ").split())
    return words


@pytest.mark.parametrize("prefix", ["", "de/"])
def test_brief_page_has_its_anchors_marked_options_and_evidence_links(book, dataset, prefix):
    """The brief has #bottom-line, #what-is-open and #options, each option marked as the editors' judgement and linked
    to its evidence, in both languages."""
    soup = BeautifulSoup((book.html / prefix / "chapters" / "brief.html").read_text(encoding="utf-8"), "html.parser")
    for anchor in ("bottom-line", "what-is-open", "options"):
        assert soup.find(id=anchor), anchor
    for o in dataset.options:
        entry = soup.find(id=f"option-{o.id}").find_parent("li")
        assert entry.select(".briefing-source-editors"), o.id
        assert entry.select(".briefing-evidence-line a, .briefing-evidence-line .bibtex"), o.id
    points = soup.select(".briefing-evidence-line")
    assert len(points) == len(dataset.brief) + len(dataset.options)
    assert all(p.select(".briefing-source") for p in points)


def test_evidence_lines_keep_each_item_whole_and_cite_the_search_record_once(book):
    """An item of several nodes (an editors' search and its record) is not split by the separators, and the editors'
    record of their searches is cited once per line, after the line's last search."""
    soup = BeautifulSoup(book.page("brief"), "html.parser")
    for line in soup.select(".briefing-evidence-line"):
        text = re.sub(r"\s+([,.;])", r"\1", " ".join(line.get_text(" ").split()))
        assert ", ," not in text and ",," not in text, text
        assert text.count("Editors of the Ruhr Smart Specialisation Briefing") <= 1, text


def test_brief_prose_is_at_most_900_words(book):
    """The English brief's prose (paragraphs, not its evidence lines) stays within about two pages: at most 900 words."""
    soup = BeautifulSoup(book.page("brief"), "html.parser")
    assert 400 < _prose_words(soup) <= 900


def test_brief_comes_first_in_the_contents(book):
    """The brief is the first chapter the navigation lists."""
    soup = BeautifulSoup(book.page("index"), "html.parser")
    links = [a["href"] for a in soup.select("nav.bd-links a.reference.internal") if a["href"] != "#"]  # '#': this page
    assert links[0].endswith("brief.html"), links[:3]


def test_slides_layer_shows_verbatim_quotes_with_slide_numbers(book, dataset):
    """Prof. Kiese's section has the marked layer 'What the slides add' with each quotation and its slide number;
    sections whose slides were not found say so."""
    soup = BeautifulSoup(book.page("international-experts"), "html.parser")
    layer = soup.find(id="kiese-slides").find_parent(class_="briefing-slides")
    text = " ".join(layer.get_text(" ").split()).replace("’", "'")
    assert "What the slides add" in text and layer.select(".briefing-source-slides")
    for q in dataset.quotes_from_slides("kiese"):
        assert f"“{q.quote}” (slide {q.slide})" in text
    wilson = " ".join(soup.find(id="wilson").get_text(" ").split()).replace("’", "'")
    assert "found no public copy of the slides" in wilson


def test_comparison_lists_each_line_with_every_strategy_and_the_editors_reason(book, dataset):
    """The comparison has one entry per line of the data, each naming what was said in 2020, each later strategy's
    field (or a dash) and the editors' reason, marked as their judgement."""
    soup = BeautifulSoup(book.page("what-it-means"), "html.parser")
    section = soup.find(id="the-region-s-later-strategy-beside-the-fields-proposed").find_parent("section")
    entries = section.select(".briefing-comparison > ul > li")
    topics = [c.topic for c in dataset.context if c.id in {f.context for f in dataset.strategy_fields}]
    assert len(entries) == len(dataset.field_comparison)
    for entry in entries:
        text = " ".join(entry.get_text(" ").split()).replace("’", "'")
        assert text.startswith("Said in the Ruhr Metropolis in 2020:") and all(t.replace("’", "'") in text for t in topics)
        assert entry.select(".briefing-source-editors")


def test_no_banned_phrase_on_any_page(book):
    """None of the over-claiming phrases or process notes removed in edition 3 is on any page, English or German."""
    found = []
    for path in book.html.rglob("*.html"):
        text = " ".join(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ").split())
        text = text.replace("’", "'")
        found += [f"{path.relative_to(book.html)}: {phrase}" for phrase in BANNED if phrase in text]
    revisions = re.compile(r"(^|/)chapters/revisions\.html")
    assert not [f for f in found if not revisions.search(f.split(":")[0])], found
