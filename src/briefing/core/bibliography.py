"""The bibliography in another language: which of its texts are English (the editors' descriptions, English titles and
organisations' English names), what language a work is in, and the BibTeX an edition in another language reads.

``references.bib`` stays the one source. An edition in another language reads a copy of it whose English texts are
replaced by their checked translations from the data's catalogue (``translations/<lang>.po``, context
``references.bib|key|field``); every translation is escaped for BibTeX, and only http(s) addresses are kept.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from string import ascii_lowercase

from pybtex.database import BibliographyData, Entry, Person, parse_string
from pybtex.richtext import Text as RichText

from briefing.i18n.messages import DEFAULT, pgettext
from briefing.text.escape import bib_text, bib_url
from briefing.text.typography import folded, unbroken


@lru_cache(maxsize=8192)
def from_latex(text: str) -> str:
    """Return a BibTeX field's LaTeX as plain text, decoded once per distinct string (decoding is most of a load's time)."""
    return str(RichText.from_latex(text))


#: Function words that tell a bibliography field's language (a title, a note) when the entry gives none ('langid').
FUNCTION_WORDS = {
    "en": frozenset({"the", "of", "and", "for", "with", "on", "to", "a", "an", "from", "is", "by", "at"}),
    "de": frozenset(
        {"der", "die", "das", "und", "für", "mit", "bei", "von", "zu", "den", "des", "dem", "ein", "eine", "im", "am"}
    ),
    "it": frozenset({"di", "e", "della", "del", "per", "il", "la", "delle", "dei"}),
}
#: What an entry's note says of a work in another language than its English description ("(in German)").
IN_LANGUAGE = {"de": "in German", "it": "in Italian"}
#: biblatex's 'langid' (or 'language') values, as language codes.
LANGIDS = {"english": "en", "british": "en", "american": "en", "german": "de", "ngerman": "de", "italian": "it"}
#: The 'langid' written for a language code (the inverse of LANGIDS).
LANGID_NAMES = {"en": "english", "de": "german", "it": "italian"}
#: The fields the editors write in English in the .bib, whatever the work's language: descriptions, places, publishers
#: (a German name in an English note stays part of the English sentence).
DESCRIPTIONS = ("howpublished", "note", "type", "institution", "publisher", "organization", "address", "school", "series")
#: The fields in the work's own language.
WORK = ("title", "booktitle", "journal")
#: A field of a localised copy naming the language its editors' descriptions are written in (absent: English).
EDITORS_LANGUAGE = "editorslangid"
#: A field of a localised copy listing the fields it keeps in English (names, series, texts not yet translated).
ENGLISH_FIELDS = "englishfields"
#: The field of a corporate author (an organisation) in a translation's context: 'references.bib|key|author'.
AUTHOR = "author"


def plain(entry: Entry, name: str) -> str:
    r"""Return a field of an entry as text (its LaTeX resolved: "Leitm{\"a}rkte" is "Leitmärkte"), or ''."""
    return from_latex(entry.fields[name]).strip() if name in entry.fields else ""


def guess_language(text: str) -> str | None:
    """Return the language a text's function words (and umlauts) point to, or None if they tell nothing."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    scores = {code: sum(w in known for w in words) for code, known in FUNCTION_WORDS.items()}
    scores["de"] += bool(re.search("[äöüß]", text.lower()))
    best = max(scores, key=lambda code: scores[code])
    return best if scores[best] and list(scores.values()).count(scores[best]) == 1 else None


def work_language(entry: Entry) -> str:
    """Return the language of a cited work: its 'langid', what its note says, its title's words, else English."""
    given = plain(entry, "langid") or plain(entry, "language")
    if given.lower() in LANGIDS:
        return LANGIDS[given.lower()]
    said = next((code for code, words in IN_LANGUAGE.items() if words in plain(entry, "note")), None)
    return said or guess_language(plain(entry, "title")) or DEFAULT


def corporate_name(entry: Entry) -> str | None:
    """Return the name of an entry's one corporate author (an organisation: one braced last name), or None."""
    people = entry.persons.get(AUTHOR, [])
    if len(people) != 1 or people[0].first_names or people[0].middle_names:
        return None
    return from_latex(str(people[0])).strip()


def name_language(entry: Entry, person: Person) -> str:
    """Return the language of an author's name: an organisation's own words, else the work's language."""
    corporate = not (person.first_names or person.middle_names)  # an organisation: only a last name, in braces
    return (guess_language(from_latex(str(person))) if corporate else None) or work_language(entry)


def english_texts(entry: Entry) -> dict[str, str]:
    """Return the English texts of an entry a reader of another edition would meet, by field, as plain text.

    The editors' descriptions always; the title of a work in English (an EU act has an official title in each
    language); the name of an organisation that is its author, when that name is English.
    """
    found = {name: plain(entry, name) for name in DESCRIPTIONS if plain(entry, name)}
    if work_language(entry) == DEFAULT and plain(entry, "title"):
        found["title"] = plain(entry, "title")
    name = corporate_name(entry)
    if name and name_language(entry, entry.persons[AUTHOR][0]) == DEFAULT:
        found[AUTHOR] = name
    return {"title": found.pop("title"), **found} if "title" in found else found


def bibliography_texts(data: BibliographyData) -> dict[str, dict[str, str]]:
    """Return every entry's English texts (english_texts) by key, in the file's order."""
    return {key: texts for key, entry in data.entries.items() if (texts := english_texts(entry))}


def localised_bibtex(source: str, translated: dict[tuple[str, str], str], language: str, untranslated: str = "") -> str:
    """Return the bibliography with each (key, field) in ``translated`` replaced by its text, escaped for BibTeX.

    Each entry keeps its work's language ('langid', told before its note changes language) unless its title is replaced
    by one in ``language`` (a text starting with ``untranslated`` is still English); it names the language of its
    descriptions; an address that is not http(s) is dropped.
    """
    data = parse_string(source, bib_format="bibtex")
    for key, entry in data.entries.items():
        english = english_texts(entry)
        title = translated.get((key, "title"), english.get("title", ""))
        title_replaced = title != english.get("title", "") and not (untranslated and title.startswith(untranslated))
        entry.fields["langid"] = LANGID_NAMES.get(language if title_replaced else work_language(entry), "english")
        entry.fields[EDITORS_LANGUAGE] = LANGID_NAMES.get(language, language)
        kept = [name for name in english if _kept(english[name], translated.get((key, name)), untranslated)]
        if kept:
            entry.fields[ENGLISH_FIELDS] = ",".join(kept)
        for name in english:
            text = translated.get((key, name))
            if text is None or text == english[name]:
                continue
            if name == AUTHOR:
                entry.persons[AUTHOR] = [Person("{" + bib_text(text) + "}")]
            else:
                entry.fields[name] = bib_text(text)
        if "url" in entry.fields and bib_url(entry.fields["url"]) is None:
            del entry.fields["url"]
    with_short_citations(data)
    return "\n".join(_entry_bibtex(key, entry) for key, entry in data.entries.items())


def as_read(text: str) -> str:
    r"""Return a name or title as the alphabet files it for a reader: its LaTeX read ({\"u} is ü), without braces,
    accents or case (ü is filed as u, as German reference lists do: DIN 5007, first form)."""
    return folded(from_latex(text)).strip()


def _person_key(person: Person) -> str:
    """Return a person's names as the list files them: last names, then first and middle names, then lineage."""
    return "  ".join(
        " ".join(part)
        for part in (
            [*person.prelast_names, *person.last_names],
            [*person.first_names, *person.middle_names],
            person.lineage_names,
        )
    )


def sorting_key(entry: Entry) -> tuple[str, str, str]:
    """Return where an entry stands in the reference list: one alphabet of the names a reader sees first (people and
    bodies interleaved: "aerospace.nrw", "Aranguren", "Business Metropole Ruhr GmbH"), its authors' (else editors')
    names as read, else its title; then its year; then its title as read."""
    people = entry.persons.get(AUTHOR) or entry.persons.get("editor") or []
    title = as_read(entry.fields.get("title", ""))
    who = "   ".join(as_read(_person_key(person)) for person in people) if people else title
    return who, entry.fields.get("year", ""), title


def _cited_as(entry: Entry) -> tuple[str, str]:
    """Return who and when a citation of an entry names, without a letter: ("Hassink and Kiese", "2021")."""
    people = entry.persons.get(AUTHOR) or entry.persons.get("editor") or []
    last = [from_latex(" ".join([*p.prelast_names, *p.last_names])).strip() for p in people]
    if len(last) > 2:
        who = f"{last[0]} {unbroken(pgettext('bibliography: after the first of many authors', 'et al.'))}"
    elif len(last) == 2:
        who = pgettext("bibliography: between two names", " and ").join(last)
    else:
        who = last[0] if last else plain(entry, "title")
    return who, plain(entry, "year") or unbroken(pgettext("bibliography: a work without a year", "n.d."))


def letter(n: int) -> str:
    """Return the n-th (from 0) letter that tells works of one author and year apart: a ... z, then aa, ab ..."""
    return letter(n // 26 - 1) + ascii_lowercase[n % 26] if n >= 26 else ascii_lowercase[n]


def years_as_cited(data: BibliographyData) -> dict[str, str]:
    """Return each entry's year as its label and citations give it, by key: with a letter where the list has other works
    of the same author and year ("2020b", "n.d.c"), the letters in the list's order (sorting_key)."""
    ordered = sorted(data.entries.items(), key=lambda item: sorting_key(item[1]))
    cited = {key: _cited_as(entry) for key, entry in ordered}
    return {key: year + suffix for (key, (_, year)), suffix in zip(cited.items(), letters_for(list(cited.values())), strict=True)}


def letters_for(cited: list[tuple[str, str]]) -> list[str]:
    """Return the letter each (who, year) of a list in its order takes: '' when alone, else a, b, … in that order."""
    shared = Counter(cited)
    seen: Counter[tuple[str, str]] = Counter()
    suffixes = []
    for pair in cited:
        suffixes.append(letter(seen[pair]) if shared[pair] > 1 else "")
        seen[pair] += 1
    return suffixes


def short_citation(entry: Entry, year: str | None = None) -> str:
    """Return how the book cites a work in running text, in the build's language: "[Land Nordrhein-Westfalen, 2021]",
    "[Hassink and Kiese, 2021]", "[European Commission, n.d.]" (as the in-text citations of briefing.sphinx.citations);
    year, when given, is the year with its letter (years_as_cited: "[EFRE.NRW, n.d.b]")."""
    who, undated_year = _cited_as(entry)
    return f"[{who}, {year or undated_year}]"


def with_short_citations(data: BibliographyData) -> bool:
    """Replace, in each entry's descriptions (its note above all), another entry's key by that work's short citation, as
    readers never see keys ("Same release as nrw2021ris" → "Same release as [Land Nordrhein-Westfalen, 2021]").

    Changes the entries in place; returns whether any changed.
    """
    keys = sorted(data.entries, key=len, reverse=True)
    if not keys:
        return False
    years = years_as_cited(data)
    pattern = re.compile("(?<![\\w-])(" + "|".join(re.escape(k) for k in keys) + ")(?![\\w-])")
    changed = False
    for key, entry in data.entries.items():
        for name in DESCRIPTIONS:
            text = entry.fields.get(name)
            if not text:
                continue
            cited = pattern.sub(
                lambda m: (
                    m.group(1) if m.group(1) == key else bib_text(short_citation(data.entries[m.group(1)], years[m.group(1)]))
                ),
                text,
            )
            if cited != text:
                entry.fields[name] = cited
                changed = True
    return changed


def cited_bibtex(source: str) -> str | None:
    """Return the bibliography with keys in its descriptions replaced by short citations (with_short_citations), or None
    when no description names another entry by key (the data's file is then read as it is)."""
    data = parse_string(source, bib_format="bibtex")
    if not with_short_citations(data):
        return None
    return "\n".join(_entry_bibtex(key, entry) for key, entry in data.entries.items())


def _entry_bibtex(key: str, entry: Entry) -> str:
    """Return one entry as BibTeX, every field braced as parsed (pybtex's own writer escapes LaTeX a second time)."""
    lines = [f"@{entry.type}{{{key},"]
    for role, people in entry.persons.items():
        lines.append(f"  {role} = {{{' and '.join(str(person) for person in people)}}},")
    lines += [f"  {name} = {{{value}}}," for name, value in entry.fields.items()]
    return "\n".join(lines) + "\n}\n"


def _kept(english: str, text: str | None, untranslated: str) -> bool:
    """Return whether a field stays English: no translation, the English kept as it is, or marked untranslated."""
    return text is None or text == english or bool(untranslated and text.startswith(untranslated))


def english_fields(entry: Entry) -> frozenset[str]:
    """Return the fields a localised entry keeps in English (localised_bibtex), or every field of an English entry."""
    if EDITORS_LANGUAGE not in entry.fields:
        return frozenset(entry.fields)
    return frozenset(name.strip() for name in plain(entry, ENGLISH_FIELDS).split(",") if name.strip())


def editors_language(entry: Entry) -> str:
    """Return the language an entry's descriptions are written in: English, or a localised copy's language."""
    return LANGIDS.get(plain(entry, EDITORS_LANGUAGE).lower(), DEFAULT)
