"""Parse an organiser's event report into contributions: header line, then a passage naming the speaker.

The rules a reader of such reports applies, and nothing more: a contribution is a header line
(honorific, name, role, organisation) directly followed by a paragraph that begins with the same
speaker's name. Whatever the parser cannot place is reported with its line number; it never
invents a speaker, a role or an organisation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from briefing.core.source import DOWNLOAD_MARKS

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
_MARKER = re.compile(r"^\s*(?:" + "|".join(re.escape(m) for m in DOWNLOAD_MARKS) + r")\b[^\n]{0,40}$")
#: Words that start the role of a header without a comma ("CEO Business Metropole Ruhr GmbH").
ROLE_WORDS = frozenset(
    """
ceo cfo cto coo research chair chairman chairwoman chairperson president vice director head mayor lord
professor lecturer researcher senior junior chief managing executive visiting deputy manager officer founder
co-founder partner minister secretary state commissioner advisor adviser coordinator leader member
spokesperson project programme program policy principal associate assistant general board geschäftsführer
geschäftsführerin leiter leiterin präsident präsidentin direktor direktorin bürgermeister bürgermeisterin
oberbürgermeister oberbürgermeisterin vorstand vorständin vorsitzender vorsitzende ministerin minister
staatssekretär staatssekretärin referent referentin professorin wissenschaftler wissenschaftlerin gründer
gründerin dezernent dezernentin
""".split()  # noqa: SIM905 - a list of words reads best as words
)
_CONNECTORS = frozenset(["of", "for", "the", "and", "und", "der", "des", "für"])
#: Words that introduce the organisation after the role.
_AT = re.compile(r"\s(?:at|with|bei|an der|am)\s")
_OF = re.compile(r"\s(?:of|der|des)\s")
#: Lines that name a moderator or are part of an agenda: listed as not being contributions.
_MODERATOR = re.compile(r"^\s*(?:moderat(?:ion|or|ed by|orin)|host(?:ed by)?|chair(?:ed by)?|leitung)\b\s*:?", re.IGNORECASE)
_AGENDA = re.compile(
    r"^\s*(?:\d{1,2}[:.]\d{2}\b|agenda\b|programme\b|program\b|tagesordnung\b|ablauf\b|pause\b|break\b|lunch\b)", re.IGNORECASE
)
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
_NAME_TOKEN = re.compile(r"^(?:[^\W\d_][\w’'\-]*|[^\W\d_]\.(?:-[^\W\d_]\.)?)$")


#: The longest line read as a speaker's header (name, role, organisation); a longer line is a paragraph.
HEADER_MAX_CHARS = 400


class ReportError(ValueError):
    """The report cannot be parsed at all (empty, binary, no speaker found); the message says why."""


@dataclass(frozen=True)
class Contribution:
    """One contribution found in the report, with the lines it came from."""

    order: int
    speaker: str
    honorific: str
    role: str
    organisation: str
    presentation_offered: bool
    source_start: str
    header_line: int
    passage_line: int
    id: str = ""


@dataclass(frozen=True)
class Note:
    """A line the parser reports: not a contribution, not parseable, or worth a check."""

    line: int
    kind: str  # "not a contribution", "could not parse", "check"
    text: str
    reason: str


@dataclass
class Parse:
    """Everything found in a report."""

    contributions: list[Contribution] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    title: str = ""
    title_line: int | None = None
    date: str = ""
    date_line: int | None = None
    language: str = "en"


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


def _tokens(text: str) -> list[str]:
    """Split text into words, keeping punctuation attached (as a reader sees them)."""
    return text.split()


def _is_name_token(token: str) -> bool:
    """Return whether a word can be part of a personal name: capitalised, an initial, or a particle."""
    word = token.rstrip(",;:")
    return bool(_NAME_TOKEN.match(word)) and (word[0].isupper() or word in PARTICLES)


def header_name(line: str) -> tuple[str, str, str] | None:
    """Return (honorific, name, rest) of a header line whose name ends at a separator, or None."""
    honorific, rest = split_honorific(line)
    match = re.match(r"^(.+?)\s*(?:,\s*|\s+[–—-]\s+|\s*\(|:\s+)(.*)$", rest)
    if not match:
        return None
    name = match.group(1).strip()
    tail = rest[len(match.group(1)) :].lstrip()
    tail = tail[1:].strip() if tail[:1] in ",:–—-" else tail  # a parenthesis stays with what it encloses
    words = _tokens(name)
    if not 1 <= len(words) <= 6 or not all(_is_name_token(w) for w in words) or not words[-1][0].isupper():
        return None
    if len(words) == 1 and not honorific:
        return None
    return honorific, name, tail


def _strip_article(text: str) -> str:
    """Drop a leading article from an organisation ("the city of Herne" -> "city of Herne")."""
    return re.sub(r"^(?:the|der|die|das)\s+", "", text.strip())


def _split_outside(text: str, separator: str) -> list[str]:
    """Split at a separator that is outside parentheses and quotation marks."""
    parts, depth, quoted, current = [], 0, False, ""
    for char in text:
        if char in "(“„":
            depth += 1
        elif char in ")”" and depth:
            depth -= 1
        elif char == '"':
            quoted = not quoted
        if char == separator and depth == 0 and not quoted:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [p.strip() for p in parts]


def _outside(pattern: re.Pattern, text: str) -> re.Match | None:
    """Return the first match of a pattern that lies outside parentheses and quotation marks."""
    for match in pattern.finditer(text):
        before = text[: match.start()]
        if (
            before.count("(") == before.count(")")
            and before.count("“") + before.count("„") == before.count("”")
            and before.count('"') % 2 == 0
        ):
            return match
    return None


def _role_words(text: str) -> bool:
    """Return whether a phrase consists only of role words (and connectors): 'Head of Unit' is not, 'Mayor' is."""
    words = [w.strip(",.").lower() for w in text.split()]
    return bool(words) and all(w in ROLE_WORDS or w in _CONNECTORS for w in words) and words[0] in ROLE_WORDS


def split_role(rest: str) -> tuple[str, str]:
    """Separate a header's role from its organisation; return ('', '') when no rule applies."""
    rest = rest.strip().rstrip(".")
    if not rest:
        return "", ""
    if at := _outside(_AT, rest):  # "Head of Unit at the European Commission"
        return rest[: at.start()].strip(" ,"), _strip_article(rest[at.end() :])
    parts = [p for p in _split_outside(rest, ",") if p]
    if len(parts) > 1:
        role, organisation = ", ".join(parts[:-1]), parts[-1]
        acronym = re.search(r"\(([A-ZÄÖÜ][\w&-]*)\)\s*$", organisation)
        if acronym and (earlier := re.search(rf"(?:^|\s){re.escape(acronym.group(1))}\b", role)):
            # "President of TCI Global Network for X, Y and Z (TCI)": the organisation begins where its acronym does.
            head = role[: earlier.start()].strip()
            head = re.sub(r"\s+(?:of|der|des|at|bei)$", "", head)
            if head and _role_words(head):
                return head, role[earlier.start() :].strip() + ", " + organisation
        return role, organisation
    enclosed = re.match(r"^(.*?)\s*\(([^()]+)\)$", rest)
    if enclosed and enclosed.group(1) and _role_words(enclosed.group(1)):  # "Mayor (City of Herne)"
        return enclosed.group(1).strip(), enclosed.group(2).strip()
    if enclosed and not enclosed.group(1):  # "(City of Herne)": an organisation, no role
        return "", enclosed.group(2).strip()
    of = _outside(_OF, rest)  # "Mayor of the city of Herne", "Research Director of Orkestra"
    if of and _role_words(rest[: of.start()]):
        return rest[: of.start()].strip(), _strip_article(rest[of.end() :])
    words = rest.split()
    lead = 0
    while lead < len(words) and words[lead].lower() in ROLE_WORDS:
        lead += 1
    if 0 < lead < len(words):  # "CEO Business Metropole Ruhr GmbH (BMR)"
        return " ".join(words[:lead]), " ".join(words[lead:])
    if _role_words(rest):
        return rest, ""
    return "", ""


def _passage_names(speaker: str, paragraph: str) -> tuple[bool, str]:
    """Return whether a paragraph begins with the speaker, and the name it uses if it differs."""
    _, text = split_honorific(paragraph)
    if text.startswith(speaker) and (len(text) == len(speaker) or not text[len(speaker)].isalnum()):
        return True, ""
    surname = speaker.split()[-1]
    words = [w.strip(",.:;’'s") for w in text.split()[:6]]
    if surname in words:
        used = " ".join(text.split()[: words.index(surname) + 1])
        if all(_is_name_token(w) for w in used.split()):
            return True, "" if speaker.endswith(used) else used  # "Kiese argues" is the same speaker, not a second spelling
    return False, ""


def _looks_like_header(line: str) -> bool:
    """Return whether a line has the shape of a speaker's header (name, then role or organisation)."""
    return len(line) <= HEADER_MAX_CHARS and not line.rstrip().endswith(("?", "!")) and header_name(line) is not None


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


def _slug(text: str) -> str:
    """Return an ASCII id from a name ("Jürgen Köder" -> "koeder" for the surname)."""
    folded = text.lower().translate(_TRANSLIT)
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "speaker"


def _surname_id(speaker: str) -> str:
    """Return a contribution id from the speaker's surname with its particles ("van-winden")."""
    words = speaker.split()
    start = len(words) - 1
    while start > 0 and words[start - 1] in PARTICLES:
        start -= 1
    return _slug(" ".join(words[start:]))


def _source_start(line: str, honorific: str, speaker: str) -> str:
    """Return the verbatim words that begin a contribution: the header up to the first word after the name."""
    prefix = f"{honorific} {speaker}".strip() if line.startswith(honorific or speaker) else speaker
    at = line.find(speaker)
    after = line[at + len(speaker) :]
    extra = re.match(r"^[,:(–—\s-]*\S+", after)
    start = line[: at + len(speaker)] + (extra.group(0) if extra else "")
    return start if start.strip() else prefix


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


def parse_report(text: str, title: str = "", title_line: int | None = None) -> Parse:
    """Find the contributions of a report's plain text; report every line that is not part of one."""
    result = Parse(title=title, title_line=title_line, language=_language(text))
    lines = [(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        raise ReportError("the report is empty: there is nothing to parse.")
    result.date, result.date_line = find_date(text)
    headers: dict[int, tuple[str, str, str, str]] = {}  # index in lines -> honorific, speaker, rest, name in passage
    for index, (_, line) in enumerate(lines[:-1]):
        parsed = header_name(line) if len(line) <= HEADER_MAX_CHARS else None  # the role rules are slow on long lines
        if parsed is None or _MARKER.match(line):
            continue
        honorific, speaker, rest = parsed
        begins, used = _passage_names(speaker, lines[index + 1][1])
        if begins and header_name(lines[index + 1][1]) is None:
            headers[index] = (honorific, speaker, rest, used)
    _collect(result, lines, headers)
    if not result.contributions:
        raise ReportError(
            "no speaker found: no line is followed by a paragraph that begins with the name it gives. "
            "Each contribution needs a header line (e.g. 'Dr. Ulla Engelmann, Head of Unit, European Commission') "
            "and then a paragraph that begins with the speaker's name."
        )
    return result


def _collect(result: Parse, lines: list[tuple[int, str]], headers: dict[int, tuple[str, str, str, str]]) -> None:
    """Turn recognised headers into contributions and classify every other line."""
    ids: dict[str, int] = {}
    owner: int | None = None  # index of the header whose passage we are in
    for index, (number, line) in enumerate(lines):
        if index in headers:
            honorific, speaker, rest, used = headers[index]
            previous = lines[index - 1][1] if index else ""
            if index and previous == line:
                result.notes.append(
                    Note(
                        lines[index - 1][0],
                        "could not parse",
                        previous,
                        f"the same speaker line appears twice in a row (lines {lines[index - 1][0]} and {number}) "
                        f"with no passage between them: it is read once, from line {number}",
                    )
                )
            role, organisation = split_role(rest)
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
                    Note(
                        number,
                        "could not parse",
                        line,
                        f"could not tell the {missing} apart in {rest!r}: left empty for the editor",
                    )
                )
            elif not rest:
                result.notes.append(
                    Note(number, "could not parse", line, "the line gives no role or organisation: left empty for the editor")
                )
            if used:
                result.notes.append(
                    Note(
                        lines[index + 1][0],
                        "check",
                        lines[index + 1][1][:80],
                        f"the passage calls the speaker {used!r}, the header {speaker!r}: the header's spelling is used; "
                        "check which is right (an editorial note)",
                    )
                )
            base = _surname_id(speaker)
            ids[base] = ids.get(base, 0) + 1
            cid = base if ids[base] == 1 else f"{base}-{ids[base]}"
            result.contributions.append(
                Contribution(
                    order=len(result.contributions) + 1,
                    speaker=speaker,
                    honorific=honorific,
                    role=role,
                    organisation=organisation,
                    presentation_offered=False,
                    source_start=_source_start(line, honorific, speaker),
                    header_line=number,
                    passage_line=lines[index + 1][0],
                    id=cid,
                )
            )
            owner = index
            continue
        if owner is not None and index == owner + 1:
            continue  # the passage's first paragraph
        if index + 1 in headers and lines[index + 1][1] == line:
            continue  # a header repeated on the next line: reported when the repeat is read
        reason = _not_a_contribution(line, owner is None)
        if _MARKER.match(line):
            if owner is None:
                result.notes.append(Note(number, "not a contribution", line, "a presentation marker before any contribution"))
            else:
                last = result.contributions[-1]
                result.contributions[-1] = Contribution(**{**last.__dict__, "presentation_offered": True})
            continue
        if reason and not reason.startswith("introduction"):
            result.notes.append(Note(number, "not a contribution", line, reason))
            continue
        if _looks_like_header(line):
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
            continue
        if reason:
            result.notes.append(Note(number, "not a contribution", line, reason))
        # A further paragraph of the passage in progress: part of that contribution.


def _not_a_contribution(line: str, before_first: bool) -> str:
    """Return why a line is not a contribution (moderator, agenda, introduction), or ''."""
    if _MODERATOR.match(line):
        return "a moderator line: moderators introduce contributions but are not one"
    if _AGENDA.match(line):
        return "an agenda line (a time, a programme item or a break)"
    if before_first:
        return "introduction (before the first contribution)"
    return ""
