"""The data-and-method page's directives: the editorial notes, the glossary and the downloads."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from briefing.downloads import DOWNLOAD_DIR, MADE_FILES, earlier_editions, zip_name
from briefing.schema import DATA_FILES
from briefing.sphinx.base import BriefingDirective, note_label
from briefing.sphinx.docnodes import bullets, file_link, joined, lang, para, quote, section, strong


class EditorialNotes(BriefingDirective):
    """``briefing-editorial-notes``: one section per error or inconsistency in the report."""

    def run(self) -> list[nodes.Node]:
        """Render every editorial note."""
        if not self.ds.editorial_notes:
            return [para("No errors or inconsistencies in the report are recorded.")]
        return [self._note(n) for n in self.ds.editorial_notes]

    def _note(self, note) -> nodes.section:
        """Render one note: what the report says, what is probably right, on what basis."""
        kind = "Error" if note.kind == "error" else "Inconsistency"
        sec = section(self.state.document, note_label(note.id), f"{kind}: “{note.source_says}”")
        where: list = ["the report as a whole"]
        if note.contribution_id:
            where = [self.contribution_link(self.ds.contribution[note.contribution_id])]
        sec += para("The report says ", quote(note.source_says), " (concerning ", *where, ").")
        sec += para(strong("Probably right: "), note.probably_right)
        basis = [
            strong("Basis: "),
            "cited. " if note.basis == "cited" else "probable, not confirmed by a cited source. ",
            note.reason,
        ]
        if note.reference:
            basis += [" ", *self.cite(*note.reference)]
        sec += para(*basis)
        return sec


class Glossary(BriefingDirective):
    """``briefing-glossary``: terms with explanations and their sources."""

    def run(self) -> list[nodes.Node]:
        """Render the glossary as a definition list, German terms marked as German."""
        dl = nodes.definition_list()
        for entry in sorted(self.ds.glossary, key=lambda g: g.term.casefold()):
            item = nodes.definition_list_item()
            term = nodes.term()
            term += lang(entry.term, entry.lang)
            item += term
            body = nodes.definition()
            from_report = entry.reference == [self.ds.event.source_reference]
            origin = "Source: the event report " if from_report else "Outside context; source: "
            body += para(entry.definition, " ", nodes.emphasis(origin, origin), *self.cite(*entry.reference))
            item += body
            dl += item
        return [dl]


class Downloads(BriefingDirective):
    """``briefing-downloads``: links to the data files, the dictionary, the licence and the zip."""

    def run(self) -> list[nodes.Node]:
        """Render the list of downloads (files written by the extension when the build finishes)."""
        link = lambda name: file_link(self.env.docname, f"{DOWNLOAD_DIR}/{name}", name)
        files = DATA_FILES + MADE_FILES
        p = self.ds.publication
        out = [
            para(
                strong("All data in one file: "),
                link(zip_name(self.ds)),
                f" (licence {p.licence_text}; the organiser's report itself is not included or republished).",
            ),
            bullets([para(link(name)) for name in files]),
        ]
        earlier = earlier_editions(self.ds)
        if earlier:
            out.append(
                para(
                    strong("Data of earlier editions, as released: "), *joined([link(zip_name(self.ds, n)) for n in earlier]), "."
                )
            )
        return out


def setup_method(app: Sphinx) -> None:
    """Register this feature's directives."""
    app.add_directive("briefing-editorial-notes", EditorialNotes)
    app.add_directive("briefing-glossary", Glossary)
    app.add_directive("briefing-downloads", Downloads)
