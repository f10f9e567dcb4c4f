"""The German edition's machinery: the package's sentences, release and preview builds, the editions a data folder has."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import threading

import pytest
import yaml

from briefing.build.book import ExitCode, check_editions, language_config
from briefing.cli import main
from briefing.core.load import load_dataset
from briefing.core.translations import TRANSLATIONS_FOLDER, UNTRANSLATED, editions, localised
from briefing.i18n import messages as i18n
from helpers import PROJECT_ROOT, edit_cell, give_reason


def test_every_sentence_of_the_package_has_its_german():
    """Each sentence the package writes through _() has a checked German translation in its catalogues."""
    assert i18n.sentences(), "no sentence extracted: the extraction itself is broken"
    assert i18n.untranslated("de") == []


def test_dates_and_numbers_follow_the_language(german):
    """German writes '18. Juni 2020' and '13.000'; English '18 June 2020' and '13,000'."""
    assert i18n.format_date(dt.date(2020, 6, 18)) == "18. Juni 2020"
    assert i18n.format_number(13000) == "13.000"
    assert i18n.format_date(dt.date(2020, 6, 18), "en") == "18 June 2020"
    assert i18n.format_number(13000, "en") == "13,000"


def test_a_sentence_is_german_only_in_a_german_build(german):
    """The same call returns German in a German build and the English itself in an English one."""
    assert i18n._("This page in another language") == "Diese Seite in einer anderen Sprache"
    i18n.set_language("en")
    assert i18n._("This page in another language") == "This page in another language"


def test_an_unknown_language_is_refused(monkeypatch):
    """A language the book has no edition in is an error, not a silent English book."""
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "fr")
    with pytest.raises(ValueError, match="fr"):
        i18n.language()


def test_the_kernels_get_the_german_dataset(german):
    """In a German build, load_dataset() gives the German texts and the same ids, counts and quotations."""
    ds = load_dataset()
    i18n.set_language("en")
    dataset = load_dataset()
    assert ds.perspective["eu"].label != dataset.perspective["eu"].label
    assert [c.id for c in ds.contributions] == [c.id for c in dataset.contributions]
    assert [link.evidence for link in ds.links] == [link.evidence for link in dataset.links]


def _stale_summary(data_copy):
    """Change a contribution's English summary (with its reason), so its German is stale; return its id."""
    first = load_dataset(data_copy).contributions[2]  # one whose summary has no reason for this edition yet
    edit_cell(data_copy, "contributions.csv", {"id": first.id}, "summary", "According to the report, a new summary.")
    give_reason(data_copy, "contributions.csv", first.id, "summary")
    return first.id


def test_a_release_stops_on_a_stale_translation_and_a_preview_marks_it(data_copy):
    """A release refuses a stale German text naming file, row and field; a preview shows the English marked untranslated."""
    cid = _stale_summary(data_copy)
    ds = load_dataset(data_copy)
    out, err = io.StringIO(), io.StringIO()
    assert check_editions(ds, ["en", "de"], out, err, release=True) == ExitCode.DATA_INVALID
    report = err.getvalue()
    assert "contributions.csv" in report and "summary" in report and "stale" in report
    assert check_editions(ds, ["en", "de"], out, err, release=False) == ExitCode.OK
    assert "To do before a release: 2 texts" in out.getvalue()  # the summary and the reason given for its change
    preview = localised(ds, "de", mark_untranslated=True)
    summary = next(c.summary for c in preview.contributions if c.id == cid)
    assert summary == f"{UNTRANSLATED} According to the report, a new summary."
    other = next(c for c in preview.contributions if c.id != cid)
    assert not other.summary.startswith(UNTRANSLATED)


def test_validate_lists_translation_gaps_and_fails_them_for_a_release(data_copy, capsys):
    """`briefing validate` lists a stale German text as a to-do (exit 0); with --release it is an error (exit 1)."""
    _stale_summary(data_copy)
    assert main(["validate", str(data_copy)]) == ExitCode.OK
    assert "To do before a release" in capsys.readouterr().out
    assert main(["validate", "--release", str(data_copy)]) == ExitCode.DATA_INVALID
    assert "contributions.csv" in capsys.readouterr().err


def test_a_data_folder_without_catalogues_has_the_english_edition_only(data_copy):
    """Editions are English plus each language with a catalogue in the data's translations/ folder."""
    assert editions(data_copy) == ["en", "de"]
    shutil.rmtree(data_copy / TRANSLATIONS_FOLDER)
    assert editions(data_copy) == ["en"]


def test_the_german_configuration_is_the_books_own_with_language_and_catalogues(tmp_path):
    """The German edition's configuration changes only Sphinx's language and where the prose catalogues are."""
    written = yaml.safe_load(language_config(PROJECT_ROOT, tmp_path, "de").read_text(encoding="utf-8"))
    own = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert written["sphinx"]["config"].pop("language") == "de"
    assert written["sphinx"]["config"].pop("locale_dirs") == [str(PROJECT_ROOT / "locales")]
    assert written == own


@pytest.mark.book
def test_a_no_change_rebuild_of_both_editions_executes_nothing(book):
    """Building the unchanged book again, English and German, starts no Sphinx and runs no notebook."""
    from helpers import BASE_URL, build_book

    assert "editions en, de" in book.log
    again = build_book(book.project, BASE_URL, pdf=True, editions=None)
    assert again.returncode == 0, again.log[-3000:]
    assert "The book is up to date (0 notebooks executed)" in again.log
    assert "PDF unchanged" in again.log


def test_data_split_into_part_pages_build_the_english_edition_alone(tmp_path, dataset):
    """Contribution pages of their own (briefing.publish.parts) exist in English only, so such data build no German edition."""
    from briefing.build.book import split_into_parts

    (tmp_path / "_config.yml").write_text("sphinx:\n  config:\n    briefing_contributions_per_page: 4\n", encoding="utf-8")
    assert split_into_parts(tmp_path, dataset)
    assert not split_into_parts(PROJECT_ROOT, dataset)


@pytest.mark.parametrize(("n", "expected"), [(0, "0 passende Beiträge"), (1, "1 passender Beitrag"), (2, "2 passende Beiträge")])
def test_a_count_chooses_its_german_form_from_one_plural_entry(german, n, expected):
    """A count of 0, 1 or 2 picks the German singular or plural of one plural entry by the catalogue's plural rule."""
    forms = i18n.checked("de")[(None, "{count} matching contribution")]
    assert forms == ("{count} passender Beitrag", "{count} passende Beiträge")  # one entry, both forms
    sentence = i18n.ngettext("{count} matching contribution", "{count} matching contributions", n)
    assert sentence.format(count=n) == expected


@pytest.fixture
def other_plural_rule(tmp_path, monkeypatch):
    """A German catalogue whose plural rule takes 0 as singular (as French does), read instead of the package's."""
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "tables.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        'msgid "{count} matching contribution"\nmsgid_plural "{count} matching contributions"\n'
        'msgstr[0] "{count} passender Beitrag"\nmsgstr[1] "{count} passende Beiträge"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "CATALOGUES", tmp_path)
    for cached in (i18n._catalogues, i18n.translations, i18n.checked):
        cached.cache_clear()
    yield
    for cached in (i18n._catalogues, i18n.translations, i18n.checked):
        cached.cache_clear()


def test_the_plural_rule_is_the_catalogues_own(german, other_plural_rule):
    """The form for a count follows the catalogue's Plural-Forms rule, not English's 'one or not one'."""
    found = [i18n.ngettext("{count} matching contribution", "{count} matching contributions", n) for n in (0, 1, 2)]
    assert found == ["{count} passender Beitrag", "{count} passender Beitrag", "{count} passende Beiträge"]


def test_a_plural_entry_is_one_sentence_to_translate():
    """An ngettext call is extracted as one sentence (its singular), and its plural entry counts as its translation."""
    found = [english for _context, english, _place in i18n.sentences() if "matching contribution" in english]
    assert found == ["{count} matching contribution"]
    assert not [line for line in i18n.untranslated("de") if "matching contribution" in line]


def test_a_language_set_in_one_thread_is_not_seen_by_another(monkeypatch):
    """A language set in one thread (an edition's print, a test) is not the language of another thread."""
    monkeypatch.delenv(i18n.LANGUAGE_ENV, raising=False)
    sentence, seen = "This page in another language", {}
    set_there, looked_here = threading.Event(), threading.Event()

    def reader() -> None:
        """Note the sentence as this new thread writes it."""
        seen["new thread while the main one writes German"] = i18n._(sentence)

    def setter() -> None:
        """Set German in this thread and note the sentence once the main thread has written it."""
        i18n.set_language("de", kernels=False)
        set_there.set()
        looked_here.wait(10)
        seen["thread that set German"] = i18n._(sentence)

    i18n.set_language("de", kernels=False)
    try:
        first = threading.Thread(target=reader)
        first.start()
        first.join(10)
        seen["main thread that set German"] = i18n._(sentence)
        i18n.set_language(None)
        second = threading.Thread(target=setter)
        second.start()
        set_there.wait(10)
        seen["main thread meanwhile"] = i18n._(sentence)
        looked_here.set()
        second.join(10)
    finally:
        i18n.set_language(None)
    assert seen == {
        "new thread while the main one writes German": sentence,
        "main thread that set German": "Diese Seite in einer anderen Sprache",
        "main thread meanwhile": sentence,
        "thread that set German": "Diese Seite in einer anderen Sprache",
    }


def test_in_language_gives_back_the_language_set_before_it(monkeypatch):
    """Leaving an in_language block restores the language set before it, not merely the environment's."""
    monkeypatch.delenv(i18n.LANGUAGE_ENV, raising=False)
    i18n.set_language("de", kernels=False)
    try:
        with i18n.in_language("en"):
            assert i18n.language() == "en"
        assert i18n.language() == "de"
    finally:
        i18n.set_language(None)
