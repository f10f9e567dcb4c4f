"""The extension's settings: Sphinx config values (an environment variable gives only the default), the kernels' environment."""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from briefing.build.pdf import PDF_ENV
from briefing.core import bookconfig
from briefing.core.environ import EnvironmentChanges
from briefing.core.paths import DATA_DIR_ENV, REPOSITORY_URL_ENV, data_dir
from briefing.i18n.messages import DEFAULT, EDITIONS_ENV, LANGUAGE_ENV, LAST_UPDATED_FORMAT, edition_prefix, set_language
from briefing.notebook.interactive import BOOK_BUILD_ENV, HTML_DIR_ENV
from briefing.notebook.ipynb import checked_repository_url
from briefing.publish import cite
from briefing.publish.parts import CONTRIBUTIONS_PER_PAGE


def register(app: Sphinx) -> None:
    """Register the settings; ``rebuild="env"``: a page read with another data folder or base URL is read again."""
    # The data folder is part of the environment: an incremental build must not reuse pages read from another folder.
    # Empty: the configured one (paths.data_dir), found when the configuration is read (normalise), not at setup.
    app.add_config_value("briefing_data_dir", "", "env", types=[str])
    # A change of base URL changes every page's citations, so it is part of the environment too.
    app.add_config_value("briefing_base_url", os.environ.get(cite.BASE_URL_ENV, ""), "env", types=[str])
    # The source repository named in each downloaded notebook's first cell (the deploy sets the variable).
    # The language editions this build makes (set by `briefing build`, e.g. "en,de"); empty: every one the data have.
    # The language switch and hreflang link only to these, so an English-only build links to no German page.
    app.add_config_value("briefing_editions", os.environ.get(EDITIONS_ENV, ""), "html", types=[str])
    # Set from briefing_base_url by normalise(): the book's root (the English edition), whatever the language.
    app.add_config_value("briefing_site_url", "", "env", types=[str])
    app.add_config_value("briefing_repository_url", os.environ.get(REPOSITORY_URL_ENV, ""), "html", types=[str])
    # Whether this build prints its PDFs ("1", set by `briefing build`; "0" for --no-pdf or without Chromium): the pages
    # link to the PDF printed with them, or else to the last release's kept PDF. Every page's download menu offers it.
    app.add_config_value("briefing_pdf", os.environ.get(PDF_ENV, "1"), "html", types=[str])
    # The crisis the event's crisis themes are about, per language (briefing.core.bookconfig reads it from _config.yml,
    # for the kernels too); registered so that Sphinx knows it and a change re-reads the pages.
    app.add_config_value(bookconfig.CRISIS, {}, "env", types=[dict])
    # A perspective with more contributions than this gets pages of its own (briefing.publish.parts); the shipped book has none.
    app.add_config_value("briefing_contributions_per_page", CONTRIBUTIONS_PER_PAGE, "env", types=[int])


def normalise(app: Sphinx, config: Config) -> None:
    """Resolve the data folder (relative to the configuration's folder; unset: paths.data_dir), the language and the base
    URL, in place.

    ``briefing_base_url`` is the English edition's address; another language's edition lives under ``<lang>/``.
    """
    given = config.briefing_data_dir.strip()
    config.briefing_data_dir = str((Path(app.confdir) / Path(given).expanduser()).resolve() if given else data_dir())
    set_language(language(config), kernels=False)  # the kernels get it with the rest (pass_to_kernels)
    if language(config) != DEFAULT:  # the footer's date as the language writes it ("7. Dezember 2026")
        config.html_last_updated_fmt = LAST_UPDATED_FORMAT[language(config)]
    config.briefing_site_url = cite.checked_base_url(config.briefing_base_url, "briefing_base_url (BRIEFING_BASE_URL)") or ""
    config.briefing_base_url = cite.url_under(config.briefing_site_url or None, edition_prefix(language(config))) or ""


def language(config: Config) -> str:
    """Return the language of this build's edition (Sphinx's ``language``)."""
    return config.language or DEFAULT


def printing(config: Config) -> bool:
    """Return whether this build prints its PDFs, so its pages may link to them."""
    return bool(config.briefing_pdf.strip() != "0")


def site_url(config: Config) -> str | None:
    """Return the book's root address (the English edition's), or None when the base URL is not set."""
    return config.briefing_site_url or None


def data_folder(config: Config) -> Path:
    """Return the data folder the book is built from."""
    return Path(config.briefing_data_dir)


def base_url_given(config: Config) -> bool:
    """Tell whether the book has a base URL, already in the extension's setup() (the setting as given, not normalised)."""
    return bool(config.briefing_base_url.strip())


def base_url(config: Config) -> str | None:
    """Return the canonical base URL ending in '/', or None when it is not set (URLs are then left out)."""
    return config.briefing_base_url or None


def repository_url(config: Config) -> str | None:
    """Return the address of the book's source repository, or None when it is not set or not a web address."""
    return checked_repository_url(config.briefing_repository_url)


def page_url(config: Config, target: str) -> str | None:
    """Return the absolute URL of a page of the book (e.g. 'chapters/eu.html#engelmann'), if the base URL is known."""
    return cite.url_under(base_url(config), target)


#: What the build set in this process's environment for the chapters' kernels, to put back when it ends: one for the
#: process, as the environment is (myst-nb starts the kernels with it and has no setting for an environment of theirs).
_FOR_KERNELS = EnvironmentChanges()


def for_kernels(app: Sphinx) -> dict[str, str | None]:
    """Return what the chapters' kernels are given (None: unset): each follows the configuration, or is the same in
    every build."""
    config = app.config
    return {
        DATA_DIR_ENV: config.briefing_data_dir,  # the chapters' load_dataset() reads the same folder
        cite.BASE_URL_ENV: config.briefing_base_url or None,
        LANGUAGE_ENV: language(config),  # the edition's language, set in this process at config-inited
        BOOK_BUILD_ENV: "1",  # chapters render static-page versions of interactive parts
        HTML_DIR_ENV: str(app.outdir),  # where interactive tables write their rows (briefing.notebook.interactive)
    }


def pass_to_kernels(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Give the chapters' kernels what they need, in one place, before the pages are read (env-before-read-docs)."""
    for name, value in for_kernels(app).items():
        _FOR_KERNELS.set(name, value)


def restore_environment(app: Sphinx, exception: Exception | None) -> None:
    """Put the variables set for the kernels back as they were before the build, whether it succeeded or failed."""
    _FOR_KERNELS.restore()
