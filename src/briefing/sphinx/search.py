"""The book's search: how results are ranked, titled and summarised (search.js), and one search field per page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from briefing.i18n.messages import _

#: Ranking, section titles and prose snippets for Sphinx's search page (see the file's opening comment).
SEARCH_JS = Path(__file__).with_name("search.js")


def _use_search_js(app: Sphinx, config) -> None:
    """Have Sphinx embed search.js in the search page's scripts (html_search_scorer, loaded only where search is used)."""
    config.html_search_scorer = str(SEARCH_JS)


def no_match() -> str:
    """Return the search page's line for a search that found nothing, in the edition's language."""
    return _("Your search did not match anything in this briefing.")


def search_words() -> dict[str, str]:
    """Return Sphinx's two search summary lines (its English, as search.js overrides them) in the briefing's words."""
    return {
        "Search finished, found ${resultCount} page(s) matching the search query.": _(
            "Places in the briefing that match: ${resultCount}."
        ),
        "Your search did not match any documents. Please make sure that all words are spelled correctly and that "
        "you've selected enough categories.": no_match(),
    }


def _localise_search_words(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Give search.js, on the search page, the summary lines in the edition's language."""
    if pagename == "search":
        words = json.dumps(search_words(), ensure_ascii=False).replace("</", "<\\/")
        context["metatags"] = context.get("metatags", "") + f"<script>window.briefingSearchWords = {words};</script>\n"


def _rebuild_on_change(app: Sphinx, docname: str, source: list[str]) -> None:
    """Make the landing page depend on search.js: Sphinx rewrites its scripts only when some page is rebuilt."""
    if docname == app.config.root_doc:
        app.env.note_dependency(str(SEARCH_JS))


def _keep_index_entries(app: Sphinx, env, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """Re-read the pages with index entries whenever any page is rebuilt: Sphinx 7.4 drops the entries of pages it does
    not re-read from the search index (sphinx-doc/sphinx#12599), and the speakers' names are such entries."""
    if not (added or changed or removed):
        return []
    return sorted(doc for doc, entries in env.get_domain("index").entries.items() if entries and doc not in removed)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the search page's scripts (its template and the search buttons are in templates/)."""
    app.connect("config-inited", _use_search_js)
    app.connect("source-read", _rebuild_on_change)
    app.connect("env-get-outdated", _keep_index_entries)
    app.connect("html-page-context", _localise_search_words)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
