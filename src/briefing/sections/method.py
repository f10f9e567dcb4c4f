"""The data-and-method page's sections: the editorial notes and the glossary."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from docutils import nodes

from briefing.core.revisions import row_key
from briefing.core.schema import EditorialNote, GlossaryEntry
from briefing.i18n.messages import DEFAULT, _, language
from briefing.sections.docnodes import Inline, english, fill, lang, para, quote, section, strong, with_stop
from briefing.sections.page import Page, note_label


def editorial_notes(page: Page) -> list[nodes.Node]:
    """Return one section per error or inconsistency in the report (``briefing-editorial-notes``)."""
    if not page.ds.editorial_notes:
        return [para(_("No errors or inconsistencies in the report are recorded."))]
    return [_note(page, n) for n in page.ds.editorial_notes]


def _note(page: Page, note: EditorialNote) -> nodes.section:
    """Return one note: what the report says, what is probably right, on what basis."""
    heading = _("Error: “{quotation}”") if note.kind == "error" else _("Inconsistency: “{quotation}”")
    sec = section(page.document, note_label(note.id), fill(heading, quotation=english(note.source_says)))
    where: list[Inline] = [_("the report as a whole")]
    if note.contribution_id:
        where = [page.contribution_link(page.ds.contribution[note.contribution_id])]
    sentence = _("The report says {quotation} (concerning {where}).")
    sec += para(*fill(sentence, quotation=quote(note.source_says), where=where))
    sec += para(strong(_("Probably right: ")), with_stop(note.probably_right))
    basis = [
        strong(_("Basis: ")),
        _("cited. ") if note.basis == "cited" else _("probable, not confirmed by a cited source. "),
        note.reason,
    ]
    if note.reference:
        basis += [" ", *page.cite(*note.reference)]
    sec += para(*basis)
    return sec


#: A trailing bracket of a term ("Smart specialisation (RIS3)"), written after a comma inside another bracket.
_TRAILING_BRACKET = re.compile(r"\s*\(([^()]*)\)\s*$")


def in_brackets(term: str) -> str:
    """Return a term as it stands inside brackets: its own trailing bracket after a comma ("Smart specialisation, RIS3")."""
    return _TRAILING_BRACKET.sub(r", \1", term).strip()


def sort_key(term: str) -> str:
    """Return a headword's place in the alphabet: letters without their accents, case ignored ("Ökosystem" under O)."""
    return "".join(c for c in unicodedata.normalize("NFD", term.casefold()) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Headword:
    """A glossary entry's headword on a page: the term in the page's language, and the English term it translates."""

    term: str
    lang: str
    english: str | None = None


def headword(entry: GlossaryEntry, translated: str | None) -> Headword:
    """Return an entry's headword: in English its term; in another edition its translation, with the English term it
    renders in brackets (a term the translators kept is the edition's word too; one without a translation stays
    the English term, marked as such)."""
    if language() == DEFAULT or not translated:
        return Headword(entry.term, entry.lang)
    if entry.lang == DEFAULT and translated != entry.term:
        return Headword(translated, language(), in_brackets(entry.term))
    return Headword(translated, language())  # the same word in both languages ("Cluster"), or a name kept as it is


def _origin(page: Page, references: list[str]) -> list[nodes.Node]:
    """Return where a glossary entry comes from: the event report, sources outside it, or the report and sources outside
    it (not the report itself listed as a source outside the report)."""
    report = page.ds.event.source_reference
    outside = [r for r in references if r != report]
    if report not in references:
        origin = _("Outside context; source: ")
        return [nodes.emphasis(origin, origin), *page.cite(*outside)]
    origin = _("Sources: the event report ") if outside else _("Source: the event report ")
    out = [nodes.emphasis(origin, origin), *page.cite(report)]
    if outside:
        beyond = _("and outside it: ")
        out += [nodes.Text(" "), nodes.emphasis(beyond, beyond), *page.cite(*outside)]
    return out


def glossary(page: Page) -> list[nodes.Node]:
    """Return the glossary in its headwords' alphabet, terms in another language marked (``briefing-glossary``)."""
    translated = page.translated
    words = [
        (headword(g, translated.get(f"glossary.csv|{row_key('glossary.csv', {'term': g.term, 'lang': g.lang})}|term")), g)
        for g in page.ds.glossary
    ]
    dl = nodes.definition_list()
    for word, entry in sorted(words, key=lambda pair: sort_key(pair[0].term)):
        item = nodes.definition_list_item()
        term = nodes.term()
        term += lang(word.term, word.lang)
        if word.english:
            term += [nodes.Text(" ("), lang(word.english, DEFAULT), nodes.Text(")")]
        item += term
        body = nodes.definition()
        body += para(entry.definition, " ", *_origin(page, entry.reference))
        item += body
        dl += item
    return [dl]
