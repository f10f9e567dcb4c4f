"""Plain-text references to the briefing and to one contribution, in an author-date style."""

from __future__ import annotations

from briefing.model import Dataset
from briefing.schema import Contribution


def book_reference(ds: Dataset) -> str:
    """Return the reference to this edition of the briefing."""
    e = ds.event
    return f"{e.briefing_author} ({e.edition_date.year}). {e.briefing_title}, edition {e.edition}, {e.edition_date:%-d %B %Y}."


def contribution_reference(ds: Dataset, c: Contribution) -> str:
    """Return the reference to one contribution as summarised in this briefing."""
    e = ds.event
    return (
        f"{c.display_name}: contribution to “{e.title}”, {e.format.lower()}, {e.date:%-d %B %Y}. Summarised from the "
        f"organiser's report ({e.source_author} {e.date.year}) in: {book_reference(ds)}"
    )
