"""Citations of the briefing, a chapter and a contribution: text, BibTeX, RIS, meta tags, CITATION.cff."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import unicodedata
from pathlib import Path

import yaml
from pybtex.database import parse_string

from briefing.core.bibliography import localised_bibtex, years_as_cited
from briefing.core.drafts import is_gap
from briefing.core.inputs import MAX_TABLE_BYTES, read_limited
from briefing.core.model import Dataset
from briefing.core.schema import PUBLICATION_FILE, REFERENCES_FILE, Contribution
from briefing.core.translations import bibliography_translations
from briefing.i18n.messages import DEFAULT, _, format_date, language
from briefing.text.escape import bib_text
from briefing.text.urls import is_web_address

#: Environment variable with the canonical base URL of the published book (set by the deploy).
BASE_URL_ENV = "BRIEFING_BASE_URL"


def checked_base_url(value: str, setting: str = BASE_URL_ENV) -> str | None:
    """Return a base URL ending in '/', or None when it is empty (URLs are then left out); reject a non-http(s) one."""
    value = value.strip()
    if not value:
        return None
    if not is_web_address(value):
        raise ValueError(f"{setting} must be an http(s) address, not {value!r}")
    return value if value.endswith("/") else value + "/"


def base_url() -> str | None:
    """Return the canonical base URL from ``$BRIEFING_BASE_URL``, or None when it is not set."""
    return checked_base_url(os.environ.get(BASE_URL_ENV, ""))


def licence_name(spdx: str) -> str:
    """Return a licence as readers see it: a Creative Commons SPDX id as Creative Commons writes it ("CC-BY-4.0" is
    "CC BY 4.0", "CC-BY-SA-4.0" "CC BY-SA 4.0"), any other id ("MIT") as it is. Metadata keep the SPDX id."""
    found = re.fullmatch(r"CC-((?:BY|NC|ND|SA)(?:-(?:BY|NC|ND|SA))*)-(\d+\.\d+)", spdx.strip())
    return f"CC {found.group(1)} {found.group(2)}" if found else spdx


def url_under(base: str | None, target: str) -> str | None:
    """Return the absolute URL of a page of the book (e.g. 'chapters/eu.html#engelmann') under a base URL, if known."""
    return base + target if base else None


def page_url(target: str) -> str | None:
    """Return the absolute URL of a page of the book under ``$BRIEFING_BASE_URL``, if known."""
    return url_under(base_url(), target)


def _date(ds: Dataset) -> str:
    """Return the release date as readers write it."""
    return format_date(ds.publication.release_date)


def edition_language(ds: Dataset) -> str:
    """Return the language of the edition being written: the publication's own, or the language it is translated into."""
    lang = language()
    return ds.publication.language if lang == DEFAULT else lang


#: BibTeX's name of each language of the book's editions other than English (babel/polyglossia: biblatex ``langid``).
BIBTEX_LANGUAGES = {"de": ("german", "ngerman")}


def label_in_sentence(word: str) -> str:
    """Return a label for use inside a sentence: lower-case in English ('online conference'), as written in German nouns."""
    return word.lower() if language() == DEFAULT else word


def _authors(ds: Dataset) -> str:
    """Return the authors joined for an author-date reference."""
    return "; ".join(ds.publication.authors)


def edition_number(ds: Dataset) -> str:
    """Return this edition's number as sentences give it ('2'), or a preview's, marked ('3 — preview, not released')."""
    state = ds.edition_state
    return _("{number} — preview, not released").format(number=state.number) if state.preview else str(state.number)


def edition_label(ds: Dataset) -> str:
    """Return this edition as a label reads ('Edition 2'), or a preview's ('Edition 3 — preview, not released')."""
    return _("Edition {number}").format(number=edition_number(ds))


def edition_phrase(ds: Dataset) -> str:
    """Return this edition as a sentence names it ('edition 2'), or a preview ('edition 3 — preview, not released')."""
    return _("edition {number}").format(number=edition_number(ds))


def edition_field(ds: Dataset) -> str:
    """Return the edition field of a BibTeX or RIS record: the number, or a preview's number marked as not released."""
    state = ds.edition_state
    return _("{number} (preview, not released)").format(number=state.number) if state.preview else str(state.number)


def preview_year(today: dt.date | None = None) -> int:
    """Return the year a preview's citation gives: the year it was built (as its cover says 'as of' that day), since it
    has no release date; its edition phrase says that it is a preview, not released."""
    return (today or dt.date.today()).year


def book_reference(ds: Dataset, url: str | None = None, today: dt.date | None = None) -> str:
    """Return the reference to this edition of the briefing (a preview: the year it was built, and says it is a preview)."""
    p = ds.publication
    if ds.edition_state.preview:
        text = _("{authors} ({year}). {title}, {edition}.").format(
            authors=_authors(ds), year=preview_year(today), title=p.title, edition=edition_phrase(ds)
        )
    else:
        text = _("{authors} ({year}). {title}, edition {edition}, {date}.").format(
            authors=_authors(ds), year=p.release_date.year, title=p.title, edition=p.edition, date=_date(ds)
        )
    return f"{text} {url}" if url else text


def chapter_reference(ds: Dataset, chapter: str, url: str | None, today: dt.date | None = None) -> str:
    """Return the reference to one chapter of this edition (of a preview: the year it was built, marked as a preview)."""
    p = ds.publication
    if ds.edition_state.preview:
        text = _("{authors} ({year}). {chapter}. In: {title}, {edition}. {publisher}.").format(
            authors=_authors(ds),
            year=preview_year(today),
            chapter=chapter,
            title=p.title,
            edition=edition_phrase(ds),
            publisher=p.publisher,
        )
    else:
        text = _("{authors} ({year}). {chapter}. In: {title}, edition {edition}, {date}. {publisher}.").format(
            authors=_authors(ds),
            year=p.release_date.year,
            chapter=chapter,
            title=p.title,
            edition=p.edition,
            date=_date(ds),
            publisher=p.publisher,
        )
    return f"{text} {url}" if url else text


#: The years of the works as cited (briefing.core.bibliography.years_as_cited), by the bibliography file's path, its time
#: and the edition's language.
_YEARS: dict[tuple[str, int, str, int], dict[str, str]] = {}


def cited_year(ds: Dataset, key: str) -> str:
    """Return a work's year as this edition's reference list and citations give it ("2020b" where the list has other
    works of that author and year), from the bibliography this edition reads (localised in another language)."""
    path = ds.data_dir / REFERENCES_FILE
    try:
        changed = path.stat().st_mtime_ns
    except OSError:
        changed = 0
    lang = language()
    found = _YEARS.get((str(path), changed, lang, id(ds)))
    if found is None:
        try:
            text = read_limited(ds.data_dir, REFERENCES_FILE, MAX_TABLE_BYTES).decode("utf-8-sig")
        except (OSError, ValueError):
            text = ""
        if lang != DEFAULT:
            text = localised_bibtex(text, bibliography_translations(ds, lang), lang)
        found = _YEARS[(str(path), changed, lang, id(ds))] = years_as_cited(parse_string(text, "bibtex"))
    return found.get(key, str(ds.event.date.year) if key == ds.event.source_reference else "")


def report_year(ds: Dataset) -> str:
    """Return the event report's year as the reference list labels it ("2020b")."""
    return cited_year(ds, ds.event.source_reference)


def contribution_title(ds: Dataset, c: Contribution) -> str:
    """Return the title under which one contribution's section is cited: speaker, talk, event, date and the report."""
    e = ds.event
    return _(
        "{speaker}: {topic}. Contribution to “{event}” ({format}, {date}), "
        "as summarised from the organiser's report ({source_author} {year})"
    ).format(
        speaker=c.display_name,
        topic=c.topic,
        event=e.title,
        format=label_in_sentence(e.format),
        date=format_date(e.date),
        source_author=e.source_author,
        year=report_year(ds),
    )


def contribution_reference(ds: Dataset, c: Contribution, url: str | None = None) -> str:
    """Return the reference to one contribution's section as a part of this edition: its title, then 'In:' the book.

    The same title, book, edition, date and URL as the section's BibTeX and RIS records (``bibtex``, ``ris``).
    """
    text = _("{contribution}. In: {book}").format(contribution=contribution_title(ds, c), book=book_reference(ds))
    return f"{text} {url}" if url else text


#: Words a title's key stem skips: articles, and the word the stem ends with anyway.
_NOT_A_STEM = {"the", "a", "an", "der", "die", "das", "ein", "eine", "briefing"}


@functools.lru_cache(maxsize=8)
def _title_words(path: Path, changed: int) -> tuple[str, ...]:  # noqa: ARG001 - `changed` only keys the cache
    """Return the words of the English title in a publication.yml, in ASCII ('changed' keys the cache to the file's time)."""
    try:
        title = str((yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}).get("title") or "")
    except (OSError, UnicodeDecodeError, yaml.YAMLError, AttributeError):
        title = ""
    if is_gap(title):
        title = ""
    ascii_words = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return tuple(re.findall(r"[a-z0-9]+", ascii_words))


def title_words(ds: Dataset) -> tuple[str, ...]:
    """Return the words of the book's English title (publication.yml as written, the same in every language's edition)."""
    path = ds.data_dir / PUBLICATION_FILE
    try:
        changed = path.stat().st_mtime_ns
    except OSError:
        changed = 0
    return _title_words(path, changed)


def key_stem(ds: Dataset) -> str:
    """Return the stem of the book's BibTeX keys: its English title's first word but articles, with 'briefing'."""
    words = [w for w in title_words(ds) if w not in _NOT_A_STEM]
    return f"{words[0][:30] if words else ''}briefing"


def title_slug(ds: Dataset) -> str:
    """Return the English title as a name without its leading article ('ruhr-smart-specialisation-briefing'; 'briefing')."""
    words = list(title_words(ds))
    if words and words[0] in _NOT_A_STEM - {"briefing"}:
        words = words[1:]
    return "-".join(words)[:80].strip("-") or "briefing"


def contribution_key(ds: Dataset, c: Contribution) -> str:
    """Return the BibTeX key of one contribution's section."""
    return f"{key_stem(ds)}{ds.publication.release_date.year}{re.sub(r'[^a-z0-9]', '', c.id.lower())}"


def contribution_bibtex(ds: Dataset, c: Contribution, url: str | None) -> str:
    """Return the BibTeX entry of one contribution's section, as its page shows it and its .bib file holds it."""
    return bibtex(ds, contribution_key(ds, c), contribution_title(ds, c), url)


def bibtex(ds: Dataset, key: str, chapter: str, url: str | None) -> str:
    """Return a BibTeX entry for one chapter."""
    p = ds.publication
    fields = {
        "author": "{" + " and ".join("{" + bib_text(a) + "}" for a in p.authors) + "}",  # corporate names braced
        "title": "{" + bib_text(chapter) + "}",
        "booktitle": "{" + bib_text(p.title) + "}",
        "edition": "{" + bib_text(edition_field(ds)) + "}",
        "year": str(p.release_date.year),
        "date": p.release_date.isoformat(),
        "publisher": "{" + bib_text(p.publisher) + "}",
        "note": "{"
        + bib_text(_("Summarises the organiser's report of the event; licence {licence}").format(licence=p.licence_text))
        + "}",
    }
    if ds.edition_state.preview:  # not released: no release date to give
        del fields["year"], fields["date"]
    if edition_language(ds) in BIBTEX_LANGUAGES:  # English, the default, is left unsaid (as before)
        fields["language"], fields["langid"] = BIBTEX_LANGUAGES[edition_language(ds)]
    if url:
        fields["url"] = "{" + url + "}"
    body = ",\n".join(f"  {name} = {value if value.startswith('{') else '{' + value + '}'}" for name, value in fields.items())
    return f"@incollection{{{key},\n{body}\n}}\n"


def ris(ds: Dataset, chapter: str, url: str | None) -> str:
    """Return an RIS record for one chapter."""
    p = ds.publication
    lines = [
        ("TY", "CHAP"),
        *(("AU", a) for a in p.authors),
        ("TI", chapter),
        ("T2", p.title),
        ("ET", edition_field(ds)),
        *([] if ds.edition_state.preview else [("PY", str(p.release_date.year)), ("DA", p.release_date.strftime("%Y/%m/%d"))]),
        ("PB", p.publisher),
        ("LA", edition_language(ds)),
    ]
    if url:
        lines.append(("UR", url))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}".rstrip() + "\r\n" for tag, value in lines)


def meta_tags(ds: Dataset, chapter: str, url: str | None) -> list[tuple[str, str]]:
    """Return Highwire Press and Dublin Core meta tags (name, content) for one page.

    Every page is one item type, a part of the book (``citation_inbook_title``: Zotero's bookSection), as its BibTeX
    (@incollection) and RIS (CHAP) records say; no tag of another type (a report's institution) makes it ambiguous.
    A preview's book title carries its label and no publication date is given: it is not a released edition.
    """
    p, preview = ds.publication, ds.edition_state.preview
    tags = [("citation_title", chapter), ("citation_inbook_title", f"{p.title} ({edition_label(ds)})" if preview else p.title)]
    tags += [("citation_author", a) for a in p.authors]
    tags += [] if preview else [("citation_publication_date", p.release_date.strftime("%Y/%m/%d"))]
    tags += [
        ("citation_publisher", p.publisher),
        ("citation_language", edition_language(ds)),
    ]
    if url:
        tags.append(("citation_public_url", url))
    tags += [
        ("DC.title", chapter),
        *(("DC.creator", a) for a in p.authors),
        *([] if preview else [("DC.date", p.release_date.isoformat())]),
        ("DC.publisher", p.publisher),
        ("DC.type", "Text"),
        ("DC.format", "text/html"),
        ("DC.language", edition_language(ds)),
        ("DC.rights", p.licence_text),
        ("DC.source", f"{ds.event.source_author}: {ds.event.source_title}"),
    ]
    if url:
        tags.append(("DC.identifier", url))
    return tags


def citation_cff(ds: Dataset) -> str:
    """Return CITATION.cff (CFF 1.2.0) for this edition, generated from the metadata.

    It describes the edition publication.yml names, the last released one, even while the pages are a preview of the
    next: the repository's citation file is for citing what was released, not unreleased data.
    """
    p, e = ds.publication, ds.event
    authors = lambda: [{"name": a} for a in p.authors]
    document = {
        "cff-version": "1.2.0",
        "message": "If you use this briefing, please cite it as below. It summarises "
        "the organiser's report of the event, not the speakers' own words.",
        "title": p.title,
        "abstract": p.abstract,
        "authors": authors(),
        "version": f"edition {p.edition}",
        "date-released": p.release_date.isoformat(),
        "license": [p.licence_text, p.licence_code],
        "preferred-citation": {
            "type": "book",
            "title": p.title,
            "authors": authors(),
            "edition": str(p.edition),
            "year": p.release_date.year,
            "publisher": {"name": p.publisher},
            "languages": [p.language],
        },
        "references": [
            {
                "type": "report",
                "title": e.source_title,
                "authors": [{"name": e.source_author}],
                "year": e.date.year,
                "notes": f"Organiser's report of the event of {e.date.isoformat()}; the primary source of the briefing.",
            }
        ],
    }
    header = "# Generated from data/publication.yml and data/event.yml by `python -m briefing cff`; do not edit by hand.\n"
    return header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


#: ISO 639-3 codes that deposit metadata use for the book's languages.
ISO_639_3 = {"en": "eng", "de": "deu"}


def zenodo_json(ds: Dataset) -> str:
    """Return deposit-ready metadata (Zenodo's .zenodo.json) for this edition, generated from the metadata; no DOI is claimed.

    A repository that deposits the edition reads it; the DOI it then registers goes into the data, not here. Like
    CITATION.cff it describes the released edition publication.yml names, never a preview.
    """
    p, e = ds.publication, ds.event
    document = {
        "title": p.title,
        "description": f"{p.subtitle}. {p.abstract}",
        "upload_type": "publication",
        "publication_type": "report",
        "creators": [{"name": a} for a in p.authors],
        "publication_date": p.release_date.isoformat(),
        "version": f"edition {p.edition}",
        "language": ISO_639_3.get(p.language, p.language),
        "license": p.licence_text,
        "access_right": "open",
        "imprint_publisher": p.publisher,
        "keywords": list(dict.fromkeys(t.label for t in ds.themes)),
        "notes": (
            f"Summarises the organiser's report of the event of {e.date.isoformat()} ({e.source_author}), not the speakers' "
            f"own words. The code that builds it is licensed {p.licence_code}."
        ),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
