"""Hostile data for tests: a copy of the data with a script payload in every free-text field, generated from the schema."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from pydantic import BaseModel

from briefing.core.schema import EVENT_FILE, PUBLICATION_FILE, TABLES, Event, Publication

#: What each injected script does if it runs: the browser test reads this flag.
FLAG = "window.__briefingXss"
#: Markup that runs script wherever it is written unescaped: in text, in an attribute, inside a <script>, as Markdown or
#: MyST. One "word" with no sentence end, so the data's word and sentence limits still hold when it is glued to a text.
TEXT_PAYLOAD = (
    f"</script><script>{FLAG}=1</script><img/src=x/onerror={FLAG}=1>[m](javascript:{FLAG}=1)"
    f'{{raw}}`<b/onmouseover={FLAG}=1>r</b>`x"/onfocus="{FLAG}=1"/autofocus="x\'/onfocus=\'{FLAG}=1\'&amp;'
)
#: For metadata, which refuses '<' and '>': breaks out of an attribute, or shows an entity, if written raw.
META_PAYLOAD = f'x"/autofocus/onfocus="{FLAG}=1"/x=\'&amp;lt;b&amp;gt;'
#: The same in few words, for texts whose length in words is limited by the editorial rules (a summary, a headline).
SHORT_PAYLOAD = f"<script>{FLAG}=1</script><img/src=x/onerror={FLAG}=1>"
#: Those texts: replaced by the short payload and one word, so the word limits hold.
WORD_LIMITED = {("contributions.csv", "summary"), ("key_messages.csv", "headline")}
#: The model of each file's rows, to find a field's type and limits.
MODELS: dict[str, type[BaseModel]] = {
    **{spec.file: spec.model for spec in TABLES},
    PUBLICATION_FILE: Publication,
    EVENT_FILE: Event,
}
#: Columns whose values are checked against other data (verbatim in the report, keys, file names): left as they are.
CHECKED = {
    "contributions.csv": {"source_start", "keywords"},
    "contribution_themes.csv": {"evidence"},
    "editorial_notes.csv": {"source_says"},
    "questions.csv": {"question"},
    "changes.csv": {"file", "row", "field"},
    "slides.csv": {"source_file"},
    "slide_quotes.csv": {"quote"},
}


def free_text_fields(model: type[BaseModel]) -> list[str]:
    """Return the fields of a model that hold free text: the schema's Text and Name types (ids, dates, numbers are not)."""
    return [
        name
        for name, info in model.model_fields.items()
        if "_visible" in repr(info.annotation) + repr(info.metadata)  # Text and Name are checked by schema._visible
    ]


def _with_payload(value: str, payload: str, limit: int | None) -> str:
    """Return a value with the payload glued to its first word (same number of words), cut to the field's length limit."""
    return f"{payload}{value}"[: limit - 10 if limit else None]  # a little room: a glossary term is also a row's name


def _limit(model: type[BaseModel], name: str) -> int | None:
    """Return a field's length limit from the schema."""
    from briefing.core.schema import _max_length

    return _max_length(model.model_fields[name].annotation) or _max_length(model.model_fields[name])


def poison_tables(folder: Path) -> list[tuple[str, str]]:
    """Add the payload to every free-text cell of every table; return the (file, column) pairs poisoned."""
    done = []
    for spec in TABLES:
        path = folder / spec.file
        with path.open(encoding="utf-8", newline="") as file:
            reader = csv.DictReader(file)
            header, rows = list(reader.fieldnames or []), list(reader)
        columns = [c for c in free_text_fields(spec.model) if c in header and c not in CHECKED.get(spec.file, set())]
        for row in rows:
            for column in columns:
                if row[column].strip():
                    limit = _limit(spec.model, column)
                    if (spec.file, column) in WORD_LIMITED:
                        row[column] = f"According to the report, {SHORT_PAYLOAD}x."
                    else:
                        row[column] = _with_payload(row[column], TEXT_PAYLOAD, limit)
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=header)
            writer.writeheader()
            writer.writerows(rows)
        done += [(spec.file, c) for c in columns]
    return done


def poison_metadata(folder: Path) -> list[tuple[str, str]]:
    """Add the metadata payload to every free-text field of publication.yml and event.yml."""
    done = []
    for file, model in ((PUBLICATION_FILE, Publication), (EVENT_FILE, Event)):
        path = folder / file
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name in free_text_fields(model):
            if name in {"source_document", "corrections_url", "contact_email", "licence_text", "licence_code", "language"}:
                continue
            value = data.get(name)
            if isinstance(value, list):
                data[name] = [_with_payload(v, META_PAYLOAD, _limit(model, name)) for v in value]
            elif isinstance(value, str) and value.strip():
                data[name] = _with_payload(value, META_PAYLOAD, _limit(model, name))
            else:
                continue
            done.append((file, name))
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return done


def poison_catalogue(folder: Path) -> int:
    """Put the payload into every German translation of translations/de.po, kept checked against the poisoned English.

    Return how many translations carry it. Run after the English is poisoned: each entry's English (its msgid) is set to
    the new English, so the German edition shows the poisoned German rather than the English marked untranslated.
    """
    from briefing.core.load import load_dataset
    from briefing.core.schema import NAME_LIMIT
    from briefing.core.translations import texts

    path = folder / "translations" / "de.po"
    with path.open("rb") as file:
        catalogue = read_po(file)
    english = {text.context: text.english for text in texts(load_dataset(folder, fresh=True))}
    count = 0
    for message in list(catalogue):
        if not (message.id and isinstance(message.string, str) and message.string and message.context):
            continue
        file, row, field = message.context.split("|", 2)
        renamed = f"{file}|{_with_payload(row, TEXT_PAYLOAD, NAME_LIMIT)}|{field}"  # a glossary term is its row's name
        context = message.context if message.context in english else renamed
        if context not in english:
            continue
        catalogue.delete(message.id, message.context)
        meta = file in {PUBLICATION_FILE, EVENT_FILE}
        model = MODELS.get(file)  # none for references.bib, whose texts have no length limit
        limit = _limit(model, field) if model and field in model.model_fields else None  # German has the English's limits
        german = _with_payload(message.string, META_PAYLOAD if meta else TEXT_PAYLOAD, limit)
        catalogue.add(english[context], german, context=context)
        count += 1
    count += _translate_new(catalogue, english)
    with path.open("wb") as file:
        write_po(file, catalogue, width=0)
    return count


def _translate_new(catalogue: Catalog, english: dict[str, str]) -> int:
    """Give each text the catalogue has no entry for (new rows, renamed glossary terms) a German payload; return how many."""
    count = 0
    for context, text in english.items():
        if catalogue.get(text, context=context) is None:
            catalogue.add(text, f"{TEXT_PAYLOAD}Deutsch.", context=context)
            count += 1
    return count


def translate_new_texts(folder: Path) -> int:
    """Give the texts translations/de.po has no entry for yet (reasons recorded after it was poisoned) a German payload."""
    from briefing.core.load import load_dataset
    from briefing.core.translations import texts

    path = folder / "translations" / "de.po"
    with path.open("rb") as file:
        catalogue = read_po(file)
    count = _translate_new(catalogue, {text.context: text.english for text in texts(load_dataset(folder, fresh=True))})
    with path.open("wb") as file:
        write_po(file, catalogue, width=0)
    return count


#: The bibliography's fields that are free text (what a reader sees in a reference), not keys, years, addresses or ids.
BIB_TEXT_FIELDS = ("title", "howpublished", "note", "publisher", "institution", "journal", "booktitle", "address", "organization")


def poison_bibliography(folder: Path) -> int:
    """Put the payload into every free-text field of references.bib, and a payload author before every entry's authors.

    Written into the file's text (a round trip through pybtex would rewrite the addresses); return how many fields.
    """
    path = folder / "references.bib"
    fields, text = "|".join(BIB_TEXT_FIELDS), path.read_text(encoding="utf-8")
    text, count = re.subn(rf"^(\s*(?:{fields})\s*=\s*\{{)", lambda m: m.group(1) + TEXT_PAYLOAD, text, flags=re.M)
    author = re.compile(r"^(\s*(?:author|editor)\s*=\s*\{)", flags=re.M)
    text, people = author.subn(lambda m: m.group(1) + "{" + TEXT_PAYLOAD + "} and ", text)
    path.write_text(text, encoding="utf-8")
    return count + people


def give_reasons(folder: Path) -> int:
    """Record a reason, itself a payload, for every change the poisoning made (the revisions page shows them); return how many."""
    from briefing.core.load import load_dataset
    from briefing.core.revisions import missing_reasons

    changes = folder / "changes.csv"
    with changes.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        header, rows = list(reader.fieldnames or []), list(reader)
    given = {(r["edition"], r["file"], r["row"], r["field"]) for r in rows}
    recorded = load_dataset(folder, fresh=True).changes  # a translation follows its English text's reason
    missing = [m for m in missing_reasons(folder, recorded) if (str(m[0]), m[2].file, m[2].row, m[2].field) not in given]
    for edition, _older, item in missing:
        rows.append(
            {
                **dict.fromkeys(header, ""),
                "edition": str(edition),
                "file": item.file,
                "row": item.row,
                "field": item.field,
                "reason": f"{TEXT_PAYLOAD}Reason.",
            }
        )
    with changes.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return len(missing)


def hostile_data(source: Path, target: Path) -> Path:
    """Copy a data folder and put a payload in every free-text field of every file, both languages; return the copy."""
    shutil.copytree(source, target)
    poison_tables(target)
    poison_metadata(target)
    poison_bibliography(target)
    give_reasons(target)
    poison_catalogue(target)
    if give_reasons(target):  # German texts changed since the last edition that kept its catalogue (edition 3 on)
        translate_new_texts(target)  # the reasons just recorded, in German too
    return target
