"""Turn the starts found in a report into contributions, and say what every other line is (the parse's notes)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace

from briefing.core.schema import Contribution as ContributionRow
from briefing.editor.new.found import Contribution, Note, Parse, Start
from briefing.editor.new.kinds import (
    AGENDA,
    MARKER,
    block,
    first_words,
    is_title_line,
    looks_like_header,
    passage_names,
    source_start_words,
)
from briefing.editor.new.layout import MODERATOR, Panels, is_heading, mention, moderator_name, topic
from briefing.editor.new.names import surname_id

#: The columns of contributions.csv, for a row the editor can paste.
COLUMNS = list(ContributionRow.model_fields)


def contribution_ids(starts: list[Start]) -> list[str]:
    """Return the contributions' ids: the surname, numbered from the second appearance on ('voss', 'voss-2')."""
    seen: dict[str, int] = {}
    ids = []
    for start in starts:
        base = surname_id(start.speaker)
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def paste_row(values: dict[str, str]) -> str:
    """Return one contributions.csv row, in its columns' order, as the editor pastes it."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([values.get(column, "") for column in COLUMNS])
    return out.getvalue()


def unsure(lines: list[tuple[int, str]], again: Start, order: int, cid: str) -> Note:
    """Return the check for a paragraph that names an earlier speaker without a heading or speaker's line above it."""
    number, line = lines[again.index]
    first_line = lines[again.first][0] if again.first is not None else number
    row = paste_row(
        {
            "id": cid,
            "order": str(order),
            "speaker": again.speaker,
            "honorific": again.honorific,
            "role": again.role,
            "organisation": again.organisation,
            "presentation_offered": "no",
            "source_start": again.words,
        }
    )
    return Note(
        number,
        "check",
        line,
        f"the paragraph names {again.speaker} (line {first_line}) in its first sentence, with no heading or speaker's "
        "line above it: if it is a further contribution, paste its row from 'Rows ready to paste' into contributions.csv "
        f"(role and organisation from line {first_line}; renumber the orders after it); if not, it stays in the "
        "previous passage",
        row,
    )


@dataclass(frozen=True)
class _Placed:
    """A contribution's start placed in the report: where its passage begins, with which words, and its topic."""

    start: Start
    begin: int  # index of the passage's first line (a heading above the speaker's line, or the line itself)
    words: str
    topic: str
    passage_line: int
    block: tuple[int, ...] = ()


def _heading_words(line: str) -> str:
    """Return the verbatim words a passage that begins at a heading begins with: the whole line, if not too long."""
    return line if len(line) <= 200 else first_words(line, 12)


def _place(lines: list[tuple[int, str]], starts: list[Start], panels: Panels, result: Parse) -> list[_Placed]:
    """Place every start: its heading lines, the words its passage begins with, its topic (the talk's title)."""
    headers = {s.index: s for s in starts if s.kind == "header"}
    placed: list[_Placed] = []
    floor = -1
    groups: dict[int, list[Start]] = {}
    for start in starts:
        groups.setdefault(start.index, []).append(start)
    for index, group in sorted(groups.items()):
        heads = block(lines, index, headers, panels, floor)
        titles = [i for i in heads if is_title_line(lines, i, headers, panels)]
        subject = topic(lines[titles[-1]][1]) if titles else ""
        line = lines[index][1]
        first = group[0]
        if heads:
            words, begin = _heading_words(lines[heads[0]][1]), heads[0]
        elif first.kind == "header":
            words, begin = source_start_words(line, first.honorific, first.speaker), index
        else:
            words, begin = first.words or first_words(line), index
        placed.append(_Placed(first, begin, words, subject, lines[first.passage or index][0], tuple(heads)))
        if len(group) > 1:
            placed += _panellists(lines, group, subject, panels, result)
        floor = index + (1 if first.kind == "header" else 0)
    return placed


def _panellists(lines: list[tuple[int, str]], group: list[Start], subject: str, panels: Panels, result: Parse) -> list[_Placed]:
    """Place the further panellists where the discussion first names each (in the line's order), or else in the line."""
    index = group[0].index
    following = []
    for at in range(index + 1, len(lines)):
        if at in panels or MARKER.match(lines[at][1]) or is_heading(lines[at][1]):
            break
        following.append(at)
    found: list[tuple[int, int]] = []  # (line index, offset) of each panellist's first mention, in order
    for start in group:
        after = found[-1] if found else (following[0] if following else -1, -1)
        hit = next(
            (
                (at, offset + position)
                for at in following
                if at >= after[0]
                for offset in [after[1] + 1 if at == after[0] else 0]
                if (position := mention(start.speaker, start.honorific, lines[at][1][offset:])) >= 0
            ),
            None,
        )
        if hit is None:
            break
        found.append(hit)
    people = {p.name: p for p in panels[index][0]}
    if len(found) == len(group):
        return [
            _Placed(s, at, first_words(lines[at][1][offset:], 4), subject, lines[at][0])
            for s, (at, offset) in zip(group[1:], found[1:], strict=True)
        ]
    result.notes.append(
        Note(
            lines[index][0],
            "check",
            lines[index][1],
            "the panel's discussion does not name every panellist of this line in the line's order, so each panellist's "
            f"passage begins at their name in this line and the discussion is {group[-1].speaker}'s passage: "
            "move a panellist's source_start to where the report gives their words, if it does",
        )
    )
    return [_Placed(s, index, people[s.speaker].text, subject, lines[index][0]) for s in group[1:]]


def collect(result: Parse, lines: list[tuple[int, str]], starts: list[Start], panels: Panels) -> None:
    """Turn the starts into contributions and classify every other line."""
    placed = _place(lines, starts, panels, result)
    ids = contribution_ids([p.start for p in placed])
    headers = {s.index: s for s in starts if s.kind == "header"}
    blocks = {i: n for n, p in enumerate(placed) for i in p.block}
    flagged: set[int] = set()
    for n, p in enumerate(placed):
        result.contributions.append(
            Contribution(
                order=n + 1,
                speaker=p.start.speaker,
                honorific=p.start.honorific,
                role=p.start.role,
                organisation=p.start.organisation,
                presentation_offered=False,
                source_start=p.words,
                header_line=lines[p.start.index][0],
                passage_line=p.passage_line,
                id=ids[n],
                topic=p.topic,
            )
        )
    begins = [p.begin for p in placed]
    agains = {p.start.index: p.start for p in placed if p.start.kind == "again"}
    following = 0  # the first contribution whose passage begins after the line
    for index, (number, line) in enumerate(lines):
        while following < len(begins) and begins[following] <= index:
            following += 1
        owner = following - 1 if following else None  # the contribution whose passage the line is in
        if number == result.title_line:
            result.notes.append(Note(number, "not a contribution", line, "the report's title"))
        elif index in blocks:
            _block_note(result, number, line, ids[blocks[index]])
        elif index in headers:
            _header_notes(result, lines, headers[index])
        elif index in panels:
            name = moderator_name(panels[index][1]) if panels[index][1] else ""
            if name and name not in result.moderators:
                result.moderators.append(name)
        elif index in agains:
            again = agains[index]
            first = lines[again.first][0] if again.first is not None else number
            result.notes.append(
                Note(
                    number,
                    "check",
                    line,
                    f"a further contribution of {again.speaker}, named in the first sentence below a heading: "
                    f"role and organisation taken from line {first}; check",
                )
            )
        elif index - 1 in headers or (index + 1 in headers and lines[index + 1][1] == line):
            continue  # a passage's first paragraph; a header repeated on the next line (reported when the repeat is read)
        elif MARKER.match(line):
            if owner is None:
                result.notes.append(Note(number, "not a contribution", line, "a presentation marker before any contribution"))
            elif owner not in flagged:
                flagged.add(owner)
                result.contributions[owner] = replace(result.contributions[owner], presentation_offered=True)
        else:
            _other_note(result, lines, index, owner, headers, panels)


def _block_note(result: Parse, number: int, line: str, cid: str) -> None:
    """Note a heading line above a contribution: a talk's title (its topic) or a moderator."""
    if MODERATOR.match(line):
        _moderator(result, number, line)
        return
    result.notes.append(
        Note(number, "not a contribution", line, f"a heading above the contribution '{cid}': its topic, where its passage begins")
    )


def _moderator(result: Parse, number: int, line: str) -> None:
    """Note a moderator's line and keep the moderator's name apart from the speakers'."""
    result.notes.append(
        Note(number, "not a contribution", line, "a moderator line: moderators introduce contributions but are not one")
    )
    name = moderator_name(line)
    if name and name not in result.moderators:
        result.moderators.append(name)


def _other_note(
    result: Parse,
    lines: list[tuple[int, str]],
    index: int,
    owner: int | None,
    headers: dict[int, Start],
    panels: Panels,
) -> None:
    """Note a line that is no contribution's start: moderator, agenda, introduction, unparsed header or lone heading."""
    number, line = lines[index]
    if MODERATOR.match(line):
        _moderator(result, number, line)
    elif AGENDA.match(line):
        result.notes.append(Note(number, "not a contribution", line, "an agenda line (a time, a programme item or a break)"))
    elif looks_like_header(line):
        nxt = lines[index + 1][1] if index + 1 < len(lines) else ""
        why = "it looks like a speaker's line, but no passage follows that begins with the speaker's name"
        result.notes.append(
            Note(
                number,
                "could not parse",
                line,
                why + (" (it is the last line)" if not nxt else f" (the next line begins {nxt[:40]!r})"),
            )
        )
    elif owner is None:
        result.notes.append(Note(number, "not a contribution", line, "introduction (before the first contribution)"))
    elif is_title_line(lines, index, headers, panels):
        result.notes.append(
            Note(
                number,
                "check",
                line,
                "a heading with no speaker's line, panel or named speaker below it: the text after it stays in the "
                f"passage of '{result.contributions[owner].id}'; check that it belongs there",
            )
        )
    # Otherwise a further paragraph of the passage in progress: part of that contribution.


def _header_notes(result: Parse, lines: list[tuple[int, str]], start: Start) -> None:
    """Note what a speaker's line leaves unclear: a repeat, a role or organisation not told apart, a second spelling."""
    index = start.index
    number, line = lines[index]
    if index and lines[index - 1][1] == line:
        result.notes.append(
            Note(
                lines[index - 1][0],
                "could not parse",
                line,
                f"the same speaker line appears twice in a row (lines {lines[index - 1][0]} and {number}) "
                f"with no passage between them: it is read once, from line {number}",
            )
        )
    rest, role, organisation = start.rest, start.role, start.organisation
    if rest and not role and organisation:
        result.notes.append(
            Note(
                number,
                "could not parse",
                line,
                "the line gives an organisation but no role: the role is left empty for the editor",
            )
        )
    elif rest and not (role and organisation):
        missing = " and ".join(x for x, v in (("role", role), ("organisation", organisation)) if not v)
        result.notes.append(
            Note(number, "could not parse", line, f"could not tell the {missing} apart in {rest!r}: left empty for the editor")
        )
    elif not rest:
        result.notes.append(
            Note(number, "could not parse", line, "the line gives no role or organisation: left empty for the editor")
        )
    _, used = passage_names(start.speaker, lines[index + 1][1])
    if used:
        result.notes.append(
            Note(
                lines[index + 1][0],
                "check",
                lines[index + 1][1][:80],
                f"the passage calls the speaker {used!r}, the header {start.speaker!r}: the header's spelling is used; "
                "check which is right (an editorial note)",
            )
        )
