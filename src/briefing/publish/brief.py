"""The brief on its own (its short PDF and its Word file): the line that opens it, with title, edition, date and citation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from briefing.core.model import Dataset
from briefing.i18n.messages import _, format_date
from briefing.publish import cite

#: The class that marks the organiser's report's entry in the book's reference list. The brief and its key messages
#: rest on the report without citing it by a link (they name that kind of source, "Organiser's report", before what
#: the report says), so the brief's files list that entry, among the works they cite, whenever they hold REPORT_MARK.
REPORT_ENTRY = "briefing-report-entry"
#: The class of the label "Organiser's report" (briefing.sections.docnodes.source_mark("report")).
REPORT_MARK = "briefing-source-report"


@dataclass(frozen=True)
class CoverLine:
    """What a forwarded brief says about itself before its first heading."""

    title: str
    edition: str
    date: str
    citation: str
    url: str | None


def cover_line(ds: Dataset, base: str | None, today: dt.date | None = None) -> CoverLine:
    """Return the brief's cover line: a released edition's release date, a preview's (which has none) the day it was made."""
    state = ds.edition_state
    if state.preview:
        date = _("as of {date}").format(date=format_date(today or dt.date.today()))
    else:
        date = _("released {date}").format(date=format_date(ds.publication.release_date))
    return CoverLine(ds.publication.title, cite.edition_label(ds), date, cite.book_reference(ds), base)


def made_on(ds: Dataset, today: dt.date | None = None) -> dt.date:
    """Return the day a file of the brief gives as its date: a released edition's release date, else the day it was made."""
    return (today or dt.date.today()) if ds.edition_state.preview else ds.publication.release_date
