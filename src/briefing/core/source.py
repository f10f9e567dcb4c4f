"""The source report: its passages per contribution, and verbatim look-ups in it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# Look-alike characters a spreadsheet or keyboard may substitute for the report's own.
_LOOKALIKES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2013": "-",
        "\u2014": "-",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00ad": None,
    }
)
#: Characters that look like others or like nothing, named in messages so a person can find them.
_SUSPECTS = {
    "\u00a0": "a non-breaking space",
    "\u2009": "a thin space",
    "\u202f": "a narrow non-breaking space",
    "\u200b": "an invisible zero-width space",
    "\u200c": "an invisible zero-width non-joiner",
    "\u200d": "an invisible zero-width joiner",
    "\u2060": "an invisible word joiner",
    "\ufeff": "an invisible byte-order mark",
    "\u00ad": "an invisible soft hyphen",
    "\u2018": "a curly quote (‘)",
    "\u2019": "a curly apostrophe (’)",
    "\u201c": "a curly quote (“)",
    "\u201d": "a curly quote (”)",
    "\u201e": "a German low quote („)",
    "\u2013": "an en dash (–)",
    "\u2014": "an em dash (—)",
}
#: Invisible characters a text field may not contain (they break search and look-ups unseen).
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")
DOWNLOAD_MARK = "Download presentation"
#: Every line that offers the presentation for download, in English and German (reports of later events).
DOWNLOAD_MARKS = (
    DOWNLOAD_MARK,
    "Download the presentation",
    "Download slides",
    "Presentation download",
    "Präsentation herunterladen",
    "Präsentation downloaden",
    "Download Präsentation",
    "Download der Präsentation",
    "Präsentation zum Download",
    "Vortrag herunterladen",
    "Folien herunterladen",
)
_WORD = re.compile(r"[\w’'-]+")


@dataclass(frozen=True)
class Passage:
    """The stretch of the report that belongs to one contribution: heading line and text."""

    start: int
    end: int
    text: str

    @property
    def heading(self) -> str:
        """Return the passage's first line, which names the speaker and role."""
        return self.text.split("\n", 1)[0].strip()

    @property
    def body(self) -> str:
        """Return the passage without its heading and download marks."""
        rest = self.text.split("\n", 1)[1] if "\n" in self.text else ""
        for mark in DOWNLOAD_MARKS:
            rest = rest.replace(mark, "")
        return rest.strip()

    @property
    def offers_presentation(self) -> bool:
        """Return whether the report offers a presentation for download here."""
        return any(mark in self.text for mark in DOWNLOAD_MARKS)

    def contains(self, quotation: str) -> bool:
        """Return whether the quotation occurs verbatim in this passage."""
        return quotation in self.text


def normalise(text: str) -> str:
    """Fold look-alike quotes, dashes and spaces and collapse whitespace (for hints only).

    Quotations are always compared exactly; this is the one place that decides what counts
    as 'the same except for look-alike characters', used to explain a failed comparison.
    """
    folded = unicodedata.normalize("NFC", text).translate(_LOOKALIKES)
    return re.sub(r"\s+", " ", folded).strip()


def invisible_hint(value: str) -> str:
    """Name the first look-alike or invisible character in a value and where it is, or return ''."""
    for position, char in enumerate(value, start=1):
        if char in _SUSPECTS:
            return f"it contains {_SUSPECTS[char]} (U+{ord(char):04X}) at character {position}: retype it"
        if unicodedata.category(char) == "Cc" and char not in "\n\t":
            return f"it contains a control character (U+{ord(char):04X}) at character {position}: delete it"
    return ""


def locate_passages(source: str, starts: list[tuple[str, str]]) -> tuple[dict[str, Passage], list[tuple[str, str]]]:
    """Split the source at each (id, start words) in running order; return passages and misses."""
    positions: list[tuple[str, int]] = []
    missing: list[tuple[str, str]] = []
    cursor = 0
    for key, words in starts:
        at = source.find(words, cursor)
        if at < 0:
            missing.append((key, words))
            continue
        positions.append((key, at))
        cursor = at + len(words)
    passages = {}
    for index, (key, at) in enumerate(positions):
        end = positions[index + 1][1] if index + 1 < len(positions) else len(source)
        passages[key] = Passage(at, end, source[at:end])
    return passages, missing


def closest_hint(quotation: str, source: str) -> str:
    """Explain why a quotation is not verbatim: look-alike characters, or where it nearly matches."""
    if normalise(quotation) in normalise(source):
        found = invisible_hint(quotation)
        return "it matches only if quotes, dashes or spaces are changed: copy the report's own characters" + (
            f" ({found})" if found else ""
        )
    words = quotation.split()
    best = ""
    for size in range(len(words), 2, -1):
        for first in range(len(words) - size + 1):
            piece = " ".join(words[first : first + size])
            if piece in source:
                best = piece
                break
        if best:
            break
    if best:
        return f"the longest part found verbatim is {best!r}"
    return "no part of it was found in the report"


#: Multiplier of the rolling key of a run of words (odd, so keys spread over 64 bits; arithmetic wraps modulo 2**64).
_KEY_FACTOR = 0x100000001B3


@lru_cache(maxsize=4)
def _run_keys(source: str, length: int) -> tuple[dict[str, int], frozenset[int], str]:
    """Return a source's word numbers, a key for every run of `length` consecutive words, and its words joined.

    Computed once per source with numpy: keying 640,000 words of a large report takes a tenth of the time
    a set of word tuples did. A key match is confirmed on the words themselves, so a collision cannot mislead.
    """
    words = _words(source)
    numbers: dict[str, int] = {}
    codes = np.fromiter((numbers.setdefault(w, len(numbers)) for w in words), dtype=np.uint64, count=len(words))
    runs = len(words) - length + 1
    if runs <= 0:
        return numbers, frozenset(), " ".join(words)
    keys = np.zeros(runs, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(length):
            keys = keys * np.uint64(_KEY_FACTOR) + codes[k : k + runs]
    return numbers, frozenset(keys.tolist()), f" {' '.join(words)} "


def shared_run(text: str, source: str, length: int) -> str | None:
    """Return the first run of `length` consecutive words that text copies from source, if any."""
    numbers, keys, joined = _run_keys(source, length)
    words = _words(text)
    mask = (1 << 64) - 1
    for i in range(len(words) - length + 1):
        run = words[i : i + length]
        if any(w not in numbers for w in run):
            continue
        key = 0
        for w in run:
            key = (key * _KEY_FACTOR + numbers[w]) & mask
        if key in keys and f" {' '.join(run)} " in joined:
            return " ".join(run)
    return None


def word_count(text: str) -> int:
    """Count the words of a text."""
    return len(_words(text))


def sentence_count(text: str) -> int:
    """Count sentences by their closing punctuation (abbreviations like 'Dr.' and initials like 'C.' excepted)."""
    cleaned = re.sub(r"\b(?:Dr|Prof|Mr|Ms|Mrs|e\.g|i\.e|cf|etc|[A-Z])\.", "", text)
    return len([s for s in re.split(r"[.!?](?:\s+|$)", cleaned.strip()) if s.strip()])


@lru_cache(maxsize=65536)
def _words(text: str) -> tuple[str, ...]:
    """Split text into lower-case words, ignoring punctuation and look-alike characters (cached: summaries are split thrice)."""
    # Folding whitespace (as normalise does) cannot change which words are found, so it is skipped here.
    return tuple(_WORD.findall(unicodedata.normalize("NFC", text).translate(_LOOKALIKES).lower()))
