"""The third German review's findings that need code (research/reviews/e3-german-review-3.md), checked in-process."""

from __future__ import annotations

from briefing.core.load import load_dataset
from briefing.notebook.sections import NotebookPage
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
