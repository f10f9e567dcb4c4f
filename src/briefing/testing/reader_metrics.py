"""What a reader's first visit costs and shows, measured in Chromium: bytes transferred, first rows, first key message."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.build.pdf import CHROMIUM, CHROMIUM_FLAGS, serve
from briefing.testing.browser import WATCH_FIRST_ROWS

if TYPE_CHECKING:
    from playwright.sync_api import Page, Response
from typing import Any

#: Budgets of the reader's issue (all bytes of a first visit, uncompressed). The themes page's follows the book's own
#: DataTables bundle (issue 24): 810,647 B in English and 845,778 B in German when it came, so 900 KB leaves about 6 % for
#: the German page, whose text, tables' rows and word lists grow faster than the English ones with each edition's data.
TEXT_PAGE_BUDGET = 500_000
THEMES_PAGE_BUDGET = 900_000
FIRST_ROWS_BUDGET_MS = 300

#: Records when DOMContentLoaded fired (the first rows are watched with browser.WATCH_FIRST_ROWS).
WATCH_DCL = "window.__dcl = null; document.addEventListener('DOMContentLoaded', () => { window.__dcl = performance.now(); });"

#: Top of the first key message (its first list item) relative to the viewport, after load.
KEY_MESSAGE_TOP = (
    "() => { const li = document.querySelector('.briefing-key-messages > li');"
    " return li ? li.getBoundingClientRect().top : null; }"
)


@contextmanager
def transfers(page: Page) -> Iterator[list[tuple[str, int]]]:
    """Record the address and size of every response body the page loads while the block runs and for 300 ms after
    (late lazy loads, e.g. a search index fetched on demand, would show there); yield the list as it fills."""
    files: list[tuple[str, int]] = []

    def record(response: Response) -> None:
        try:
            files.append((response.url, len(response.body())))
        except Exception:  # a redirect has no body
            files.append((response.url, 0))

    page.on("response", record)
    try:
        yield files
        page.wait_for_timeout(300)
    finally:
        page.remove_listener("response", record)


def transferred_bytes(page: Page, url: str) -> tuple[int, list[tuple[str, int]]]:
    """Open a URL in a fresh tab and return the bytes of every response body it loaded, with the list of files."""
    with transfers(page) as files:
        page.goto(url, wait_until="networkidle")
    return sum(size for _, size in files), files


def first_rows_after_dcl(page: Page, url: str, table_id: str) -> float:
    """Return the milliseconds from DOMContentLoaded to the first visible data row of a table."""
    page.add_init_script(WATCH_DCL)
    page.add_init_script(f"({WATCH_FIRST_ROWS})([{f'table#{table_id} tbody td:not(.dt-empty)'!r}, '__firstRows'])")
    page.goto(url, wait_until="load")
    page.wait_for_function("window.__firstRows !== null && window.__dcl !== null", timeout=60_000)
    elapsed: float = page.evaluate("window.__firstRows - window.__dcl")
    return elapsed


def reader_figures(
    html_dir: Path, pages: list[str], table_page: str = "chapters/themes.html", table_id: str = "theme-links"
) -> dict[str, Any]:
    """Return first-visit bytes per page, ms to first rows after DOMContentLoaded, and the first key message's y at two sizes."""
    from playwright.sync_api import sync_playwright

    figures: dict[str, Any] = {"transfer_bytes": {}, "first_rows_after_dcl_ms": None, "key_message_top_px": {}}
    with serve(html_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        try:
            for path in pages:
                context = browser.new_context()
                figures["transfer_bytes"][path] = transferred_bytes(context.new_page(), f"{base}/{path}")[0]
                context.close()
            runs = []
            for _ in range(3):
                context = browser.new_context()
                runs.append(first_rows_after_dcl(context.new_page(), f"{base}/{table_page}", table_id))
                context.close()
            figures["first_rows_after_dcl_ms"] = round(sorted(runs)[1], 1)
            for name, size in {"1280x900": (1280, 900), "375x800": (375, 800)}.items():
                context = browser.new_context(viewport={"width": size[0], "height": size[1]})
                tab = context.new_page()
                tab.goto(f"{base}/chapters/index.html", wait_until="load")
                figures["key_message_top_px"][name] = tab.evaluate(KEY_MESSAGE_TOP)
                context.close()
        finally:
            browser.close()
    return figures
