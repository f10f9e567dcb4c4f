"""The revisions page and the bibliography in the German edition: German names, labels and notes, English data marked."""

from __future__ import annotations

from types import SimpleNamespace

import pybtex_docutils
import pytest
from docutils import nodes
from docutils.utils import new_document
from pybtex.database import parse_file

from briefing import load_dataset
from briefing.core.revisions import ChangeItem, Comparison, LocatedNote, diff_table, history, key_text, reason_for, released_in
from briefing.core.snapshots import CATALOGUE_KEY, CATALOGUE_TEXT, NO_COLUMN, NOT_KEPT, Note, Snapshot, Table, catalogue_file
from briefing.core.translations import localised
from briefing.i18n.messages import in_language
from briefing.sections.page import Page
from briefing.sphinx.reader import KeepCaseStyle, work_language
from briefing.sphinx.revision_history import Revisions, column_label, headings, note_sentence, value_shown
from helpers import DATA

CATALOGUE = catalogue_file("de")


class Offline(Revisions):
    """The revisions directive outside a Sphinx build: the build's dataset and page, nothing else."""

    def __init__(self, ds) -> None:
        """Keep the dataset where the directive looks for it."""
        self._env = SimpleNamespace(briefing_data=SimpleNamespace(dataset=ds), docname="chapters/revisions")

    @property
    def env(self):  # type: ignore[override]
        """Return the stand-in build environment."""
        return self._env

    @property
    def page(self):  # type: ignore[override]
        """Return the page outside Sphinx: its links as the book writes them, its citations stand-ins."""
        return OfflinePage(self.ds, new_document("<revisions>"), "chapters/revisions")


class OfflinePage(Page):
    """The revisions page outside a Sphinx build: links as the book writes them; citations, which Sphinx would resolve,
    as the keys marked as cited."""

    def cite(self, *keys: str) -> list[nodes.Node]:
        """Return a stand-in for the citation Sphinx would resolve: the keys, marked as cited."""
        return [nodes.inline("", f"[cited: {', '.join(keys)}]", classes=["cited"])]

    def page_url(self, target: str) -> str | None:
        """Return no address (none is known outside a build)."""
        return None

    @property
    def translated(self) -> dict[str, str]:
        """Return no translations of the data's texts (the directive reads its own)."""
        return {}

    def original(self, context: str) -> str | None:
        """Return no English original (the directive reads its own)."""
        return None


def text(parts) -> str:
    """Return the text of nodes and strings as a reader reads it."""
    return "".join(p if isinstance(p, str) else p.astext() for p in parts)


def marked_english(parts) -> list[str]:
    """Return the texts among nodes that are marked as English."""
    found = []
    for part in parts:
        if isinstance(part, nodes.Element):
            found += [n.astext() for n in part.findall(nodes.Element) if "language-en" in n["classes"]]
    return found


def test_columns_are_named_in_german(german):
    """A changed column is named by its German label; a translation's text is the German translation."""
    assert column_label("contributions.csv", "based_in") == "Tätigkeitsort"
    assert column_label("contributions.csv", "perspective_rationale") == "Begründung der Zuordnung"
    assert column_label("key_messages.csv", "headline") == "Überschrift"
    assert column_label(CATALOGUE, CATALOGUE_TEXT) == "Deutsche Übersetzung"
    assert headings()[CATALOGUE] == "Deutsche Übersetzungen"


def test_columns_keep_their_english_names_in_english():
    """The English page names columns as before: the column with spaces for underscores."""
    assert column_label("contributions.csv", "perspective_rationale") == "perspective rationale"
    assert headings()[CATALOGUE] == "German translations"


def test_not_compared_notes_are_sentences_in_the_page_language(german):
    """A note on what could not be compared is a German sentence; the command line keeps the English note."""
    kept = LocatedNote(Note(NOT_KEPT, CATALOGUE), 2)
    column = LocatedNote(Note(NO_COLUMN, "contributions.csv", "keywords"), 1)
    assert note_sentence(kept) == "Die Daten von Ausgabe 2 enthalten die deutschen Übersetzungen nicht."
    assert note_sentence(column) == "In Ausgabe 1 fehlt in contributions.csv die Spalte „keywords“."
    assert str(kept) == "in edition 2, translations/de.po was not kept"


def test_values_stay_english_and_are_marked(german):
    """An old or new English data text is shown verbatim and marked English; yes, no and empty are the page's words."""
    shown = value_shown("themes.csv", "definition", "Clusters and cluster policy")
    assert isinstance(shown, nodes.Element) and marked_english([shown]) == ["Clusters and cluster policy"]
    assert shown.astext() == "„Clusters and cluster policy“"  # the page's marks around the English words
    assert value_shown("contribution_themes.csv", "about_ruhr", True) == "ja"
    assert value_shown("glossary.csv", "reference", []) == "(leer)"
    translation = value_shown(CATALOGUE, CATALOGUE_TEXT, "Cluster")
    assert text([translation]) == "„Cluster“" and not marked_english([translation])


@pytest.fixture
def german_page(german):
    """The revisions directive of a German build of the shipped data, with their history."""
    page = Offline(load_dataset(DATA))
    page.history = history(DATA)
    return page


def test_changed_rows_are_named_by_their_german_text(german_page):
    """A changed theme is named by its German label, a key message by its German headline; a removed theme, which the
    data no longer translate, by its former label's German from the terminology list, unmarked."""
    ds = german_page.ds
    first = german_page.history.comparisons[-1]  # edition 2 compared with edition 1
    themes = first.table("themes.csv")
    name = german_page.namer("themes.csv", first)
    changed = themes.changed[0]
    assert text(name(changed.new)) == ds.theme[changed.key[0]].label != changed.new["label"]
    assert not marked_english(name(changed.new))
    removed = themes.removed[0]
    assert (removed["label"], text(name(removed))) == ("Entrepreneurial discovery", "Unternehmerische Entdeckung")
    assert not marked_english(name(removed))
    messages = first.table("key_messages.csv")
    message = next(c for c in messages.changed if "headline" in c.new)
    headline = next(m.headline for m in ds.key_messages if m.id == message.key[0])
    assert text(german_page.namer("key_messages.csv", first)(message.new)) == f"„{headline}“"


def test_the_reason_comes_from_the_build_dataset(german_page):
    """The reason beside a change is the build dataset's (localised) reason for it."""
    first = german_page.history.comparisons[-1]
    diff = first.table("themes.csv")
    change = diff.changed[0]
    items = german_page.field_changes("themes.csv", change, first)
    item = ChangeItem("themes.csv", key_text(change.key), change.fields[0].column)
    found = reason_for(german_page.ds.changes, released_in(german_page.history, first), item)
    assert found is not None
    assert found.reason in items[0].astext() and items[0].astext().startswith(column_label("themes.csv", change.fields[0].column))


def catalogue(rows: dict[str, str]) -> Table:
    """Return a German catalogue as the comparison reads it: each text's context and its translation."""
    return Table(
        CATALOGUE, (CATALOGUE_KEY, CATALOGUE_TEXT), tuple({CATALOGUE_KEY: k, CATALOGUE_TEXT: v} for k, v in rows.items())
    )


def translation_entry(page, context: str, texts: tuple[str, str], tables: dict[str, Table], older: int) -> str:
    """Return the revisions page's entry for one German translation changed from texts[0] to texts[1] since an edition."""
    diff = diff_table(catalogue({context: texts[0]}), catalogue({context: texts[1]}), older, None)
    comparison = Comparison(Snapshot(older, None, tables), Snapshot(None, None, tables), (diff,))
    return " ".join(node.astext() for node in page.entries(diff, comparison)[0])


def test_a_changed_translation_is_listed_by_its_text(german_page):
    """A German translation changed between editions is named by its row (German) and column, old and new German shown."""
    ds = german_page.ds
    message = ds.key_messages[0]
    context = f"key_messages.csv|{message.id}|headline"
    tables = {"key_messages.csv": Table("key_messages.csv", ("id", "headline"), ({"id": message.id, "headline": "English"},))}
    said = translation_entry(german_page, context, ("Alte Überschrift.", "Neue Überschrift."), tables, 2)
    assert said.startswith(f"Geändert: „{message.headline}“ (Überschrift)")
    assert "Deutsche Übersetzung: vorher „Alte Überschrift.“, jetzt „Neue Überschrift.“" in said and "“." not in said


def test_a_changed_translation_of_the_slides_is_named_by_the_speaker(german_page):
    """A German translation of a slides.csv text (a table keyed by its contribution, with no 'id') is named by its speaker."""
    ds = german_page.ds
    c = ds.contributions[0]
    context = f"slides.csv|{c.id}|summary"
    slides = {"slides.csv": Table("slides.csv", ("contribution_id", "summary"), ({"contribution_id": c.id, "summary": "Old."},))}
    people = {"contributions.csv": Table("contributions.csv", ("id", "speaker"), ({"id": c.id, "speaker": c.speaker},))}
    said = translation_entry(german_page, context, ("Alte Zusammenfassung.", "Neue Zusammenfassung."), slides | people, 3)
    assert said.startswith(f"Geändert: die Folien von {c.speaker} (")


def formatted(style: KeepCaseStyle, key: str) -> nodes.paragraph:
    """Return one entry of the shipped bibliography as the references page renders it."""
    bib = parse_file(str(DATA / "references.bib"))
    entry = next(e for e in style.format_entries([bib.entries[key]]))
    return pybtex_docutils.Backend().paragraph(entry)


def test_english_works_are_marked_english_in_the_german_bibliography(german):
    """In German, an English work's title and the editors' English notes are marked English, the style's words are
    German; a German work's title is not marked."""
    english = formatted(KeepCaseStyle(), "hassink2021ruhr")
    assert "Robert Hassink und Matthias Kiese" in english.astext()
    assert any(t.startswith("Solving the restructuring problems") for t in marked_english([english]))
    assert {"Robert Hassink", "Matthias Kiese"} <= set(marked_english([english]))  # "und" between them is not
    german_work = formatted(KeepCaseStyle(), "bmr-s3-strategy")
    marked = marked_english([german_work])  # the English description and the editors' English note, read on its own
    assert len(marked) == 2 and marked[0] == "Project page of Business Metropole Ruhr GmbH"
    assert marked[1].startswith("The strategy, developed") and "the new ERDF funding period (in German)" in marked[1]
    visited = formatted(KeepCaseStyle(), "tci-origins").astext()
    assert "(abgerufen am 27. November 2026)" in visited


def test_the_english_bibliography_is_unmarked():
    """In English the style writes its own words as pybtex's plain style does and marks nothing."""
    entry = formatted(KeepCaseStyle(), "tci-origins")
    assert "(visited on 2026-11-27)" in entry.astext() and not marked_english([entry])
    assert "Robert Hassink and Matthias Kiese" in formatted(KeepCaseStyle(), "hassink2021ruhr").astext()


def test_a_works_language_is_told_by_langid_note_or_title():
    """A work's language comes from its langid, else its note's "(in German)", else its title's words, else English."""
    bib = parse_file(str(DATA / "references.bib"))
    assert work_language(bib.entries["idr2020population"]) == "de"  # "Einwohnerzahl in der Metropole Ruhr bleibt stabil"
    assert work_language(bib.entries["toscana-s3-condition"]) == "it"
    assert work_language(bib.entries["porter1998clusters"]) == "en"
    entry = bib.entries["efre-nrw-leitmarktwettbewerbe"]
    entry.fields["langid"] = "german"
    assert work_language(entry) == "de"


def shown_values(page, comparison) -> list[tuple[str, str, nodes.paragraph]]:
    """Return each changed column of a comparison as the German page lists it: table, column and its paragraph."""
    found = []
    for diff in comparison.tables:
        for change in diff.changed:
            for f, item in zip(change.fields, page.field_changes(diff.file, change, comparison), strict=True):
                found.append((diff.file, f.column, item))
    return found


def test_fixed_values_ids_and_old_labels_are_german(german_page):
    """A theme's category and a note's basis are named in German, themes and speakers listed by id by their German
    names, reference keys set as code, and an old theme label is the terminology's German, never the English."""
    said = {}
    for comparison in german_page.history.comparisons:
        for file, column, item in shown_values(german_page, comparison):
            said.setdefault((file, column), []).append(item)
    basis = [p.astext() for p in said[("editorial_notes.csv", "basis")]]
    assert basis and all(t.startswith("Grundlage: vorher „Vermutung der Redaktion“, jetzt „zitierte Quelle“.") for t in basis)
    labels = " ".join(p.astext() for p in said[("themes.csv", "label")])
    assert "vorher „Auf regionalen Stärken aufbauen“, jetzt „Konzentration auf Stärken“" in labels
    assert "Building on" not in labels and not marked_english(said[("themes.csv", "label")])
    themes = " ".join(p.astext() for p in said[("key_messages.csv", "themes")])
    assert "Sektorale und regionale Schwerpunktsetzung" in themes and "prioritisation" not in themes
    speakers = " ".join(p.astext() for p in said[("key_messages.csv", "contributions")])
    assert "Prof. Dr. Matthias Kiese; Jürgen Köder" in speakers and "koeder" not in speakers
    references = " ".join(p.astext() for p in said[("editorial_notes.csv", "reference")])
    assert "[cited: auas-van-winden" in references  # finding 64: a work is cited, its key never shown as it is


def test_an_old_text_without_german_is_english_marked_and_said_to_be(german_page):
    """A text only an English edition published stays English, marked, with the note that it appeared only in English;
    the current text beside it is the editors' checked German, unmarked."""
    h = german_page.history  # the changes since edition 2, which kept no German: released since, or not yet
    since_2 = next(c for c in (h.unreleased, *h.comparisons) if c is not None and c.older.edition == 2)
    summaries = [p for file, column, p in shown_values(german_page, since_2) if column == "summary"]
    assert summaries
    for item in summaries:
        english = marked_english([item])
        assert len(english) == 1 and item.astext().startswith(
            f"Zusammenfassung: vorher „{english[0]}“ (nur auf Englisch erschienen), jetzt „"
        )
    category = next(p for file, column, p in shown_values(german_page, since_2) if column == "category")
    assert category.astext().startswith("Kategorie: vorher „Feld“, jetzt „Ansatz“.") and not marked_english([category])


def test_english_left_on_the_german_page_is_only_old_text_quotations_and_names(german_page):
    """Every value the German page leaves in English is an old text said to be only in English, the report's words, or
    an English name; no other English value remains."""
    loose = []
    for comparison in (c for c in (german_page.history.unreleased, *german_page.history.comparisons) if c is not None):
        for file, column, item in shown_values(german_page, comparison):
            english = marked_english([item])
            quotation = (file, column) in {("contribution_themes.csv", "evidence"), ("editorial_notes.csv", "source_says")}
            noted = item.astext().count("(nur auf Englisch erschienen)") + item.astext().count("(noch nicht übersetzt)")
            if english and not quotation and noted < len(english):
                loose.append(f"{file} {column}: {item.astext()[:120]}")
    assert loose == []


def test_an_old_text_shows_the_german_its_edition_kept(german_page):
    """When the edition that published an old text kept a German catalogue, the page shows that edition's German of it,
    not the English."""
    context = "contributions.csv|meyer|summary"
    old = {"id": "meyer", "summary": "An old English summary."}
    new = {"id": "meyer", "summary": "A new English summary."}
    tables = {"contributions.csv": Table("contributions.csv", ("id", "summary"), (old,))}
    kept = catalogue({context: "Eine alte deutsche Zusammenfassung."})
    older = Snapshot(2, None, {**tables, CATALOGUE: kept})
    newer = Snapshot(3, None, {"contributions.csv": Table("contributions.csv", ("id", "summary"), (new,))})
    diff = diff_table(older.tables["contributions.csv"], newer.tables["contributions.csv"], 2, 3)
    item = german_page.field_changes("contributions.csv", diff.changed[0], Comparison(older, newer, (diff,)))[0]
    assert item.astext().startswith("Zusammenfassung: vorher „Eine alte deutsche Zusammenfassung.“, jetzt „A new English")
    assert marked_english([item]) == ["A new English summary."]
    assert "(nur auf Englisch erschienen)" in item.astext()


def test_a_changed_source_is_cited_not_named_by_key(german_page):
    """Finding 64: a changed reference is shown as the works' short citations; a key the bibliography lost stays code."""
    shown = german_page.works("bmr2020report;no-such-key")
    assert text(shown) == "[cited: bmr2020report]; no-such-key"
    assert [n.astext() for part in shown if isinstance(part, nodes.Element) for n in part.findall(nodes.literal)] == [
        "no-such-key"
    ]


def test_a_reason_names_themes_and_categories_not_ids_or_columns(german_page):
    """Findings 63 and 66: a recorded reason names a theme by its German label and a category by its German name, in
    German marks; a column's name in brackets and a bracket repeating the name are left out."""
    ds = german_page.ds
    said = text(
        german_page.reason_text(
            "In „stakeholder-engagement“ aufgegangen; seine Adresse führt jetzt zu „stakeholder-engagement“ (former_ids). "
            "Jetzt Kategorie „approach“ (Ansatz); „entrepreneurial-discovery“ war ein Thema."
        )
    )
    label = ds.theme["stakeholder-engagement"].label
    assert said.startswith(f"In „{label}“ aufgegangen; seine Adresse führt jetzt zu „{label}“. Jetzt Kategorie „Ansatz“;")
    assert "entrepreneurial-discovery" not in said and "former_ids" not in said and "(Ansatz)" not in said


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_removed_themes_address_is_said_to_lead_where_it_leads(lang):
    """A removed theme whose id a current theme keeps among its former ids is said to lead there ('now leads to
    “Digital transition”'), not to lead nowhere; a removed theme no one took over leads nowhere."""
    with in_language(lang):
        page = Offline(localised(load_dataset(DATA), lang) if lang != "en" else load_dataset(DATA))
        page.history = history(DATA)
        heir = page.ds.theme["digital-transition"]
        split = text(page.removed_detail("themes.csv", {"id": "digital-technology"}))
        gone = text(page.removed_detail("themes.csv", {"id": "no-such-theme"}))
    assert "#theme-digital-technology" in split and heir.label in split
    assert ("now leads to" if lang == "en" else "führt jetzt zu") in split and "no longer" not in split and "keinem" not in split
    assert ("no longer leads to anything" if lang == "en" else "zu keinem Ziel mehr") in gone


def test_a_now_text_of_an_edition_published_in_english_only_is_said_to_be_translated(german_page):
    """German review 4, finding 25: in edition 2's section (published in English only) a "now" text in German is marked
    „(in Ausgabe 2 nur auf Englisch erschienen; hier übersetzt)“, as its "before" text is „(nur auf Englisch erschienen)“."""
    second = next(c for c in german_page.history.comparisons if c.newer.edition == 2)
    said = [item.astext() for _file, _column, item in shown_values(german_page, second)]
    assert any("(in Ausgabe 2 nur auf Englisch erschienen; hier übersetzt)" in s for s in said), said[:5]
