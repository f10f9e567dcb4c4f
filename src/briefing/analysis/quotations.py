"""The report's quotations in the tables: verbatim English, and in another language with the editors' rendering beside it.

The quotations stay as the report words them (they are checked against its text); a German page marks them as
English (``lang="en"``) and adds the editors' checked translation, labelled as theirs, where one exists.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd
from markupsafe import Markup

from briefing.core.model import Dataset
from briefing.core.translations import rendering, renderings
from briefing.i18n.messages import DEFAULT, _, language
from briefing.text.typography import in_marks, marks, nested, typographic


def with_rendering(quotation: str, translated: str | None) -> str:
    """Return a quotation (already in its marks) followed by the editors' rendering, labelled as theirs, if there is one."""
    if translated is None:
        return quotation
    return _("{quotation} (editors' translation: “{rendering}”)").format(quotation=quotation, rendering=translated)


def quoted_by(ds: Dataset) -> Callable[[str, str, str, str], str]:
    """Return a function writing 'Speaker: “quotation”' as plain text, with the editors' rendering outside English."""
    found = renderings(ds)

    def quote(speaker: str, contribution_id: str, theme_id: str, evidence: str) -> str:
        """Return one speaker's quotation for a theme."""
        quotation = in_marks(typographic(evidence))
        return f"{speaker}: {with_rendering(quotation, rendering(found, contribution_id, theme_id))}"

    return quote


def evidence_markup(ds: Dataset, links: pd.DataFrame) -> pd.Series:
    """Return each link's quotation in quotation marks, as every other table and sentence quotes the report: the text in
    English; elsewhere HTML marking it English, with the rendering.

    The HTML cells are markupsafe.Markup in a column of Python objects, so the tables keep them as markup.
    """
    if language() == DEFAULT:
        return pd.Series([in_marks(typographic(e)) for e in links["evidence"]], index=links.index, dtype=object)
    found = renderings(ds)
    cells: list[Markup] = []
    for cid, tid, evidence in zip(links["contribution_id"], links["theme_id"], links["evidence"], strict=True):
        cells.append(Markup(quotation_html(evidence, rendering(found, cid, tid))))
    return pd.Series(cells, index=links.index, dtype=object)


def cell_html(value: object) -> str:
    """Return a cell as HTML: markup made by the package as it is, any other value escaped."""
    return str(value) if isinstance(value, Markup) else html.escape(str(value))


def quotation_html(quotation: str, translated: str | None = None) -> str:
    """Return a quotation of the report in quotation marks as HTML; outside English marked English, with the rendering."""
    quotation = typographic(quotation)
    if language() == DEFAULT:
        return html.escape(in_marks(quotation))
    opening, closing = marks()
    quoted = f"{opening}{in_english(nested(quotation))}{closing}"
    return with_rendering(quoted, html.escape(translated) if translated else None)


def in_english(text: str) -> Markup | str:
    """Return a text left in English on a page of another language, marked English (lang="en"); empty text as it is."""
    return Markup(f'<span lang="en">{html.escape(text)}</span>') if text else text
