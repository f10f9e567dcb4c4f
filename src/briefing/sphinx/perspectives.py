"""The perspective chapters' directives: the definition, one section per contribution, the findings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config

from briefing.analysis import findings
from briefing.core.schema import BASED_IN, BASED_IN_PHRASE, Contribution
from briefing.core.slides import not_found_sentence, provenance_template
from briefing.core.translations import LIST_SEPARATOR
from briefing.i18n.messages import _, count_words, format_date, format_number, ngettext, pgettext
from briefing.publish import cite
from briefing.publish.parts import PARTS_FOLDER, Part, parts_of, write_part_sources
from briefing.sphinx.base import PerspectiveOption, note_label, perspective_label
from briefing.sphinx.brief import slides_label
from briefing.sphinx.coverage import CONTRIBUTION
from briefing.sphinx.data import original_text
from briefing.sphinx.disclosure import Disclosure, disclosure
from briefing.sphinx.docnodes import bullets, fill, para, quote, section, source_mark, strong, target
from briefing.sphinx.reader import contribution_cite_links
from briefing.sphinx.search import index_name, index_nodes, surname_terms

#: The catalogue contexts of schema.BASED_IN's labels and BASED_IN_PHRASE's phrases (their German is in extension.po).
BASED_IN_CONTEXT = "based in"
BASED_IN_PHRASE_CONTEXT = "based in, after a count"


def based_in_label(c: Contribution) -> str:
    """Return where a contribution's speaker is based ('Ruhr'), in the page's language."""
    return pgettext(BASED_IN_CONTEXT, c.based_in_label)


def based_in_breakdown(members: list[Contribution]) -> str:
    """Return '; of these, 4 by speakers based outside Germany, 2 by speakers based in the Ruhr' for a group ('' if empty)."""
    counts = {key: sum(c.based_in == key for c in members) for key in BASED_IN}
    shown = [
        ngettext("{n} by a speaker based {place}", "{n} by speakers based {place}", n).format(
            n=count_words(n, one="pronoun masculine"), place=pgettext(BASED_IN_PHRASE_CONTEXT, BASED_IN_PHRASE[key])
        )
        for key, n in counts.items()
        if n
    ]
    return _("; of these, {counts}").format(counts=", ".join(shown)) if shown else ""


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

    def run(self) -> list[nodes.Node]:
        """Render the definition and the size of the perspective."""
        p = self.ds.perspective[self.perspective_id]
        members = self.ds.contributions_in(p.id)
        size = ngettext(
            "This perspective has {n} contribution in the report{breakdown}.",
            "This perspective has {n} contributions in the report{breakdown}.",
            len(members),
        ).format(n=count_words(len(members), one="accusative masculine"), breakdown=based_in_breakdown(members))
        return [target(self.state.document, perspective_label(p.id)), para(strong(f"{p.label}. "), p.definition, " ", size)]


class Contributions(PerspectiveOption):
    """``briefing-contributions``: one real section per contribution of a perspective (or of one part of it)."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {**PerspectiveOption.option_spec, "part": directives.positive_int}

    def run(self) -> list[nodes.Node]:
        """Render every contribution of the perspective in running order; a split perspective lists its parts."""
        members = self.ds.contributions_in(self.perspective_id)
        if not members:
            return [para(_("The report has no contribution in this perspective."))]
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
                    para(self.link(part.label, _("Part {number}").format(number=part.number)), f": {part_span(part)}")
                    for part in parts
                ]
            ),
        ]

    def _part_links(self, part: Part, parts: list[Part]) -> nodes.paragraph:
        """Return where this part sits: its span, the chapter, and the previous and next parts."""
        chapter = self.link(perspective_label(part.perspective), self.ds.perspective[part.perspective].label)
        around = [(_("previous part"), part.number - 1), (_("next part"), part.number + 1)]
        steps = [x for words, n in around if 1 <= n <= len(parts) for x in (", ", self.link(parts[n - 1].label, words))]
        sentence = _("This page holds {span} of the perspective {chapter}{steps}.")
        return para(*fill(sentence, span=part_span(part), chapter=chapter, steps=steps), classes=["briefing-meta"])

    def _section(self, c: Contribution) -> nodes.section:
        """Render one contribution: who, summary, grouping, themes with evidence, notes."""
        ds = self.ds
        sec = section(self.state.document, c.id, f"{c.display_name}: {c.topic}")
        sec[CONTRIBUTION] = c.id  # for the coverage check (see briefing.sphinx.coverage); not written to the HTML
        sec["classes"].append("briefing-contribution")
        # Index entries (speaker, keywords, themes) make the book's search link straight to this section. The general index
        # lists the speaker surname first, the keywords and themes in the edition's language; the search alone also knows
        # the name in reading order and the surname alone, spelt in ASCII too ("Gartner", "Koder"), which put the section
        # first for a search by surname, and in another edition the English keywords.
        # Every entry is "main": Sphinx's search lists non-main index entries after all full-text hits, which put the
        # section last for its own keywords ("Herne", "IT security") below pages that merely mention them.
        themes = [ds.theme[link.theme_id].label for link in ds.links_of(c.id)]
        english = (original_text(self.env, f"contributions.csv|{c.id}|keywords") or "").split(LIST_SEPARATOR)
        aliases = [c.speaker, *surname_terms(c.speaker), *(k.strip() for k in english)]
        sec += index_nodes([index_name(c.speaker), *c.keywords, *themes], aliases, c.id)
        sec += para(
            _(
                "{role}, {organisation}. Based in: {based_in}. Contribution {number} of {total} in the report's running order."
            ).format(
                role=c.role, organisation=c.organisation, based_in=based_in_label(c), number=c.order, total=len(ds.contributions)
            ),
            classes=["briefing-meta"],
        )
        sec += para(source_mark("report"), " ", c.summary)
        if c.perspective_rationale:
            sec += para(strong(_("Why in this perspective: ")), c.perspective_rationale)
        links = ds.links_of(c.id)
        if links:
            sec += para(strong(_("Themes, with the report's words as evidence:")))
            sec += bullets([para(self.theme_link(link.theme_id), ": ", self.evidence(link)) for link in links])
        else:
            sec += para(_("No theme is coded for this contribution."))
        sec += self._slides(c)
        url = self.page_url(f"{self.env.docname}.html#{c.id}")
        sec += para(
            strong(_("Cite this contribution: ")),
            cite.contribution_reference(ds, c, url),
            classes=["briefing-meta", "briefing-contribution-cite"],
        )
        sec += para(
            strong(_("For your reference manager: ")),
            *contribution_cite_links(self.env.docname, c.id),
            ".",
            classes=["briefing-meta"],
        )
        sec += bibtex_block(cite.contribution_bibtex(ds, c, url))
        for note in ds.notes_on(c.id):
            sentence = _("the report says {quotation}; probably right: {correction} ({details}).")
            details = self.link(note_label(note.id), _("details"))
            quotation = quote(note.source_says)
            sec += para(
                strong(_("Editorial note: ")),
                *fill(sentence, quotation=quotation, correction=note.probably_right, details=details),
            )
        return sec

    def _slides(self, c: Contribution) -> list[nodes.Node]:
        """Return the layer 'From the speaker's slides': what a checked copy says and its quotations, or that none was found."""
        found = self.ds.slides_of(c.id)
        if found is None:
            if not c.presentation_offered:
                return []
            return [para(_("The report offers the presentation for download; this briefing does not reproduce it."))]
        checked = format_date(found.checked)
        if found.status == "not-found":
            return [para(not_found_sentence(checked), classes=["briefing-meta"])]
        box = nodes.container(classes=["briefing-slides"])
        box += target(self.state.document, slides_label(c.id))
        box += para(strong(_("From the speaker's slides")), " ", source_mark("slides"))
        box += para(found.summary or "")
        quotes = [
            para(quote(q.quote), " ", _("(slide {number})").format(number=q.slide)) for q in self.ds.quotes_from_slides(c.id)
        ]
        if quotes:
            box += bullets(quotes)
        box += para(
            *fill(
                provenance_template(),
                source=self.cite(found.reference) if found.reference else [],
                date=checked,
            ),
            classes=["briefing-meta"],
        )
        return [box]


class PerspectiveFindings(PerspectiveOption):
    """``briefing-perspective-findings``: what the chapter showed, computed from the data."""

    def run(self) -> list[nodes.Node]:
        """Render the findings as a list."""
        return [bullets([para(s) for s in findings.perspective_findings(self.ds, self.perspective_id)])]


def write_parts(app: Sphinx, config: Config) -> None:
    """Write the part pages a large dataset needs into the source folder, and keep etoc from excluding them."""
    if write_part_sources(Path(app.srcdir), app.briefing_data.dataset, config.briefing_contributions_per_page):
        # The general index would list every speaker's name on one page (5.9 MB at 13,000 contributions; split by
        # letter, Sphinx still writes the whole as genindex-all): search and the part pages find them instead.
        config.html_use_index = False
    # Jupyter Book excludes files its table of contents does not list; part pages are orphans reached from their chapter.
    config.exclude_patterns = [p for p in config.exclude_patterns if not p.startswith(f"{PARTS_FOLDER}/")]


def setup_perspectives(app: Sphinx) -> None:
    """Register this feature's directives and the part pages of large datasets."""
    app.connect("config-inited", write_parts, priority=950)
    app.add_directive("briefing-perspective", PerspectiveDefinition)
    app.add_directive("briefing-contributions", Contributions)
    app.add_directive("briefing-perspective-findings", PerspectiveFindings)
