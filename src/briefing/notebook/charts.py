"""A static heatmap of themes by perspective, with alt text computed from the data."""

from __future__ import annotations

import base64
import html
import io
import textwrap
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from PIL import Image

from briefing.analysis import themes
from briefing.core.model import Dataset
from briefing.i18n.messages import _, count_words

if TYPE_CHECKING:
    from IPython.display import HTML


def heatmap_png(ds: Dataset) -> bytes:
    """Return a PNG heatmap: contributions per theme (rows) and perspective (columns), each cell labelled."""
    counts = themes.theme_perspective_counts(ds)
    fig, ax = plt.subplots(figsize=(7.5, 0.38 * len(counts) + 1.4), dpi=110)
    ax.imshow(counts.to_numpy(), cmap="Blues", aspect="auto", vmin=0, vmax=max(1, int(counts.to_numpy().max())))
    # Labels wrap, so neighbouring perspectives' names never run into each other and long theme labels (German ones
    # especially) leave the columns room.
    ax.set_xticks(range(len(counts.columns)), [textwrap.fill(ds.perspective[p].label, 14) for p in counts.columns])
    ax.set_yticks(range(len(counts.index)), [textwrap.fill(ds.theme[t].label, 38) for t in counts.index])
    ax.xaxis.tick_top()
    top = max(1, int(counts.to_numpy().max()))
    # Every cell gives its number, 0 included, as the table "Themes by perspective" below it does ("0: none").
    for i, row in enumerate(counts.to_numpy()):
        for j, value in enumerate(row):
            ax.text(j, i, str(value), ha="center", va="center", color="white" if value > top / 2 else "black")
    ax.tick_params(length=0)
    fig.tight_layout()
    raw = io.BytesIO()
    fig.savefig(raw, format="png", metadata={"Software": None})
    plt.close(fig)
    # A 64-colour palette looks the same and is a third of the size (the PNG is inlined in the page).
    buffer = io.BytesIO()
    Image.open(raw).convert("RGB").quantize(colors=64).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def heatmap_alt(ds: Dataset) -> str:
    """Return alt text that states what the heatmap shows."""
    reach = themes.perspectives_per_theme(ds)
    wide = [ds.theme[t].label for t, ps in reach.items() if len(ps) > 1]
    every = themes.shared_by_all(ds)
    shared = (
        _("Themes raised in more than one perspective: {themes}.").format(themes="; ".join(wide))
        if wide
        else _("No theme is raised in more than one perspective.")
    )
    allp = (
        _("Raised in all perspectives: {themes}.").format(themes="; ".join(ds.theme[t].label for t in every))
        if every
        else _("No theme is raised in all perspectives.")
    )
    what = _(
        "Heatmap of {themes} themes (rows) by {perspectives} perspectives (columns); each cell gives the "
        "number of contributions, darker for more."
    ).format(themes=count_words(len(ds.themes)), perspectives=count_words(len(ds.perspectives)))
    return f"{what} {shared} {allp}"


def heatmap_caption() -> str:
    """Return the caption of the themes chapter's heatmap, in the build's language."""
    return _("Contributions raising each theme, by perspective (number in each cell; 0: none)")


def heatmap_figure(ds: Dataset, caption: str | None = None) -> HTML:
    """Return the heatmap as an HTML figure with alt text and caption (by default heatmap_caption), embedded in the page."""
    from IPython.display import HTML

    caption = caption or heatmap_caption()
    png = heatmap_png(ds)
    width, height = Image.open(io.BytesIO(png)).size
    data = base64.b64encode(png).decode("ascii")
    # In the book the figure fits the text column; on a phone it keeps its own width (labels about 9 px rather than 4)
    # and scrolls sideways (reader.css, reader.js).
    return HTML(
        f'<figure class="briefing-figure"><div class="briefing-figure-scroll"><img src="data:image/png;base64,{data}" '
        f'alt="{html.escape(heatmap_alt(ds))}" width="{width}" height="{height}" style="max-width:100%;height:auto">'
        f"</div><figcaption>{html.escape(caption)}</figcaption></figure>"
    )
