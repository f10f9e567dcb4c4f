"""The contribution explorer: a plain filter function, and its ipywidgets front end for live notebooks."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from briefing.core.model import Dataset
from briefing.core.schema import BASED_IN, based_in_label
from briefing.core.source import normalise
from briefing.i18n.messages import _, ngettext, pgettext
from briefing.notebook.interactive import in_book_build
from briefing.text.render import table_html
from briefing.text.typography import in_marks

if TYPE_CHECKING:
    from IPython.display import HTML
    from ipywidgets import VBox

#: What the published page says in place of the explorer (in English; static_note() gives it in the build's language).
STATIC_NOTE = (
    "The explorer filters contributions by perspective, where the speaker is based, theme and free text. It needs a "
    "running Python kernel: download this chapter as a notebook and run it in Jupyter to use it. "
    "In this published page, the interactive tables above filter without one."
)


def static_note() -> str:
    """Return what the published page says in place of the explorer, in the build's language (STATIC_NOTE in English)."""
    return _(
        "The explorer filters contributions by perspective, where the speaker is based, theme and free text. It needs a "
        "running Python kernel: download this chapter as a notebook and run it in Jupyter to use it. "
        "In this published page, the interactive tables above filter without one."
    )


def columns() -> list[str]:
    """Return the headings of the explorer's result table, in the build's language."""
    return [
        pgettext("column", "No."),
        pgettext("column", "Speaker"),
        pgettext("column", "Perspective"),
        pgettext("column", "Based in"),
        pgettext("column", "Summary"),
        pgettext("column", "Themes, with the report's words"),
    ]


def filter_contributions(
    ds: Dataset, perspectives: Iterable[str] = (), themes: Iterable[str] = (), text: str = "", based_in: Iterable[str] = ()
) -> pd.DataFrame:
    """Return the contributions that pass every filter given.

    That is: in any of the perspectives, by speakers based in any of the places, raising any of the themes, mentioning the text.
    """
    perspectives, themes, places = set(perspectives), set(themes), set(based_in)
    needle = normalise(text).casefold()
    rows = []
    for c in ds.contributions:
        links = ds.links_of(c.id)
        if perspectives and c.perspective not in perspectives:
            continue
        if places and c.based_in not in places:
            continue
        if themes and not themes & {link.theme_id for link in links}:
            continue
        labels = [ds.theme[link.theme_id].label for link in links]
        evidence = [f"{ds.theme[link.theme_id].label}: {in_marks(link.evidence)}" for link in links]
        haystack = " ".join([c.display_name, c.role, c.organisation, c.topic, c.summary, *labels, *evidence])
        if needle and needle not in normalise(haystack).casefold():
            continue
        values = [
            c.order,
            c.display_name,
            ds.perspective[c.perspective].label,
            based_in_label(c.based_in, ds.event.region),
            c.summary,
            " · ".join(evidence),
        ]
        rows.append(dict(zip(columns(), values, strict=True)))
    return pd.DataFrame(rows, columns=columns())


def result_html(frame: pd.DataFrame) -> str:
    """Return the explorer's result as an escaped HTML table, or a note when nothing matches."""
    if frame.empty:
        none = _("No contribution matches these filters.")
        return f"<p>{html.escape(none)}</p>"
    caption = ngettext("{count} matching contribution", "{count} matching contributions", len(frame))
    return table_html(frame, caption.format(count=len(frame)))


def explorer(ds: Dataset) -> HTML | VBox:
    """Return the explorer widget in a live kernel, or the static note while the book is built."""
    if in_book_build():
        from IPython.display import HTML

        title = html.escape(_("Explorer"))
        return HTML(
            f'<div class="admonition note"><p class="admonition-title">{title}</p><p>{html.escape(static_note())}</p></div>'
        )
    import ipywidgets as widgets

    perspective = widgets.SelectMultiple(
        options=[(p.label, p.id) for p in ds.perspectives], description=_("Perspective"), rows=len(ds.perspectives)
    )
    places = sorted({c.based_in for c in ds.contributions}, key=list(BASED_IN).index)
    labels = [(based_in_label(k, ds.event.region), k) for k in places]
    based = widgets.SelectMultiple(options=labels, description=_("Based in"), rows=len(places))
    theme = widgets.SelectMultiple(options=[(t.label, t.id) for t in ds.themes], description=_("Theme"), rows=8)
    text = widgets.Text(description=_("Text"), placeholder=_("a name, an organisation, a word…"))
    result = widgets.HTML()

    def update(_change: object = None) -> None:
        """Refresh the result from the current widget values."""
        result.value = result_html(filter_contributions(ds, perspective.value, theme.value, text.value, based.value))

    for control in (perspective, based, theme, text):
        control.observe(update, names="value")
    update()
    box = widgets.VBox([widgets.HBox([perspective, based, theme]), text, result])
    box.controls = {"perspective": perspective, "based_in": based, "theme": theme, "text": text, "result": result}
    return box
