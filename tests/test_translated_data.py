"""The German texts of the data (translations/de.po, terminology-de.csv) in the downloads and on the revisions page."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from briefing import load_dataset
from briefing.core.release import release_todo
from briefing.core.revisions import ChangeItem, FieldChange, history, missing_reasons, reason_for
from briefing.core.snapshots import catalogue_file, read_snapshot, snapshot_dir, translation_files
from briefing.i18n.messages import in_language
from briefing.publish.downloads import EXCEL_SUFFIX, write_downloads, zip_name
from briefing.publish.opendata import DATAPACKAGE_FILE
from helpers import DATA, edit_cell, give_reason, read_rows

CATALOGUE = catalogue_file("de")
#: A text of the data and its German translation in the shipped catalogue.
CONTEXT = "contributions.csv|meyer|summary"


def set_translation(folder: Path, context: str, text: str | None = None, fuzzy: bool = False) -> str:
    """Give a text of a data folder's German catalogue a new translation (or mark it fuzzy); return the old one."""
    path = folder / CATALOGUE
    with path.open("rb") as file:
        catalogue = read_po(file, locale="de")
    message = next(m for m in catalogue if m.context == context)
    old = str(message.string)
    message.string = old if text is None else text
    if fuzzy:
        message.flags.add("fuzzy")
    with path.open("wb") as file:
        write_po(file, catalogue, width=100)
    return old


def keep_translations(data: Path, edition: int) -> None:
    """Keep the data folder's current translations in an edition's snapshot, as `briefing snapshot` now does."""
    for name in translation_files(data):
        (snapshot_dir(data, edition) / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(data / name, snapshot_dir(data, edition) / name)


@pytest.fixture
def released(data_copy: Path) -> Path:
    """A copy of the shipped data whose current edition's snapshot keeps its German texts as they are now."""
    keep_translations(data_copy, load_dataset(data_copy).publication.edition)
    return data_copy


def test_a_changed_translation_is_listed_and_needs_a_reason(released):
    """A German translation changed since the last snapshot is a change of translations/de.po, row 'file|row|field'."""
    old = set_translation(released, CONTEXT, "Laut Bericht betonte Herr Meyer Bochums Stärken.")
    h = history(released)
    assert h.unreleased is not None
    changed = h.unreleased.table(CATALOGUE).changed
    assert [(c.key, c.fields) for c in changed] == [
        ((CONTEXT,), (FieldChange("msgstr", old, "Laut Bericht betonte Herr Meyer Bochums Stärken."),))
    ]
    item = ChangeItem(CATALOGUE, CONTEXT, "msgstr")
    assert [found for _, _, found in missing_reasons(released, load_dataset(DATA).changes)] == [item]
    todo = [str(p) for p in release_todo(load_dataset(released, fresh=True))]  # a release to-do, not a load error
    assert any("translations/de.po, row 'contributions.csv|meyer|summary'" in p for p in todo)
    give_reason(released, CATALOGUE, CONTEXT, "msgstr")
    ds = load_dataset(released, fresh=True)
    assert reason_for(ds.changes, h.current_edition + 1, item) is not None


def test_a_translation_changed_with_its_english_text_shares_its_reason(released):
    """A translation that changed because its English text changed needs no reason of its own: the English change's covers it."""
    edit_cell(released, "contributions.csv", {"id": "meyer"}, "summary", "According to the report, a new summary.")
    give_reason(released, "contributions.csv", "meyer", "summary")
    set_translation(released, CONTEXT, "Laut Bericht eine neue Zusammenfassung.")
    h = history(released)
    assert h.unreleased is not None and [c.key for c in h.unreleased.table(CATALOGUE).changed] == [(CONTEXT,)]
    assert missing_reasons(released, load_dataset(released, fresh=True).changes) == []


def test_a_reasons_german_text_needs_no_reason_of_its_own(released):
    """A reason's German translation (context 'changes.csv|…|reason') is not compared, so giving it asks for no further reason."""
    edit_cell(released, "contributions.csv", {"id": "meyer"}, "summary", "According to the report, a new summary.")
    give_reason(released, "contributions.csv", "meyer", "summary")
    edition = read_rows(released / "changes.csv")[-1]["edition"]
    with (released / CATALOGUE).open("rb") as file:
        catalogue = read_po(file, locale="de")
    context = f"changes.csv|{edition};contributions.csv;meyer;summary|reason"
    catalogue.add("Changed by a test.", "Von einem Test geändert.", context=context)
    with (released / CATALOGUE).open("wb") as file:
        write_po(file, catalogue, width=100)
    assert context in (released / CATALOGUE).read_text(encoding="utf-8")
    assert missing_reasons(released, load_dataset(released, fresh=True).changes) == []


def test_a_renamed_rows_translations_share_its_reason(released):
    """A glossary term renamed is a row removed and one added; its translations, moved to the new row's context, need no
    reason beyond the row's."""
    edit_cell(released, "glossary.csv", {"term": "Cluster"}, "term", "Clusters")
    for key in ("Cluster;en", "Clusters;en"):
        give_reason(released, "glossary.csv", key, "row")
    path = released / CATALOGUE
    path.write_text(path.read_text(encoding="utf-8").replace('"glossary.csv|Cluster;en|', '"glossary.csv|Clusters;en|'))
    catalogue = history(released).unreleased.table(CATALOGUE)
    assert len(catalogue.added) == len(catalogue.removed) == 2
    assert missing_reasons(released, load_dataset(released, fresh=True).changes) == []


def test_a_fuzzy_translation_counts_as_none(released):
    """A translation marked fuzzy is not shown in the German edition, so the revisions list it as emptied."""
    old = set_translation(released, CONTEXT, fuzzy=True)
    h = history(released)
    assert h.unreleased is not None
    assert [f for c in h.unreleased.table(CATALOGUE).changed for f in c.fields] == [FieldChange("msgstr", old, "")]


def test_editions_without_translations_compare_none(data_copy):
    """Editions that kept no German texts compare no catalogue; the comparison after (released or not) says its older
    edition kept none."""
    h = history(data_copy)
    first = next(c for c in h.comparisons if c.older.edition == 1)
    assert CATALOGUE not in {t.file for t in first.tables}
    assert not read_snapshot(snapshot_dir(data_copy, 2)).tables[CATALOGUE].kept
    after = next(c for c in (h.unreleased, *h.comparisons) if c is not None and c.older.edition == 2)
    assert f"in edition 2, {CATALOGUE} was not kept" in after.notes
    assert after.table(CATALOGUE).empty


def test_every_edition_offers_the_same_data_with_the_german_texts(dataset, tmp_path):
    """The English and the German edition write byte-identical data files (only the copies for German Excel carry each
    edition's column headings), whose zip and package hold the German texts."""
    english, german = tmp_path / "en", tmp_path / "de"
    write_downloads(dataset, english)
    with in_language("de"):
        write_downloads(load_dataset(DATA), german)
    names = sorted(p.relative_to(english).as_posix() for p in english.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(german).as_posix() for p in german.rglob("*") if p.is_file())
    differ = [n for n in names if (english / n).read_bytes() != (german / n).read_bytes()]
    assert differ and all(n.endswith(EXCEL_SUFFIX) for n in differ), differ
    assert {"translations/de.po", "translations/terminology-de.csv"} <= set(names)
    with zipfile.ZipFile(english / zip_name(dataset)) as archive:
        assert {"briefing-data/translations/de.po", "briefing-data/translations/terminology-de.csv"} <= set(archive.namelist())
    resources = {r["path"]: r for r in json.loads((english / DATAPACKAGE_FILE).read_text(encoding="utf-8"))["resources"]}
    assert "German translation of every text" in resources["translations/de.po"]["description"]
    terms = resources["translations/terminology-de.csv"]["schema"]["fields"]
    assert [f["name"] for f in terms] == ["english", "german", "note", "avoid"]  # the file's own column names
    assert "`translations/de.po`" in (english / "README.md").read_text(encoding="utf-8")
