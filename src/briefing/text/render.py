"""HTML output for notebook cells, with every value from the data escaped."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML
from markupsafe import Markup

from briefing.i18n.messages import DEFAULT, language
from briefing.text.typography import typographic


def table_html(frame: pd.DataFrame, caption: str) -> str:
    """Return an accessible HTML table: escaped cells (the package's own markupsafe.Markup kept), a caption and headers."""
    frame = frame.rename(columns=lambda c: typographic(c) if isinstance(c, str) else c)
    for column in [c for c in frame.columns if any(isinstance(v, str) for v in frame[c])]:
        frame[column] = [v if isinstance(v, Markup) or not isinstance(v, str) else typographic(v) for v in frame[column]]
    caption = typographic(caption)
    marked = any(isinstance(v, Markup) for column in frame for v in frame[column])
    if marked:
        frame = frame.rename(columns=lambda c: html.escape(str(c))).astype(object)
        for column in frame:
            frame[column] = [v if isinstance(v, Markup) or not isinstance(v, str) else html.escape(v) for v in frame[column]]
    body: str = frame.to_html(index=False, escape=not marked, border=0, classes="briefing-table", na_rep="")
    return body.replace(">", f"><caption>{html.escape(caption)}</caption>", 1)


def table_block(frame: pd.DataFrame, caption: str) -> str:
    """Return the table in a box that scrolls sideways on a narrow screen: a named region keyboard users can scroll."""
    return (
        f'<div class="briefing-table-wrap" role="region" tabindex="0" aria-label="{html.escape(typographic(caption))}">'
        f"{table_html(frame, caption)}</div>"
    )


def show_table(frame: pd.DataFrame, caption: str) -> HTML:
    """Return a displayable HTML table for a notebook cell."""
    return HTML(table_block(frame, caption))


def decimal(value: float, places: int = 2) -> str:
    """Write a number with a fixed number of decimals and the language's decimal sign: '0.85', in German '0,85'."""
    text = f"{value:.{places}f}"
    return text if language() == DEFAULT else text.replace(".", ",")
