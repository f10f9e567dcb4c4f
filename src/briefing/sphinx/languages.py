"""The language editions on every page: a switch to the same page in the other language and hreflang alternates.

The English edition is the book's root; another language's edition is the same book under ``<lang>/`` with the
same page names and anchors, so ``chapters/eu.html#engelmann`` is ``de/chapters/eu.html#engelmann`` in German.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx

from briefing.core.translations import editions
from briefing.i18n.messages import DEFAULT, _, edition_prefix
from briefing.publish.site import sitemap_alternates
from briefing.sphinx import settings

if TYPE_CHECKING:
    from sphinx.config import Config
from typing import Any

#: Each language's name in its own language, as the switch shows it.
NATIVE_NAMES = {"en": "English", "de": "Deutsch"}


@dataclass(frozen=True)
class Edition:
    """One language's version of the page being written."""

    lang: str
    href: str  # relative to the page
    url: str  # absolute when the base URL is known, else the relative href
    current: bool

    @property
    def name(self) -> str:
        """Return the language's own name."""
        return NATIVE_NAMES.get(self.lang, self.lang)


def built_languages(app: Sphinx) -> list[str]:
    """Return the languages whose editions this build makes, this one included."""
    built = [lang for lang in app.config.briefing_editions.split(",") if lang]
    langs = built or editions(settings.data_folder(app.config))
    current = settings.language(app.config)
    return langs if current in langs else [*langs, current]


def page_editions(app: Sphinx, pagename: str) -> list[Edition]:
    """Return the page in every language the book is built in, the current language included."""
    current = settings.language(app.config)
    langs = built_languages(app)
    to_root = "../" * pagename.count("/") + ("../" if current != DEFAULT else "")  # from this page to the English root
    target = app.builder.get_target_uri(pagename)
    site = settings.site_url(app.config)
    found = []
    for lang in langs:
        path = edition_prefix(lang) + target
        href = to_root + path
        found.append(Edition(lang, href, site + path if site else href, lang == current))
    return found


def language_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Give the template the page's editions and add hreflang alternates to the page's head."""
    found = page_editions(app, pagename)
    if len(found) < 2:
        return
    context["briefing_editions"] = found
    context["briefing_switch_label"] = _("This page in another language")
    # Plain <link> tags added to the head as Sphinx documents it, every value escaped here, where it is written.
    links = [f'<link rel="alternate" hreflang="{html.escape(e.lang)}" href="{html.escape(e.url)}">' for e in found]
    default = next(e for e in found if e.lang == DEFAULT)
    links.append(f'<link rel="alternate" hreflang="x-default" href="{html.escape(default.url)}">')
    context["metatags"] = context.get("metatags", "") + "\n".join(links) + "\n"


def sitemap_languages(app: Sphinx, exception: Exception | None) -> None:
    """Name each page of the edition's sitemap in every edition (sphinx-sitemap names the English page for each)."""
    sitemap = Path(app.outdir) / getattr(app.config, "sitemap_filename", "sitemap.xml")
    site = settings.site_url(app.config)
    if exception is not None or site is None or not sitemap.is_file():
        return
    text = sitemap_alternates(sitemap.read_text(encoding="utf-8"), site, settings.language(app.config), built_languages(app))
    sitemap.write_text(text, encoding="utf-8")


def _switch_in_header(app: Sphinx, config: Config) -> None:
    """Put the language switch at the end of the article header, before the theme's buttons."""
    end = config.html_theme_options.get("article_header_end") or ["article-header-buttons.html"]
    if "briefing-language-switch.html" not in end:
        config.html_theme_options = {**config.html_theme_options, "article_header_end": ["briefing-language-switch.html", *end]}


def setup_languages(app: Sphinx) -> None:
    """Register the switch and the alternates."""
    app.connect("config-inited", _switch_in_header, priority=610)
    app.connect("html-page-context", language_links)
    app.connect("build-finished", sitemap_languages, priority=600)  # after sphinx-sitemap writes it (500)
