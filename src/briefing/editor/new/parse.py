"""Parse an organiser's event report into contributions: who speaks, in which order, in which role, on what.

The rules a reader of such reports applies, and nothing more: a contribution begins at a speaker's line (honorific,
name, role, organisation) followed by a paragraph that begins with the same name; at a panel line naming several
speakers with their organisations ("With A (Org), B (Org) and C (Org)"), one contribution per panellist; or at a
heading followed by a paragraph that names an earlier speaker in its first sentence (a second appearance). A talk's
title in the heading lines above is its topic, and its passage begins there, so the previous one ends before it.
Whatever the parser cannot place is reported with its line number, with a row to paste where it is unsure; it never
invents a speaker, a role or an organisation.
"""

from __future__ import annotations

import re
from dataclasses import replace

from briefing.editor.new.collect import collect, contribution_ids, unsure
from briefing.editor.new.found import Contribution, Note, Parse, ReportError, Start
from briefing.editor.new.kinds import HEADER_MAX_CHARS, MARKER, first_words, heading_above, passage_names
from briefing.editor.new.layout import MODERATOR, Panellist, first_sentence, is_heading, mention, panel
from briefing.editor.new.names import header_name, split_honorific
from briefing.editor.new.roles import split_role

__all__ = ["Contribution", "Note", "Parse", "ReportError", "decode", "find_date", "parse_report", "split_honorific", "split_role"]

_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "januar": 1,
    "jänner": 1,
    "februar": 2,
    "märz": 3,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "oktober": 10,
    "dezember": 12,
}
_DATE = re.compile(
    r"\b(\d{1,2})\.?\s+("
    + "|".join(_MONTHS)
    + r")\s+(\d{4})\b|\b("
    + "|".join(_MONTHS)
    + r")\s+(\d{1,2}),?\s+(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b|\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b",
    re.IGNORECASE,
)


#: The longest line read as a speaker's header (name, role, organisation); a longer line is a paragraph.
def decode(raw: bytes, name: str = "the report") -> str:
    """Decode a report's bytes as UTF-8 (or UTF-16 with a byte-order mark); refuse binary files clearly."""
    if not raw.strip():
        raise ReportError(f"{name} is empty: there is nothing to parse.")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    kinds = {
        b"%PDF": "a PDF file",
        b"PK\x03\x04": "a zip archive or an Office document (.docx, .xlsx)",
        b"\xd0\xcf\x11\xe0": "an old Office document (.doc)",
        b"\x89PNG": "a PNG image",
        b"\xff\xd8\xff": "a JPEG image",
    }
    for magic, kind in kinds.items():
        if raw.startswith(magic):
            raise ReportError(
                f"{name} is {kind}, not text: save the report as plain text (.txt), Markdown (.md) or HTML, in UTF-8."
            )
    if b"\x00" in raw[:8192]:
        raise ReportError(
            f"{name} is a binary file (it contains NUL bytes), not text: "
            "save the report as plain text (.txt), Markdown (.md) or HTML, in UTF-8."
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ReportError(f"{name} is not UTF-8 text (byte {exc.start}, line {line}): save it as UTF-8 and try again.") from None


def _language(text: str) -> str:
    """Guess the report's language (en or de) from its commonest function words."""
    words = re.findall(r"[a-zäöüß]+", text.lower())
    german = sum(w in {"der", "die", "das", "und", "mit", "für", "ist", "sich", "den", "eine"} for w in words)
    english = sum(w in {"the", "and", "of", "with", "for", "is", "to", "a", "in", "that"} for w in words)
    return "de" if german > english else "en"


def find_date(text: str) -> tuple[str, int | None]:
    """Return the first date the report states (YYYY-MM-DD) and its line, or ('', None)."""
    match = _DATE.search(text)
    if not match:
        return "", None
    g = match.groups()
    if g[0]:
        day, month, year = int(g[0]), _MONTHS[g[1].lower()], int(g[2])
    elif g[3]:
        day, month, year = int(g[4]), _MONTHS[g[3].lower()], int(g[5])
    elif g[6]:
        year, month, day = int(g[6]), int(g[7]), int(g[8])
    else:  # German numeric dates: 12.03.2028
        day, month, year = int(g[9]), int(g[10]), int(g[11])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return "", None
    return f"{year:04d}-{month:02d}-{day:02d}", text[: match.start()].count("\n") + 1


def _plain_title(lines: list[tuple[int, str]]) -> tuple[str, int | None]:
    """Return a plain-text report's first line as its title when it reads as one (a heading, not a speaker's line)."""
    number, line = lines[0]
    if len(lines) < 2 or not is_heading(line) or line.endswith(("?", "!")) or MARKER.match(line):
        return "", None
    speaker = header_name(line)
    if speaker is not None and passage_names(speaker[1], lines[1][1])[0]:
        return "", None  # a speaker's line that opens the report
    return line, number


def parse_report(text: str, title: str = "", title_line: int | None = None) -> Parse:
    """Find the contributions of a report's plain text; report every line that is not part of one."""
    lines = [(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        raise ReportError("the report is empty: there is nothing to parse.")
    if not title:
        title, title_line = _plain_title(lines)
    result = Parse(title=title, title_line=title_line, language=_language(text))
    result.date, result.date_line = find_date(text)
    skip = {i for i, (number, line) in enumerate(lines) if number == title_line or MARKER.match(line) or MODERATOR.match(line)}
    panels = {i: found for i, (_, line) in enumerate(lines) if i not in skip and (found := panel(line))[0]}
    starts = _walk(result, lines, _headers(lines, skip | set(panels)), panels)
    if not starts:
        raise ReportError(
            "no speaker found: no line is followed by a paragraph that begins with the name it gives. "
            "Each contribution needs a header line (e.g. 'Dr. Ulla Engelmann, Head of Unit, European Commission') "
            "and then a paragraph that begins with the speaker's name."
        )
    collect(result, lines, starts, panels)
    first = min(start.index for start in starts)
    result.questions = opening_questions([line for i, (number, line) in enumerate(lines[:first]) if number != title_line])
    result.notes.sort(key=lambda note: note.line)  # in the report's order, as the editor reads it
    return result


#: A question the report asks: a sentence that ends with a question mark (its words verbatim, without the sentences before).
_QUESTION = re.compile(r"[^.!?\s][^.!?]*\?")


def opening_questions(lines: list[str]) -> list[str]:
    """Return the questions the report asks before its first contribution, verbatim, in order (none are invented)."""
    return [match.group(0).strip() for line in lines for match in _QUESTION.finditer(line)]


def _headers(lines: list[tuple[int, str]], skip: set[int]) -> dict[int, Start]:
    """Return the speaker's lines: a name with role or organisation, followed by a paragraph that begins with the name."""
    headers: dict[int, Start] = {}
    for index, (_, line) in enumerate(lines[:-1]):
        parsed = header_name(line) if len(line) <= HEADER_MAX_CHARS and index not in skip else None
        if parsed is None:
            continue  # the role rules are slow on long lines
        honorific, speaker, rest = parsed
        begins, _ = passage_names(speaker, lines[index + 1][1])
        if begins and header_name(lines[index + 1][1]) is None:
            role, organisation = split_role(rest)
            headers[index] = Start(index, "header", honorific, speaker, rest, role, organisation, passage=index + 1)
    return headers


def _panel_starts(index: int, people: list[Panellist]) -> list[Start]:
    """Return the starts of a panel line's speakers, one per panellist, in the line's order."""
    return [Start(index, "panel", p.honorific, p.name, role=p.role, organisation=p.organisation) for p in people]


def _walk(
    result: Parse, lines: list[tuple[int, str]], headers: dict[int, Start], panels: dict[int, tuple[list[Panellist], str]]
) -> list[Start]:
    """Return every contribution's start in running order: speaker's lines, panellists and second appearances."""
    starts: list[Start] = []
    by_surname: dict[str, list[Start]] = {}  # each speaker's first start, by surname: a sentence is checked against few
    group: set[str] = set()  # the speakers of the passage being read (a panel's several)
    for index, (_, line) in enumerate(lines):
        found = [headers[index]] if index in headers else _panel_starts(index, panels[index][0]) if index in panels else []
        if found:
            starts += found
            group = {s.speaker for s in found}
            for start in found:
                known = by_surname.setdefault(start.speaker.split()[-1], [])
                known += [] if any(k.speaker == start.speaker for k in known) else [start]
        elif starts and index - 1 not in headers and not is_heading(line) and not MARKER.match(line):
            sentence = first_sentence(line)
            words = set(re.findall(r"[\w’'-]+", sentence))
            named = [
                (position, s)
                for word in words & by_surname.keys()
                for s in by_surname[word]
                if s.speaker not in group and (position := mention(s.speaker, s.honorific, sentence)) >= 0
            ]
            if not named:
                continue
            first = min(named, key=lambda pair: (pair[0], pair[1].index))[1]
            again = replace(first, index=index, kind="again", passage=index, words=first_words(line), first=first.index)
            if heading_above(lines, index, headers, panels):
                starts.append(again)
                group = {first.speaker}
            else:
                result.notes.append(unsure(lines, again, len(starts) + 1, contribution_ids([*starts, again])[-1]))
    return starts
