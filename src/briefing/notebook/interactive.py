"""Interactive tables (itables/DataTables) that work in the published book and in a live notebook."""

from __future__ import annotations

import functools
import hashlib
import html
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
from IPython.display import HTML
from itables import JavascriptCode, JavascriptFunction, to_html_datatable
from itables.javascript import (
    generate_init_offline_itables_html,
    get_itable_arguments,
    html_table_from_template,
)
from itables.utils import find_package_file
from markupsafe import Markup

from briefing.analysis.quotations import cell_html
from briefing.i18n.messages import _, format_number, language

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

#: Export formatter: prefix cells that would run as formulas (briefing.text.safecsv.FORMULA_STARTS) with an
#: apostrophe, as OWASP advises against CSV injection; the same rule as the data downloads, in JavaScript.
_SAFE_EXPORT = JavascriptFunction('function (data) { var s = String(data); return /^[=+\\-@\\t\\r]/.test(s) ? "\'" + s : s; }')


def in_book_build() -> bool:
    """Return whether this code runs while the book is being built (no live kernel for readers)."""
    return os.environ.get(BOOK_BUILD_ENV) == "1"


def bundle_files() -> list[Path]:
    """Return itables' own DataTables bundle (JavaScript and CSS) that the book serves once."""
    js = Path(find_package_file("html/dt_bundle.js"))
    return [js, js.with_suffix(".css")]


#: A phone-sized screen: facet panes start collapsed there (the same width as the stacked-rows CSS in reader.css).
SMALL_SCREEN = "(max-width: 47.99em)"
#: Hands each drawn table to the page's reader script (src/briefing/sphinx/static/reader.js): row labels for
#: stacked rows on a phone, evidence on demand, and the preview swap. (itables drops a custom initComplete.)
_DRAWN = JavascriptFunction(
    "function (settings) { if (window.briefingTableDrawn) window.briefingTableDrawn(this.api(), settings); }"
)


def _export_button(kind: str, text: str, **extra) -> dict:
    """Return an export button whose output is safe to open in a spreadsheet."""
    # "export": cells are exported as data, not as the HTML shown on screen.
    return {
        "extend": kind,
        "text": text,
        "exportOptions": {"orthogonal": "export", "format": {"body": _SAFE_EXPORT, "header": _SAFE_EXPORT}},
        **extra,
    }


def export_buttons(table_id: str) -> list[dict]:
    """Return Copy and two CSV downloads named after the table, with a byte-order mark.

    One with commas, one with semicolons for German spreadsheets.
    """
    csv = {"bom": True, "charset": "utf-8", "extension": ".csv"}
    return [
        _export_button("copyHtml5", _("Copy"), title=""),
        _export_button("csvHtml5", "CSV", filename=table_id, **csv),
        _export_button("csvHtml5", _("CSV (;) for German Excel"), filename=f"{table_id}-semicolon", fieldSeparator=";", **csv),
    ]


#: DataTables' own translations of its interface (the DataTables project's i18n files, MIT; see vendor/README.md).
DATATABLES_LANGUAGES = {"de": Path(__file__).resolve().parent / "vendor" / "datatables-i18n-de-DE.json"}


@functools.cache
def _datatables_language(lang: str) -> dict | None:
    """Return DataTables' interface texts in a language from its vendored file, or None where DataTables' English is it."""
    path = DATATABLES_LANGUAGES.get(lang)
    return json.loads(path.read_text(encoding="utf-8")) if path else None


def datatables_language() -> dict | None:
    """Return DataTables' ``language`` option for the build's language (None in English: DataTables' own)."""
    return _datatables_language(language())


def _with_markup(frame: pd.DataFrame) -> pd.DataFrame | None:
    """Return the frame as HTML (headings and text escaped, the package's markup kept) if a cell is markup, else None."""
    if not any(isinstance(v, Markup) for column in frame for v in frame[column]):
        return None
    escaped = frame.rename(columns=lambda c: html.escape(str(c), quote=False)).astype(object)
    for column in escaped:
        # Only &, < and > are escaped, as itables does, so that a search for a quotation mark still finds it.
        escaped[column] = [
            v if isinstance(v, Markup) or not isinstance(v, str) else html.escape(v, quote=False) for v in escaped[column]
        ]
    return escaped


def _under(column: int) -> JavascriptFunction:
    """Return a cell renderer that shows another column's value in smaller type under this cell's.

    Display only; itables escaped both.
    """
    return JavascriptFunction(
        "function (data, type, row) { if (type !== 'display') return data;"
        f" return data + '<br><small class=\"briefing-under\">' + row[{column}] + '</small>'; }}"
    )


def interactive_table(
    frame: pd.DataFrame,
    caption: str,
    table_id: str,
    facets: Sequence[str] = (),
    details: str | None = None,
    under: dict[str, str] | None = None,
) -> HTML:
    """Return a searchable, sortable, exportable table, with facet panes for the named columns, an optional column shown on
    demand under its row, and columns shown (and searched) under another one (``under={"Speaker": "Organisation"}``)."""
    columns = list(frame.columns)
    under = under or {}
    layout = {"topStart": "buttons", "topEnd": "search", "bottomStart": "info", "bottomEnd": "paging"}
    options: dict = {
        "caption": caption,
        "table_id": table_id,
        "layout": layout,
        "buttons": export_buttons(table_id),
        "maxBytes": 0,  # never down-sample: every row is shown
        "showIndex": False,
        "paging": False,
        "classes": "display compact",
        "autoWidth": False,
        # A click anywhere on a column title sorts (itables' default sorts on the small arrow only).
        "text_in_header_can_be_selected": False,
        "drawCallback": _DRAWN,
        "columnDefs": [
            {"visible": False, "targets": [columns.index(c) for c in [*([details] if details else []), *under.values()]]}
        ]
        + [{"targets": columns.index(shown), "render": _under(columns.index(extra))} for shown, extra in under.items()],
    }
    if not details and not under:
        options["columnDefs"] = []
    if (texts := datatables_language()) is not None:
        options["language"] = texts
    if (marked := _with_markup(frame)) is not None:  # cells with the package's own HTML (a quotation marked English)
        frame, options["allow_html"] = marked, True
    if facets:
        layout["top1"] = "searchPanes"
        options["searchPanes"] = {
            "columns": [columns.index(c) for c in facets],
            "layout": f"columns-{len(facets)}",
            "cascadePanes": True,
            # Collapsed on a phone, where open panes would push the first row a screen down.
            "initCollapsed": JavascriptCode(f"window.matchMedia({SMALL_SCREEN!r}).matches"),
            # Each pane lists every option (no inner scroll box that hid options); reader.css caps its height
            # and lets it scroll as a focusable region.
            "dtOpts": {"scrollY": False, "scrollCollapse": False, "scroller": False, "paging": False},
        }
    if len(frame) > PAGE_LIMIT:
        # Rows are drawn only when shown, and cascading panes (a recount on every keystroke) are off.
        options.update(paging=True, pageLength=PAGE_LENGTH, deferRender=True)
        options.get("searchPanes", {})["cascadePanes"] = False
    # A focusable, labelled region scrolls wide tables sideways on a phone (WCAG: keyboard users
    # must reach a scrollable region; axe-core rule scrollable-region-focusable).
    region = f'<div class="briefing-table-wrap" role="region" tabindex="0" aria-label="{html.escape(caption)}"'
    region += f' data-details="{columns.index(details)}">' if details else ">"
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


def _preview(frame: pd.DataFrame, caption: str, thead: str, hidden: list[int], escaped: bool = False) -> str:
    """Return the table's first rows as plain HTML: shown at once, before (and without) the script and the rows file.

    ``escaped``: the frame's cells are HTML already (see _with_markup).
    """
    head = frame.head(PREVIEW_ROWS)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{' class=briefing-pre-hidden' if i in hidden else ''}>{str(v) if escaped else cell_html(v)}</td>"
            for i, v in enumerate(row)
        )
        + "</tr>"
        for row in head.itertuples(index=False)
    )
    for i in hidden:  # mark the header cell of a column that the table shows only on demand
        cells = thead.split("<th>")
        cells[i + 1] = '<th class="briefing-pre-hidden">' + cells[i + 1]
        thead = "<th>".join(cells).replace('<th><th class="briefing-pre-hidden">', '<th class="briefing-pre-hidden">')
    return f"<caption>{html.escape(caption)}</caption>{thead}<tbody>{body}</tbody>"


def _rows_from_file(frame: pd.DataFrame, options: dict) -> str:
    """Return the table's HTML for the book: the first rows are in the page, all rows load from a static JSON file."""
    options = dict(options)
    caption = options.pop("caption")
    dt_args = get_itable_arguments(frame, caption, **options)
    dt_url, connected = dt_args.pop("dt_url"), dt_args.pop("connected")
    dt_args.pop("display_logo_when_loading", None)
    table_id = options["table_id"]
    head = re.search(r"<thead>.*</thead>", dt_args["table_html"], re.S)
    assert head is not None, "itables writes a <thead> into table_html"
    thead = head.group(0)
    hidden = [t for d in options.get("columnDefs", []) if d.get("visible") is False for t in d["targets"]]
    escaped = options.get("allow_html") is True
    preview = _preview(frame, caption, re.sub(r"\s*<th></th>", "", thead), hidden, escaped)
    # itables puts table_html into the table before DataTables starts: the preview stays until the rows are drawn.
    dt_args["table_html"] = preview
    dt_args["ajax"] = _write_rows(dt_args.pop("data_json"), table_id)
    page = html_table_from_template(table_id, dt_url, connected, False, dt_args)
    # The first rows are visible from the start, in the table's own place (not a 'Loading' line).
    page = re.sub(r"<tbody>.*?</tbody>", lambda _: preview, page, count=1, flags=re.S)
    more = len(frame) - min(len(frame), PREVIEW_ROWS)
    if more:
        note = _(
            "The first {shown} of {total} rows; the whole table, with search and filters, needs JavaScript "
            "(or use the data downloads)."
        ).format(shown=PREVIEW_ROWS, total=format_number(len(frame)))
        page += f'<p class="briefing-preview-note" id="{table_id}-preview-note">{html.escape(note)}</p>'
    return page
