"""Quotation marks and apostrophes in the book's own text, set as Sphinx sets the pages' prose."""

from __future__ import annotations

import re

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
