"""The data-and-method page's directives: the editorial notes, the glossary and the downloads."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from docutils import nodes
from sphinx.application import Sphinx

from briefing.core.revisions import row_key
from briefing.core.schema import GlossaryEntry, present_data_files
from briefing.i18n.messages import DEFAULT, _, language
from briefing.publish.downloads import (
    DOWNLOAD_DIR,
    EXCEL_SUFFIX,
    MADE_FILES,
    earlier_editions,
    excel_name,
    excel_sources,
    zip_name,
)
from briefing.sphinx.base import BriefingDirective, note_label
from briefing.sphinx.docnodes import bullets, english, file_link, fill, joined, lang, para, quote, section, strong


class EditorialNotes(BriefingDirective):
    """``briefing-editorial-notes``: one section per error or inconsistency in the report."""

    def run(self) -> list[nodes.Node]:
        """Render every editorial note."""
        if not self.ds.editorial_notes:
            return [para(_("No errors or inconsistencies in the report are recorded."))]
        return [self._note(n) for n in self.ds.editorial_notes]

    def _note(self, note) -> nodes.section:
        """Render one note: what the report says, what is probably right, on what basis."""
        heading = _("Error: “{quotation}”") if note.kind == "error" else _("Inconsistency: “{quotation}”")
        sec = section(self.state.document, note_label(note.id), fill(heading, quotation=english(note.source_says)))
        where: list = [_("the report as a whole")]
        if note.contribution_id:
            where = [self.contribution_link(self.ds.contribution[note.contribution_id])]
        sentence = _("The report says {quotation} (concerning {where}).")
        sec += para(*fill(sentence, quotation=quote(note.source_says), where=where))
        sec += para(strong(_("Probably right: ")), note.probably_right)
        basis = [
            strong(_("Basis: ")),
            _("cited. ") if note.basis == "cited" else _("probable, not confirmed by a cited source. "),
            note.reason,
        ]
        if note.reference:
            basis += [" ", *self.cite(*note.reference)]
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


class Glossary(BriefingDirective):
    """``briefing-glossary``: terms with explanations and their sources."""

    def run(self) -> list[nodes.Node]:
        """Render the glossary as a definition list in the alphabet of its headwords, terms in another language marked."""
        translated = self.env.briefing_data.translated
        words = [
            (headword(g, translated.get(f"glossary.csv|{row_key('glossary.csv', {'term': g.term, 'lang': g.lang})}|term")), g)
            for g in self.ds.glossary
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
            from_report = entry.reference == [self.ds.event.source_reference]
            origin = _("Source: the event report ") if from_report else _("Outside context; source: ")
            body += para(entry.definition, " ", nodes.emphasis(origin, origin), *self.cite(*entry.reference))
            item += body
            dl += item
        return [dl]


class Downloads(BriefingDirective):
    """``briefing-downloads``: links to the data files, the dictionary, the licence and the zip."""

    def run(self) -> list[nodes.Node]:
        """Render the list of downloads (files written by the extension when the build finishes)."""
        link = lambda name: file_link(self.env.docname, f"{DOWNLOAD_DIR}/{name}", name)
        files = [*present_data_files(self.ds.data_dir), *MADE_FILES]
        p = self.ds.publication
        out = [
            para(
                strong(_("All data in one file: ")),
                link(zip_name(self.ds)),
                " ",
                _("(licence {licence}; the organiser's report itself is not included or republished).").format(
                    licence=p.licence_text
                ),
            ),
            para(
                _(
                    "Each CSV file is standard CSV (UTF-8, commas), as the data package describes it. Beside it, the file "
                    "ending in {suffix} holds the same table for German Excel and LibreOffice, which open it by double-click "
                    "with every column and umlaut in place (UTF-8 with a byte-order mark, semicolons, Windows line ends)."
                ).format(suffix=EXCEL_SUFFIX)
            ),
            bullets([self._item(name, link) for name in files]),
        ]
        earlier = earlier_editions(self.ds)
        if earlier:
            out.append(
                para(
                    strong(_("Data of earlier editions, as released: ")),
                    *joined([link(zip_name(self.ds, n)) for n in earlier]),
                    ".",
                )
            )
        return out

    def _item(self, name: str, link) -> nodes.paragraph:
        """Return one download's line: the file, and for a CSV file its copy for German Excel."""
        if name not in excel_sources(self.ds):
            return para(link(name))
        return para(link(name), "; ", _("for German Excel: "), link(excel_name(name)))


def setup_method(app: Sphinx) -> None:
    """Register this feature's directives."""
    app.add_directive("briefing-editorial-notes", EditorialNotes)
    app.add_directive("briefing-glossary", Glossary)
    app.add_directive("briefing-downloads", Downloads)
