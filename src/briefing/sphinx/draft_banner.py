"""Draft books: a "Draft — not for publication" banner on every page and every missing text shown as a marked gap.

A gap is marked where it is written, never by editing a built page: in the doctree (GapMarks as a page is read, so its
titles and contents are marked too, and PostGapMarks for what Sphinx adds as it writes, such as citations), in
highlighted code (GapMarkingFormatter), in the templates (the briefing_gaps filter; the footer and copyright handed to
them) and in the pages the extension writes itself (finish_page: the root page and the 404 page; the redirect template's
banner).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from markupsafe import Markup, escape
from pygments.formatters import HtmlFormatter
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

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
    """Return the banner of a page the theme shows no announcement on (the 404, root and forwarding pages)."""
    return (
        '<p class="briefing-draft-banner-plain" role="note" style="background:#8a1c00;color:#fff;margin:0;padding:0.4em 1em">'
        f"<strong>{banner()}</strong></p>"
    )


_TAG = re.compile(r"(<[^>]*>)")
_NAME = re.compile(r"<(/?)([a-zA-Z]+)")
_RAW = {"title", "script", "style", "textarea"}
#: The classes of a gap's mark, in the doctree and in HTML.
GAP_CLASSES = ("briefing-gap", "briefing-draft-gap")
_OPEN = f'<span class="{" ".join(GAP_CLASSES)}">'
#: The file beside the redirect template that it includes, holding a draft's banner (see _banner_for_redirects).
REDIRECT_BANNER = "briefing-draft-banner.html"


def is_draft(app: Sphinx) -> bool:
    """Return whether the book is built from a draft data folder (the data the extension loaded for this build)."""
    return build_dataset(app).publication.status == DRAFT


def _announce(app: Sphinx, config: Config) -> None:
    """Show the draft banner in the theme's announcement bar, on every page (also search and index), and mark the gaps
    of the footer the extension wrote (briefing.sphinx._configure: escaped text in a paragraph)."""
    if is_draft(app):
        options = config.html_theme_options
        footer = {"extra_footer": mark_gaps(options["extra_footer"])} if "extra_footer" in options else {}
        config.html_theme_options = {**options, **footer, "announcement": f"<strong>{banner()}</strong>"}
        app.add_css_file("draft.css")


def _banner_for_redirects(app: Sphinx, config: Config) -> None:
    """Give a draft's forwarding pages (sphinxext-rediraffe's, from the briefing's redirect.html) the banner: the
    template includes this file from its own folder when there is one."""
    template = getattr(config, "rediraffe_template", None)
    if not template:
        return
    path = (Path(app.srcdir) / template).parent / REDIRECT_BANNER
    if is_draft(app):
        path.write_text(plain_banner(), encoding="utf-8")
    else:
        path.unlink(missing_ok=True)  # a final book built in the folder of an earlier draft


def _marked(gap: re.Match[str]) -> str:
    """Return a gap found in HTML wrapped in its mark."""
    return f"{_OPEN}{gap.group(0)}</span>"


def mark_gaps(page: str) -> str:
    """Wrap every draft gap in the visible text of a page or a piece of HTML the extension made in a marked span (not in
    tags, titles, scripts or styles; idempotent)."""
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
        parts[index] = GAP_PATTERN.sub(_marked, part)
    return "".join(parts)


def finish_page(page: str) -> str:
    """Return a page the extension writes itself (not through the theme) with its gaps marked and, where it shows no
    banner, a banner of its own."""
    page = mark_gaps(page)
    if "bd-header-announcement" not in page and "briefing-draft-banner" not in page:
        page = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + plain_banner(), page, count=1)
    return page


def marked_text(text: str) -> list[nodes.Node]:
    """Return a text's pieces, each gap in it an inline node with the gap's classes (the text alone if it has none)."""
    pieces: list[nodes.Node] = []
    last = 0
    for match in GAP_PATTERN.finditer(text):
        pieces += [nodes.Text(text[last : match.start()]), nodes.inline(match.group(), match.group(), classes=list(GAP_CLASSES))]
        last = match.end()
    pieces.append(nodes.Text(text[last:]))
    return [piece for piece in pieces if piece.astext()]


#: Where a gap's text is not marked: markup written as it is, comments, definitions and mathematics.
_UNMARKED = (nodes.raw, nodes.Invisible, nodes.math, nodes.math_block)


def mark_gap_nodes(doctree: nodes.Node) -> None:
    """Wrap every gap in a doctree's text in an inline node with the gap's classes (idempotent)."""
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or not GAP_PATTERN.search(text.astext()) or isinstance(parent, _UNMARKED):
            continue
        if isinstance(parent, nodes.inline) and "briefing-draft-gap" in parent["classes"]:
            continue  # marked already
        parent.replace(text, marked_text(text.astext()))


class GapMarks(SphinxTransform):
    """Mark a draft page's gaps as it is read, so its titles and contents (the sidebars, the previous and next links)
    show them marked too."""

    default_priority = 875  # after German terms (870), before the doctree-read event (880) collects titles and contents

    def apply(self, **kwargs: Any) -> None:
        """Mark the page's gaps if the book is a draft."""
        if is_draft(self.app) and self.app.builder.format == "html":
            mark_gap_nodes(self.document)


class PostGapMarks(SphinxPostTransform):
    """Mark the gaps in what Sphinx and its extensions add as a draft page is written: citations, the bibliography."""

    formats = ("html",)
    default_priority = 900  # after references are resolved (10) and sphinxcontrib-bibtex's bibliography

    def run(self, **kwargs: Any) -> None:
        """Mark the gaps the page has gained since it was read."""
        if is_draft(self.app):
            mark_gap_nodes(self.document)


class GapMarkingFormatter(HtmlFormatter):
    """Pygments' HTML formatter with the gaps in highlighted code marked (a draft's cite box and BibTeX entries)."""

    def wrap(self, source: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
        """Mark the gaps in each highlighted line, then wrap the lines as Pygments does."""
        wrapped: Iterator[tuple[int, str]] = super().wrap((kind, mark_gaps(line) if kind == 1 else line) for kind, line in source)
        return wrapped


def gap_marks(value: object) -> Markup:
    """Return an escaped template value with its gaps marked (the briefing_gaps filter); unescaped text is escaped."""
    escaped = str(escape(value))
    return Markup(GAP_PATTERN.sub(_marked, escaped))


def _templates_and_code(app: Sphinx) -> None:
    """Give the templates the briefing_gaps filter (marks a draft's gaps, leaves a final book's text as it is), and a
    draft's code blocks the formatter that marks their gaps."""
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is not None:
        environment.filters["briefing_gaps"] = gap_marks if is_draft(app) else escape
    highlighter = getattr(app.builder, "highlighter", None)
    if highlighter is not None and is_draft(app):
        highlighter.formatter = GapMarkingFormatter


def _page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object) -> None:
    """Give a draft page's template the banner (printed with the page) for the top of its article (templates/page.html),
    and the copyright, which the theme writes escaped (|e), with its gaps marked."""
    if not is_draft(app):
        return
    if context.get("body") is not None:
        context["briefing_draft_banner"] = article_banner()
    if isinstance(context.get("copyright"), str):
        context["copyright"] = gap_marks(context["copyright"])


def finished(app: Sphinx, page: str) -> str:
    """Return a page the extension writes itself (not through Sphinx's templates) as a draft shows it (finish_page)."""
    return finish_page(page) if is_draft(app) else page


def setup_draft(app: Sphinx) -> None:
    """Register the draft banner and gap marks (they do nothing for a final book)."""
    app.connect("config-inited", _announce, priority=600)  # after the extension's own configuration
    app.connect("config-inited", _banner_for_redirects, priority=600)  # after the redirect template is written
    app.connect("builder-inited", _templates_and_code)
    app.connect("html-page-context", _page)
    app.add_transform(GapMarks)
    app.add_post_transform(PostGapMarks)
