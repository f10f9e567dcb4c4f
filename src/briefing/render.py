"""HTML output for notebook cells, with every value from the data escaped."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML


def table_html(frame: pd.DataFrame, caption: str) -> str:
    """Return an accessible HTML table: escaped cells, a caption and column headers."""
    body = frame.to_html(index=False, escape=True, border=0, classes="briefing-table", na_rep="")
    return body.replace(">", f"><caption>{html.escape(caption)}</caption>", 1)


def table_block(frame: pd.DataFrame, caption: str) -> str:
    """Return the table in a box that scrolls sideways on a narrow screen: a named region keyboard users can scroll."""
    return (
        f'<div class="briefing-table-wrap" role="region" tabindex="0" aria-label="{html.escape(caption)}">'
        f"{table_html(frame, caption)}</div>"
    )


def show_table(frame: pd.DataFrame, caption: str) -> HTML:
    """Return a displayable HTML table for a notebook cell."""
    return HTML(table_block(frame, caption))
