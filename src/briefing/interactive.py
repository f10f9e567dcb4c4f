"""Interactive tables (itables/DataTables) that work in the published book and in a live notebook."""

from __future__ import annotations

import hashlib
import html
import os
from pathlib import Path

import pandas as pd
from IPython.display import HTML
from itables import JavascriptFunction, to_html_datatable
from itables.javascript import (
    _simple_html_table_from_dt_args,
    generate_init_offline_itables_html,
    get_itable_arguments,
    html_table_from_template,
)
from itables.utils import find_package_file

#: Set by the briefing's Sphinx extension while the book is built; kernels inherit it.
BOOK_BUILD_ENV = "BRIEFING_BOOK_BUILD"
#: Where the book serves itables' DataTables bundle, relative to a chapter page (chapters/*.html).
BUNDLE_DIR = "_static/itables"
BUNDLE_URL = f"../{BUNDLE_DIR}/dt_bundle.js"
#: Set by the Sphinx extension to the build's HTML folder, so kernels can write the tables' rows there.
HTML_DIR_ENV = "BRIEFING_HTML_DIR"
#: Where the book serves each table's rows as a static JSON file, loaded by its page (not inlined).
ROWS_DIR = "_static/tables"
#: Tables longer than this show pages of PAGE_LENGTH rows (the info line states the total); shorter ones show every row.
PAGE_LIMIT = 500
PAGE_LENGTH = 100
#: Rows in the static preview that readers without JavaScript see (it says how many more there are).
PREVIEW_ROWS = 10

#: Export formatter: prefix cells that would run as formulas (briefing.safecsv.FORMULA_STARTS) with an
#: apostrophe, as OWASP advises against CSV injection; the same rule as the data downloads, in JavaScript.
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
    if len(frame) > PAGE_LIMIT:
        # Rows are drawn only when shown, and cascading panes (a recount on every keystroke) are off.
        options.update(paging=True, pageLength=PAGE_LENGTH, deferRender=True)
        options.get("searchPanes", {})["cascadePanes"] = False
    # A focusable, labelled region scrolls wide tables sideways on a phone (WCAG: keyboard users
    # must reach a scrollable region; axe-core rule scrollable-region-focusable).
    region = f'<div class="briefing-table-wrap" role="region" tabindex="0" aria-label="{html.escape(caption)}">'
    if in_book_build():
        options["dt_url"] = BUNDLE_URL
    if os.environ.get(HTML_DIR_ENV):
        table = _rows_from_file(frame, options)
    elif in_book_build():
        table = to_html_datatable(frame, **options)
    else:  # a live notebook: itables' offline mode, so the table needs no network and calls no other host
        return HTML(_offline_bundle() + region + to_html_datatable(frame, connected=False, **options) + "</div>")
    return HTML(region + table + "</div>")


def _offline_bundle() -> str:
    """Return itables' own bundle, inlined, as its offline mode does (the page loads it once, whichever table comes first).

    Every table carries it: the kernel cannot know whether the page it draws on has the bundle already
    (a reloaded page, a second browser tab, cells run out of order), and a table without it waits forever.
    """
    return generate_init_offline_itables_html(bundle_files()[0])


def _write_rows(rows_json: str, table_id: str) -> str:
    """Write a table's rows (DataTables' ``{"data": [...]}``) into the built book; return the page's URL for them."""
    text = '{"data": ' + rows_json + "}"
    name = f"{table_id}-{hashlib.sha256(text.encode()).hexdigest()[:12]}.json"  # a new name when rows change: no stale cache
    folder = Path(os.environ[HTML_DIR_ENV]) / ROWS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{table_id}-*.json"):
        old.unlink()
    (folder / name).write_text(text, encoding="utf-8")
    return f"../{ROWS_DIR}/{name}"


def _rows_from_file(frame: pd.DataFrame, options: dict) -> str:
    """Return the table's HTML for the book: its rows load from a static JSON file, so the page stays light at any size."""
    options = dict(options)
    dt_args = get_itable_arguments(frame, options.pop("caption"), **options)
    dt_url, connected = dt_args.pop("dt_url"), dt_args.pop("connected")
    dt_args.pop("display_logo_when_loading", None)
    # Without JavaScript, readers see the first rows and how many more the table holds.
    fallback = _simple_html_table_from_dt_args({**dt_args, "paging": True, "pageLength": PREVIEW_ROWS}, include_trust_hint=False)
    dt_args["ajax"] = _write_rows(dt_args.pop("data_json"), options["table_id"])
    return html_table_from_template(options["table_id"], dt_url, connected, False, dt_args, fallback)
