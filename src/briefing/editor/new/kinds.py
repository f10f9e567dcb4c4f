"""What kind of line a report's line is: a speaker's line, a passage naming the speaker, a heading, a marker, an agenda item."""

from __future__ import annotations

import re

from briefing.core.source import DOWNLOAD_MARKS
from briefing.editor.new.found import Start
from briefing.editor.new.layout import MODERATOR, Panels, is_heading
from briefing.editor.new.names import DETERMINERS, header_name, is_name_token, split_honorific

#: A line that offers the presentation for download.
MARKER = re.compile(r"^\s*(?:" + "|".join(re.escape(m) for m in DOWNLOAD_MARKS) + r")\b[^\n]{0,40}$")
#: Lines that are part of an agenda: listed as not being contributions.
AGENDA = re.compile(
    r"^\s*(?:\d{1,2}[:.]\d{2}\b|agenda\b|programme\b|program\b|tagesordnung\b|ablauf\b|pause\b|break\b|lunch\b)", re.IGNORECASE
)
#: The longest line read as a speaker's header (name, role, organisation); a longer line is a paragraph.
HEADER_MAX_CHARS = 400
#: The columns of contributions.csv, for a row the editor can paste.


def passage_names(speaker: str, paragraph: str) -> tuple[bool, str]:
    """Return whether a paragraph begins with the speaker, and the name it uses if it differs."""
    _, text = split_honorific(paragraph)
    if text.startswith(speaker) and (len(text) == len(speaker) or not text[len(speaker)].isalnum()):
        return True, ""
    surname = speaker.rsplit(maxsplit=1)[-1]
    words = [w.strip(",.:;’'s") for w in text.split()[:6]]
    if surname in words:
        used = " ".join(text.split()[: words.index(surname) + 1])
        if all(is_name_token(w) for w in used.split()) and used.split()[0] not in DETERMINERS:
            return True, "" if speaker.endswith(used) else used  # "Kiese argues" is the same speaker, not a second spelling
    return False, ""


def looks_like_header(line: str) -> bool:
    """Return whether a line has the shape of a speaker's header (name, then role or organisation)."""
    return len(line) <= HEADER_MAX_CHARS and not line.rstrip().endswith(("?", "!")) and header_name(line) is not None


def source_start_words(line: str, honorific: str, speaker: str) -> str:
    """Return the verbatim words that begin a contribution: the header up to the first word after the name."""
    prefix = f"{honorific} {speaker}".strip() if line.startswith(honorific or speaker) else speaker
    at = line.find(speaker)
    after = line[at + len(speaker) :]
    extra = re.match(r"^[,:(–—\s-]*\S+", after)
    start = line[: at + len(speaker)] + (extra.group(0) if extra else "")
    return start if start.strip() else prefix


def first_words(line: str, count: int = 6) -> str:
    """Return the first words of a line, verbatim (with the spaces between them as they are)."""
    match = re.match(rf"\S+(?:\s+\S+){{0,{count - 1}}}", line.strip())
    return match.group(0) if match else line.strip()


def heading_above(lines: list[tuple[int, str]], index: int, headers: dict[int, Start], panels: Panels) -> bool:
    """Return whether a talk's title or a section's heading stands directly above a line."""
    return index > 0 and is_title_line(lines, index - 1, headers, panels)


def is_title_line(lines: list[tuple[int, str]], index: int, headers: dict[int, Start], panels: Panels) -> bool:
    """Return whether a line is a heading between passages: short, not a speaker's line, marker, agenda or passage."""
    line = lines[index][1]
    return (
        is_heading(line)
        and index not in headers
        and index not in panels
        and index - 1 not in headers
        and not MARKER.match(line)
        and not AGENDA.match(line)
        and not MODERATOR.match(line)
        and not looks_like_header(line)
    )


def block(
    lines: list[tuple[int, str]],
    index: int,
    headers: dict[int, Start],
    panels: Panels,
    floor: int,
) -> list[int]:
    """Return the heading lines directly above a contribution's start (a talk's title, a moderator), from the first heading."""
    block: list[int] = []
    at = index - 1
    while at > floor and (is_title_line(lines, at, headers, panels) or MODERATOR.match(lines[at][1])):
        block.insert(0, at)
        at -= 1
    while block and not is_title_line(lines, block[0], headers, panels):
        block.pop(0)
    return block
