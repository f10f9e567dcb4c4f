"""What a reader waits for in Chromium: first rows of an interactive table, and a search in it."""

from __future__ import annotations

import statistics
from pathlib import Path

from briefing.build.pdf import CHROMIUM, CHROMIUM_FLAGS, serve

#: Records in window[name], from navigation start, when the selector first matches a visible cell of data (not
#: itables' "Loading" placeholder).
WATCH_FIRST_ROWS = """([selector, name]) => {
  window[name] = null;
  const seen = () => { const td = document.querySelector(selector);
    if (td && td.offsetParent !== null && td.innerText.trim() && !td.innerText.includes('Loading ITables')
        && window[name] === null) {
      window[name] = performance.now(); return true;
    }
    return false; };
  document.addEventListener('DOMContentLoaded', seen);
  new MutationObserver((_, observer) => { if (seen()) observer.disconnect(); })
    .observe(document, {subtree: true, childList: true, attributes: true});
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
    """Return ms to first rows and median ms per search in Chromium, served on 127.0.0.1, with the row counts.

    First rows: the first visible data cell, whether from the rows the page carries or from DataTables; interactive:
    the first cell DataTables drew (the table can then be searched, sorted and filtered).
    """
    from playwright.sync_api import sync_playwright

    shown = f"table#{table_id} tbody td:not(.dt-empty)"
    drawn = f"table#{table_id}.dataTable tbody td:not(.dt-empty)"
    with serve(html_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        try:
            context = browser.new_context()
            tab = context.new_page()
            tab.add_init_script(f"({WATCH_FIRST_ROWS})([{shown!r}, '__firstRows'])")
            tab.add_init_script(f"({WATCH_FIRST_ROWS})([{drawn!r}, '__drawnRows'])")
            tab.goto(f"{base}/{page}", wait_until="load")
            tab.wait_for_function("window.__firstRows !== null && window.__drawnRows !== null", timeout=120_000)
            first, interactive = tab.evaluate("[window.__firstRows, window.__drawnRows]")
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
        "interactive_rows_ms": round(interactive),
        "rows_file_arrived_ms": round(arrived) if arrived else None,
        "search_ms": round(statistics.median(searches), 1),
        "rows_in_table": total,
        "rows_matching_search": matched,
    }
