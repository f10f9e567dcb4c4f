"""The perspective chapters' directives: the definition, one section per contribution, the findings."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxRole

from briefing.core.schema import Contribution
from briefing.core.translations import LIST_SEPARATOR
from briefing.i18n.messages import _, format_number
from briefing.publish import cite
from briefing.publish.parts import PARTS_FOLDER, Part, all_parts, parts_of, write_part_sources
from briefing.sections.docnodes import bullets, fill, para, section, strong
from briefing.sections.page import perspective_label
from briefing.sections.perspectives import (
    contribution_section,
    no_contributions,
    perspective_definition,
    perspective_findings,
)
from briefing.sphinx.base import BookPage, PerspectiveOption
from briefing.sphinx.coverage import CONTRIBUTION
from briefing.sphinx.data import build_dataset
from briefing.sphinx.disclosure import Disclosure, disclosure
from briefing.sphinx.reader import contribution_cite_links
from briefing.sphinx.search import index_name, index_nodes, surname_terms


def part_span(part: Part) -> str:
    """Return what a part page holds: 'contributions 201–400 of 4,333 (Name … Name)', in the page's language."""
    return _("contributions {first}–{last} of {total} ({first_name} … {last_name})").format(
        first=format_number(part.start + 1),
        last=format_number(part.start + len(part.members)),
        total=format_number(part.total),
        first_name=part.members[0].display_name,
        last_name=part.members[-1].display_name,
    )


def bibtex_block(entry: str) -> Disclosure:
    """Return a contribution's BibTeX record in a block the reader opens, to read and copy it at any width (screen only)."""
    code = nodes.literal_block(entry, entry, language="none", classes=["briefing-bibtex-entry"])
    return disclosure(_("Show the BibTeX record"), code, classes=["briefing-bibtex", "screen-only"])


class PerspectiveDefinition(PerspectiveOption):
    """``briefing-perspective``: the perspective's definition, with its anchor."""

    def build(self) -> list[nodes.Node]:
        """Render the definition and the size of the perspective."""
        return perspective_definition(self.page, self.perspective_id)


class Contributions(PerspectiveOption):
    """``briefing-contributions``: one real section per contribution of a perspective (or of one part of it)."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {**PerspectiveOption.option_spec, "part": directives.positive_int}

    @cached_property
    def page(self) -> BookPage:
        """Return this chapter's page, whose contribution sections carry index entries and reference files."""
        return BookPerspectivePage(self)

    def build(self) -> list[nodes.Node]:
        """Render every contribution of the perspective in running order; a split perspective lists its parts."""
        members = self.ds.contributions_in(self.perspective_id)
        if not members:
            return no_contributions()
        parts = parts_of(self.ds, self.perspective_id, self.config.briefing_contributions_per_page)
        if not parts:
            return [self._section(c) for c in members]
        if "part" not in self.options:
            return self._list_parts(parts)
        part = parts[self.options["part"] - 1]
        title = _("{perspective}: part {number} of {count}").format(
            perspective=self.ds.perspective[part.perspective].label, number=part.number, count=part.count
        )
        page = section(self.state.document, part.label, title)  # the page's heading: a node, never Markdown from the data
        page += [self._part_links(part, parts), *(self._section(c) for c in part.members), self._part_links(part, parts)]
        return [page]

    def _list_parts(self, parts: list[Part]) -> list[nodes.Node]:
        """Say why the contributions are on pages of their own, and link each page."""
        per_page = self.config.briefing_contributions_per_page
        return [
            para(
                _(
                    "This perspective has {total} contributions, too many for one page: "
                    "they are on {pages} pages of up to {per_page}, in the report's running order."
                ).format(total=format_number(parts[0].total), pages=len(parts), per_page=format_number(per_page))
            ),
            bullets(
                [
                    para(self.page.link(part.label, _("Part {number}").format(number=part.number)), f": {part_span(part)}")
                    for part in parts
                ]
            ),
        ]

    def _part_links(self, part: Part, parts: list[Part]) -> nodes.paragraph:
        """Return where this part sits: its span, the chapter, and the previous and next parts."""
        chapter = self.page.link(perspective_label(part.perspective), self.ds.perspective[part.perspective].label)
        around = [(_("previous part"), part.number - 1), (_("next part"), part.number + 1)]
        steps = [x for words, n in around if 1 <= n <= len(parts) for x in (", ", self.page.link(parts[n - 1].label, words))]
        sentence = _("This page holds {span} of the perspective {chapter}{steps}.")
        return para(*fill(sentence, span=part_span(part), chapter=chapter, steps=steps), classes=["briefing-meta"])

    def _section(self, c: Contribution) -> nodes.section:
        """Render one contribution's section, with its index entries and reference files, marked for the coverage check."""
        sec = contribution_section(self.page, c)
        sec[CONTRIBUTION] = c.id  # for the coverage check (see briefing.sphinx.coverage); not written to the HTML
        return sec


class BookPerspectivePage(BookPage):
    """A perspective chapter's page in the book: contributions' sections have index entries and reference files there."""

    def index_entries(self, c: Contribution) -> list[nodes.Node]:
        """Return the entries that make the book's search link straight to a contribution's section."""
        # The general index lists the speaker surname first, the keywords and themes in the edition's language; the search
        # alone also knows the name in reading order and the surname alone, spelt in ASCII too ("Gartner", "Koder"), which
        # put the section first for a search by surname, and in another edition the English keywords.
        # Every entry is "main": Sphinx's search lists non-main index entries after all full-text hits, which put the
        # section last for its own keywords ("Herne", "IT security") below pages that merely mention them.
        themes = [self.ds.theme[link.theme_id].label for link in self.ds.links_of(c.id)]
        english = (self.original(f"contributions.csv|{c.id}|keywords") or "").split(LIST_SEPARATOR)
        aliases = [c.speaker, *surname_terms(c.speaker), *(k.strip() for k in english)]
        return index_nodes([index_name(c.speaker), *c.keywords, *themes], aliases, c.id)

    def reference_tools(self, c: Contribution, url: str | None) -> list[nodes.Node]:
        """Return the links to the contribution's BibTeX and RIS files and its BibTeX record to open."""
        return [
            para(
                strong(_("For your reference manager: ")),
                *contribution_cite_links(self.docname, c.id),
                ".",
                classes=["briefing-meta"],
            ),
            bibtex_block(cite.contribution_bibtex(self.ds, c, url)),
        ]


class PerspectiveFindings(PerspectiveOption):
    """``briefing-perspective-findings``: what the chapter showed, computed from the data."""

    def build(self) -> list[nodes.Node]:
        """Render the findings as a list."""
        return perspective_findings(self.page, self.perspective_id)


def configure_parts(app: Sphinx, config: Config) -> None:
    """Leave the general index out when a large dataset gets part pages, and keep etoc from excluding those pages."""
    if all_parts(build_dataset(app), config.briefing_contributions_per_page):
        # The general index would list every speaker's name on one page (5.9 MB at 13,000 contributions; split by
        # letter, Sphinx still writes the whole as genindex-all): search and the part pages find them instead.
        config.html_use_index = False
    # Jupyter Book excludes files its table of contents does not list; part pages are orphans reached from their chapter.
    config.exclude_patterns = [p for p in config.exclude_patterns if not p.startswith(f"{PARTS_FOLDER}/")]


def write_parts(app: Sphinx) -> None:
    """Write the part pages a large dataset needs into the source folder, before Sphinx looks for the pages to read."""
    write_part_sources(Path(app.srcdir), build_dataset(app), app.config.briefing_contributions_per_page)


class PerspectiveTitle(SphinxRole):
    """``{briefing-perspective-title}`id```: a perspective's label from the data, as text (a chapter's title follows it)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """Return the label of the perspective the role names, or an error naming the known ones."""
        ds = build_dataset(self.env)
        pid = self.text.strip()
        if pid not in ds.perspective:
            message = f"unknown perspective '{pid}'; known: {', '.join(ds.perspective)}"
            return [], [self.inliner.reporter.error(message, line=self.lineno)]
        return [nodes.Text(ds.perspective[pid].label)], []


def setup_perspectives(app: Sphinx) -> None:
    """Register this feature's directives and the part pages of large datasets."""
    app.connect("config-inited", configure_parts, priority=950)  # after sphinx-external-toc's exclusions (900)
    app.connect("builder-inited", write_parts)
    app.add_directive("briefing-perspective", PerspectiveDefinition)
    app.add_directive("briefing-contributions", Contributions)
    app.add_directive("briefing-perspective-findings", PerspectiveFindings)
    app.add_role("briefing-perspective-title", PerspectiveTitle())
