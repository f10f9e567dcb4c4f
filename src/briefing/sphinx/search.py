"""The book's search: how results are ranked, titled and summarised (search.js), and one search field per page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.index import IndexDomain

from briefing.i18n.messages import _
from briefing.sphinx.page_assets import add_page_script

if TYPE_CHECKING:
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
from typing import Any

#: Ranking, section titles and prose snippets for Sphinx's search page (see the file's opening comment).
SEARCH_JS = Path(__file__).with_name("search.js")


#: Umlauts as readers type them on a keyboard without them: both the plain vowel and the German "e" spelling.
_ASCII = [
    str.maketrans({"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U", "ß": "ss"}),
    str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}),
]
#: The mark of an index node whose entries only the search finds: the general index does not list them.
SEARCH_ONLY = "briefing_search_only"


def surname_terms(speaker: str) -> list[str]:
    """Return a speaker's surname and its ASCII spellings ("Gärtner", "Gartner", "Gaertner"), for the search index."""
    surname = speaker.rsplit(maxsplit=1)[-1]
    return list(dict.fromkeys([surname, *(surname.translate(t) for t in _ASCII)]))


def index_name(speaker: str) -> str:
    """Return a speaker's name as an index lists it, surname first ("Gärtner, Stefan"; "Winden, Willem van")."""
    *given, surname = speaker.split()
    return f"{surname}, {' '.join(given)}" if given else surname


def index_nodes(terms: list[str], aliases: list[str], target: str) -> list[addnodes.index]:
    """Return a section's index entries: the terms the general index lists, and the aliases only the search knows
    (a surname typed without umlauts, the name in reading order, another edition's words); every entry is "main"."""
    visible = list(dict.fromkeys(t for t in terms if t.strip()))
    hidden = [a for a in dict.fromkeys(aliases) if a.strip() and a not in visible]
    shown = addnodes.index(entries=[("single", term, target, "main", None) for term in visible])
    found = addnodes.index(entries=[("single", term, target, "main", None) for term in hidden])
    found[SEARCH_ONLY] = True
    return [shown, found] if hidden else [shown]


def _search_only(app: Sphinx, doctree: nodes.document) -> None:
    """Keep the search-only entries out of the general index: they stay in the page, where the search index reads them."""
    listed = cast(IndexDomain, app.env.get_domain("index")).entries.get(app.env.docname, [])
    for node in doctree.findall(addnodes.index):
        if node.get(SEARCH_ONLY):
            for entry in node["entries"]:
                if entry in listed:
                    listed.remove(entry)


def _use_search_js(app: Sphinx, config: Config) -> None:
    """Have Sphinx embed search.js in the search page's scripts (html_search_scorer, loaded only where search is used).

    A setting, so it is set when the configuration is read (config-inited), where it overrides the book's own.
    """
    config.html_search_scorer = str(SEARCH_JS)


def no_match() -> str:
    """Return the search page's line for a search that found nothing, in the edition's language."""
    return _("Your search did not match anything in this briefing.")


def search_words() -> dict[str, str]:
    """Return Sphinx's two search summary lines (its English, as search.js overrides them) in the briefing's words, and
    its progress line in the edition's typography (Sphinx's German catalogue ends it with three full stops)."""
    return {
        "Preparing search...": _("Preparing search..."),
        "Search finished, found ${resultCount} page(s) matching the search query.": _(
            "Places in the briefing that match: ${resultCount}."
        ),
        "Your search did not match any documents. Please make sure that all words are spelled correctly and that "
        "you've selected enough categories.": no_match(),
    }


def _localise_search_words(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Give search.js, on the search page, the summary lines in the edition's language."""
    if pagename == "search":
        words = json.dumps(search_words(), ensure_ascii=False).replace("</", "<\\/")
        add_page_script(app, f"window.briefingSearchWords = {words};")


def _rebuild_on_change(app: Sphinx, docname: str, source: list[str]) -> None:
    """Make the landing page depend on search.js: Sphinx rewrites its scripts only when some page is rebuilt."""
    if docname == app.config.root_doc:
        app.env.note_dependency(str(SEARCH_JS))


def _keep_index_entries(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """Re-read the pages with index entries whenever any page is rebuilt: Sphinx 7.4 drops the entries of pages it does
    not re-read from the search index (sphinx-doc/sphinx#12599), and the speakers' names are such entries."""
    if not (added or changed or removed):
        return []
    index = cast(IndexDomain, env.get_domain("index"))  # get_domain is typed as any Domain; "index" is this one
    return sorted(doc for doc, entries in index.entries.items() if entries and doc not in removed)


def register(app: Sphinx) -> None:
    """Register the search page's scripts (its template and the search buttons are in templates/)."""
    app.connect("config-inited", _use_search_js)
    app.connect("source-read", _rebuild_on_change)
    app.connect("doctree-read", _search_only)
    app.connect("env-get-outdated", _keep_index_entries)
    app.connect("html-page-context", _localise_search_words)
