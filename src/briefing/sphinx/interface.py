"""The themes' interface in the edition's language: search field, buttons, landmarks, footer and dates.

Sphinx, pydata-sphinx-theme and sphinx-book-theme bring German catalogues of their own, but they leave sentences out
("Announcement", "Toggle primary sidebar") or word them stiffly ("Laden Sie diese Seite herunter"). The package's
German for them is kept with the context ``theme`` in ``i18n/catalogues/de/LC_MESSAGES/theme.po``; here it is put in
front of Sphinx's and the themes' own catalogues, so templates (``_()``, ``translate()``) and the themes' Python code
find it first and fall back to the themes' German, then to English, for everything else.
"""

from __future__ import annotations

import gettext
import html

from sphinx import locale
from sphinx.application import Sphinx
from sphinx.config import Config

from briefing.i18n.messages import DEFAULT, checked, in_context, pgettext, translations
from briefing.sphinx import settings
from briefing.sphinx.data import build_dataset

#: The gettext context of the themes' sentences in the package's catalogues.
THEME = "theme"
#: The message catalogues whose sentences the package's German comes before: Sphinx's own (with pydata-sphinx-theme's,
#: which adds to it) and sphinx-book-theme's.
CATALOGUES = ("sphinx", "booktheme")
#: How the footer's "last updated" date is written, as a translatable strftime pattern (Sphinx translates its own
#: default the same way): "7 December 2026", "7. Dezember 2026".
DATE_FORMAT = "%-d %B %Y"


class InterfaceTranslations(gettext.NullTranslations):
    """A catalogue that answers from the package's German first, then from the catalogue it stands in front of."""

    def __init__(self, lang: str, behind: gettext.NullTranslations | None) -> None:
        """Keep the package's German of the themes' sentences and put the existing catalogue behind it."""
        super().__init__()
        self.lang, self.ours, self.behind = lang, in_context(THEME, lang), behind
        if behind is not None:
            self.add_fallback(behind)

    def gettext(self, message: str) -> str:
        """Return the package's German of a sentence, else the catalogue behind's."""
        return self.ours.get(message) or super().gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        """Return the form for a count, from the package's plural entry (by its plural rule) where it has one."""
        if len(checked(self.lang).get((THEME, msgid1), ())) > 1:
            return translations(self.lang).npgettext(THEME, msgid1, msgid2, n)
        return super().ngettext(msgid1, msgid2, n)


def put_in_front(lang: str) -> None:
    """Put the package's German of the themes' sentences in front of Sphinx's and the themes' catalogues."""
    if not any(context == THEME for context, _english in checked(lang)):
        return
    for catalogue in CATALOGUES:
        key = ("general", catalogue)
        behind = locale.translators.get(key)
        if isinstance(behind, InterfaceTranslations):  # a second build in the same process: replace, do not stack
            behind = behind.behind
        locale.translators[key] = InterfaceTranslations(lang, behind)


def theme_text(message: str) -> str:
    """Return one of the themes' sentences in the edition's language (the package's German, else the English)."""
    return pgettext(THEME, message)


def byline(authors: list[str], publisher: str) -> str:
    """Return the footer's line naming who made the book: the editors as publisher, or the authors by name."""
    if authors == [publisher]:  # a body of editors publishes its own book: "Published by the Editors of …"
        return pgettext("footer", "Published by the {publisher}").format(publisher=publisher)
    return pgettext("footer", "By {authors}").format(authors=", ".join(authors))


def _interface(app: Sphinx, config: Config) -> None:
    """Write the interface in the edition's language: catalogues, search field, footer byline and date format."""
    lang = settings.language(config)
    if lang != DEFAULT:
        put_in_front(lang)
        app.translator = locale.translators[("general", "sphinx")]  # the templates take the application's catalogue
    options = dict(config.html_theme_options)
    if options.get("search_bar_text"):  # the theme writes it into attributes as it is: escaped here
        options["search_bar_text"] = html.escape(theme_text(options["search_bar_text"]))
    config.html_theme_options = options
    if config.html_last_updated_fmt is not None:  # None: no "last updated" line at all
        config.html_last_updated_fmt = theme_text(config.html_last_updated_fmt or DATE_FORMAT)
    publication = build_dataset(app).publication  # loaded by the briefing extension's _configure
    config.html_context = {**config.html_context, "briefing_byline": byline(list(publication.authors), publication.publisher)}


def setup_interface(app: Sphinx) -> None:
    """Translate the interface once the language and the data are known, before the builder makes its templates."""
    app.connect("config-inited", _interface, priority=650)
