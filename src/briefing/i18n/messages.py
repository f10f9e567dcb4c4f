"""The language a page is written in, and the package's own sentences in that language (gettext catalogues).

Every sentence the package writes into a page (the Sphinx extension's captions and cite boxes, the chapters'
table headings, CSV headers) is written in English inside ``_()`` or ``pgettext()``; Babel extracts them
(``make translations``) into ``src/briefing/i18n/catalogues/<lang>/LC_MESSAGES/*.po``, where the German is kept. The
language of a build is the Sphinx setting ``language``; the chapters' kernels get it from ``BRIEFING_LANGUAGE``.
A sentence without a checked translation stays English, and the tests list it.

A sentence that depends on a count goes through ``ngettext()`` and is one plural entry in the catalogue (``msgid``,
``msgid_plural``, ``msgstr[0]``, ``msgstr[1]``); the catalogue's ``Plural-Forms`` rule picks the form.

The lookups are gettext's, through Babel: each language's ``.po`` files are read once, compiled in memory (fuzzy and
empty entries left out) and merged into one ``babel.support.Translations``. Sphinx's ``sphinx.locale.get_translation``
is not used for the package's own catalogues: its translators are one table for the whole process, filled by
``sphinx.locale.init`` from compiled ``.mo`` files only, and they exist only inside a Sphinx application, while the
same sentences are written by the chapters' kernels, the command line and the tests, in whichever language each of
them asks for. The language itself is a context variable, so one thread's language (an edition's print, a test) is
not another's.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from pathlib import Path

from babel.dates import format_date as _babel_date
from babel.lists import format_list
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

#: The environment variable that tells the package (and the chapters' kernels) which language to write.
LANGUAGE_ENV = "BRIEFING_LANGUAGE"
#: The environment variable with the editions one build makes ("en,de"), set by `briefing build` for Sphinx.
EDITIONS_ENV = "BRIEFING_EDITIONS"
#: The book's languages: the reference edition first.
LANGUAGES = ("en", "de")
DEFAULT = LANGUAGES[0]
#: The package's catalogues, one folder per language.
PACKAGE = Path(__file__).resolve().parent.parent
CATALOGUES = PACKAGE / "i18n" / "catalogues"
#: How a date is written in running text, per language (CLDR patterns): "18 June 2020", "18. Juni 2020".
DATE_PATTERN = {"en": "d MMMM y", "de": "d. MMMM y"}
#: The day alone, as a date of the same month and year leading a list of dates writes it ('6 and 7 December 2026').
DAY_PATTERN = {"en": "d", "de": "d."}
#: Sphinx's format of the "last updated" date in the footer, per language (strftime codes, month names in the language).
LAST_UPDATED_FORMAT = {"en": "%-d %B %Y", "de": "%-d. %B %Y"}
#: Counts from two to twelve as running text writes them, where the language's style asks for words ("in drei
#: Perspektiven"); the English edition keeps its figures. One is left to each sentence's singular form.
COUNT_WORDS = {"de": ("zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf")}
#: One as running text writes it where the sentence's grammar decides the form: by case and gender of the noun counted
#: ("in einer Perspektive": dative, feminine), a pronoun standing for it ("davon einer": a Beitrag), or a person whose
#: gender the data does not record, in a neutral wording ("eine Person aus dem Kreis der zwölf Vortragenden", never
#: "eine bzw. einer"). Sentences without a form keep the figure.
ONE_WORDS = {
    "de": {
        "nominative masculine": "ein",
        "nominative feminine": "eine",
        "accusative masculine": "einen",
        "dative feminine": "einer",
        "pronoun masculine": "einer",
        "person": "eine Person",
    }
}

#: The language set for this thread or task (None: follow BRIEFING_LANGUAGE); a new thread starts without one.
_chosen: ContextVar[str | None] = ContextVar("briefing_language", default=None)


def language() -> str:
    """Return the language the package writes in: the one set here (this thread), else BRIEFING_LANGUAGE, else English."""
    chosen = _chosen.get() or os.environ.get(LANGUAGE_ENV, "").strip() or DEFAULT
    if chosen not in LANGUAGES:
        raise ValueError(f"{LANGUAGE_ENV}={chosen!r} is not a language of the book ({', '.join(LANGUAGES)})")
    return chosen


def _choose(lang: str | None, kernels: bool) -> Token[str | None]:
    """Set the language of this context and, if ``kernels``, BRIEFING_LANGUAGE; return the token that undoes the first."""
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"{lang!r} is not a language of the book ({', '.join(LANGUAGES)})")
    token = _chosen.set(lang)
    if lang is not None and kernels:
        os.environ[LANGUAGE_ENV] = lang
    return token


def set_language(lang: str | None, kernels: bool = True) -> None:
    """Set the language for this thread (None: follow BRIEFING_LANGUAGE again); the kernels inherit it if ``kernels``."""
    _choose(lang, kernels)


@contextmanager
def in_language(lang: str) -> Iterator[None]:
    """Write the package's sentences in a language while the block runs (one edition's print, a test), then as before."""
    before = os.environ.get(LANGUAGE_ENV)
    token = _choose(lang, kernels=True)
    try:
        yield
    finally:
        _chosen.reset(token)
        if before is None:
            os.environ.pop(LANGUAGE_ENV, None)
        else:
            os.environ[LANGUAGE_ENV] = before


def catalogue_files(lang: str) -> list[Path]:
    """Return a language's catalogue files of the package's sentences."""
    return sorted((CATALOGUES / lang / "LC_MESSAGES").glob("*.po"))


def _forms(message: Message) -> tuple[str, ...]:
    """Return an entry's translated forms: one for a sentence, one per plural form for a plural entry."""
    string = message.string
    return tuple(str(form) for form in string) if isinstance(string, (list, tuple)) else (str(string or ""),)


def _is_checked(message: Message) -> bool:
    """Return whether an entry is a checked translation: not the header, not fuzzy, and no form left empty."""
    return bool(message.id) and not message.fuzzy and all(_forms(message))


@functools.cache
def _catalogues(lang: str) -> tuple[Catalog, ...]:
    """Read a language's catalogues of the package's sentences, once per process."""
    read = []
    for path in catalogue_files(lang):
        with path.open("rb") as file:
            read.append(read_po(file, locale=lang, domain=path.stem))
    return tuple(read)


def _compiled(catalogue: Catalog) -> Translations:
    """Compile a catalogue's checked entries in memory (no .mo file is kept) and load them as Babel's Translations."""
    kept = Catalog(locale=catalogue.locale, domain=catalogue.domain)
    kept.mime_headers = catalogue.mime_headers  # its Plural-Forms rule
    for message in catalogue:
        if _is_checked(message):
            kept.add(message.id, message.string, context=message.context)
    compiled = io.BytesIO()
    write_mo(compiled, kept)
    compiled.seek(0)
    return Translations(compiled, domain=catalogue.domain)


@functools.cache
def translations(lang: str) -> NullTranslations:
    """Return a language's checked translations of the package's sentences, its catalogues merged into one."""
    compiled = [_compiled(catalogue) for catalogue in _catalogues(lang)]
    if not compiled:
        return NullTranslations()
    for more in compiled[1:]:
        compiled[0].merge(more)
    return compiled[0]


@functools.cache
def checked(lang: str) -> dict[tuple[str | None, str], tuple[str, ...]]:
    """Return a language's checked translations by (context, English; a plural entry by its singular), with their forms."""
    return {
        (message.context, message.id[0] if isinstance(message.id, (list, tuple)) else str(message.id)): _forms(message)
        for catalogue in _catalogues(lang)
        for message in catalogue
        if _is_checked(message)
    }


def pgettext(context: str | None, message: str) -> str:
    """Return a sentence in the build's language, telling apart equal English by a context."""
    lang = language()
    if lang == DEFAULT:
        return message
    found = translations(lang)
    return found.gettext(message) if context is None else str(found.pgettext(context, message))  # Babel types it loosely


def in_context(context: str, lang: str | None = None) -> dict[str, str]:
    """Return a language's checked translations of one context, by English (e.g. the themes' interface, "theme")."""
    lang = lang or language()
    if lang == DEFAULT:
        return {}
    found = checked(lang).items()
    return {english: forms[0] for (ctx, english), forms in found if ctx == context and len(forms) == 1}  # plural entries aside


def _(message: str) -> str:
    """Return a sentence in the build's language (the English when no checked translation exists)."""
    return pgettext(None, message)


def npgettext(context: str | None, singular: str, plural: str, n: int) -> str:
    """Return the form of a sentence for a count in the build's language, by its catalogue's plural rule."""
    lang = language()
    if lang == DEFAULT:
        return singular if n == 1 else plural
    found = translations(lang)
    return found.ngettext(singular, plural, n) if context is None else found.npgettext(context, singular, plural, n)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Return the form of a sentence for a count in the build's language, by its catalogue's plural rule."""
    return npgettext(None, singular, plural, n)


def format_date(day: dt.date, lang: str | None = None) -> str:
    """Write a date as running text does in the language: '18 June 2020', '18. Juni 2020'."""
    lang = lang or language()
    return _babel_date(day, DATE_PATTERN[lang], locale=lang)


def format_dates(days: list[dt.date], lang: str | None = None) -> str:
    """Write several dates as running text does: '6 and 7 December 2026', '6. und 7. Dezember 2026'; the month and
    year are written once when all the days share them, else each date is written in full."""
    lang = lang or language()
    days = sorted(set(days))
    if len({(d.year, d.month) for d in days}) == 1:
        parts = [_babel_date(d, DAY_PATTERN[lang], locale=lang) for d in days[:-1]] + [format_date(days[-1], lang)]
    else:
        parts = [format_date(d, lang) for d in days]
    return format_list(parts, locale=lang)


def count_words(n: int, lang: str | None = None, one: str | None = None) -> str:
    """Write a count in running text: in words from two to twelve where the language's style asks for it, else in figures.

    ``one`` names the form one takes in the sentence (a key of ONE_WORDS: "dative feminine", "person"); with it, one is
    a word too in such a language ("einer"). Tables and counts in table cells keep their figures: they do not call this.
    """
    lang = lang or language()
    words = COUNT_WORDS.get(lang)
    if n == 1 and one is not None and one in ONE_WORDS.get(lang, {}):
        return ONE_WORDS[lang][one]
    return words[n - 2] if words and 2 <= n <= 12 else format_number(n, lang)


#: A count that opens a sentence, in words up to twelve in every language ("Three of the report's 13 passages …").
START_WORDS = {
    "en": ("One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve"),
}


def count_at_start(n: int, lang: str | None = None, one: str | None = None) -> str:
    """Write a count that opens a sentence: in words up to twelve, capitalised ("Three", "Drei"; German one in the form
    ``one`` names, "Eine"), never a figure where a word exists."""
    lang = lang or language()
    if lang in START_WORDS:
        return START_WORDS[lang][n - 1] if 1 <= n <= 12 else format_number(n, lang)
    word = count_words(n, lang, one)
    return word[:1].upper() + word[1:]


def all_of(part: int, whole: int, case: str = "nominative", one: str | None = None) -> str:
    """Write how many of a whole a sentence counts: 'all 21' ("alle 21", ``case`` "dative": "allen 40") when it is all
    of more than one, else the count as running text writes it (count_words; ``one`` the form of one)."""
    if whole > 1 and part == whole:
        if case == "dative":
            return pgettext("all of a count, dative", "all {n}").format(n=count_words(whole))
        return pgettext("all of a count, nominative", "all {n}").format(n=count_words(whole))
    return count_words(part, one=one)


def listing(items: list[str]) -> str:
    """Join the items of a sentence's list: 'A and B and C' in English (as the book writes it), 'A, B und C' in German."""
    if len(items) < 2:
        return "".join(items)
    return pgettext("list, before the last item", " and ").join(items[:-1]) + pgettext("list", " and ") + items[-1]


def format_number(value: float, lang: str | None = None) -> str:
    """Write a number with the language's separators: '13,000' in English, '13.000' in German."""
    lang = lang or language()
    return format_decimal(value, locale=lang)


def edition_prefix(lang: str) -> str:
    """Return the folder of a language's edition under the book's root: '' for English, 'de/' for German."""
    return "" if lang == DEFAULT else f"{lang}/"


def other_languages(lang: str | None = None) -> tuple[str, ...]:
    """Return the book's languages other than this one."""
    lang = lang or language()
    return tuple(other for other in LANGUAGES if other != lang)


#: The calls Babel extracts as sentences to translate (gettext's keyword specs): ngettext's and npgettext's as plural
#: entries (singular and plural English in one entry).
KEYWORDS = {"_": None, "pgettext": ((1, "c"), 2), "ngettext": (1, 2), "npgettext": ((1, "c"), 2, 3)}


def sentences() -> list[tuple[str | None, str, str]]:
    """Return every sentence of the package's code that goes through ``_()``: context, English (ngettext's singular), place."""
    from babel.messages.extract import extract_from_dir

    found = []
    for filename, line, message, _comments, context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        english = message[0] if isinstance(message, tuple) else message
        found.append((context, english, f"src/briefing/{filename}:{line}"))
    return found


def untranslated(lang: str) -> list[str]:
    """List each sentence of the package's code that has no checked translation in a language, with its place."""
    known = checked(lang)
    return [f"{place}: {english!r}" for context, english, place in sentences() if (context, english) not in known]


def main(argv: list[str]) -> int:
    """Print the package's sentences still untranslated in a language (``python -m briefing.i18n.messages de``); 1 if any."""
    lang = argv[0] if argv else "de"
    missing = untranslated(lang)
    print("\n".join(missing))
    print(f"{len(sentences())} sentences, {len(missing)} without a checked {lang} translation in {CATALOGUES / lang}")
    return 1 if missing else 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
