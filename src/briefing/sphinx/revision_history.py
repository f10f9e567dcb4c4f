"""The revisions page's directive, ``briefing-revisions``: what changed between editions, as sections with escaped text."""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from functools import cached_property
from pathlib import Path
from typing import Any

from babel.lists import format_list
from docutils import nodes
from sphinx.application import Sphinx

from briefing.core.former_texts import checked_wordings, kept_translation, published_in, term_for, terminology, wording
from briefing.core.revisions import (
    EVERY_ROW,
    WHOLE_ROW,
    ChangeItem,
    Comparison,
    LocatedNote,
    RowChange,
    TableDiff,
    history,
    key_of,
    key_text,
    reason_for,
    released_in,
    row_key,
)
from briefing.core.snapshots import CATALOGUE_KEY, CATALOGUE_TEXT, NO_COLUMN, NOT_KEPT, Snapshot, catalogue_file
from briefing.core.translations import TRANSLATED, UNTRANSLATED
from briefing.i18n.messages import DEFAULT, _, format_date, language, pgettext
from briefing.publish.anchors import redirects
from briefing.publish.columns import choice_label, column_labels
from briefing.sections.docnodes import Inline, bullets, fill, joined, lang, marked, para, quote, section, strong
from briefing.sections.page import note_label, perspective_label, theme_label
from briefing.sphinx.base import BriefingDirective
from briefing.sphinx.data import original_text, quotation_rendering
from briefing.text.typography import in_marks, marks, nested

#: The tables in the order the page lists them, with the word their subsections' anchors end in (the same in every edition).
ANCHORS = {
    "contributions.csv": "contributions",
    "contribution_themes.csv": "theme-links",
    "themes.csv": "themes",
    "key_messages.csv": "key-messages",
    "questions.csv": "the-report's-questions",
    "context.csv": "context-from-outside-the-report",
    "strategy_fields.csv": "fields-of-the-2022-strategy",
    "perspectives.csv": "perspectives",
    "editorial_notes.csv": "editorial-notes",
    "glossary.csv": "glossary",
    catalogue_file("de"): "german-translations",
}


#: Columns whose values are the report's own words: they stay English, as quotations, in every edition.
QUOTED = frozenset(
    {("contribution_themes.csv", "evidence"), ("editorial_notes.csv", "source_says"), ("slide_quotes.csv", "quote")}
)
#: Columns that list themes, or contributions, by id: a translated edition names them.
THEME_LISTS = frozenset({"themes", "relates_to"})
CONTRIBUTION_LISTS = frozenset({"contributions", "contribution_id"})
#: Columns of names, which no edition translates (shown as they are).
NAMES = frozenset({"speaker", "honorific", "term"})
#: Columns of keys of references.bib: readers see each work's short citation, never its key.
BIB_KEYS = frozenset({"reference", "references", "source_reference"})
#: A quoted word in a recorded reason that may be an id or a code ("“stakeholder-engagement”", "„approach“"), with an
#: explanation in brackets after it, if any ("„approach“ (Ansatz)").
_QUOTED_CODE = re.compile("[\u201c\u201e]([a-z0-9][a-z0-9_-]*)[\u201d\u201c]( \\(([^()]+)\\))?")
#: A column's name in brackets in a recorded reason ("(former_ids)"): the data's name, not a reader's.
_COLUMN_NAME = re.compile(" \\(([a-z]+_[a-z_]+)\\)")


def headings() -> dict[str, str]:
    """Return each table's heading on the page, in the page's language."""
    return {
        "contributions.csv": _("Contributions"),
        "contribution_themes.csv": _("Theme links"),
        "themes.csv": _("Themes"),
        "key_messages.csv": _("Key messages"),
        "questions.csv": _("The report's questions"),
        "context.csv": _("Context from outside the report"),
        "strategy_fields.csv": _("Fields of the 2022 strategy"),
        "perspectives.csv": _("Perspectives"),
        "editorial_notes.csv": _("Editorial notes"),
        "glossary.csv": _("Glossary"),
        catalogue_file("de"): _("German translations"),
    }


def translation_label(code: str) -> str:
    """Return the name of a translation of a data text, as a changed field is named."""
    return {"de": _("German translation")}.get(code, code)


def column_label(file: str, column: str) -> str:
    """Return a changed column's name on the page; a translation's text is named by its language."""
    if column == CATALOGUE_TEXT and file.endswith(".po"):
        return translation_label(Path(file).stem)
    return column_labels().get(column, column.replace("_", " "))


def translated_value(text: str, code: str) -> Inline:
    """Return a translation's text as an old or new value, in its language's quotation marks."""
    if not text:
        return _("(empty)")
    return marked(in_marks(text, code), code)


def value_shown(file: str, column: str, value: object) -> Inline:
    """Return an old or new value: a translation in its language; the data's English verbatim, marked as English."""
    if file.endswith(".po"):
        return translated_value(str(value or ""), Path(file).stem)
    if language() != DEFAULT and (value in (None, "", []) or isinstance(value, bool)):
        return shown(value)  # the page's own words: empty, yes, no
    if column == "label_de":
        return marked(in_marks(str(value), "de"), "de")
    return quote(shown(value))


def note_sentences(notes: list[LocatedNote]) -> list[str]:
    """Return the notes on what could not be compared as sentences, the files one edition's data do not include named
    in one sentence ('… do not include brief.csv, options.csv and the German translations.'), not one sentence each."""
    out: list[str] = []
    done: set[int] = set()
    for n, note in enumerate(notes):
        if n in done:
            continue
        if note.note.kind != NOT_KEPT:
            out.append(note_sentence(note))
            continue
        group = [m for m, other in enumerate(notes) if other.note.kind == NOT_KEPT and other.edition == note.edition]
        done.update(group)
        out.append(note_sentence(note, format_list([_file_named(notes[m].note.file) for m in group], locale=language())))
    return out


def _file_named(file: str) -> str:
    """Return a file as readers know it: the German catalogue as 'the German translations', not by its path."""
    return _("the German translations") if file == catalogue_file("de") else file


def note_sentence(note: LocatedNote, files: str | None = None) -> str:
    """Return a note on what could not be compared as a sentence in the page's language (files: the files named in
    the note's place, for a note that stands for several)."""
    file, column = files or _file_named(note.note.file), note.note.column
    if note.edition is None:
        if note.note.kind == NOT_KEPT:
            return _("The current data do not include {file}.").format(file=file)
        if note.note.kind == NO_COLUMN:
            return _("In the current data, {file} has no column “{column}”.").format(file=file, column=column)
        return _("In the current data, {file} has a column “{column}” that the schema no longer has.").format(
            file=file, column=column
        )
    if note.note.kind == NOT_KEPT:
        return _("The data of edition {number} do not include {file}.").format(number=note.edition, file=file)
    if note.note.kind == NO_COLUMN:
        return _("In edition {number}, {file} has no column “{column}”.").format(number=note.edition, file=file, column=column)
    return _("In edition {number}, {file} has a column “{column}” that the schema no longer has.").format(
        number=note.edition, file=file, column=column
    )


def shown(value: object) -> str:
    """Return a compared value as a reader reads it."""
    if value is None or value in ("", []):
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def without_label(reason: str) -> str:
    """Return a recorded reason without a leading label that only repeats the change's own ("Column removed: the
    comparison …" after "Column removed: Themes. Why:" reads "The comparison …"), in the edition's language."""
    for label in (_("New column: "), _("Column removed: "), _("Added: "), _("Removed: ")):
        if reason.casefold().startswith(label.casefold()):
            rest = reason[len(label) :].lstrip()
            return rest[:1].upper() + rest[1:]
    return reason


def released(snapshot: Snapshot) -> str:
    """Return an edition's number and release date as a heading gives them."""
    if snapshot.release_date:
        return _("Edition {number} (released {date})").format(number=snapshot.edition, date=format_date(snapshot.release_date))
    return _("Edition {number} (release date not recorded)").format(number=snapshot.edition)


class Revisions(BriefingDirective):
    """``briefing-revisions``: per edition, what changed compared with the edition before; unreleased edits first."""

    def build(self) -> list[nodes.Node]:
        """Render the dataset's revision history."""
        h = history(self.ds.data_dir)
        self.history = h
        out: list[nodes.Node] = []
        if h.unreleased:
            intro = para(
                _(
                    "The data this book was built from differ from the data released as edition {number}. "
                    "These changes are not part of any edition yet; cite them only with care, as they may still change."
                ).format(number=h.current_edition)
            )
            title = _("Changes not yet released in an edition")
            out.append(self.comparison_section("unreleased-changes", title, [intro], h.unreleased))
        for comparison in h.comparisons:
            out.append(self.edition_section(comparison, h.current_kept or comparison.newer.edition != h.current_edition))
        first = section(self.state.document, f"edition-{h.earliest.edition}", released(h.earliest))
        if h.earliest.edition == 1:
            first += para(_("This is the first edition; there is no earlier edition to compare it with."))
        else:
            first += para(
                _("The data of editions before edition {number} were not kept, so what changed in it cannot be shown.").format(
                    number=h.earliest.edition
                )
            )
        out.append(first)
        moved = redirects()
        if moved:
            out.append(
                para(
                    _("Pages that moved after an edition published them (their old addresses forward to the new ones): "),
                    "; ".join(f"{old} → {new}" for old, new in moved.items()),
                    ".",
                )
            )
        return out

    def edition_section(self, comparison: Comparison, kept: bool) -> nodes.section:
        """Render one edition compared with the kept edition before it."""
        older, newer = comparison.older, comparison.newer
        assert older.edition is not None and newer.edition is not None, "the history compares numbered editions"
        compared = (
            _("Compared with edition {number} ({date}).").format(number=older.edition, date=format_date(older.release_date))
            if older.release_date
            else _("Compared with edition {number}.").format(number=older.edition)
        )
        intro = [para(compared)]
        if newer.edition - older.edition > 1:
            intro.append(
                para(
                    _(
                        "The data of the editions in between were not kept, "
                        "so this compares edition {newer} directly with edition {older}."
                    ).format(newer=newer.edition, older=older.edition)
                )
            )
        if not kept:
            intro.append(
                para(
                    _(
                        "No copy of edition {number}'s data has been kept yet, "
                        "so this comparison uses the data this book was built from."
                    ).format(number=newer.edition)
                )
            )
        return self.comparison_section(f"edition-{newer.edition}", released(newer), intro, comparison)

    def reason(self, comparison: Comparison, item: ChangeItem) -> list[Inline]:
        """Return the recorded reason for one change, as a sentence after it, or say that none is recorded yet.

        Only a preview can show a change without a reason: a release build stops on it (briefing.core.release).
        """
        found = reason_for(self.ds.changes, released_in(self.history, comparison), item)
        if found is None:
            return [" ", nodes.emphasis("", _("Reason not yet recorded."), classes=["briefing-gap"])]
        return [" ", strong(_("Why: ")), *self.reason_text(without_label(found.reason))]

    def reason_text(self, reason: str) -> list[Inline]:
        """Return a recorded reason as readers read it: a theme's id or a category's code in it named as the page names
        them (an explanation in brackets that only repeats the name dropped), a column's name in brackets left out."""
        reason = _COLUMN_NAME.sub(lambda m: "" if m.group(1) in column_labels() else m.group(0), reason)
        out: list[Inline] = []
        start = 0
        for match in _QUOTED_CODE.finditer(reason):
            code, explained = match.group(1), match.group(3)
            name: Inline | None = None
            if self.is_theme(code):
                name = self.theme_name(code)
            elif choice_label("category", code):
                name = str(choice_label("category", code))
            if name is None:
                continue
            shown = name if isinstance(name, str) else name.astext()
            keep = match.group(2) if explained and explained.casefold() != shown.casefold() else ""
            out += [reason[start : match.start()], *fill(pgettext("a name in quotation marks", "“{name}”"), name=name)]
            out += [keep] if keep else []
            start = match.end()
        out.append(reason[start:])
        return [part for part in out if part != ""]

    def is_theme(self, theme_id: str) -> bool:
        """Say whether an id is a theme's, in this build or in a kept edition."""
        if theme_id in self.ds.theme:
            return True
        return any(r.get("id") == theme_id for snapshot in self.snapshots for r in snapshot.tables["themes.csv"].rows)

    def comparison_section(self, label: str, title: str, intro: list[nodes.Node], comparison: Comparison) -> nodes.section:
        """Render a comparison: one subsection per table that changed, and what could not be compared."""
        sec = section(self.state.document, label, title)
        sec += intro
        if comparison.empty:
            sec += para(
                _(
                    "The briefing's data did not change: every contribution, theme, theme link, key message, note "
                    "and glossary entry is as before."
                )
            )
        for file, heading in headings().items():
            diff = comparison.table(file)
            if not diff.empty:
                sub = section(self.state.document, f"{label}-{ANCHORS[file]}", heading)
                sub += bullets(self.entries(diff, comparison))
                sec += sub
        new_columns = {(t.file, c) for t in comparison.tables for c in t.added_columns}
        notes = [  # a column new since is listed as a change, with its reason
            n for n in comparison.not_compared if n.note.kind != NO_COLUMN or (n.note.file, n.note.column) not in new_columns
        ]
        if notes:
            sec += para(strong(_("Not compared: ")), " ".join(note_sentences(notes)), classes=["briefing-meta"])
        return sec

    def entries(self, diff: TableDiff, comparison: Comparison) -> list[nodes.Node]:
        """Return one list item per added, removed or changed row of a table."""
        name = self.namer(diff.file, comparison)
        items: list[nodes.Node] = []
        whole = lambda row: self.reason(comparison, ChangeItem(diff.file, row_key(diff.file, row), WHOLE_ROW))
        for columns, label, end in (
            (diff.added_columns, _("New column: "), _(", in every row.")),
            (diff.removed_columns, _("Column removed: "), "."),
        ):
            items += [
                para(
                    strong(label), column_label(diff.file, c), end, *self.reason(comparison, ChangeItem(diff.file, EVERY_ROW, c))
                )
                for c in columns
            ]
        for row in diff.added:
            items.append(para(strong(_("Added: ")), *name(row), *self.added_detail(diff.file, row), *whole(row)))
        for row in diff.removed:
            items.append(para(strong(_("Removed: ")), *name(row), *self.removed_detail(diff.file, row), *whole(row)))
        for change in diff.changed:
            items.append(
                [
                    para(strong(_("Changed: ")), *name(change.new), *self.moved(diff.file, change)),
                    bullets(self.field_changes(diff.file, change, comparison)),
                ]
            )
        return items

    def field_changes(self, file: str, change: RowChange, comparison: Comparison) -> list[nodes.Node]:
        """Return one list item per changed column: its old and its new value, and why it changed."""
        key = key_text(change.key)
        return [
            para(
                *fill(
                    _("{column}: was {old}, now {new}."),
                    column=column_label(file, f.column),
                    old=self.value(file, key, f.column, f.old, comparison.older),
                    new=self.value(file, key, f.column, f.new, comparison.newer),
                ),
                *self.reason(comparison, ChangeItem(file, key, f.column)),
            )
            for f in change.fields
        ]

    def value(self, file: str, key: str, column: str, value: object, side: Snapshot) -> list[Inline]:
        """Return an old or new value as the page shows it: in a translated edition, in its language wherever the editors
        wrote it (the data's catalogues, the package's names for fixed values, the themes' and speakers' names), the report's
        words as quotations, ids as code, and an English text without a translation marked English and said to be so."""
        if column in BIB_KEYS and value not in (None, "", []) and not file.endswith(".po"):
            return self.works(value)
        if language() == DEFAULT or file.endswith(".po") or value in (None, "", []) or isinstance(value, bool):
            return [value_shown(file, column, value)]
        if column == "label_de":
            return [value_shown(file, column, value)]
        if (file, column) in QUOTED:
            return [self.quotation(file, key, column, str(value))]
        items = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        if column in THEME_LISTS or column in CONTRIBUTION_LISTS or column == "perspective":
            return self.names_of(column, items)
        choices = [choice_label(column, item, self.ds.event.region) for item in items]
        if all(choices):
            return fill(pgettext("a name in quotation marks", "“{name}”"), name="; ".join(str(c) for c in choices))
        if column in NAMES:
            return fill(pgettext("a name in quotation marks", "“{name}”"), name=marked("; ".join(items), DEFAULT))
        if column not in TRANSLATED.get(file, ()):
            return joined([nodes.literal(item, item) for item in items], "; ")  # ids, codes: the data's own
        german = self.translation_of(file, key, column, str(value), side)
        german = german or (term_for(self.terms, str(value)) if column == "label" else None)  # an old label's rendering
        if german and column != "label" and side.edition is not None and not published_in(side, language()):
            # the edition appeared in English only: the words are this edition's translation of what it published (a
            # label is a name, which the page gives as the terminology names it)
            note = _("(published in English only in edition {number}; translated here)").format(number=side.edition)
            return [in_marks(german), " ", nodes.inline(note, note, classes=["briefing-meta"])]
        if german:
            return [in_marks(german)]
        note = _("(not translated yet)") if side.edition is None else _("(published in English only)")
        opening, closing = marks()  # the page's marks around English words
        return [opening, lang(nested(str(value)), DEFAULT), closing, " ", nodes.inline(note, note, classes=["briefing-meta"])]

    def works(self, value: object) -> list[Inline]:
        """Return works of the bibliography named by key as their short citations ("[Land Nordrhein-Westfalen, 2021]");
        a key the bibliography no longer has stays as it is, as code."""
        keys = [str(v) for v in value] if isinstance(value, list) else [k.strip() for k in str(value).split(";")]
        known = [k for k in keys if k in self.ds.references]
        gone = [nodes.literal(k, k) for k in keys if k and k not in self.ds.references]
        return joined([*([nodes.inline("", "", *self.page.cite(*known))] if known else []), *gone], "; ")

    def translation_of(self, file: str, key: str, column: str, english: str, side: Snapshot | None) -> str | None:
        """Return the page's language's wording of an English text of the data, as the editors wrote it, or None.

        First the translation the edition that published the text kept with its data, then the build's own checked
        translation of the same row and column if it is of exactly these words. Nothing is translated here.
        """
        context = f"{file}|{key}|{column}"
        kept = kept_translation(side, language(), context) if side is not None and side.edition is not None else None
        if kept:
            return kept
        return wording(self.wordings, context, english)

    def quotation(self, file: str, key: str, column: str, words: str) -> nodes.Node:
        """Return the report's words as a quotation, with the editors' rendering where it is of exactly these words."""
        return quote(words, wording(self.wordings, f"{file}|{key}|{column}", words))

    def names_of(self, column: str, ids: list[str]) -> list[Inline]:
        """Return themes, contributions or a perspective named by id as the page names them (each speaker once)."""
        ds = self.ds
        if column in CONTRIBUTION_LISTS:
            names = [ds.contribution[i].display_name if i in ds.contribution else i for i in ids]
            return ["; ".join(dict.fromkeys(names))]
        if column == "perspective":
            found = [ds.perspective[i].label if i in ds.perspective else i for i in ids]
            return fill(pgettext("a name in quotation marks", "“{name}”"), name="; ".join(found))
        labels = [self.theme_name(i) for i in ids]
        return fill(pgettext("a name in quotation marks", "“{name}”"), name=joined(labels, "; "))

    def theme_name(self, theme_id: str) -> Inline:
        """Return a theme's name by id: its label in this build, else its last label in a kept edition, in the page's
        language where the terminology has it (else marked English)."""
        if theme_id in self.ds.theme:
            return self.ds.theme[theme_id].label
        for snapshot in self.snapshots:
            row = next((r for r in snapshot.tables["themes.csv"].rows if r.get("id") == theme_id), None)
            if row is not None:
                return self.text("themes.csv", row, "label", row["label"])
        return nodes.literal(theme_id, theme_id)

    @cached_property
    def snapshots(self) -> list[Snapshot]:
        """Return the states of the data the page compares, newest first."""
        h = self.history
        found = [*([h.unreleased.newer, h.unreleased.older] if h.unreleased else [])]
        for comparison in h.comparisons:
            found += [comparison.newer, comparison.older]
        return [s for s in found if "themes.csv" in s.tables]

    @cached_property
    def wordings(self) -> dict[str, tuple[str, str]]:
        """Return the data's catalogue of the page's language: each text's English and checked translation, by context."""
        return {} if language() == DEFAULT else checked_wordings(self.ds.data_dir, language())

    @cached_property
    def terms(self) -> dict[str, str]:
        """Return the terminology list of the page's language (English term → term), empty in English."""
        return {} if language() == DEFAULT else terminology(self.ds.data_dir, language())

    def added_detail(self, file: str, row: dict[str, Any]) -> list[Inline]:
        """Return what a reader needs to know about an added row."""
        if file == "contribution_themes.csv":
            return fill(_(", with the evidence {quotation}."), quotation=self.evidence_of(row))
        if file == "contributions.csv" and row["id"] not in self.ds.contribution:
            return [_(". It was removed again later (its address ended #{anchor}).").format(anchor=row["id"])]
        if file.endswith(".po"):
            return fill(
                _(", translated as {translation}."), translation=translated_value(str(row[CATALOGUE_TEXT]), Path(file).stem)
            )
        return ["."]

    def evidence_of(self, row: dict[str, Any]) -> nodes.Node:
        """Return a theme link's quotation as an edition had it, with the editors' rendering if that is of the same words."""
        cid, tid, evidence = str(row["contribution_id"]), str(row["theme_id"]), str(row["evidence"])
        same = original_text(self.env, f"contribution_themes.csv|{cid};{tid}|evidence") == evidence
        return quote(evidence, quotation_rendering(self.env, cid, tid) if same else None)

    def removed_detail(self, file: str, row: dict[str, Any]) -> list[Inline]:
        """Return what a reader needs to know about a removed row, above all whether its address still leads anywhere."""
        if file == "contribution_themes.csv":
            return fill(_(" (the evidence was {quotation})."), quotation=self.evidence_of(row))
        anchor = self.anchor(file, row)
        if anchor and not anchor[1]:
            heir = self.heir(file, str(row["id"]))
            if heir is not None:  # a theme that lists the removed one among its former ids keeps its address
                return fill(
                    _(". Its address (ending #{anchor}) now leads to {theme}."),
                    anchor=anchor[0],
                    theme=fill(pgettext("a name in quotation marks", "“{name}”"), name=self.theme_name(heir)),
                )
            return [_(". Its address (ending #{anchor}) no longer leads to anything in this book.").format(anchor=anchor[0])]
        return ["."]

    def heir(self, file: str, row_id: str) -> str | None:
        """Return the current theme whose former ids include a removed theme's id (its address leads there), or None."""
        if file != "themes.csv":
            return None
        return next((t.id for t in self.ds.themes if row_id in t.former_ids), None)

    def moved(self, file: str, change: RowChange) -> list[Inline]:
        """Return a note when a contribution moved to another perspective, and so to another chapter."""
        if file == "contributions.csv" and any(f.column == "perspective" for f in change.fields):
            return [
                _(
                    " (it moved to another perspective's chapter: addresses of its old chapter no longer lead to it; "
                    "the link goes to its new place)"
                )
            ]
        return []

    def anchor(self, file: str, row: dict[str, Any]) -> tuple[str, bool] | None:
        """Return a row's anchor in the book and whether it exists now, for tables whose rows have one."""
        ds = self.ds
        anchors: dict[str, tuple[Callable[[str], str], Container[str]]] = {
            "contributions.csv": (lambda i: i, ds.contribution),
            "themes.csv": (theme_label, ds.theme),
            "perspectives.csv": (perspective_label, ds.perspective),
            "editorial_notes.csv": (note_label, {n.id for n in ds.editorial_notes}),
        }
        if file not in anchors:
            return None
        label, current = anchors[file]
        return label(str(row["id"])), row["id"] in current

    def text(self, file: str, row: dict[str, Any], column: str, english: object) -> Inline:
        """Return a data text of a row as the build's dataset has it (in the page's language), else the English, marked."""
        if language() != DEFAULT:
            current = self.current_rows.get(file, {}).get(row_key(file, row))
            found = getattr(current, column, None) if current is not None else None
            if isinstance(found, str) and found and found != english and not found.startswith(UNTRANSLATED):
                return found
            if file == "strategy_fields.csv" and row.get("label_de"):
                return marked(str(row["label_de"]), "de")
            german = self.translation_of(file, row_key(file, row), column, str(english), None)
            german = german or (term_for(self.terms, str(english)) if column == "label" else None)
            if german:
                return german
        return marked(str(english), DEFAULT)

    @cached_property
    def current_rows(self) -> dict[str, dict[str, object]]:
        """Return the rows of the build's dataset (localised in a translated edition) by table and key."""
        return {
            file: {row_key(file, {k: getattr(r, k) for k in key_of(file)}): r for r in rows}
            for file, rows in self.ds.rows.items()
        }

    def namer(self, file: str, comparison: Comparison) -> Callable[[dict[str, Any]], list[Inline]]:
        """Return a function that names a row of a table, linking to its current place where it has one."""

        def quoted(text: Inline) -> list[Inline]:
            """Return a text in the page's quotation marks."""
            return fill(pgettext("a name in quotation marks", "“{name}”"), name=text)

        def plain(row: dict[str, Any]) -> list[Inline]:
            """Return the row's name from its own values, in the page's language where the data have it."""
            if file == "contributions.csv":
                return [f"{row['honorific']} {row['speaker']}" if row.get("honorific") else str(row.get("speaker", row["id"]))]
            if file == "key_messages.csv":
                if "headline" in row:
                    return quoted(self.text(file, row, "headline", row["headline"] or row["id"]))
                if row.get("message"):  # edition 1 had one 'message' column, which the schema no longer reads
                    return quoted(marked(str(row["message"]), DEFAULT))
                return fill(_("the key message {id}"), id=nodes.literal(str(row["id"]), str(row["id"])))
            if file == "questions.csv":
                return quoted(self.text(file, row, "question", row.get("question", row["id"])))
            if file == "context.csv":
                return fill(_("the statement {topic}"), topic=quoted(self.text(file, row, "topic", row.get("topic", row["id"]))))
            if file == "editorial_notes.csv":
                return fill(_("the note on “{quotation}”"), quotation=marked(str(row.get("source_says", row["id"])), DEFAULT))
            if file == "glossary.csv":
                return [marked(str(row["term"]), str(row.get("lang") or DEFAULT))]
            if file.endswith(".po"):
                return self.translated_text(str(row[CATALOGUE_KEY]), comparison)
            if "label" in row:
                return [self.text(file, row, "label", row["label"])]
            return [str(row["id"]) if "id" in row else row_key(file, row)]

        def name(row: dict[str, Any]) -> list[Inline]:
            """Return the row's name, linked where its anchor exists in this book."""
            if file == "contribution_themes.csv":
                return [
                    *self.named("contributions.csv", row["contribution_id"], comparison),
                    " – ",
                    *self.named("themes.csv", row["theme_id"], comparison),
                ]
            if file == "slides.csv":  # one row per contribution, keyed by it
                speaker = self.named("contributions.csv", row["contribution_id"], comparison)
                return fill(_("the slides of {speaker}"), speaker=speaker)
            anchor = self.anchor(file, row)
            words = plain(row)
            return self.link_to(anchor[0], words) if anchor and anchor[1] else words

        return name

    def link_to(self, label: str, words: list[Inline]) -> list[Inline]:
        """Return a name linked to a label; a part marked with its language keeps its mark (the link's text is plain)."""
        has_mark = lambda w: isinstance(w, nodes.Element) and any(c.startswith("language-") for c in w["classes"])
        if not any(has_mark(w) for w in words):
            return [self.page.link(label, "".join(w if isinstance(w, str) else w.astext() for w in words))]
        return [  # the marked parts carry the link
            nodes.inline("", "", self.page.link(label, w.astext()), classes=w["classes"])
            if isinstance(w, nodes.Element) and has_mark(w)
            else w
            for w in words
        ]

    def translated_text(self, context: str, comparison: Comparison) -> list[Inline]:
        """Name the data text a translation belongs to, from its context 'file|row|field': its row and its column."""
        if context.count("|") != 2:
            return [context]
        file, key, column = context.split("|")
        row = self.row_of(file, key, comparison)
        what = self.namer(file, comparison)(row) if row is not None else [file if key == EVERY_ROW else key]
        return [*what, " (", column_label(file, column), ")"]

    def row_of(self, file: str, key: str, comparison: Comparison) -> dict[str, Any] | None:
        """Return a row of a table by its key (as changes.csv writes it), from the newer data or else the older."""
        for snapshot in (comparison.newer, comparison.older):
            table = snapshot.tables.get(file)
            found = next((r for r in table.rows if row_key(file, r) == key), None) if table else None
            if found is not None:
                return found
        return None

    def named(self, file: str, row_id: object, comparison: Comparison) -> list[Inline]:
        """Name a contribution or theme by id, from the newer data or else the older."""
        for snapshot in (comparison.newer, comparison.older):
            row = next((r for r in snapshot.tables[file].rows if r.get("id") == row_id), None)
            if row is not None:
                return self.namer(file, comparison)(row)
        return [str(row_id)]


def setup_revisions(app: Sphinx) -> None:
    """Register this feature's directives."""
    app.add_directive("briefing-revisions", Revisions)
