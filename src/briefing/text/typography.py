"""Quotation marks and apostrophes in the book's own text, set as Sphinx sets the pages' prose."""

from __future__ import annotations

import re
import unicodedata

from briefing.i18n.messages import DEFAULT, language

#: Straight single quotes as the book's prose sets them (Sphinx's smart quotes): an apostrophe inside a word
#: ("report's"), a term in single quotes ('Lead markets') and a plural possessive ("speakers'"). The report itself has
#: no straight quotes, so its quotations never change.
_INSIDE_WORD = re.compile(r"(?<=\w)'(?=\w)")
_QUOTED = re.compile(r"(?<!\w)'(?=\S)([^'\n]+?)(?<=\S)'(?!\w)")
_PLURAL_POSSESSIVE = re.compile(r"(?<=s)'(?!\w)")


def typographic(text: str) -> str:
    """Return text with straight single quotes and apostrophes set as in the book's prose (‘’), so tables match the pages."""
    if "'" not in text:
        return text
    text = _INSIDE_WORD.sub("\u2019", text)
    text = _QUOTED.sub("\u2018\\1\u2019", text)
    return _PLURAL_POSSESSIVE.sub("\u2019", text)


#: Quotation marks per language: the outer pair, then the pair for a quotation inside a quotation.
MARKS = {"en": ("\u201c", "\u201d", "\u2018", "\u2019"), "de": ("\u201e", "\u201c", "\u201a", "\u2018")}
#: A quotation inside a quoted text, in English or German double marks ("…" or „…“).
_INNER = re.compile("[\u201c\u201e]([^\u201c\u201d\u201e]*?)[\u201d\u201c]")
#: A closing quotation mark after a sentence's own final stop, followed by a full stop: "… developed.”." → "… developed.”".
_DOUBLED_STOP = re.compile("([.!?…][\u201c\u201d\u2018\u2019])\\.")


def marks(lang: str | None = None) -> tuple[str, str]:
    """Return the opening and closing quotation marks of a language (the page's by default): “…” or „…“."""
    outer = MARKS.get(lang or language(), MARKS[DEFAULT])
    return outer[0], outer[1]


def nested(text: str, lang: str | None = None) -> str:
    """Return a text to be quoted with the double quotation marks inside it set as a language's inner marks (‚…‘ in
    German); English keeps the quoted text's own marks, as the report and the slides set them."""
    lang = lang or language()
    if lang == DEFAULT or lang not in MARKS:
        return text
    _open, _close, inner_open, inner_close = MARKS[lang]
    return _INNER.sub(f"{inner_open}\\1{inner_close}", text)


def in_marks(text: str, lang: str | None = None) -> str:
    """Return a text in a language's quotation marks (the page's by default), quotations inside it in the inner marks."""
    opening, closing = marks(lang)
    return f"{opening}{nested(text, lang)}{closing}"


def single_stop(text: str) -> str:
    """Return a text without a full stop after a quotation that already ends its sentence (“… developed.”. → “… developed.”)."""
    return _DOUBLED_STOP.sub("\\1", text)


#: The space inside an abbreviation of two or more parts ("o. J.", "u. a.", "z. B."), where no line may break.
_ABBREVIATION_SPACE = re.compile(r"(?<=\b\w\.) (?=\w\.)")


def unbroken(text: str) -> str:
    """Return a text with a non-breaking space inside abbreviations like "o. J." and "u. a.", so no line breaks there."""
    return _ABBREVIATION_SPACE.sub("\u00a0", text)


def folded(text: str) -> str:
    """Return a text as an alphabet files it: case-folded, each letter's marks dropped ("Köder" → "koder", DIN 5007)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
