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
from typing import Any

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
from briefing.text.hyphenate import hyphenation_map, soft_hyphens

#: Set by the briefing's Sphinx extension while the book is built; kernels inherit it.
BOOK_BUILD_ENV = "BRIEFING_BOOK_BUILD"
#: The book's own, smaller build of itables' DataTables bundle (only the extensions its tables use; built by
#: tools/dt-bundle/, with its licences in LICENSE.txt): what the published pages load.
VENDORED_BUNDLE = Path(__file__).resolve().parent / "vendor" / "dt_bundle"
#: Where the book serves that bundle, relative to a chapter page (chapters/*.html).
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

#: Export formatter: the plain text a reader sees (markup and entities gone, through an inert parsed document that runs
#: and loads nothing; the rows file's escaped line breaks between quotations become "; "; no soft hyphens), then cells
#: that would run as formulas (briefing.text.safecsv.FORMULA_STARTS) prefixed with an apostrophe, as OWASP advises
#: against CSV injection: the same rule as the data downloads, in JavaScript. (A custom formatter replaces Buttons' own
#: stripping of HTML, so it does that too.)
_SAFE_EXPORT = JavascriptFunction(
    "function (data) { var s = data == null ? '' : String(data);"
    " if (/[<&]/.test(s)) s = new DOMParser().parseFromString(s, 'text/html').body.textContent;"
    " s = s.replace(/\\u00ad/g, '').replace(/\\s*(?:\\\\n|\\n)\\s*/g, '; ').trim();"
    ' return /^[=+\\-@\\t\\r]/.test(s) ? "\'" + s : s; }'
)


def in_book_build() -> bool:
    """Return whether this code runs while the book is being built (no live kernel for readers)."""
    return os.environ.get(BOOK_BUILD_ENV) == "1"


def bundle_files() -> list[Path]:
    """Return the book's DataTables bundle (JavaScript, CSS and its licences' notice) that the book serves once."""
    return [VENDORED_BUNDLE / name for name in ("dt_bundle.js", "dt_bundle.css", "LICENSE.txt")]


def itables_bundle() -> Path:
    """Return itables' own DataTables bundle (every extension itables supports), which live notebooks use."""
    return Path(find_package_file("html/dt_bundle.js"))


#: A phone-sized screen: facet panes start collapsed there (the same width as the stacked-rows CSS in reader.css).
SMALL_SCREEN = "(max-width: 47.99em)"
#: Hands each drawn table to the page's reader script (src/briefing/sphinx/static/reader.js): row labels for
#: stacked rows on a phone, evidence on demand, and the preview swap. (itables drops a custom initComplete.)
_DRAWN = JavascriptFunction(
    "function (settings) { if (window.briefingTableDrawn) window.briefingTableDrawn(this.api(), settings); }"
)


def _export_button(kind: str, text: str, **extra: object) -> dict[str, Any]:
    """Return an export button whose output is safe to open in a spreadsheet."""
    # "export": cells are exported as data, not as the HTML shown on screen.
    return {
        "extend": kind,
        "text": text,
        "exportOptions": {"orthogonal": "export", "format": {"body": _SAFE_EXPORT, "header": _SAFE_EXPORT}},
        **extra,
    }


def export_buttons(table_id: str) -> list[dict[str, Any]]:
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
#: The translations' sections for DataTables extensions (and the Editor) that the book's bundle does not have: left out of
#: the pages, where every table would carry them for nothing (about 5 KB each in German).
NOT_BUNDLED = frozenset({"autoFill", "columnControl", "datetime", "editor", "searchBuilder", "stateRestore"})


@functools.cache
def _datatables_language(lang: str) -> dict[str, Any] | None:
    """Return DataTables' interface texts in a language from its vendored file, or None where DataTables' English is it."""
    path = DATATABLES_LANGUAGES.get(lang)
    texts = json.loads(path.read_text(encoding="utf-8")) if path else None
    return {key: text for key, text in texts.items() if key not in NOT_BUNDLED} if texts else None


def datatables_language() -> dict[str, Any] | None:
    """Return DataTables' ``language`` option for the build's language (None in English: DataTables' own).

    The vendored file lacks what DataTables 2, SearchPanes and Buttons added since, and words the panes' buttons
    stiffly ("zeige Alle"): those texts are the package's own sentences, laid over the file.
    """
    texts = _datatables_language(language())
    return None if texts is None else _merged(texts, interface_texts())


def interface_texts() -> dict[str, Any]:
    """Return the tables' controls and their screen-reader names in the build's language, by DataTables' keys."""
    return {
        # Read after a column's title ("Thema: zum Sortieren aktivieren").
        "aria": {
            "orderable": _(": Activate to sort"),
            "orderableReverse": _(": Activate to invert sorting"),
            "orderableRemove": _(": Activate to remove sorting"),
        },
        "searchPanes": {
            "buttons": {
                "clearPane": _("Clear selection"),
                "clearSearch": _("Clear search"),
                "collapse": _("Collapse / show pane"),
                "orderByCount": _("Order by count"),
                "orderByLabel": _("Order by label"),
            },
            "clearMessage": _("Clear All"),
            "collapseMessage": _("Collapse All"),
            "showMessage": _("Show All"),
            "loadMessage": _("Loading search panes…"),
            "emptyPanes": _("No search panes"),
            # The panes' button, named as the loading and empty messages name the panes.
            "collapse": {"_": _("Search panes (%d)"), "0": _("Search panes")},
        },
        # SearchPanes names a pane's search field with SearchBuilder's key ("{name}": the column's title).
        "searchBuilder": {"searchTitle": _("Search: {name}")},
        # DataTables writes these as HTML: the sentences are escaped here, where they are written into it.
        "buttons": {
            "copyKeys": html.escape(
                _("Press Ctrl or ⌘ + C to copy the table to the clipboard. To cancel, click this message or press Esc.")
            ),
            "savedStates": html.escape(_("Saved views")),
            # The page-length button's choices, worded as its menu is ("_MENU_ Zeilen anzeigen").
            "pageLength": {"_": _("Show %d rows"), "-1": _("Show all rows"), "1": _("Show 1 row")},
        },
        "loadingRecords": html.escape(_("Loading …")),
        "processing": html.escape(_("Please wait …")),
        "orderClear": _("Remove sorting"),
    }


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Return base with over's values laid over it, nested dictionaries merged key by key."""
    merged = dict(base)
    for key, value in over.items():
        merged[key] = _merged(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged


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


#: The key a speaker's name sorts by: the surname (the last word), without accents, then the whole name, so titles
#: ("Dr.", "Prof.") and first names do not decide the order.
_SURNAME_KEY = (
    "var n = String(data).normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').trim();"
    " return (n.split(/\\s+/).pop() + ' ' + n).toLowerCase();"
)


def _renderer(hyphens: dict[str, str], columns: dict[int, dict[str, Any]]) -> JavascriptFunction:
    """Return the text columns' one cell renderer (one copy of the word list per table).

    On screen: long words with soft hyphens, and where ``columns[i]`` names ``under``, that column's value in smaller
    type under the cell after its ``label``; where it says ``surname``, names sort by surname; searches and exports get
    the plain value. itables escaped every value and ``hyphens`` holds letters and soft hyphens only, so nothing here
    writes markup from the data.
    """
    return JavascriptFunction(
        "function (data, type, row, meta) {"
        + f" var C = {json.dumps(columns)}[meta.col] || {{}};"
        + f" if (C.surname && (type === 'sort' || type === 'order')) {{ {_SURNAME_KEY} }}"
        + " if (type !== 'display') return data;"
        + f" var H = {json.dumps(hyphens)};"
        + " var hy = function (s) { return String(s == null ? '' : s)"
        + ".replace(/\\p{L}{12,}/gu, function (w) { return H[w] || w; }); };"
        + " return hy(data) + (C.under === undefined ? '' :"
        + " '<br><small class=\"briefing-under\">' + C.label + hy(row[C.under]) + '</small>'); }"
    )


def interactive_table(
    frame: pd.DataFrame,
    caption: str,
    table_id: str,
    facets: Sequence[str] = (),
    details: str | None = None,
    under: dict[str, str] | None = None,
    labelled: Sequence[str] = (),
    by_surname: Sequence[str] = (),
    no_match: str | None = None,
) -> HTML:
    """Return a searchable, sortable, exportable table, with facet panes for the named columns, an optional column shown on
        demand under its row, columns shown (and searched) under another one (``under={"Speaker": "Organisation"}``, after
        their title where ``labelled`` names them), name columns (``by_surname``) that sort by surname, and what a search that
    leaves no row means (``no_match``)."""
    columns = list(frame.columns)
    under = under or {}
    hidden = [*([details] if details else []), *under.values()]
    layout = {"topStart": "buttons", "topEnd": "search", "bottomStart": "info", "bottomEnd": "paging"}
    options: dict[str, Any] = {
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
        "columnDefs": _column_defs(frame, hidden, under, labelled, by_surname),
        # A search that leaves no row: say what that means here, rather than an empty table alone.
        "language": {"zeroRecords": no_match or _("No row matches these words.")},
    }
    if (texts := datatables_language()) is not None:
        options["language"] = {**texts, **options["language"]}
    if (marked := _with_markup(frame)) is not None:  # cells with the package's own HTML (a quotation marked English)
        frame, options["allow_html"] = marked, True
    if facets:
        # A pane's options show a cell's plain value: not the column shown under it, not soft hyphens, and not
        # DataTables' search form of it either, which drops the accents ("Mobilitat"): the renderer returns the cell's
        # own value for any type but display, and "plain" is one no other part of DataTables asks for.
        plain = {"orthogonal": {"display": "plain"}}
        options["columnDefs"].append({"targets": [columns.index(c) for c in facets], "searchPanes": plain})
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


def _text_columns(frame: pd.DataFrame) -> list[str]:
    """Return the columns that hold text (not numbers)."""
    return [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]


def _column_defs(
    frame: pd.DataFrame, hidden: list[str], under: dict[str, str], labelled: Sequence[str], by_surname: Sequence[str]
) -> list[dict[str, Any]]:
    """Return DataTables' column definitions: hidden columns, and a renderer for every shown text column."""
    columns = list(frame.columns)
    texts = _text_columns(frame)
    shown = [c for c in texts if c not in hidden or c in under.values()]  # the details column is not drawn from its cells
    hyphens = hyphenation_map((str(v) for c in shown for v in frame[c]), language())
    defs: list[dict[str, Any]] = [{"visible": False, "targets": [columns.index(c) for c in hidden]}] if hidden else []
    config: dict[int, dict[str, Any]] = {}
    for column in texts:
        if column in hidden:
            continue
        entry: dict[str, Any] = {"surname": True} if column in by_surname else {}
        if extra := under.get(column):
            label = _("{column}: ").format(column=extra) if extra in labelled else ""
            entry.update(under=columns.index(extra), label=html.escape(label))
        config[columns.index(column)] = entry
    if config:
        defs.append({"targets": sorted(config), "render": _renderer(hyphens, config)})
    return defs


def _offline_bundle() -> str:
    """Return itables' own bundle, inlined, as its offline mode does (the page loads it once, whichever table comes first).

    Every table carries it: the kernel cannot know whether the page it draws on has the bundle already
    (a reloaded page, a second browser tab, cells run out of order), and a table without it waits forever.
    Not the book's smaller bundle: the first bundle a notebook loads serves every itables table in it, the reader's own
    ``itables.show`` calls included, which may use any extension itables supports; a notebook does not count bytes.
    """
    return generate_init_offline_itables_html(itables_bundle())


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
            f"<td{' class=briefing-pre-hidden' if i in hidden else ''}>"
            f"{soft_hyphens(str(v) if escaped else cell_html(v), language())}</td>"
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


def _rows_from_file(frame: pd.DataFrame, options: dict[str, Any]) -> str:
    """Return the table's HTML for the book: the first rows are in the page, all rows load from a static JSON file."""
    options = dict(options)
    caption = options.pop("caption")
    dt_args = get_itable_arguments(frame, caption, **options)
    dt_url, connected = dt_args.pop("dt_url"), dt_args.pop("connected")
    dt_args.pop("display_logo_when_loading", None)
    table_id = options["table_id"]
    head = re.search(r"<thead>.*</thead>", dt_args["table_html"], re.S)
    assert head is not None, "itables writes a <thead> into table_html"
    thead = soft_hyphens(head.group(0), language())  # long column titles break at syllables too
    hidden = [t for d in options.get("columnDefs", []) if d.get("visible") is False for t in d["targets"]]
    escaped = options.get("allow_html") is True
    preview = _preview(frame, caption, re.sub(r"\s*<th></th>", "", thead), hidden, escaped)
    # The page's table holds the preview (below), which stays until the rows are drawn; without table_html ITable leaves
    # the table as it is, so the table's script does not carry a second copy of it.
    dt_args.pop("table_html")
    # DataTables' ajax option (the rows' JSON file): itables' DTForITablesOptions TypedDict does not list it.
    dt_args["ajax"] = _write_rows(dt_args.pop("data_json"), table_id)  # type: ignore[typeddict-unknown-key]
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
