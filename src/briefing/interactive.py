"""Interactive tables (itables/DataTables) that work in the published book and in a live notebook."""

from __future__ import annotations

import html
import os
from pathlib import Path

import pandas as pd
from IPython.display import HTML
from itables import JavascriptFunction, to_html_datatable
from itables.utils import find_package_file

#: Set by the briefing's Sphinx extension while the book is built; kernels inherit it.
BOOK_BUILD_ENV = "BRIEFING_BOOK_BUILD"
#: Where the book serves itables' DataTables bundle, relative to a chapter page (chapters/*.html).
BUNDLE_DIR = "_static/itables"
BUNDLE_URL = f"../{BUNDLE_DIR}/dt_bundle.js"

#: Cells beginning with these characters would run as formulas when an exported CSV is opened.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Export formatter: prefix such cells with an apostrophe, as OWASP advises against CSV injection.
_SAFE_EXPORT = JavascriptFunction(
    "function (data) { var s = String(data); return /^[=+\\-@\\t\\r]/.test(s) ? \"'\" + s : s; }"
)


def in_book_build() -> bool:
    """Return whether this code runs while the book is being built (no live kernel for readers)."""
    return os.environ.get(BOOK_BUILD_ENV) == "1"


def bundle_files() -> list[Path]:
    """Return itables' own DataTables bundle (JavaScript and CSS) that the book serves once."""
    js = Path(find_package_file("html/dt_bundle.js"))
    return [js, js.with_suffix(".css")]


def _export_button(kind: str, text: str) -> dict:
    """Return an export button whose output is safe to open in a spreadsheet."""
    return {"extend": kind, "text": text, "exportOptions": {"format": {"body": _SAFE_EXPORT, "header": _SAFE_EXPORT}}}


def interactive_table(frame: pd.DataFrame, caption: str, table_id: str, facets: list[str] = (), hidden: list[str] = ()) -> HTML:
    """Return a searchable, sortable, exportable table, with facet panes for the named columns."""
    columns = list(frame.columns)
    buttons: list = [_export_button("copyHtml5", "Copy"), _export_button("csvHtml5", "CSV")]
    if hidden:
        buttons.append({"extend": "columnToggle", "columns": [columns.index(c) for c in hidden], "text": "Show or hide " + ", ".join(hidden).lower()})
    layout = {"topStart": "buttons", "topEnd": "search", "bottomStart": "info", "bottomEnd": "paging"}
    options: dict = {
        "caption": caption,
        "table_id": table_id,
        "layout": layout,
        "buttons": buttons,
        "maxBytes": 0,  # never down-sample: every row is shown
        "showIndex": False,
        "paging": False,
        "classes": "display compact",
        "columnDefs": [{"visible": False, "targets": [columns.index(c) for c in hidden]}] if hidden else [],
    }
    if facets:
        layout["top1"] = "searchPanes"
        options["searchPanes"] = {"columns": [columns.index(c) for c in facets], "layout": f"columns-{len(facets)}", "cascadePanes": True, "initCollapsed": False,
                                  # Panes list every option without an inner scroll box, which keyboard
                                  # users could not reach (axe-core: scrollable-region-focusable).
                                  "dtOpts": {"scrollY": False, "scrollCollapse": False}}
    if in_book_build():
        options["dt_url"] = BUNDLE_URL
    # A focusable, labelled region scrolls wide tables sideways on a phone (WCAG: keyboard users
    # must reach a scrollable region; axe-core rule scrollable-region-focusable).
    region = f'<div class="briefing-table-wrap" role="region" tabindex="0" aria-label="{html.escape(caption)}">'
    return HTML(region + to_html_datatable(frame, **options) + "</div>")
