"""Sphinx extension: validate the data before a build, track data as a page dependency, add directives."""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from briefing import cite
from briefing.interactive import BOOK_BUILD_ENV, HTML_DIR_ENV
from briefing.notebooks import is_notebook
from briefing.paths import PACKAGE_DIR, data_dir, package_sources
from briefing.schema import REFERENCES_FILE
from briefing.sphinx import directives, publishing
from briefing.sphinx.citing import add_cite_box
from briefing.sphinx.data import checked_dataset
from briefing.sphinx.german import mark_german

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"


def _configure(app: Sphinx, config: Config) -> None:
    """Check the data, then derive the configuration from it: bibliography, metadata, URLs, footer, templates."""
    dataset = checked_dataset()
    config.bibtex_bibfiles = [os.path.relpath(data_dir() / REFERENCES_FILE, app.srcdir)]
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    # A change of base URL changes every page's citations, so it is part of the environment.
    base = cite.base_url()
    config.briefing_base_url = base or ""
    if base:  # canonical links, OpenGraph URLs and the sitemap need it; without it they are left out
        config.html_baseurl = base
        config.ogp_site_url = base
        config.sitemap_url_scheme = "{link}"
    # "Last updated" follows the page and the data it shows, not changes to the package's code.
    config.git_exclude_patterns = [*config.git_exclude_patterns, f"{PACKAGE_DIR}/**"]
    config.templates_path = [str(TEMPLATES), *config.templates_path]
    config.html_favicon = str(STATIC / "favicon.svg")  # without one, browsers log a 404 for /favicon.ico
    event, publication = dataset.event, dataset.publication
    footer = (
        f"{html.escape(publication.title)}, edition {publication.edition} "
        f"({publication.release_date:%-d %B %Y}). A briefing on the organiser's report of the event of {event.date:%-d %B %Y}. "
        f"Text and data: {html.escape(publication.licence_text)}; code: {html.escape(publication.licence_code)}."
    )
    config.html_title = publication.title
    config.project = publication.title
    config.copyright = f"{publication.release_date.year}, {', '.join(publication.authors)}"
    config.author = ", ".join(publication.authors)
    # show_toc_level 2: each contribution is listed in the page's contents sidebar.
    config.html_theme_options = {**config.html_theme_options, "extra_footer": f"<p>{footer}</p>", "show_toc_level": 2}
    # A first visit follows the reader's system setting ("auto", a valid mode: the theme logged "invalid theme
    # mode" without one); from "auto" the theme's first click always switches to the other colour.
    config.html_context = {**config.html_context, "default_mode": "auto"}
    # Chapters executed for the book render static-page versions of interactive parts.
    os.environ[BOOK_BUILD_ENV] = "1"
    os.environ[HTML_DIR_ENV] = str(app.outdir)  # where interactive tables write their rows (see briefing.interactive)


def _note_dependencies(app: Sphinx, docname: str, source: list[str]) -> None:
    """Make every page depend on the data files and the package, so a change there rebuilds it."""
    folder = data_dir()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        app.env.note_dependency(str(path))
    for path in package_sources():
        app.env.note_dependency(str(path))


def _check_coverage(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn unless every contribution is rendered exactly once, in its perspective's directive."""
    rendered: dict[str, list[str]] = getattr(env, "briefing_rendered", {})
    seen: dict[str, list[str]] = {}
    for docname, ids in rendered.items():
        for cid in ids:
            seen.setdefault(cid, []).append(docname)
    for contribution in checked_dataset().contributions:
        places = seen.get(contribution.id, [])
        if len(places) != 1:
            where = ", ".join(places) or "no page"
            logger.warning(
                f"contribution '{contribution.id}' must appear exactly once but appears on: {where} "
                f"(is there a page with a briefing-contributions directive for perspective '{contribution.perspective}'?)",
                type="briefing", subtype="coverage",
            )


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """Forget what a page rendered before it is read again."""
    getattr(env, "briefing_rendered", {}).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    """Merge what parallel readers rendered."""
    mine = env.__dict__.setdefault("briefing_rendered", {})
    for docname in docnames:
        if docname in getattr(other, "briefing_rendered", {}):
            mine[docname] = other.briefing_rendered[docname]


def _is_notebook(app: Sphinx) -> bool:
    """Return whether the page being read is a notebook (offered as .ipynb)."""
    return is_notebook(Path(app.env.doc2path(app.env.docname)))


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the briefing's events, directives and styles."""
    app.connect("config-inited", _configure)
    app.connect("source-read", _note_dependencies)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-check-consistency", _check_coverage)
    app.connect("build-finished", publishing.copy_table_bundle)
    app.connect("build-finished", publishing.publish_files)
    app.connect("html-page-context", publishing.accessible_citations)
    app.connect("html-page-context", publishing.meta_tags)
    app.connect("html-page-context", publishing.no_guessed_urls, priority=900)  # after sphinxext-opengraph
    app.connect("doctree-read", lambda app, doctree: mark_german(doctree, checked_dataset()))
    # Before Sphinx's own collectors (priority 500), so the box is in the page's contents.
    app.connect("doctree-read", lambda app, doctree: add_cite_box(app.env.docname, doctree, checked_dataset(), _is_notebook(app)), priority=400)
    app.connect("build-finished", publishing.write_chapter_notebooks)
    app.connect("html-page-context", publishing.offer_notebook, priority=400)  # before the theme's download menu (501)
    app.add_config_value("briefing_base_url", "", "env")
    directives.register(app)
    if cite.base_url():  # the sitemap lists absolute URLs, so it is made only when the base URL is known
        app.setup_extension("sphinx_sitemap")
    app.add_css_file("briefing.css")
    return {"version": "1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
