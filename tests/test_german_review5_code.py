"""The fifth German review's findings that need code (research/reviews/e3-german-review-5.md), checked in-process."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docutils import nodes

from briefing.i18n.messages import in_language
from briefing.publish.brief import cover_line
from briefing.publish.brief_docx import CHAPTER, brief_docx
from briefing.sections.docnodes import para
from briefing.sphinx.brief_downloads import name_chapters_once
from briefing.sphinx.search import search_words

DAY = dt.date(2026, 12, 6)
PROPERTIES = {"title": "T", "author": "A", "subject": "S", "keywords": "K"}


def chapter_link(text: str, chapter: str) -> nodes.reference:
    """Return a link to another chapter, marked with its title as the build marks it for a file without an address."""
    ref = nodes.reference(text, text, refuri="ruhr-stakeholders.html#x")
    ref[CHAPTER] = chapter
    return ref


def behind_it() -> nodes.section:
    """Return a key message's 'behind it' line as the page has it: one speaker with two contributions, one with one."""
    numbers = nodes.inline(
        "",
        "",
        nodes.Text("Rasmus C. Beck (Beiträge "),
        chapter_link("1", "Die Akteure aus dem Ruhrgebiet"),
        nodes.Text(", "),
        chapter_link("9", "Die Akteure aus dem Ruhrgebiet"),
        nodes.Text(")"),
    )
    line = para(
        "Dahinter stehen zwei von zwölf Vortragenden: ",
        numbers,
        ", ",
        chapter_link("Prof. Dr. Willem van Winden", "Die internationalen Fachleute"),
        ". Themen: Gesundheit.",
    )
    part = nodes.section(ids=["key-messages"])
    part += nodes.title("Kernaussagen", "Kernaussagen")
    part += line
    return part


def test_a_chapter_named_after_links_in_brackets_stands_after_the_bracket(dataset):
    """Finding 16: the Word file names the chapter of a speaker's contribution numbers after their closing bracket,
    not inside it ("Beck (Beiträge 1, 9 in „…“)"), and once for both numbers."""
    from docx import Document

    part = behind_it()
    name_chapters_once(part)
    with in_language("de"):
        data = brief_docx(cover_line(dataset, None, DAY), [part], "de", None, PROPERTIES, DAY)
    line = next(p.text for p in Document(io.BytesIO(data)).paragraphs if "Dahinter" in p.text)
    assert line == (
        "Dahinter stehen zwei von zwölf Vortragenden: Rasmus C. Beck (Beiträge 1, 9) in „Die Akteure aus dem Ruhrgebiet“, "
        "Prof. Dr. Willem van Winden in „Die internationalen Fachleute“. Themen: Gesundheit."
    )


def test_a_link_in_brackets_of_other_words_keeps_its_chapter():
    """A link followed by more than the closing bracket keeps naming its chapter itself."""
    ref = chapter_link("9", "Die Akteure aus dem Ruhrgebiet")
    words = nodes.inline("", "", nodes.Text("Beck (Beitrag "), ref, nodes.Text(") und mehr"))
    part = nodes.section()
    part += para(words)
    name_chapters_once(part)
    assert ref.get(CHAPTER) == "Die Akteure aus dem Ruhrgebiet" and not words.get(CHAPTER)


@pytest.mark.parametrize(("lang", "said"), [("en", "Preparing search..."), ("de", "Suche wird vorbereitet …")])
def test_the_search_progress_line_ends_with_an_ellipsis_in_german(lang, said):
    """Finding 14: Sphinx's „Suche wird vorbereitet...“ is the edition's „Suche wird vorbereitet …“; English unchanged."""
    with in_language(lang):
        assert search_words()["Preparing search..."] == said
