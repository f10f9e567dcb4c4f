"""The German catalogue of the data's texts: in step with the data, and missing or stale translations named where they are."""

from __future__ import annotations

from babel.messages.pofile import read_po, write_po

from briefing import load_dataset
from briefing.core.translations import catalogue_path, check_translations, read_catalogue, template, texts, update_catalogue
from helpers import edit_cell, give_reason


def _fill(folder, text: str = "Übersetzt") -> None:
    """Give every entry of a data copy's German catalogue a translation (a stand-in for the editors' work)."""
    path = catalogue_path(folder, "de")
    with path.open("rb") as file:
        catalogue = read_po(file, locale="de")
    for message in catalogue:
        if message.id:
            message.string = message.string or text
            message.flags.discard("fuzzy")
    with path.open("wb") as file:
        write_po(file, catalogue, width=100)


def test_the_catalogue_is_in_step_with_the_shipped_data(dataset):
    """Every translatable text of the shipped data has its entry, with today's English, in data/translations/de.po."""
    catalogue = read_catalogue(dataset.data_dir, "de")
    assert catalogue is not None
    entries = {(m.context, m.id) for m in catalogue if m.id}
    assert {(t.context, t.english) for t in texts(dataset)} <= entries
    assert len(entries) == len(template(dataset, "de"))  # and nothing else (Babel does not count the header)


def test_quotations_and_prose_are_translated_but_names_are_not(dataset):
    """Summaries, theme labels and the report's quotations are texts to translate; speakers' names and ids are not."""
    fields = {(t.file, t.field) for t in texts(dataset)}
    assert {("contributions.csv", "summary"), ("themes.csv", "label"), ("contribution_themes.csv", "evidence")} <= fields
    assert not {("contributions.csv", "speaker"), ("contributions.csv", "id"), ("themes.csv", "id")} & fields


def test_a_changed_english_text_makes_its_translation_stale(data_copy):
    """After the English summary changes, check names file, row and field; update keeps the old German, marked fuzzy."""
    _fill(data_copy)
    assert check_translations(load_dataset(data_copy), "de") == []
    first = load_dataset(data_copy).contributions[2]  # one whose summary has no reason for this edition yet
    german = read_catalogue(data_copy, "de").get(first.summary, context=f"contributions.csv|{first.id}|summary").string
    edit_cell(data_copy, "contributions.csv", {"id": first.id}, "summary", "According to the report, a new summary.")
    give_reason(data_copy, "contributions.csv", first.id, "summary")
    ds = load_dataset(data_copy)
    problems = check_translations(ds, "de")  # the summary, and the reason given for its change (new, so untranslated)
    assert [(p.file, p.column) for p in problems] == [("contributions.csv", "summary"), ("changes.csv", "reason")]
    assert problems[0].row == ds.row_number("contributions.csv", ds.contributions[2]) and "stale" in problems[0].message
    assert update_catalogue(ds, "de") == (1, 1, 0)
    message = read_catalogue(data_copy, "de").get(
        "According to the report, a new summary.", context=f"contributions.csv|{first.id}|summary"
    )
    assert message.fuzzy and message.string == german
    assert "#| msgid" in catalogue_path(data_copy, "de").read_text(encoding="utf-8")  # the old English, for the editor
    assert [p.column for p in check_translations(load_dataset(data_copy), "de")] == ["summary", "reason"]  # still to check


def test_a_missing_translation_is_named(data_copy):
    """An entry without a German text is reported as missing, with its file, row key and field."""
    _fill(data_copy)
    path = catalogue_path(data_copy, "de")
    with path.open("rb") as file:
        catalogue = read_po(file, locale="de")
    theme = load_dataset(data_copy).themes[0]
    catalogue.get(theme.label, context=f"themes.csv|{theme.id}|label").string = ""
    with path.open("wb") as file:
        write_po(file, catalogue, width=100)
    problems = check_translations(load_dataset(data_copy), "de")
    assert [(p.file, p.column) for p in problems] == [("themes.csv", "label")]
    assert f"(row {theme.id})" in problems[0].message and "no de translation" in problems[0].message


def test_updating_an_in_step_catalogue_changes_nothing(data_copy):
    """`briefing translations update` leaves a catalogue that is in step byte for byte as it was (no new date, no diff)."""
    path = catalogue_path(data_copy, "de")
    before = path.read_bytes()
    assert update_catalogue(load_dataset(data_copy), "de") == (0, 0, 0)
    assert path.read_bytes() == before


def test_every_text_of_the_shipped_data_has_a_checked_german_translation(dataset):
    """The shipped data's German catalogue is complete: no text is missing or stale (fuzzy)."""
    assert check_translations(dataset, "de") == []


def test_the_localised_dataset_speaks_german_but_keeps_ids_and_quotations(dataset):
    """In the German dataset summaries, labels and titles are German; ids, order, counts and the report's words are not."""
    from briefing.core.translations import checked_translations, localised, rendering

    german, found = localised(dataset, "de"), checked_translations(dataset, "de")
    assert [c.id for c in german.contributions] == [c.id for c in dataset.contributions]
    for c in german.contributions:
        assert c.summary == found[f"contributions.csv|{c.id}|summary"] != dataset.contribution[c.id].summary
        assert german.row_number("contributions.csv", c) == dataset.row_number("contributions.csv", dataset.contribution[c.id])
    assert german.theme["lead-markets"].label == found["themes.csv|lead-markets|label"]
    assert (
        german.publication.title == found["publication.yml|*|title"] and german.publication.edition == dataset.publication.edition
    )
    assert german.links == dataset.links  # the quotations stay verbatim ...
    link = dataset.links[0]
    assert rendering(found, link.contribution_id, link.theme_id) not in (None, link.evidence)  # ... and have a rendering


def test_a_stale_translation_falls_back_to_the_english(data_copy):
    """Where the English changed since the German was written, the localised dataset shows the English text."""
    from briefing.core.translations import localised

    first = load_dataset(data_copy).contributions[0]
    edit_cell(data_copy, "contributions.csv", {"id": first.id}, "topic", "A topic written after the translation")
    give_reason(data_copy, "contributions.csv", first.id, "topic")
    german = localised(load_dataset(data_copy), "de")
    assert german.contribution[first.id].topic == "A topic written after the translation"
    assert german.contribution[first.id].summary != first.summary  # the rest stays German


def test_a_changed_text_keeps_its_translator_notes_and_no_stray_comments(data_copy):
    """After an English change the entry keeps the translator's notes, and reading it back adds no '#|' lines as notes."""
    first = load_dataset(data_copy).contributions[0]
    context = f"contributions.csv|{first.id}|summary"
    catalogue = read_catalogue(data_copy, "de")
    next(m for m in catalogue if m.context == context).user_comments = ["Checked against the report."]
    with catalogue_path(data_copy, "de").open("wb") as file:
        write_po(file, catalogue, width=100)
    edit_cell(data_copy, "contributions.csv", {"id": first.id}, "summary", "According to the report, a new summary.")
    give_reason(data_copy, "contributions.csv", first.id, "summary")
    update_catalogue(load_dataset(data_copy), "de")
    message = next(m for m in read_catalogue(data_copy, "de") if m.context == context)
    assert message.fuzzy and message.user_comments == ["Checked against the report."]
