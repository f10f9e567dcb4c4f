"""The data's columns as readers name them: the revisions page's changed columns, a German spreadsheet's headers."""

from __future__ import annotations

from briefing.core.schema import BASED_IN, based_in_label, dictionary_rows
from briefing.i18n.messages import DEFAULT, language, pgettext

#: The gettext context of the data dictionary's descriptions (their German is in locales/de/LC_MESSAGES/schema.po).
DICTIONARY_CONTEXT = "data dictionary"
#: ... and of its examples that are texts a reader reads in the edition's language (labels, sentences).
EXAMPLE_CONTEXT = "data dictionary example"


def column_labels() -> dict[str, str]:
    """Return the name of each column of the data in the edition's language, as the revisions page and spreadsheets name it."""
    return {
        "id": pgettext("changed column", "id"),
        "order": pgettext("changed column", "order"),
        "label": pgettext("changed column", "label"),
        "definition": pgettext("changed column", "definition"),
        "speaker": pgettext("changed column", "speaker"),
        "honorific": pgettext("changed column", "honorific"),
        "role": pgettext("changed column", "role"),
        "organisation": pgettext("changed column", "organisation"),
        "perspective": pgettext("changed column", "perspective"),
        "based_in": pgettext("changed column", "based in"),
        "perspective_rationale": pgettext("changed column", "perspective rationale"),
        "presentation_offered": pgettext("changed column", "presentation offered"),
        "source_start": pgettext("changed column", "source start"),
        "keywords": pgettext("changed column", "keywords"),
        "topic": pgettext("changed column", "topic"),
        "summary": pgettext("changed column", "summary"),
        "category": pgettext("changed column", "category"),
        "former_ids": pgettext("changed column", "former ids"),
        "references": pgettext("changed column", "references"),
        "reference": pgettext("changed column", "reference"),
        "contribution_id": pgettext("changed column", "contribution id"),
        "theme_id": pgettext("changed column", "theme id"),
        "evidence": pgettext("changed column", "evidence"),
        "about_ruhr": pgettext("changed column", "about ruhr"),
        "about_region": pgettext("changed column", "about region"),
        "headline": pgettext("changed column", "headline"),
        "support": pgettext("changed column", "support"),
        "contributions": pgettext("changed column", "contributions"),
        "themes": pgettext("changed column", "themes"),
        "kind": pgettext("changed column", "kind"),
        "source_says": pgettext("changed column", "source says"),
        "probably_right": pgettext("changed column", "probably right"),
        "basis": pgettext("changed column", "basis"),
        "reason": pgettext("changed column", "reason"),
        "term": pgettext("changed column", "term"),
        "lang": pgettext("changed column", "lang"),
        "question": pgettext("changed column", "question"),
        "answer": pgettext("changed column", "answer"),
        "open": pgettext("changed column", "open"),
        "statement": pgettext("changed column", "statement"),
        "relates_to": pgettext("changed column", "relates to"),
        "label_de": pgettext("changed column", "label de"),
        "context": pgettext("changed column", "context"),
        "edition": pgettext("changed column", "edition"),
        "file": pgettext("changed column", "file"),
        "row": pgettext("changed column", "row"),
        "field": pgettext("changed column", "field"),
        "fields": pgettext("changed column", "fields"),
        "limits": pgettext("changed column", "limits"),
        "named_in": pgettext("changed column", "named in"),
        "note": pgettext("changed column", "note"),
        "quote": pgettext("changed column", "quote"),
        "section": pgettext("changed column", "section"),
        "slide": pgettext("changed column", "slide"),
        "source_file": pgettext("changed column", "source file"),
        "status": pgettext("changed column", "status"),
        "checked": pgettext("changed column", "checked"),
        "text": pgettext("changed column", "text"),
        # The data dictionary's own columns (data-dictionary.csv).
        "column": pgettext("changed column", "column"),
        "required": pgettext("changed column", "required"),
        "description": pgettext("changed column", "description"),
        "example": pgettext("changed column", "example"),
    }


def choice_labels(region: str | None = None) -> dict[str, dict[str, str]]:
    """Return, for each column with a fixed set of values, each value as readers name it in the edition's language
    (based_in's 'region' as the event's region, when given)."""
    languages = {"en": pgettext("language of a text", "English"), "de": pgettext("language of a text", "German")}
    return {
        "category": {
            "approach": pgettext("theme category", "approach"),
            "process": pgettext("theme category", "process"),
            "crisis": pgettext("theme category", "crisis"),
            "place": pgettext("theme category", "place"),
            "field": pgettext("theme category", "field"),
        },
        "basis": {"cited": pgettext("basis of a note", "cited"), "probable": pgettext("basis of a note", "probable")},
        "kind": {"error": pgettext("kind of note", "error"), "inconsistency": pgettext("kind of note", "inconsistency")},
        "based_in": {key: based_in_label(key, region) for key in BASED_IN},
        "lang": languages,
        "named_in": languages,
        "status": {
            "draft": pgettext("status", "draft"),
            "final": pgettext("status", "final"),
            "checked-copy": pgettext("status", "checked copy"),
            "not-found": pgettext("status", "not found"),
        },
    }


def choice_label(column: str, value: str, region: str | None = None) -> str | None:
    """Return a value of a column with fixed values as readers name it (None for any other column or value)."""
    return choice_labels(region).get(column, {}).get(value)


def file_column_labels(file: str) -> dict[str, str]:
    """Return the columns of one file that a spreadsheet names otherwise than the same column elsewhere: a strategy
    field's label is the English one (its German is in label_de), where a theme's label is in the edition's language."""
    if file == "strategy_fields.csv":
        return {"label": pgettext("changed column", "English label")}
    return {}


def dictionary_rows_here() -> list[dict[str, str]]:
    """Return the data dictionary with its required flags, descriptions and examples in the edition's language, as its
    HTML table in the edition has them (schema.po); a text without a translation, a name, an id or code as it is."""
    rows = dictionary_rows()
    if language() == DEFAULT:
        return rows
    required = {"yes": pgettext("required", "yes"), "no": pgettext("required", "no")}
    return [_dictionary_row_here(row, required) for row in rows]


def _dictionary_row_here(row: dict[str, str], required: dict[str, str]) -> dict[str, str]:
    """Return one data dictionary row with its required flag, description and example in the edition's language."""
    description, example = row["description"], row["example"]
    return {
        **row,
        "required": required.get(row["required"], row["required"]),
        "description": pgettext(DICTIONARY_CONTEXT, description),
        "example": pgettext(EXAMPLE_CONTEXT, example) if example else example,
    }


def spreadsheet_header(columns: list[str], file: str | None = None) -> list[str]:
    """Return a CSV header for a spreadsheet in the edition's language: in German "Thema (topic)", the data's name kept.

    The data's own name stays in brackets, so the column can be found in the data dictionary and the standard files.
    A column the spreadsheet adds (not the data's, such as the editors' translation of a quotation) is named as given.
    """
    if language() == DEFAULT:
        return list(columns)
    labels = column_labels() | (file_column_labels(file) if file else {})
    named = lambda c, label: label if label.casefold() == c.replace("_", " ").casefold() else f"{label} ({c})"
    return [named(c, labels[c]) if c in labels else c for c in columns]
