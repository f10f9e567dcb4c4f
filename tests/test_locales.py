"""The chapters' prose catalogues (locales/de): every translation keeps the markup of its English."""

from __future__ import annotations

from babel.messages.catalog import Catalog

from briefing.i18n.chapters import catalogue_problems, check_locale, markup_difference, markup_items
from helpers import PROJECT_ROOT


def test_the_german_catalogues_are_complete_and_keep_the_english_markup():
    """Every message of locales/de has a German text, none is fuzzy, and each keeps its English roles, code and bold."""
    count, problems = check_locale(PROJECT_ROOT, "de")
    assert count > 0
    assert problems == []


def test_a_role_may_change_its_text_but_not_its_target():
    """{ref}`text <label>` may be translated in its text; a changed label or a dropped role is reported."""
    english = "open the {ref}`Ruhr stakeholders <perspective-ruhr-stakeholder>` or {doc}`themes`"
    assert markup_difference(english, "die {ref}`Akteure <perspective-ruhr-stakeholder>` oder {doc}`themes`") is None
    assert "perspective-ruhr" in markup_difference(english, "die {ref}`Akteure <perspektive-ruhr>` oder {doc}`themes`")
    assert markup_difference(english, "die {ref}`Akteure <perspective-ruhr-stakeholder>`") == "missing role doc themes"


def test_code_links_and_emphasis_are_counted():
    """A translated code span, a changed link address, or a lost bold or italic span each count as a difference."""
    english = "Run `make book`, see [the guide](https://example.org/a) and **R1. Rule** with *own* words."
    assert markup_items(english) == {
        ("code", "make book"): 1,
        ("link", "https://example.org/a"): 1,
        ("bold",): 1,
        ("italic",): 1,
    }
    good = "Führen Sie `make book` aus, siehe [die Anleitung](https://example.org/a) und **R1. Regel** mit *eigenen* Worten."
    assert markup_difference(english, good) is None
    for bad in (
        good.replace("`make book`", "`make buch`"),
        good.replace("https://example.org/a", "https://example.org/b"),
        good.replace("**R1. Regel**", "R1. Regel"),
        good.replace("*eigenen*", "eigenen"),
    ):
        assert markup_difference(english, bad) is not None, bad


def test_untranslated_and_fuzzy_messages_are_named():
    """A message without German, a fuzzy one and one with different markup are each reported with their msgid."""
    catalogue = Catalog(locale="de")
    catalogue.add("Plain", "")
    catalogue.add("Changed", "Geändert", flags=["fuzzy"])
    catalogue.add("See `data/`", "Siehe data/")
    catalogue.add("Fine", "Gut")
    problems = catalogue_problems(catalogue, "x.po")
    assert [p.split(":")[1].strip() for p in problems] == ["'Plain'", "'Changed'", "'See `data/`'"]
    assert "no translation" in problems[0] and "fuzzy" in problems[1] and "missing code data/" in problems[2]


def test_markup_a_generated_paragraph_carries_is_declared_in_a_comment():
    """Cross-references that the English page has but its msgid lacks count when a translator comment declares them."""
    catalogue = Catalog(locale="de")
    declared = ["The page carries -- markup: {ref}`European", "Union <perspective-eu>` **Edition 2**"]  # wrapped by Babel
    catalogue.add(
        "Edition 2: see European Union.",
        "**Ausgabe 2**: siehe {ref}`Europäische Union <perspective-eu>`.",
        user_comments=declared,
    )
    catalogue.add("Plain text.", "**Fett** gemacht.")
    catalogue.add("Also plain.", "Auch schlicht.", user_comments=["markup: {cite:p}`bmr2020report`"])
    problems = catalogue_problems(catalogue, "x.po")
    assert len(problems) == 2
    assert "added bold" in problems[0] and "missing role cite:p bmr2020report" in problems[1]
