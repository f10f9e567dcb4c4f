"""Tell a speaker's role from the organisation in the words after the name ("Head of Unit at the Commission")."""

from __future__ import annotations

import re

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
gründerin dezernent dezernentin rector rektor rektorin dean dekan dekanin
""".split()  # noqa: SIM905 - a list of words reads best as words
)
#: Words that make a phrase an organisation's name ("Institute for Water", "Kaiwerk GmbH", "Hafenverein … e. V.").
ORGANISATION_WORDS = re.compile(
    r"(?:\b(?:GmbH|gGmbH|mbH|AG|KG|SE|e\.\s?V\.|Ltd\.?|Inc\.?|LLC|plc|Co\.|Corp\.?)(?!\w)"
    r"|\b(?:Institut\w*|Universit\w*|Hochschule\w*|College|School|Academy|Akademie|Centre|Center|Zentrum"
    r"|Council|Agency|Agentur|Authority|Association|Verband|Verein\w*|Foundation|Stiftung|Cooperative"
    r"|Genossenschaft|Chamber|Kammer|Ministry|Ministerium|Commission|Kommission|Network|Netzwerk|Company"
    r"|Gesellschaft|Stadtwerke|Stadt|City|Town|Port|Group|Bank|Lab|Laboratory|Labor|Office|Amt|Department|Behörde)\b"
    r"|\w+(?:verein|verband|gesellschaft|institut|zentrum|werke?|amt|kammer|stiftung|agentur|hochschule)\b)"
)
_CONNECTORS = frozenset(["of", "for", "the", "and", "und", "der", "des", "für"])
#: Words that introduce the organisation after the role.
_AT = re.compile(r"\s(?:at|with|bei|an der|am)\s")
_OF = re.compile(r"\s(?:of|der|des|von)\s")
#: "… and CEO of …": a second role (and organisation) joined to the first.
_SECOND_ROLE = re.compile(r",?\s(?:and|und)\s+(?=(?:" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + r")\b)", re.I)
#: A period that ends an abbreviation ("e. V.", "Ltd.", "Inc."), which a header's last word keeps.
_ABBREVIATION = re.compile(r"(?:(?<![\w.])[^\W\d_]\.|\b(?:Inc|Ltd|Co|Corp|Bros|Jr|Sr|St)\.)$")


def strip_article(text: str) -> str:
    """Drop a leading article from an organisation ("the city of Herne" -> "city of Herne")."""
    return re.sub(r"^(?:the|der|die|das)\s+", "", text.strip())


def split_outside(text: str, separator: str) -> list[str]:
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


def outside(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
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


def role_words(text: str) -> bool:
    """Return whether a phrase consists only of role words (and connectors): 'Head of Unit' is not, 'Mayor' is."""
    words = [w.strip(",.").lower() for w in text.split()]
    return bool(words) and all(w in ROLE_WORDS or w in _CONNECTORS for w in words) and words[0] in ROLE_WORDS


def starts_with_role(text: str) -> bool:
    """Return whether a phrase begins with a role word ('Leiterin Energiewende', 'Mayor')."""
    words = text.split()
    return bool(words) and words[0].strip(",.").lower() in ROLE_WORDS


def organisation_like(text: str) -> bool:
    """Return whether a phrase names an organisation by its kind ('Institute for …', '… GmbH', '… e. V.')."""
    return bool(ORGANISATION_WORDS.search(text))


def trim_end(text: str) -> str:
    """Remove a header's closing period, but not one that ends an abbreviation ("e. V.", "Ltd.")."""
    text = text.strip()
    return text if _ABBREVIATION.search(text) else text.rstrip(".").strip()


def _organisation_start(parts: list[str]) -> int:
    """Return where the organisation begins among comma-separated parts: the last, or an enumeration's head before it.

    "Director, Institute for Water, Soil and Climate": the comma is inside the institute's name.
    """
    last = parts[-1]
    if organisation_like(last) or not re.search(r"\s(?:and|und|&)\s", last):
        return len(parts) - 1
    for start in range(len(parts) - 2, 0, -1):
        if organisation_like(parts[start]):
            return start
        if len(parts[start].split()) > 3:  # not an item of an enumeration
            break
    return len(parts) - 1


def _split_commas(parts: list[str]) -> tuple[str, str]:
    """Separate role and organisation given as comma-separated parts."""
    if len(parts) == 2 and starts_with_role(parts[1]) and organisation_like(parts[0]) and not starts_with_role(parts[0]):
        return parts[1], parts[0]  # "Stadtwerke Wiesenfurt GmbH, Leiterin Energiewende": organisation first
    start = _organisation_start(parts)
    role, organisation = ", ".join(parts[:start]), ", ".join(parts[start:])
    acronym = re.search(r"\(([A-ZÄÖÜ][\w&-]*)\)\s*$", organisation)
    if acronym and (earlier := re.search(rf"(?:^|\s){re.escape(acronym.group(1))}\b", role)):
        # "President of TCI Global Network for X, Y and Z (TCI)": the organisation begins where its acronym does.
        head = role[: earlier.start()].strip()
        head = re.sub(r"\s+(?:of|der|des|at|bei)$", "", head)
        if head and role_words(head):
            return head, role[earlier.start() :].strip() + ", " + organisation
    return role, organisation


def split_role(rest: str) -> tuple[str, str]:
    """Separate a header's role from its organisation; return ('', '') when no rule applies."""
    rest = trim_end(rest)
    if not rest:
        return "", ""
    if second := outside(_SECOND_ROLE, rest):  # "Gründerin des Vereins … e. V. und Geschäftsführerin der Kaiwerk GmbH"
        role, organisation = split_role(rest[second.end() :])
        if role and organisation:
            return rest[: second.end()] + role, organisation
    if at := outside(_AT, rest):  # "Head of Unit at the European Commission"
        return rest[: at.start()].strip(" ,"), strip_article(rest[at.end() :])
    parts = [p for p in split_outside(rest, ",") if p]
    if len(parts) > 1:
        return _split_commas(parts)
    enclosed = re.match(r"^(.*?)\s*\(([^()]+)\)$", rest)
    if enclosed and enclosed.group(1) and role_words(enclosed.group(1)):  # "Mayor (City of Herne)"
        return enclosed.group(1).strip(), enclosed.group(2).strip()
    if enclosed and not enclosed.group(1):  # "(City of Herne)": an organisation, no role
        return "", enclosed.group(2).strip()
    of = outside(_OF, rest)  # "Mayor of the city of Herne", "Research Director of Orkestra"
    if of and role_words(rest[: of.start()]):
        return rest[: of.start()].strip(), strip_article(rest[of.end() :])
    words = rest.split()
    lead = 0
    while lead < len(words) and words[lead].lower() in ROLE_WORDS:
        lead += 1
    if 0 < lead < len(words):  # "CEO Business Metropole Ruhr GmbH (BMR)"
        return " ".join(words[:lead]), " ".join(words[lead:])
    if role_words(rest):
        return rest, ""
    return "", ""


def affiliation(text: str) -> tuple[str, str]:
    """Return (role, organisation) of what a panel line encloses after a name: '(Mayor, Town of Ashby)', '(Kaiwerk GmbH)'."""
    text = text.strip()
    if starts_with_role(text):
        role, organisation = split_role(text)
        if role:
            return role, organisation
        if role_words(text):
            return trim_end(text), ""
    return "", text
