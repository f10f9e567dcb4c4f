"""What a reader waits for in Chromium: first rows of an interactive table, and a search in it."""

from __future__ import annotations

import statistics
from pathlib import Path

from briefing.pdf import CHROMIUM, CHROMIUM_FLAGS, serve

#: Records, from navigation start, when the table first shows a row of data (not the 'Loading' row).
_WATCH_FIRST_ROWS = """(selector) => {
  window.__firstRows = null;
  const seen = () => { const td = document.querySelector(selector);
    if (td && td.offsetParent !== null && window.__firstRows === null) {
      window.__firstRows = performance.now(); return true;
    }
    return false; };
  new MutationObserver((_, observer) => { if (seen()) observer.disconnect(); })
    .observe(document, {subtree: true, childList: true});
}"""
#: Types a word into the table's search box and resolves, once the table is redrawn and painted, with the milliseconds taken.
_SEARCH = """([tableId, word]) => new Promise(resolve => {
  const input = document.querySelector('#' + tableId + '_wrapper .dt-search input');
  const start = performance.now();
  $('#' + tableId).one('draw.dt', () => requestAnimationFrame(() => resolve(performance.now() - start)));
  input.value = word;
  input.dispatchEvent(new Event('input', {bubbles: true}));
})"""
_ARRIVED = (
    "(part) => "
    "{ const r = performance.getEntriesByType('resource').find(e => e.name.includes(part)); return r ? r.responseEnd : null; }"
)
_COUNTS = (
    "(tableId) => { const t = $('#' + tableId).DataTable(); return [t.rows().count(), t.rows({search: 'applied'}).count()]; }"
)


def table_timings(html_dir: Path, page: str, table_id: str, word: str, runs: int = 3) -> dict[str, float | int]:
    """Return ms to first rows and median ms per search in Chromium, served on 127.0.0.1, with the row counts."""
    from playwright.sync_api import sync_playwright

    cell = f"table#{table_id}.dataTable tbody td:not(.dt-empty)"
    with serve(html_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        try:
            context = browser.new_context()
            tab = context.new_page()
            tab.add_init_script(f"({_WATCH_FIRST_ROWS})({cell!r})")
            tab.goto(f"{base}/{page}", wait_until="load")
            tab.wait_for_function("window.__firstRows !== null", timeout=120_000)
            first = tab.evaluate("window.__firstRows")
            # When the rows file had arrived: the rest of the wait is DataTables and its panes at work.
            arrived = tab.evaluate(_ARRIVED, f"/{table_id}-")
            tab.wait_for_load_state("networkidle")
            total = tab.evaluate(_COUNTS, table_id)[0]
            searches = []
            for _ in range(runs):
                searches.append(tab.evaluate(_SEARCH, [table_id, word]))
                matched = tab.evaluate(_COUNTS, table_id)[1]
                tab.evaluate(_SEARCH, [table_id, ""])
            context.close()
        finally:
            browser.close()
    return {
        "first_rows_ms": round(first),
        "rows_file_arrived_ms": round(arrived) if arrived else None,
        "search_ms": round(statistics.median(searches), 1),
        "rows_in_table": total,
        "rows_matching_search": matched,
    }
