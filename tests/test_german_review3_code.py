"""The third German review's findings that need code (research/reviews/e3-german-review-3.md), checked in-process."""

from __future__ import annotations

from docutils import nodes

from briefing.core.load import load_dataset
from briefing.notebook.sections import NotebookPage
from briefing.sections.perspectives import based_in_label, contribution_section
from helpers import DATA

#: The report's descriptive title in German, as the German reference list gives it (data/translations/de.po).
GERMAN_REPORT_TITLE = (
    "Online-Konferenz zu intelligenter Spezialisierung, Clusterpolitik und Corona-Krise, 18. Juni 2020: Veranstaltungsbericht"
)


def test_the_german_edition_cites_the_report_by_its_german_descriptive_title(german):
    """Finding 13: the German event table names the report by the editors' German descriptive title, not marked English."""
    page = NotebookPage(load_dataset(DATA), "chapters/event")
    assert page.ds.event.source_title == GERMAN_REPORT_TITLE
    assert page.report_title() == GERMAN_REPORT_TITLE  # plain text in the page's language, no lang="en" mark


def test_the_english_edition_keeps_the_reports_title_as_it_was():
    """The English edition cites the report by its English descriptive title, unmarked, as before."""
    page = NotebookPage(load_dataset(DATA), "chapters/event")
    assert page.report_title() == "Online conference on smart specialisation, cluster policy and the Corona crisis: event report"


def meta_line(contribution_id: str) -> str:
    """Return the first line of a contribution's section (role, organisation, where based, place in the running order)."""
    page = NotebookPage(load_dataset(DATA), "chapters/international-experts")
    section = contribution_section(page, page.ds.contribution[contribution_id])
    return next(p.astext() for p in section.findall(nodes.paragraph) if "briefing-meta" in p["classes"])


def test_the_german_sentence_writes_the_place_lowercase_and_the_table_label_stays_capitalised(german):
    """Finding 17: after „Tätigkeitsort:“ in running text the place is lowercase; tables and filters keep their label."""
    outside = next(c for c in load_dataset(DATA).contributions if c.based_in == "outside-germany")
    assert "Tätigkeitsort: außerhalb Deutschlands." in meta_line(outside.id)
    assert "Tätigkeitsort: Ruhrgebiet." in meta_line("kiese")
    assert based_in_label(outside) == "Außerhalb Deutschlands"


def test_the_english_sentence_says_where_a_speaker_is_based_in_words():
    """The English section reads 'Based outside Germany.', not the table label after a colon ('Based in: Outside Germany.')."""
    outside = next(c for c in load_dataset(DATA).contributions if c.based_in == "outside-germany")
    assert "Based outside Germany." in meta_line(outside.id)
    assert "Based in the Ruhr." in meta_line("kiese")
    assert based_in_label(outside) == "Outside Germany"


def slides_heading_and_mark() -> tuple[str, str]:
    """Return the heading and the source-kind mark of Prof. Kiese's slides layer."""
    page = NotebookPage(load_dataset(DATA), "chapters/international-experts")
    section = contribution_section(page, page.ds.contribution["kiese"])
    box = next(n for n in section.findall(nodes.container) if "briefing-slides" in n["classes"])
    first = next(box.findall(nodes.paragraph))
    mark = next(n for n in first.findall(nodes.inline) if "briefing-source-slides" in n["classes"])
    return next(first.findall(nodes.strong)).astext(), mark.astext()


def test_the_german_slides_heading_does_not_repeat_the_source_mark_beside_it(german):
    """Finding 22: the slides layer keeps its mark „Folien des Vortrags“ beside a heading that does not say it again."""
    heading, mark = slides_heading_and_mark()
    assert (heading, mark) == ("Was die Folien ergänzen", "Folien des Vortrags")
    assert mark not in heading


def test_the_english_slides_heading_does_not_repeat_the_source_mark_beside_it():
    """The English slides layer reads 'What the slides add' beside its mark 'Speaker's slides', not the mark twice."""
    assert slides_heading_and_mark() == ("What the slides add", "Speaker's slides")
