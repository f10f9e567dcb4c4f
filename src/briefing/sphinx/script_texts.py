"""The sentences that the reader's script (static/reader.js) writes, in the page's language, from the package's catalogues."""

from __future__ import annotations

import json

from sphinx.application import Sphinx

from briefing.i18n import _


def script_texts() -> dict[str, str]:
    """Return reader.js's sentences in the build's language; ``{name}`` marks a value the script fills in."""
    return {
        "show": _("Show {what}"),
        "hide": _("Hide {what}"),
        "options": _("{name} options"),
        "filter": _("Filter"),
        "copied": _("Copied"),
        "copyLink": _("Copy link"),
        "copyLinkTo": _("Copy link to {heading}"),
        "copyReference": _("Copy reference"),
        "table": _("Table"),
        "scroll": _("Scroll sideways to see all {columns} columns →"),
        "searchMiss": _(
            "This briefing summarises the organiser's report of one event, so it covers only what that report says. "
            "Its chapters: "
        ),
        "searchTry": _(" Try a speaker's surname, an organisation or a theme."),
    }


def _add_texts(app: Sphinx) -> None:
    """Give every page the script's sentences before reader.js runs (it is deferred; this inline script is not)."""
    app.add_js_file(None, body=f"window.briefingTexts = {json.dumps(script_texts(), ensure_ascii=False)};", priority=400)


def setup_script_texts(app: Sphinx) -> None:
    """Register the sentences for the reader's script."""
    app.connect("builder-inited", _add_texts)
