"""What every page carries besides its text: its description for search engines and link previews, and its title in
the browser, alike in both languages."""

from __future__ import annotations

import pytest
from docutils.core import publish_doctree

from briefing.i18n.messages import in_language
from briefing.notebook import charts
from briefing.publish.site import not_found_page, title_separator
from briefing.sphinx.publishing import description

#: An imprint-like page: a sentence, a table with empty cells, and a sentence with an inline date in brackets.
PAGE = """
Imprint
=======

The details below come from the publication metadata of this edition.

+----------+-----+
| Address  |     |
+----------+-----+
| Contact  |     |
+----------+-----+

.. note:: Fields marked in yellow are filled in by the publisher.

Built from data that differ from edition 2 (*27 November 2026*), the last released edition.
"""


def test_a_description_is_the_pages_running_text_without_tables_or_notes():
    """A page's description joins its paragraphs of running text with single spaces: no table's empty cells (',,,'),
    no note, and an inline in brackets keeps its spacing ('edition 2 (27 November 2026)')."""
    text = description(publish_doctree(PAGE), 200)
    assert text == (
        "The details below come from the publication metadata of this edition. Built from data that differ from "
        "edition 2 (27 November 2026), the last released edition."
    )


def test_a_long_description_ends_after_a_whole_word():
    """A description longer than the limit is cut after its last whole word and ends in an ellipsis."""
    text = description(publish_doctree(PAGE), 60)
    assert text == "The details below come from the publication metadata of…"


@pytest.mark.parametrize(("lang", "separator"), [("en", " — "), ("de", " – ")])
def test_the_404_page_title_uses_the_editions_separator(dataset, lang, separator):
    """The 404 page's title joins its own and the book's title as every other page's does, by the edition's language."""
    with in_language(lang):
        assert title_separator() == separator
        page = not_found_page(dataset, None, [])
    assert f"{separator}{dataset.publication.title}</title>" in page.replace("&amp;", "&")


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_heatmap_legend_says_what_the_table_of_its_numbers_says(lang):
    """The heatmap's caption marks a theme no contribution of a perspective raised as the table does: '0'."""
    with in_language(lang):
        caption = charts.heatmap_caption()
    assert ("0: none" if lang == "en" else "0: keiner") in caption and "dash" not in caption and "Strich" not in caption
