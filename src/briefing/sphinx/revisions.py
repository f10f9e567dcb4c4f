"""The revisions page's directive, ``briefing-revisions``: what changed between editions, as sections with escaped text."""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx

from briefing.anchors import redirects
from briefing.i18n import _, format_date
from briefing.revisions import (
    EVERY_ROW,
    WHOLE_ROW,
    ChangeItem,
    Comparison,
    RowChange,
    TableDiff,
    history,
    key_text,
    reason_for,
    released_in,
    row_key,
)
from briefing.snapshots import Snapshot
from briefing.sphinx.base import BriefingDirective, note_label, perspective_label, theme_label
from briefing.sphinx.data import original_text, quotation_rendering
from briefing.sphinx.docnodes import Inline, bullets, fill, para, quote, section, strong

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
}


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
    }


def shown(value: object) -> str:
    """Return a compared value as a reader reads it."""
    if value is None or value == "" or value == []:
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def released(snapshot: Snapshot) -> str:
    """Return an edition's number and release date as a heading gives them."""
    if snapshot.release_date:
        return _("Edition {number} (released {date})").format(number=snapshot.edition, date=format_date(snapshot.release_date))
    return _("Edition {number} (release date not recorded)").format(number=snapshot.edition)


class Revisions(BriefingDirective):
    """``briefing-revisions``: per edition, what changed compared with the edition before; unreleased edits first."""

    def run(self) -> list[nodes.Node]:
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
        """Return the recorded reason for one change, as a sentence after it (nothing if none is recorded)."""
        found = reason_for(self.ds.changes, released_in(self.history, comparison), item)
        return [" ", strong(_("Why: ")), found.reason] if found else []

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
        new_columns = {f"has no column '{c}'" for t in comparison.tables for c in t.added_columns}
        notes = [n for n in comparison.notes if not any(n.endswith(c) for c in new_columns)]  # listed as changes, with reasons
        if notes:
            sec += para(strong(_("Not compared: ")), "; ".join(notes), ".", classes=["briefing-meta"])
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
                para(strong(label), c.replace("_", " "), end, *self.reason(comparison, ChangeItem(diff.file, EVERY_ROW, c)))
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
        return [
            para(
                *fill(
                    _("{column}: was {old}, now {new}."),
                    column=f.column.replace("_", " "),
                    old=quote(shown(f.old)),
                    new=quote(shown(f.new)),
                ),
                *self.reason(comparison, ChangeItem(file, key_text(change.key), f.column)),
            )
            for f in change.fields
        ]

    def added_detail(self, file: str, row: dict) -> list[Inline]:
        """Return what a reader needs to know about an added row."""
        if file == "contribution_themes.csv":
            return fill(_(", with the evidence {quotation}."), quotation=self.evidence_of(row))
        if file == "contributions.csv" and row["id"] not in self.ds.contribution:
            return [_(". It was removed again later (its address ended #{anchor}).").format(anchor=row["id"])]
        return ["."]

    def evidence_of(self, row: dict) -> nodes.Node:
        """Return a theme link's quotation as an edition had it, with the editors' rendering if that is of the same words."""
        cid, tid, evidence = str(row["contribution_id"]), str(row["theme_id"]), str(row["evidence"])
        same = original_text(self.env, f"contribution_themes.csv|{cid};{tid}|evidence") == evidence
        return quote(evidence, quotation_rendering(self.env, cid, tid) if same else None)

    def removed_detail(self, file: str, row: dict) -> list[Inline]:
        """Return what a reader needs to know about a removed row, above all whether its address still leads anywhere."""
        if file == "contribution_themes.csv":
            return fill(_(" (the evidence was {quotation})."), quotation=self.evidence_of(row))
        anchor = self.anchor(file, row)
        if anchor and not anchor[1]:
            return [_(". Its address (ending #{anchor}) no longer leads to anything in this book.").format(anchor=anchor[0])]
        return ["."]

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

    def anchor(self, file: str, row: dict) -> tuple[str, bool] | None:
        """Return a row's anchor in the book and whether it exists now, for tables whose rows have one."""
        ds = self.ds
        anchors: dict[str, tuple[Callable[[str], str], object]] = {
            "contributions.csv": (lambda i: i, ds.contribution),
            "themes.csv": (theme_label, ds.theme),
            "perspectives.csv": (perspective_label, ds.perspective),
            "editorial_notes.csv": (note_label, {n.id for n in ds.editorial_notes}),
        }
        if file not in anchors:
            return None
        label, current = anchors[file]
        return label(str(row["id"])), row["id"] in current

    def namer(self, file: str, comparison: Comparison) -> Callable[[dict], list[Inline]]:
        """Return a function that names a row of a table, linking to its current place where it has one."""

        def plain(row: dict) -> str:
            """Return the row's name as text, from its own values."""
            if file == "contributions.csv":
                return f"{row['honorific']} {row['speaker']}" if row.get("honorific") else str(row.get("speaker", row["id"]))
            if file == "key_messages.csv":
                return f"“{row.get('headline') or row.get('message') or row['id']}”"  # edition 1 had one 'message' column
            if file == "questions.csv":
                return f"“{row.get('question', row['id'])}”"
            if file == "context.csv":
                return _("the statement “{topic}”").format(topic=row.get("topic", row["id"]))
            if file == "editorial_notes.csv":
                return _("the note on “{quotation}”").format(quotation=row.get("source_says", row["id"]))
            if file == "glossary.csv":
                return str(row["term"])
            return str(row.get("label", row["id"]))

        def name(row: dict) -> list[Inline]:
            """Return the row's name, linked where its anchor exists in this book."""
            if file == "contribution_themes.csv":
                return [
                    *self.named("contributions.csv", row["contribution_id"], comparison),
                    " – ",
                    *self.named("themes.csv", row["theme_id"], comparison),
                ]
            anchor = self.anchor(file, row)
            return [self.link(anchor[0], plain(row)) if anchor and anchor[1] else plain(row)]

        return name

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
