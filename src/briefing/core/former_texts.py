"""Another language's wording of texts that earlier editions published: from a kept edition's catalogue or the terminology.

The revisions page shows old and new values of the data. An old text has a translation only where the edition that
published it kept one (its snapshot's catalogue); an old label may have its rendering in the terminology list. Nothing
here translates: it only finds what the editors wrote down.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from briefing.core.inputs import read_kept_text
from briefing.core.snapshots import CATALOGUE_KEY, CATALOGUE_TEXT, TRANSLATIONS, Snapshot, catalogue_file
from briefing.core.translations import read_catalogue

#: How the terminology list notes a label the data no longer have ("Entrepreneurial discovery (former theme)").
FORMER_THEME = " (former theme)"


def terminology_file(lang: str) -> str:
    """Return where a language's terminology list lives in a data folder."""
    return f"{TRANSLATIONS}/terminology-{lang}.csv"


def terminology(folder: Path, lang: str) -> dict[str, str]:
    """Return a language's terminology list as English term → term (a former label also under its plain English)."""
    path = folder / terminology_file(lang)
    if not path.is_file():
        return {}
    reader = csv.reader(io.StringIO(read_kept_text(path), newline=""))
    header = next(reader, [])
    if len(header) < 2:
        return {}
    terms: dict[str, str] = {}
    for row in reader:
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            continue
        english, term = row[0].strip(), row[1].strip()
        terms[english] = term
        if english.endswith(FORMER_THEME):
            terms.setdefault(english.removesuffix(FORMER_THEME), term)
    return terms


def term_for(terms: dict[str, str], english: str) -> str | None:
    """Return the terminology's rendering of an English term or label: exactly, else ignoring case (a label's capital kept)."""
    if english in terms:
        return terms[english]
    folded = {k.casefold(): v for k, v in terms.items()}
    found = folded.get(english.casefold())
    if found is None:
        return None
    return found[:1].upper() + found[1:] if english[:1].isupper() else found


def kept_translation(snapshot: Snapshot, lang: str, context: str) -> str | None:
    """Return the translation an edition's kept catalogue gives a text ('file|row|field'), or None if it gave none."""
    table = snapshot.tables.get(catalogue_file(lang))
    if table is None or not table.kept:
        return None
    found = next((str(row[CATALOGUE_TEXT]) for row in table.rows if row[CATALOGUE_KEY] == context), "")
    return found or None


def published_in(snapshot: Snapshot, lang: str) -> bool:
    """Return whether an edition was published in a language: whether its kept data hold that language's catalogue."""
    table = snapshot.tables.get(catalogue_file(lang))
    return table is not None and table.kept


def checked_wordings(folder: Path, lang: str) -> dict[str, tuple[str, str]]:
    """Return each text of a data folder's catalogue by context: the English it translates and its checked translation.

    Fuzzy and empty entries are left out: their translation is not known to be of the English beside it.
    """
    catalogue = read_catalogue(folder, lang)
    return {
        str(m.context): (str(m.id), str(m.string))
        for m in catalogue or ()
        if m.context and m.id and m.string and not m.fuzzy and isinstance(m.id, str)
    }


def wording(wordings: dict[str, tuple[str, str]], context: str, english: str) -> str | None:
    """Return the checked translation of a text ('file|row|field') if it is a translation of exactly these English words."""
    found = wordings.get(context)
    return found[1] if found is not None and found[0] == english else None
