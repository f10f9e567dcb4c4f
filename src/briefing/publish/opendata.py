"""The published data described the standard ways: a Frictionless Data Package and a schema.org Dataset."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

from babel import Locale
from pybtex.database import parse_file

from briefing.core.model import Dataset
from briefing.core.schema import (
    EVENT_FILE,
    FOREIGN_KEYS,
    PRIMARY_KEYS,
    PUBLICATION_FILE,
    REFERENCES_FILE,
    TABLES,
    Row,
    described,
    field_name,
)
from briefing.core.snapshots import translation_files
from briefing.i18n.messages import DEFAULT, _, language
from briefing.publish.cite import edition_phrase, title_slug

#: The descriptor's file name, as the Data Package standard names it.
DATAPACKAGE_FILE = "datapackage.json"
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
TABLE_SCHEMA = "https://datapackage.org/profiles/2.0/tableschema.json"
TABLE_DIALECT = "https://datapackage.org/profiles/2.0/tabledialect.json"
#: Licences the publication metadata may name (SPDX id), with their title and legal text.
LICENCES = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 International", "https://creativecommons.org/licenses/by/4.0/"),
    "CC0-1.0": ("CC0 1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "MIT": ("MIT License", "https://opensource.org/license/mit"),
}
#: The spreadsheet habits the loader accepts for a yes/no column.
YES, NO = ["yes", "Yes", "YES"], ["no", "No", "NO"]
#: The columns of data-dictionary.csv (see briefing.publish.downloads), described for the package.
DICTIONARY_FIELDS = {
    "file": "The data file the column belongs to.",
    "column": "The column's name (or the field's name in a YAML file).",
    "required": "'yes' if every row must have a value.",
    "description": "What the column holds, with its length limit.",
    "example": "An example value.",
}
#: The other files of the data, with their format and media type.
OTHER_FILES = {
    EVENT_FILE: ("yaml", "application/yaml", "The event the report covers."),
    PUBLICATION_FILE: ("yaml", "application/yaml", "This briefing as a publication: title, authors, edition, date, licences."),
    REFERENCES_FILE: ("bib", "application/x-bibtex", "The sources the briefing cites (BibTeX)."),
}


#: The columns of a terminology list (translations/terminology-<lang>.csv), described for the package.
TERMINOLOGY_FIELDS = {
    "english": "The English term as the data and the book use it.",
    "german": "The term the translation uses for it.",
    "note": "Where the translated term comes from or how it is used, in the translation's language.",
    "avoid": "Other forms of the same concept the translation rejects, separated by semicolons (a page must not use them).",
}


def _language_name(path: str) -> str:
    """Return the English name of a translation file's language, from its name ('translations/de.po': German)."""
    code = Path(path).stem.rsplit("-", 1)[-1]
    return Locale.parse(code).get_display_name("en") or code


def translation_purpose(path: str) -> str:
    """Return what a translation file holds (a catalogue of the data's texts, or a terminology list), in a sentence."""
    name = _language_name(path)
    if path.endswith(".po"):
        return (
            f"The {name} translation of every text a reader sees, as the {name} edition shows it (a gettext catalogue): "
            "msgctxt names the text as 'file|row|field' (rows keyed as in changes.csv), msgid is the English, msgstr "
            f"the {name}; an empty or fuzzy entry is not translated yet. The report's quotations stay English; their "
            "entries hold the editors' rendering, shown beside the quotation."
        )
    return f"The {name} terms the translation uses for the briefing's English terms, with where each comes from."


def _translation_resource(folder: Path, path: str) -> dict[str, Any]:
    """Return the package's resource of one translation file: a catalogue, or a terminology list as a table."""
    resource: dict[str, Any] = {
        "name": path.rsplit(".", 1)[0].replace("/", "-"),
        "path": path,
        "description": translation_purpose(path),
        "encoding": "utf-8",
    }
    if path.endswith(".po"):
        return {**resource, "format": "po", "mediatype": "text/x-gettext-translation", **_file_facts(folder / path)}
    return {
        **resource,
        "type": "table",
        "format": "csv",
        "mediatype": "text/csv",
        **_file_facts(folder / path),
        "dialect": {"$schema": TABLE_DIALECT, "header": True, "delimiter": ","},
        "schema": {
            "$schema": TABLE_SCHEMA,
            "fields": [{"name": name, "type": "string", "description": text} for name, text in TERMINOLOGY_FIELDS.items()],
            "missingValues": [""],
            "primaryKey": ["english"],
        },
    }


def _field(name: str, model: type[Row]) -> dict[str, Any]:
    """Return the Table Schema field of one column, from its pydantic field and JSON schema."""
    info = model.model_fields[name]
    spec = dict(model.model_json_schema()["properties"][name])
    options = [option for option in spec.pop("anyOf", []) if option.get("type") != "null"]
    spec.update(options[0] if options else {})
    field: dict[str, Any] = {"name": name, "description": described(info)}
    if info.examples:
        field["example"] = str(info.examples[0])
    constraints: dict[str, Any] = {"required": True} if info.is_required() else {}
    kind = spec.get("type")
    if kind == "array":
        items = spec.get("items", {})
        field.update(type="list", delimiter=";", itemType="string")
        if spec.get("minItems"):
            constraints["minLength"] = spec["minItems"]
        spec = {k: v for k, v in items.items() if k == "type"}
    elif kind == "boolean":
        field.update(type="boolean", trueValues=YES, falseValues=NO)
    elif kind == "integer":
        field["type"] = "integer"
        constraints.update({key: spec[key] for key in ("minimum", "maximum") if key in spec})
    elif spec.get("format") == "date":
        field["type"] = "date"
    else:
        field["type"] = "string"
        if "enum" in spec:
            field["categories"] = list(spec["enum"])
            constraints["enum"] = list(spec["enum"])
        constraints.update({key: spec[key] for key in ("minLength", "maxLength") if key in spec})
        if "pattern" in spec:  # Table Schema patterns match the whole value: no anchors
            constraints["pattern"] = spec["pattern"].removeprefix("^").removesuffix("$")
    if constraints:
        field["constraints"] = constraints
    return field


def _keyable(field: dict[str, Any], in_key: bool) -> dict[str, Any]:
    """Return a field as a primary key can hold it: a list column in a key is declared as its text (lists are not hashable)."""
    if not in_key or field.get("type") != "list":
        return field
    text = {k: v for k, v in field.items() if k not in ("delimiter", "itemType")}
    text["type"] = "string"
    text["description"] += " In the key, the cell's text as written (items separated by semicolons)."
    if "constraints" in text:
        text["constraints"] = {k: v for k, v in text["constraints"].items() if k == "required"}
    return text


def table_schema(file: str, model: type[Row], header: Collection[str] = ()) -> dict[str, Any]:
    """Return the Table Schema of one data table: fields, primary key and foreign keys; each field named as the file's
    ``header`` names it (about_region where another region's book names about_ruhr so), else as the schema does."""
    in_file = {field_name(file, column): column for column in header}
    schema: dict[str, Any] = {
        "$schema": TABLE_SCHEMA,
        "fields": [
            _keyable(_field(name, model) | {"name": in_file.get(name, name)}, name in PRIMARY_KEYS[file])
            for name in model.model_fields
        ],
        "missingValues": [""],
        "primaryKey": list(PRIMARY_KEYS[file]),
    }
    foreign = [(column, target) for (source, column), target in FOREIGN_KEYS.items() if source == file]
    if foreign:
        schema["foreignKeys"] = [
            {"fields": [column], "reference": {"resource": _resource_name(target_file), "fields": [target_column]}}
            for column, (target_file, target_column) in foreign
        ]
    return schema


def _resource_name(file: str) -> str:
    """Return a data file's resource name in the package (its name without extension, with hyphens)."""
    return file.rsplit(".", 1)[0].replace("_", "-")


def _file_facts(path: Path) -> dict[str, Any]:
    """Return a file's size and SHA-256 hash, as the package records them."""
    content = path.read_bytes()
    return {"bytes": len(content), "hash": f"sha256:{hashlib.sha256(content).hexdigest()}"}


def data_edition(ds: Dataset) -> str:
    """Return, in the data's own language (English), which edition the data are: 'edition 2', or a preview's label."""
    state = ds.edition_state
    return f"edition {state.number} \u2014 preview, not released" if state.preview else f"edition {state.number}"


def dataset_title(ds: Dataset) -> str:
    """Return the data's title as a page describes them (JSON-LD), in the edition's language: 'Briefing …: data, edition 2'.

    The data package itself (datapackage.json) keeps its one English title, from data_edition.
    """
    if language() == DEFAULT:
        return f"{ds.publication.title}: data, {data_edition(ds)}"
    return _("{title}: data, {edition}").format(title=ds.publication.title, edition=edition_phrase(ds))


def data_version(ds: Dataset) -> str:
    """Return the data's version as a data package and JSON-LD give it: the edition's number, or '3-preview'."""
    state = ds.edition_state
    return f"{state.number}-preview" if state.preview else str(state.number)


def _source(ds: Dataset) -> dict[str, str]:
    """Return the organiser's report as the data's source, with its address from references.bib if it has one."""
    event = ds.event
    source = {"title": f"{event.source_author}: {event.source_title}"}
    entries = parse_file(str(ds.data_dir / REFERENCES_FILE), bib_format="bibtex").entries
    url = entries[event.source_reference].fields.get("url") if event.source_reference in entries else None
    if url:
        source["path"] = str(url)
    return source


def _licences(ds: Dataset) -> list[dict[str, str]]:
    """Return the licence of the text and data as the package names it."""
    spdx = ds.publication.licence_text
    title, url = LICENCES.get(spdx, (spdx, ""))
    return [{"name": spdx, "title": title, **({"path": url} if url else {})}]


def data_package(ds: Dataset, folder: Path, base_url: str | None = None) -> dict[str, Any]:
    """Return the Data Package descriptor of the data files written to folder (their sizes and hashes as written)."""
    p = ds.publication
    resources: list[dict[str, Any]] = []
    for spec in TABLES:
        if spec.optional and not (folder / spec.file).is_file():
            continue  # an optional table the data folder leaves out
        resources.append(
            {
                "name": _resource_name(spec.file),
                "type": "table",
                "path": spec.file,
                "title": spec.file,
                "description": spec.purpose,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                **_file_facts(folder / spec.file),
                "dialect": {"$schema": TABLE_DIALECT, "header": True, "delimiter": ","},
                "schema": table_schema(spec.file, spec.model, ds.headers.get(spec.file, ())),
            }
        )
    dictionary = folder / "data-dictionary.csv"
    if dictionary.is_file():
        resources.append(
            {
                "name": "data-dictionary",
                "type": "table",
                "path": dictionary.name,
                "description": "Every column of every file, with its description and an example (as in this descriptor).",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                **_file_facts(dictionary),
                "schema": {
                    "$schema": TABLE_SCHEMA,
                    "fields": [{"name": name, "type": "string", "description": text} for name, text in DICTIONARY_FIELDS.items()],
                    "primaryKey": ["file", "column"],
                },
            }
        )
    for file, (fmt, mediatype, purpose) in OTHER_FILES.items():
        resources.append(
            {
                "name": _resource_name(file).replace(".", "-"),
                "path": file,
                "description": purpose,
                "format": fmt,
                "mediatype": mediatype,
                "encoding": "utf-8",
                **_file_facts(folder / file),
            }
        )
    resources += [_translation_resource(folder, path) for path in translation_files(folder)]
    package: dict[str, Any] = {
        "$schema": PROFILE,
        "name": f"{title_slug(ds)}-data",  # 'ruhr-smart-specialisation-briefing-data' for this book
        "id": f"{base_url}downloads/{DATAPACKAGE_FILE}" if base_url else None,
        "title": f"{p.title}: data, {data_edition(ds)}",
        "description": f"{p.abstract} The tables behind every chapter of the book, with their dictionary and references.",
        "version": data_version(ds),
        "created": None if ds.edition_state.preview else f"{p.release_date.isoformat()}T00:00:00Z",  # not released
        "homepage": base_url,
        "licenses": _licences(ds),
        "contributors": [
            *({"title": author, "roles": ["author"]} for author in p.authors),
            {"title": p.publisher, "roles": ["publisher"]},
        ],
        "sources": [_source(ds)],
        "resources": resources,
    }
    return {key: value for key, value in package.items() if value is not None}


def data_package_json(ds: Dataset, folder: Path, base_url: str | None = None) -> str:
    """Return the Data Package descriptor as JSON text."""
    return json.dumps(data_package(ds, folder, base_url), indent=2, ensure_ascii=False) + "\n"


def data_readme(ds: Dataset, zip_name: str) -> str:
    """Return the short README that goes into the data zip: what the files are, the licence, how to check them."""
    p = ds.publication
    licence_title, licence_url = LICENCES.get(p.licence_text, (p.licence_text, ""))
    rows = [f"| `{spec.file}` | {spec.purpose} |" for spec in TABLES]
    rows += [f"| `{file}` | {purpose} |" for file, (_, _, purpose) in OTHER_FILES.items()]
    rows += [f"| `{path}` | {translation_purpose(path)} |" for path in translation_files(ds.data_dir)]
    return "\n".join(
        [
            f"# {p.title}: data, {data_edition(ds)}" + ("" if ds.edition_state.preview else f" ({p.release_date.isoformat()})"),
            "",
            (
                f"The data behind every chapter of the briefing, not released in an edition yet (`{zip_name}`)."
                if ds.edition_state.preview
                else f"The data behind every chapter of the briefing, as released in edition {p.edition} (`{zip_name}`)."
            ),
            f"Licence: {licence_title} ({p.licence_text}{', ' + licence_url if licence_url else ''}); see `LICENSE.txt`.",
            f"Attribution: {'; '.join(p.authors)}, {p.title}, {data_edition(ds)}.",
            "",
            "| File | What it holds |",
            "|---|---|",
            *rows,
            "| `data-dictionary.csv` | Every column of every file: what it holds, whether it is required, an example. |",
            f"| `{DATAPACKAGE_FILE}` | The same, machine-readable (Frictionless Data Package v2), with keys and file hashes. |",
            "",
            "CSV files are UTF-8 with a header row; lists of ids inside one cell are separated by semicolons.",
            "A cell that begins with =, +, - or @ has an apostrophe in front, so that spreadsheet programs show it as",
            "text instead of running it as a formula.",
            "",
            "Check the files against their description with the Frictionless tools:",
            "`pip install frictionless`, then `frictionless validate datapackage.json` in this folder.",
            "",
            "The evidence quotations are short attributed passages from the organiser's report",
            f"({ds.event.source_author}), which is not included; its rights remain with the organiser.",
            "",
        ]
    )


def dataset_jsonld(ds: Dataset, base_url: str | None, page: str, files: list[str], zip_name: str) -> dict[str, Any]:
    """Return the schema.org Dataset of the data offered on a page (JSON-LD), with download links if the base URL is known."""
    p = ds.publication
    licence_url = LICENCES.get(p.licence_text, ("", ""))[1]
    where = f"{base_url}downloads/" if base_url else None
    description: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": dataset_title(ds),
        "description": f"{p.abstract} " + _("The tables behind every chapter of the book, with their dictionary and references."),
        "version": data_version(ds),
        **({} if ds.edition_state.preview else {"datePublished": p.release_date.isoformat()}),  # a preview is not published
        "inLanguage": p.language,
        "isAccessibleForFree": True,
        "license": licence_url or p.licence_text,
        "creator": [{"@type": "Organization", "name": author} for author in p.authors],
        "publisher": {"@type": "Organization", "name": p.publisher},
        "isBasedOn": _source(ds).get("path") or _source(ds)["title"],
        "temporalCoverage": ds.event.date.isoformat(),
        "spatialCoverage": {"@type": "Place", "name": ds.event.region},
    }
    if base_url:
        description["url"] = f"{base_url}{page}"
        description["distribution"] = [
            {"@type": "DataDownload", "encodingFormat": "application/zip", "contentUrl": f"{where}{zip_name}"},
            {"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": f"{where}{DATAPACKAGE_FILE}"},
            *(
                {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": f"{where}{name}"}
                for name in files
                if name.endswith(".csv")
            ),
        ]
    return description


def jsonld_text(description: dict[str, Any]) -> str:
    r"""Return the description as the body of an inline JSON-LD script, unable to end its element ("<\/" for "</")."""
    return "\n" + json.dumps(description, ensure_ascii=False, indent=1).replace("</", "<\\/") + "\n"
