"""Personal names in a report: honorifics, name words and the name that begins a speaker's line."""

from __future__ import annotations

import re
import unicodedata

#: Academic and courtesy titles split from the name, longest first (English and German).
HONORIFICS = (
    "Univ.-Prof. Dr.",
    "Prof. Dr.-Ing.",
    "Prof. Dr. Dr.",
    "Prof. Dr.",
    "PD Dr.",
    "Dr.-Ing.",
    "Dr. h.c.",
    "Dr. rer. nat.",
    "Prof.",
    "Dr.",
    "Dipl.-Ing.",
    "Dipl.-Kfm.",
    "Mag.",
    "Mrs.",
    "Mrs",
    "Ms.",
    "Ms",
    "Mr.",
    "Mr",
    "Frau",
    "Herr",
    "Sir",
    "Dame",
)
#: Lower-case particles that belong to a name ("Willem van Winden", "Ursula von der Leyen").
PARTICLES = frozenset(
    """
van von der den de del della di da du la le ten ter zu zum bin al el dos das y
""".split()  # noqa: SIM905 - a list of words reads best as words
)
#: Capitalised words that begin a sentence or a title, never a personal name ("The Tidewater Summit brought …").
DETERMINERS = frozenset(
    [
        "The",
        "This",
        "That",
        "These",
        "Our",
        "Their",
        "A",
        "An",
        "Der",
        "Die",
        "Das",
        "Dieser",
        "Diese",
        "Dieses",
        "Ein",
        "Eine",
        "Unser",
        "Unsere",
        "Im",
        "Am",
        "In",
        "On",
        "At",
    ]
)
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_][\w’'\-]*|[^\W\d_]\.(?:-[^\W\d_]\.)?)$")


def split_honorific(text: str) -> tuple[str, str]:
    """Split leading honorifics ("Prof. Dr.", "Ms") from a name; return (honorific, rest)."""
    found: list[str] = []
    rest = text.strip()
    while True:
        for title in HONORIFICS:
            if rest.startswith(title) and (len(rest) == len(title) or rest[len(title)] in " \u00a0"):
                found.append(title)
                rest = rest[len(title) :].strip()
                break
        else:
            return " ".join(found), rest


def is_name_token(token: str) -> bool:
    """Return whether a word can be part of a personal name: capitalised, an initial, or a particle."""
    word = token.rstrip(",;:")
    return bool(_NAME_TOKEN.match(word)) and (word[0].isupper() or word in PARTICLES)


def is_name(text: str, honorific: str = "") -> bool:
    """Return whether words form a personal name: 1-6 name words ending capitalised, two unless an honorific precedes."""
    words = text.split()
    if not 1 <= len(words) <= 6 or not all(is_name_token(w) for w in words) or not words[-1][0].isupper():
        return False
    return (len(words) > 1 or bool(honorific)) and words[0] not in DETERMINERS


def header_name(line: str) -> tuple[str, str, str] | None:
    """Return (honorific, name, rest) of a header line whose name ends at a separator, or None."""
    honorific, rest = split_honorific(line)
    match = re.match(r"^(.+?)\s*(?:,\s*|\s+[–—-]\s+|\s*\(|:\s+)(.*)$", rest)
    if not match:
        return None
    name = match.group(1).strip()
    tail = rest[len(match.group(1)) :].lstrip()
    tail = tail[1:].strip() if tail[:1] in ",:–—-" else tail  # a parenthesis stays with what it encloses
    if not is_name(name, honorific):
        return None
    return honorific, name, tail


_TRANSLIT = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "ß": "ss",
        "ł": "l",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
    }
)


def slug(text: str) -> str:
    """Return an ASCII id from a name ("Jürgen Köder" -> "koeder" for the surname)."""
    folded = text.lower().translate(_TRANSLIT)
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "speaker"


def surname_id(speaker: str) -> str:
    """Return a contribution id from the speaker's surname with its particles ("van-winden")."""
    words = speaker.split()
    start = len(words) - 1
    while start > 0 and words[start - 1] in PARTICLES:
        start -= 1
    return slug(" ".join(words[start:]))
