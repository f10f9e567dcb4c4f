"""Soft hyphens in long words, so a narrow column breaks them at a syllable with a hyphen, never mid-syllable.

Browsers on Linux (Debian's Chromium among them) ship no hyphenation dictionaries, so CSS ``hyphens: auto`` does
nothing there; ``overflow-wrap: anywhere`` breaks "Ruhrgebi|et" without a hyphen. The break points come from the
LibreOffice dictionaries that Pyphen bundles, made more cautious: a company's CamelCase name breaks at its capitals,
no fragment shorter than three letters is left on a line, a point beside a one-letter syllable (where the German
patterns split a linking "s": "Schwerpunkt-s-etzung") is dropped, a fragment without a vowel joins the syllable before it
("Deut-sch-lands" becomes "Deutsch-lands"), and a point inside "sst" goes where the patterns misplace a compound's seam
("Innovationss-trategien"). A German word in English text (an organisation's name) is hyphenated as German, and English
in German text (the report's quotations, marked ``lang="en"``) as English.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import pyphen

SOFT_HYPHEN = "\u00ad"
#: Words shorter than this never need a break in a table column of the book (about eight em at the tables' type).
MIN_LENGTH = 12
#: A run of letters (Unicode), as the pages' script finds them too (``/\p{L}{12,}/gu``).
_WORD = re.compile(rf"[^\W\d_]{{{MIN_LENGTH},}}")
#: A capital inside a word after a small letter: "WirtschaftsEntwicklungsGesellschaft".
_CAMEL = re.compile(r"(?<=[^\W\d_])(?<![A-ZÄÖÜ])(?=[A-ZÄÖÜ])")
DICTIONARIES = {"de": "de_DE", "en": "en_GB"}
#: Letters that mark a word as German wherever it stands.
_GERMAN_LOOK = re.compile(r"[äöüßÄÖÜ]|sch|ung(?:s|en)?$")
#: A passage the package marked as English on a page in another language (briefing.analysis.quotations.in_english).
_ENGLISH_SPAN = re.compile(r'(<span lang="en">)(.*?)(</span>)', re.S)
_VOWELS = set("aeiouyäöüAEIOUYÄÖÜ")


def _base(lang: str) -> str:
    """Return a language tag's language ('en-GB' -> 'en')."""
    return lang.split("-", maxsplit=1)[0].lower()


@functools.cache
def _dictionary(lang: str) -> pyphen.Pyphen:
    """Return the hyphenation dictionary for a language tag ('de', 'en-GB'; British English where none is known)."""
    return pyphen.Pyphen(lang=DICTIONARIES.get(_base(lang), "en_GB"), left=3, right=3)


def _one_letter_joined(word: str, points: list[int]) -> list[int]:
    """Return break points with each one-letter fragment joined to a neighbour instead of dropping the points on both
    sides: the German patterns split a linking "s" off ("Refe-rat-s-lei-te-rin", "Fort-s-chritt"); it joins the syllable
    after it where that starts with "ch" ("Fort-schritt"), else the one before it ("Refe-rats-lei-te-rin"); before a
    vowel the patterns cannot tell "Schwer-punkt-set-zung" from "Wirt-schafts-ent-wick-lung", so neither point is kept."""
    bounds = [0, *points, len(word)]
    dropped: set[int] = set()
    for i in range(1, len(bounds) - 1):
        start, end = bounds[i], bounds[i + 1]
        if end - start != 1 or end == len(word) or start in dropped:
            continue
        after = word[end : end + 2].lower()
        if after[:1] in _VOWELS:  # "punkt-s-et-zung" is "punkt-set", but "schaft-s-ent" is "schafts-ent": neither point
            dropped.update((start, end))
        else:
            dropped.add(end if after == "ch" else start)  # "Fort-s-chritt" is "Fort-schritt", "rat-s-lei" is "rats-lei"
    return [p for p in points if p not in dropped]


def break_points(word: str, lang: str) -> list[int]:
    """Return the positions where a word may break with a hyphen, leaving out the doubtful points (see the module)."""
    points = _one_letter_joined(word, list(_dictionary(lang).positions(word)))
    bounds = [0, *points, len(word)]
    kept = []
    for i, p in enumerate(points, start=1):
        before, after = word[bounds[i - 1] : p], word[p : bounds[i + 1]]
        if len(before) == 1 or len(after) == 1 or word[p - 2 : p + 1].lower() == "sst":
            continue
        if not _VOWELS & set(after):  # "Deut|sch|lands": the vowel-less "sch" stays with "Deut"
            continue
        kept.append(p)
    return kept


def word_language(word: str, lang: str) -> str:
    """Return the language to hyphenate a word in: German where it looks German, else the text's own."""
    return "de" if _GERMAN_LOOK.search(word) else lang


@functools.cache
def hyphenate_word(word: str, lang: str, min_length: int = MIN_LENGTH) -> str:
    """Return a word with soft hyphens at its capitals (CamelCase) and at the dictionary's cautious break points (in its
    parts of at least ``min_length`` letters)."""
    parts = _CAMEL.split(word)
    out = []
    for part in parts:
        if len(part) < min_length:
            out.append(part)
            continue
        points = break_points(part, lang)
        out.append(SOFT_HYPHEN.join(part[a:b] for a, b in zip([0, *points], [*points, len(part)], strict=True)))
    return SOFT_HYPHEN.join(out)


def _plain(text: str, lang: str) -> str:
    """Return text without marked passages, with soft hyphens in its long words."""
    return _WORD.sub(lambda m: hyphenate_word(m.group(0), word_language(m.group(0), lang)), text)


def soft_hyphens(text: str, lang: str) -> str:
    """Return text (or the package's HTML) with soft hyphens in its long words, passages marked English as English.

    Display only: searches and exports keep the plain text.
    """
    pieces = _ENGLISH_SPAN.split(text)  # text, then (open, English, close) triples
    return "".join(
        _plain(piece, "en") if i % 4 == 2 else piece if i % 4 in (1, 3) else _plain(piece, lang) for i, piece in enumerate(pieces)
    )


def hyphenation_map(texts: Iterable[str], lang: str) -> dict[str, str]:
    """Return each long word of the texts that gets a soft hyphen, mapped to its hyphenated form (for a page's script).

    One form per word: where a word stands both in the text's language and in a passage marked English, the first wins.
    """
    found: dict[str, str] = {}
    for text in texts:
        for word in _WORD.findall(_ENGLISH_SPAN.sub("", text)):
            found.setdefault(word, word_language(word, lang))
        for match in _ENGLISH_SPAN.finditer(text):
            for word in _WORD.findall(match.group(2)):
                found.setdefault(word, word_language(word, "en"))
    return {w: h for w, language in sorted(found.items()) if (h := hyphenate_word(w, language)) != w}


#: Printed columns are narrower than the web's: words from this length on may break there.
PRINT_MIN_LENGTH = 8


def hyphenate_by_language(words: dict[str, list[str]], min_length: int = PRINT_MIN_LENGTH) -> dict[str, dict[str, str]]:
    """Return, for each language tag, its words that get soft hyphens, mapped to their hyphenated forms (the printer's
    words of narrow columns; a language without a dictionary is left unhyphenated)."""
    out: dict[str, dict[str, str]] = {}
    for lang, found in words.items():
        if _base(lang) not in DICTIONARIES:
            continue
        changed = {w: h for w in dict.fromkeys(found) if (h := hyphenate_word(w, lang, min_length)) != w}
        if changed:
            out[lang] = changed
    return out
