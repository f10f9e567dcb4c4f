"""Sphinx extension: load and validate the data once per build, track what each page reads of it, add directives."""

from __future__ import annotations

import html
import importlib.metadata
import os
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config

from briefing.build.print_edition import page_number_style
from briefing.core.paths import PACKAGE_DIR
from briefing.core.translations import RELEASE_ENV
from briefing.i18n.messages import _, format_date, language
from briefing.publish import cite
from briefing.publish.anchors import redirects
from briefing.sphinx import directives, execution, index_order, page_reads, publishing, reader, settings
from briefing.sphinx import draft_banner as draft
from briefing.sphinx.citations import bibliography_file, setup_citations
from briefing.sphinx.coverage import setup_coverage
from briefing.sphinx.data import keep_on_environment, load_build_data
from briefing.sphinx.dataset_metadata import setup_dataset_metadata
from briefing.sphinx.disclosure import setup_disclosure
from briefing.sphinx.interface import setup_interface
from briefing.sphinx.languages import setup_languages
from briefing.sphinx.transforms import setup_transforms

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"  # overrides of the theme's templates
REDIRECT_PAGE = Path(__file__).parent / "redirect.html"  # our own: the forwarding page at a moved page's old address


def table_number_format() -> str:
    """Return how a numbered table's caption begins in the build's language ("Table %s", "Tabelle %s")."""
    return _("Table %s")


def _configure(app: Sphinx, config: Config) -> None:
    """Load and check the data once for the build, then derive the configuration from it.

    Bibliography, metadata, URLs, footer, templates.
    """
    settings.normalise(app, config)
    # A table's number reads "Table 1" online as in print ("Tabelle", not Sphinx's German "Tab."); set before Sphinx
    # fills in its defaults for the rest (config-inited, priority 800).
    config.numfig_format = {**config.numfig_format, "table": table_number_format()}
    folder = settings.data_folder(config)
    dataset = load_build_data(app, folder).dataset  # handed to the environment at builder-inited
    # In another language the edition reads a localised copy of references.bib (its notes and official titles translated).
    preview = not os.environ.get(RELEASE_ENV)  # a release build was stopped before on a missing translation
    bibliography = bibliography_file(Path(app.doctreedir), folder, dataset, preview)
    config.bibtex_bibfiles = [os.path.relpath(bibliography, app.srcdir)]
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    base = settings.base_url(config)
    if base:  # canonical links, OpenGraph URLs and the sitemap (loaded in setup() then) need it; without it they are left out
        config.html_baseurl = base
        config.ogp_site_url = base
        config.sitemap_url_scheme = "{link}"
    else:  # no social-card images: their addresses would be guesses (og:url is left out: publishing.open_graph_without_url)
        config.ogp_social_cards = {**(config.ogp_social_cards or {}), "enable": False}
    # "Last updated" follows the page and the data it shows, not changes to the package's code.
    config.git_exclude_patterns = [*config.git_exclude_patterns, f"{PACKAGE_DIR}/**"]
    config.templates_path = [str(TEMPLATES), *config.templates_path]
    # Moved pages forward to their new address, anchor included; a redirect to a missing page fails the build.
    config.rediraffe_redirects = {old.removesuffix(".html"): new.removesuffix(".html") for old, new in redirects().items()}
    config.rediraffe_template = os.path.relpath(redirect_template(Path(app.doctreedir)), app.srcdir)
    config.html_favicon = str(STATIC / "favicon.svg")  # without one, browsers log a 404 for /favicon.ico
    event, publication = dataset.event, dataset.publication
    footer = (
        _(
            "{title}, {edition}. A briefing on the organiser's report of the event of {held}. "
            "Text and data: {licence_text}; code: {licence_code}."
        )
        if dataset.edition_state.preview  # not released: no release date
        else _(
            "{title}, edition {edition} ({released}). A briefing on the organiser's report of the event of {held}. "
            "Text and data: {licence_text}; code: {licence_code}."
        )
    ).format(
        title=html.escape(publication.title),
        edition=html.escape(cite.edition_phrase(dataset)) if dataset.edition_state.preview else publication.edition,
        released=format_date(publication.release_date),
        held=format_date(event.date),
        licence_text=html.escape(cite.licence_name(publication.licence_text)),
        licence_code=html.escape(cite.licence_name(publication.licence_code)),
    )
    config.html_title = publication.title
    config.project = publication.title
    # sphinxext-opengraph writes og:site_name with only '"' escaped: the rest is escaped here, where it is handed over.
    config.ogp_site_name = html.escape(publication.title, quote=False)
    config.copyright = f"{publication.release_date.year}, {', '.join(publication.authors)}"
    config.author = ", ".join(publication.authors)
    config.html_theme_options = {**config.html_theme_options, "extra_footer": f"<p>{footer}</p>"}


def redirect_template(folder: Path) -> Path:
    """Write the forwarding page's template in the edition's language into a folder of the build; return its path."""
    link = '<a href="{{ rel_url|e }}">{{ to_url|e }}</a>'
    words = {
        "[[lang]]": language(),
        "[[title]]": html.escape(_("Moved")),
        "[[moved]]": html.escape(_("This page has moved to {address}.")).replace("{address}", link),
    }
    page = REDIRECT_PAGE.read_text(encoding="utf-8")
    for placeholder, text in words.items():
        page = page.replace(placeholder, text)
    path = folder / REDIRECT_PAGE.name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path


#: The print rule numbering pages in the build's language, written into each build (see _write_page_numbers).
PAGE_NUMBERS = "briefing-print-pages.css"


def _write_page_numbers(app: Sphinx, builder: Builder) -> None:
    """Write the 'page X of Y' of a chapter printed from the browser in the edition's language, before the pages (which
    link it with its checksum, the same whether a page is written in a fresh build or again in a later one)."""
    if builder.format == "html":
        folder = Path(app.outdir) / "_static"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / PAGE_NUMBERS).write_text(page_number_style(), encoding="utf-8")


def _stop_sitemap_manager(app: Sphinx, exception: Exception | None) -> None:
    """Shut down the multiprocessing manager sphinx-sitemap forks for each build: in an in-process build (tests, Jupyter)
    it would outlive the build and keep the pipes it inherited (a browser driver's) open."""
    manager = getattr(getattr(app, "sitemap_links", None), "_manager", None)
    if manager is not None:
        manager.shutdown()


def _load_sitemap(app: Sphinx) -> None:
    """Load sphinx-sitemap when the book has a base URL: the sitemap lists absolute URLs, so it is made only then."""
    if settings.base_url_given(app.config):
        app.setup_extension("sphinx_sitemap")
        app.connect("build-finished", _stop_sitemap_manager, priority=900)  # after sphinx-sitemap wrote the sitemap (500)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the briefing's settings, events, directives, transforms, styles, reader's assets and search: the one
    entry point Sphinx loads (``briefing.sphinx``); the other modules register their parts through it."""
    settings.register(app)
    app.setup_extension("sphinxext.rediraffe")
    index_order.register(app)
    app.connect("config-inited", _configure)
    app.connect("builder-inited", keep_on_environment)
    app.connect("env-before-read-docs", settings.pass_to_kernels)
    app.connect("build-finished", settings.restore_environment, priority=1000)  # after every other handler of the build
    page_reads.register(app)
    execution.register(app)
    setup_citations(app)
    setup_coverage(app)
    setup_transforms(app)
    directives.register(app)
    setup_disclosure(app)
    app.add_node(nodes.citation, override=True, html=(publishing.visit_citation, publishing.depart_citation))
    app.connect("build-finished", publishing.remove_pages_of_removed_sources, priority=400)  # before rediraffe (500)
    app.connect("build-finished", publishing.copy_table_bundle)
    app.connect("build-finished", publishing.publish_files)
    app.connect("build-finished", publishing.write_chapter_notebooks)
    app.connect("html-page-context", publishing.meta_tags)
    app.connect("html-page-context", publishing.open_graph_without_url, priority=460)  # in sphinxext-opengraph's place (500)
    app.connect("html-page-context", publishing.clean_description, priority=450)  # before sphinxext-opengraph (500)
    app.connect("html-page-context", publishing.title_separator_of)
    app.connect("html-page-context", publishing.offer_notebook, priority=400)  # before the theme's download menu (501)
    draft.setup_draft(app)
    setup_dataset_metadata(app)
    setup_languages(app)
    setup_interface(app)
    app.add_css_file("briefing.css")
    app.add_css_file("briefing-print.css", media="print")  # the print design (issue 14), shared with the PDF
    app.add_css_file(PAGE_NUMBERS, media="print")  # its page numbers, in the edition's language
    app.connect("write-started", _write_page_numbers)
    reader.register(app)
    _load_sitemap(app)  # last, so its handlers run after the briefing's own of the same priority
    version = importlib.metadata.version("briefing")
    return {"version": version, "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
