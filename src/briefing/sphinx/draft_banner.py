"""Draft books: a "Draft — not for publication" banner on every page and every missing text shown as a marked gap."""

from __future__ import annotations

import html
import re
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from briefing.core.drafts import BANNER, DRAFT, GAP_PATTERN
from briefing.i18n.messages import _, pgettext
from briefing.sphinx.data import build_dataset

#: The catalogue context of drafts.BANNER (its German is in extension.po).
BANNER_CONTEXT = "draft banner"


def banner() -> str:
    """Return the draft banner's words in the page's language, as HTML."""
    return html.escape(pgettext(BANNER_CONTEXT, BANNER))


def article_banner() -> str:
    """Return the banner inside each page's article (printed too; the theme's announcement bar is screen-only)."""
    gaps = html.escape(_("texts not yet written are shown as marked gaps."))
    return f'<p class="briefing-draft-banner" role="note"><strong>{banner()}</strong>: {gaps}</p>\n'


def plain_banner() -> str:
    """Return the banner of a page the theme shows no announcement on (the 404 page)."""
    return (
        '<p class="briefing-draft-banner-plain" role="note" style="background:#8a1c00;color:#fff;margin:0;padding:0.4em 1em">'
        f"<strong>{banner()}</strong></p>"
    )


_TAG = re.compile(r"(<[^>]*>)")
_NAME = re.compile(r"<(/?)([a-zA-Z]+)")
_RAW = {"title", "script", "style", "textarea"}
_OPEN = '<span class="briefing-gap briefing-draft-gap">'


def is_draft(app: Sphinx) -> bool:
    """Return whether the book is built from a draft data folder (the data the extension loaded for this build)."""
    return build_dataset(app).publication.status == DRAFT


def _announce(app: Sphinx, config: Config) -> None:
    """Show the draft banner in the theme's announcement bar, on every page (also search and index)."""
    if is_draft(app):
        config.html_theme_options = {**config.html_theme_options, "announcement": f"<strong>{banner()}</strong>"}
        app.add_css_file("draft.css")


def mark_gaps(page: str) -> str:
    """Wrap every draft gap in a page's visible text in a marked span (not in tags, titles, scripts or styles; idempotent)."""
    parts = _TAG.split(page)
    hidden = 0  # inside <title>, <script>, <style> or <textarea>, where markup would show as text
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            name = _NAME.match(part)
            if name and name.group(2).lower() in _RAW:
                hidden += -1 if name.group(1) else 1
            continue
        if hidden or (index and parts[index - 1] == _OPEN):
            continue
        parts[index] = GAP_PATTERN.sub(lambda m: f"{_OPEN}{m.group(0)}</span>", part)
    return "".join(parts)


def finish_page(page: str) -> str:
    """Return a built page with its gaps marked and, where the theme shows no banner (the 404 page), a banner of its own."""
    page = mark_gaps(page)
    if "bd-header-announcement" not in page and "briefing-draft-banner" not in page:
        page = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + plain_banner(), page, count=1)
    return page


def _page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object) -> None:
    """Give a draft page's template the banner (printed with the page) for the top of its article (templates/page.html)."""
    if is_draft(app) and context.get("body") is not None:
        context["briefing_draft_banner"] = article_banner()


def _finish(app: Sphinx, exception: Exception | None) -> None:
    """Mark the gaps on every written page of a draft book, including sidebars, footers and generated pages."""
    if exception is not None or not is_draft(app):
        return
    for path in app.outdir.rglob("*.html"):
        if "_static" in path.relative_to(app.outdir).parts:
            continue
        page = path.read_text(encoding="utf-8")
        finished = finish_page(page)
        if finished != page:
            path.write_text(finished, encoding="utf-8")


def setup_draft(app: Sphinx) -> None:
    """Register the draft banner and gap marks (they do nothing for a final book)."""
    app.connect("config-inited", _announce, priority=600)  # after the extension's own configuration
    app.connect("html-page-context", _page)
    app.connect("build-finished", _finish, priority=900)  # after the pages the extension writes itself (404, redirects)
