"""Soft hyphens for the print edition's narrow columns, by language: Chromium on Linux has no hyphenation dictionaries."""

from __future__ import annotations

import functools

import pyphen

SOFT_HYPHEN = "\u00ad"
#: Shorter words are never hyphenated: they fit any printed column.
MIN_LETTERS = 8
#: pyphen's dictionary for each language of the book (a language without one is left unhyphenated).
DICTIONARIES = {"en": "en_GB", "de": "de_DE"}


@functools.cache
def dictionary(lang: str) -> pyphen.Pyphen | None:
    """Return the hyphenation dictionary of a language tag ('de', 'en-GB'), or None when there is none."""
    name = DICTIONARIES.get(lang.split("-")[0].lower())
    return pyphen.Pyphen(lang=name, left=3, right=3) if name else None


def hyphenated(word: str, lang: str) -> str:
    """Return a word with a soft hyphen at each point where its language breaks it (short words unchanged)."""
    found = dictionary(lang)
    if found is None or len(word) < MIN_LETTERS:
        return word
    return found.inserted(word, hyphen=SOFT_HYPHEN)


def hyphenate(words: dict[str, list[str]]) -> dict[str, dict[str, str]]:
    """Return, for each language, the words (by language) that get soft hyphens, with them inserted."""
    out: dict[str, dict[str, str]] = {}
    for lang, found in words.items():
        changed = {w: h for w in dict.fromkeys(found) if (h := hyphenated(w, lang)) != w}
        if changed:
            out[lang] = changed
    return out
