"""The data-and-method page's directives: the editorial notes, the glossary (briefing.sections.method) and the downloads."""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx

from briefing.core.schema import present_data_files
from briefing.i18n.messages import DEFAULT, _, language
from briefing.publish import cite
from briefing.publish.downloads import (
    DOWNLOAD_DIR,
    EXCEL_SUFFIX,
    MADE_FILES,
    earlier_editions,
    excel_name,
    excel_sources,
    zip_name,
)
from briefing.sections.docnodes import bullets, file_link, joined, para, strong
from briefing.sections.method import editorial_notes, glossary
from briefing.sphinx.base import BriefingDirective


class EditorialNotes(BriefingDirective):
    """``briefing-editorial-notes``: one section per error or inconsistency in the report."""

    def build(self) -> list[nodes.Node]:
        """Render every editorial note."""
        return editorial_notes(self.page)


class Glossary(BriefingDirective):
    """``briefing-glossary``: terms with explanations and their sources."""

    def build(self) -> list[nodes.Node]:
        """Render the glossary as a definition list in the alphabet of its headwords, terms in another language marked."""
        return glossary(self.page)


class Downloads(BriefingDirective):
    """``briefing-downloads``: links to the data files, the dictionary, the licence and the zip."""

    def build(self) -> list[nodes.Node]:
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
                    licence=cite.licence_name(p.licence_text)
                ),
            ),
            para(
                _(
                    "Each CSV file is standard CSV (UTF-8, commas), as the data package describes it. Beside it, the file "
                    "ending in {suffix} holds the same table for German Excel and LibreOffice, which open it by double-click "
                    "with every column and umlaut in place (UTF-8 with a byte-order mark, semicolons, Windows line ends)."
                ).format(suffix=EXCEL_SUFFIX)
                + (
                    ""
                    if language() == DEFAULT
                    else " "
                    + _(
                        "In these copies a text the data translate is in this edition's language; ids, codes and texts "
                        "not yet translated stay English. The report's quotations stay in its English words, with the "
                        "editors' translation in a column of its own beside them; a glossary term stays as the data have "
                        "it, matching its language code, with the term in this edition's language in a column beside it; "
                        "a strategy field's label column, headed as the English label, stands beside its German label."
                    )
                )
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

    def _item(self, name: str, link: Callable[[str], nodes.Node]) -> nodes.paragraph:
        """Return one download's line: the file, and for a CSV file its copy for German Excel."""
        if name not in excel_sources(self.ds):
            return para(link(name))
        return para(link(name), "; ", _("for German Excel: "), link(excel_name(name)))


def setup_method(app: Sphinx) -> None:
    """Register this feature's directives."""
    app.add_directive("briefing-editorial-notes", EditorialNotes)
    app.add_directive("briefing-glossary", Glossary)
    app.add_directive("briefing-downloads", Downloads)
