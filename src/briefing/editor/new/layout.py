"""The lines around contributions: titles, talk titles, panels named in one line, moderators, names in a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeAlias

from briefing.editor.new.names import is_name, split_honorific
from briefing.editor.new.roles import affiliation

#: The longest line read as a heading (a title or a talk's title); a longer line is a paragraph.
HEADING_MAX_CHARS = 120
_HEADING_MAX_WORDS = 16
#: Lines that name a moderator: listed as not being contributions, their names kept apart from the speakers'.
MODERATOR = re.compile(
    r"^\s*(?:moderat(?:ion|ed by|ors?|orin(?:nen)?)|moderiert(?: von)?|host(?:ed by)?|chair(?:ed by)?|leitung)\b\s*:?\s*",
    re.IGNORECASE,
)
#: The words that open a panel line: "With A (Org), B (Org) and C (Org)", "Mit …", "Panellists: …".
_PANEL = re.compile(
    r"^\s*(?:with|mit|panel(?:l)?ists|on the panel|participants|speakers|auf dem podium|es diskutierten|teilnehmende"
    r"|diskutant(?:inn)?en|podiumsgäste|gäste)\s*:?\s+(.+)$",
    re.IGNORECASE,
)
#: The words that label a talk's title and are not part of it ("Keynote: Tides", "Podiumsdiskussion: Wem …").
_LABEL = re.compile(
    r"^(?:keynote(?: speech| address)?|talk|lecture|presentation|input|impulse|impulse talk|panel(?: discussion)?|session"
    r"|vortrag|impulsvortrag|impuls|keynote-vortrag|podiumsdiskussion|podium|diskussion|gesprächsrunde)\s*[:–—-]\s+(?=\S)",
    re.IGNORECASE,
)
_ABBREVIATIONS = frozenset(["Dr", "Mr", "Ms", "Mrs", "Prof", "St", "Nr", "ca", "bzw", "z.B", "u.a", "e.g", "i.e", "vs"])
_QUOTES = "\"'“”„‘’‚«»‹›"
#: Where a moderator's name in a panel line begins: "…, moderated by D (Org)", "…; Moderation: D".
_PANEL_MODERATOR = re.compile(r"[,;]?\s*(?:moderated by|chaired by|moderiert von|moderation:?)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Panellist:
    """A speaker named in a panel line, with what the line says of them."""

    honorific: str
    name: str
    role: str
    organisation: str
    text: str  # the words as the line gives them ("Dr. Amara Okafor (Bayline Logistics Ltd.)")


def is_heading(line: str) -> bool:
    """Return whether a line reads as a heading: short, without a sentence's closing period or comma."""
    text = line.strip()
    return (
        0 < len(text) <= HEADING_MAX_CHARS
        and len(text.split()) <= _HEADING_MAX_WORDS
        and not text.endswith((".", ",", ";", ":"))
        and (text[0].isupper() or text[0].isdigit() or text[0] in _QUOTES)
    )


def topic(heading: str) -> str:
    """Return a talk's title from its heading line: without a label ('Keynote:') or the quotation marks around it."""
    text = _LABEL.sub("", heading.strip())
    if len(text) > 1 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1]
    return text.strip()


def _split_items(text: str) -> list[str]:
    """Split a list of names at commas, semicolons and a closing 'and'/'und'/'&', outside parentheses."""
    items, depth, current, index = [], 0, "", 0
    while index < len(text):
        char = text[index]
        depth += char == "("
        depth -= char == ")" and depth > 0
        joined = re.match(r"\s+(?:and|und|&)\s+", text[index:]) if depth == 0 else None
        if depth == 0 and char in ",;":
            items.append(current)
            current, index = "", index + 1
        elif joined:
            items.append(current)
            current, index = "", index + joined.end()
        else:
            current += char
            index += 1
    items.append(current)
    return [item.strip() for item in items if item.strip()]


def _panellist(item: str) -> Panellist | None:
    """Read one item of a panel line: 'Dr. Amara Okafor (Bayline Logistics Ltd.)'; None if it is no name with its organisation."""
    match = re.match(r"^(.+?)\s*\((.+)\)$", item)
    if not match:
        return None
    honorific, name = split_honorific(match.group(1))
    if not is_name(name, honorific):
        return None
    role, organisation = affiliation(match.group(2))
    return Panellist(honorific, name, role, organisation, item)


#: The report's panel lines by line index: the speakers each names and its moderator's words (panel()).
Panels: TypeAlias = dict[int, tuple[list[Panellist], str]]


def panel(line: str) -> tuple[list[Panellist], str]:
    """Return the speakers a panel line names (two or more, each with an organisation) and its moderator's words, or ([], '')."""
    match = _PANEL.match(line)
    if not match:
        return [], ""
    names, moderator = match.group(1), ""
    if cut := _PANEL_MODERATOR.search(names):
        names, moderator = names[: cut.start()], names[cut.end() :]
    people = [_panellist(item) for item in _split_items(names)]
    if len(people) < 2 or any(p is None for p in people):
        return [], ""
    return [p for p in people if p is not None], moderator


def moderator_name(text: str) -> str:
    """Return the moderator's name a moderator line (or its rest) gives, or '' if none can be told."""
    rest = MODERATOR.sub("", text.strip(), count=1)
    candidate = re.split(r"\s*(?:,|\(|\s[–—-]\s|\bvom\b|\bvon der\b|\bfrom\b|\bof\b)", rest, maxsplit=1)[0].strip(" .")
    honorific, name = split_honorific(candidate)
    return name if is_name(name, honorific) else ""


def first_sentence(paragraph: str) -> str:
    """Return a paragraph's first sentence: up to the first '.', '!' or '?' that does not end an abbreviation or initial."""
    for match in re.finditer(r"[.!?](?=\s|$)", paragraph):
        word = paragraph[: match.start()].rsplit(maxsplit=1)[-1] if paragraph[: match.start()].strip() else ""
        if match.group() == "." and (len(word) == 1 or word in _ABBREVIATIONS):
            continue
        return paragraph[: match.end()]
    return paragraph


def mention(name: str, honorific: str, text: str) -> int:
    """Return where a speaker is named in a text (full name, or honorific and surname), or -1."""
    forms = [name]
    surname = name.rsplit(maxsplit=1)[-1]
    for title in {honorific, *honorific.split(), "Frau", "Herr", "Ms", "Mr", "Dr.", "Prof."} - {""}:
        forms.append(f"{title} {surname}")
    found = [m.start() for form in forms for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)]
    return min(found, default=-1)
