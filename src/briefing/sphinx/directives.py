"""Directives that build the book's data-driven parts as real, escaped docutils nodes."""

from __future__ import annotations

from collections import Counter
from functools import cached_property

from docutils import nodes
from docutils.parsers.rst import directives as rst
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from briefing import cite, findings, themes
from briefing.downloads import DOWNLOAD_DIR, MADE_FILES, archived_pdfs, earlier_editions, zip_name
from briefing.pdf import pdf_name
from briefing.sphinx.data import checked_dataset
from briefing.model import Dataset
from briefing.schema import DATA_FILES, Contribution
from briefing.sphinx.docnodes import bullets, file_link, joined, lang, para, quote, ref, section, strong, table, target


def note_label(note_id: str) -> str:
    """Return the label of an editorial note's section."""
    return f"note-{note_id}"


def theme_label(theme_id: str) -> str:
    """Return the label of a theme's entry in the vocabulary."""
    return f"theme-{theme_id}"


def perspective_label(perspective_id: str) -> str:
    """Return the label of a perspective's definition on its chapter."""
    return f"perspective-{perspective_id}"


class BriefingDirective(SphinxDirective):
    """Base: access to the dataset and to links between generated parts."""

    has_content = False

    @property
    def ds(self) -> Dataset:
        """Return the validated dataset."""
        return checked_dataset()

    def link(self, label: str, text: str) -> nodes.Node:
        """Return a checked cross-reference from this page."""
        return ref(self.env.docname, label, text)

    @cached_property
    def speaker_counts(self) -> Counter:
        """Count each speaker's contributions once per directive (a count per link was quadratic: minutes at 13,000)."""
        return Counter(c.speaker for c in self.ds.contributions)

    def contribution_link(self, c: Contribution) -> nodes.Node:
        """Return a link to a contribution's section, named by its speaker (and number, if they spoke twice)."""
        twice = self.speaker_counts[c.speaker] > 1
        return self.link(c.id, f"{c.display_name} (contribution {c.order})" if twice else c.display_name)

    def theme_link(self, theme_id: str) -> nodes.Node:
        """Return a link to a theme's definition."""
        return self.link(theme_label(theme_id), self.ds.theme[theme_id].label)

    def cite(self, *keys: str) -> list[nodes.Node]:
        """Return a parenthetical citation of bibliography entries (keys are validated slugs)."""
        result, messages = self.state.inline_text(f"{{cite:p}}`{','.join(keys)}`", self.lineno)
        return [*result, *messages]


class PerspectiveOption(BriefingDirective):
    """Base for directives about one perspective (option ``:perspective:``)."""

    option_spec = {"perspective": rst.unchanged_required}

    @property
    def perspective_id(self) -> str:
        """Return the perspective id, which must exist in the data."""
        pid = self.options["perspective"].strip()
        if pid not in self.ds.perspective:
            raise self.error(f"unknown perspective '{pid}'; known: {', '.join(self.ds.perspective)}")
        return pid


class PerspectiveDefinition(PerspectiveOption):
    """``briefing-perspective``: the perspective's definition, with its anchor."""

    def run(self) -> list[nodes.Node]:
        """Render the definition and the size of the perspective."""
        p = self.ds.perspective[self.perspective_id]
        members = self.ds.contributions_in(p.id)
        size = f" This perspective has {len(members)} contribution{'s' if len(members) != 1 else ''} in the report."
        return [target(self.state.document, perspective_label(p.id)), para(strong(f"{p.label}. "), p.definition, size)]


class Perspectives(BriefingDirective):
    """``briefing-perspectives``: every perspective with its definition and a link to its chapter."""

    def run(self) -> list[nodes.Node]:
        """Render the perspectives as a list."""
        items = []
        for p in self.ds.perspectives:
            n = len(self.ds.contributions_in(p.id))
            items.append(para(self.link(perspective_label(p.id), p.label), f" ({n} contribution{'s' if n != 1 else ''}): ", p.definition))
        return [bullets(items)]


class Contributions(PerspectiveOption):
    """``briefing-contributions``: one real section per contribution of a perspective."""

    def run(self) -> list[nodes.Node]:
        """Render every contribution of the perspective, in running order."""
        members = self.ds.contributions_in(self.perspective_id)
        rendered = self.env.__dict__.setdefault("briefing_rendered", {})
        rendered.setdefault(self.env.docname, []).extend(c.id for c in members)
        if not members:
            return [para("The report has no contribution in this perspective.")]
        return [self._section(c) for c in members]

    def _section(self, c: Contribution) -> nodes.section:
        """Render one contribution: who, summary, grouping, themes with evidence, notes."""
        ds = self.ds
        sec = section(self.state.document, c.id, f"{c.display_name}: {c.topic}")
        # Index entries (speaker, keywords, themes) make the book's search link straight to this section.
        terms = dict.fromkeys([c.speaker, *c.keywords, *(ds.theme[l.theme_id].label for l in ds.links_of(c.id))])
        sec += addnodes.index(entries=[("single", term, c.id, "", None) for term in terms])
        sec += para(f"{c.role}, {c.organisation}. Contribution {c.order} of {len(ds.contributions)} in the report's running order.", classes=["briefing-meta"])
        sec += para(c.summary)
        if c.perspective_rationale:
            sec += para(strong("Why in this perspective: "), c.perspective_rationale)
        links = ds.links_of(c.id)
        if links:
            sec += para(strong("Themes, with the report's words as evidence:"))
            sec += bullets([para(self.theme_link(link.theme_id), ": ", quote(link.evidence)) for link in links])
        else:
            sec += para("No theme is coded for this contribution.")
        if c.presentation_offered:
            sec += para("The report offers the presentation for download; this briefing does not reproduce it.")
        url = cite.page_url(f"{self.env.docname}.html#{c.id}")
        sec += para(strong("Cite this contribution: "), cite.contribution_reference(ds, c, url), classes=["briefing-meta"])
        for note in ds.notes_on(c.id):
            sec += para(strong("Editorial note: "), "the report says ", quote(note.source_says), "; probably right: ", note.probably_right, " (", self.link(note_label(note.id), "details"), ").")
        return sec


class PerspectiveFindings(PerspectiveOption):
    """``briefing-perspective-findings``: what the chapter showed, computed from the data."""

    def run(self) -> list[nodes.Node]:
        """Render the findings as a list."""
        return [bullets([para(s) for s in findings.perspective_findings(self.ds, self.perspective_id)])]


class ThemeFindings(BriefingDirective):
    """``briefing-theme-findings``: what the theme tables show, computed from the data."""

    def run(self) -> list[nodes.Node]:
        """Render the findings as a list."""
        return [bullets([para(s) for s in findings.theme_findings(self.ds)])]


class KeyMessages(BriefingDirective):
    """``briefing-key-messages``: the key messages with links to what supports them."""

    def run(self) -> list[nodes.Node]:
        """Render the numbered key messages."""
        items = []
        for m in self.ds.key_messages:
            support = [self.contribution_link(self.ds.contribution[cid]) for cid in m.contributions]
            theme_links = [self.theme_link(t) for t in m.themes]
            items.append([
                para(m.message),
                para("Supported by: ", *joined(support), ". Themes: ", *joined(theme_links, "; "), ".", classes=["briefing-meta"]),
            ])
        return [bullets(items, enumerated=True, classes=["briefing-key-messages"])]


class RunningOrder(BriefingDirective):
    """``briefing-running-order``: the contributions in the report's order, as a table."""

    def run(self) -> list[nodes.Node]:
        """Render the running-order table."""
        ds = self.ds
        rows = [
            [
                str(c.order),
                [self.contribution_link(c)],
                f"{c.role}, {c.organisation}",
                [self.link(perspective_label(c.perspective), ds.perspective[c.perspective].label)],
                "yes" if c.presentation_offered else "no",
            ]
            for c in ds.contributions
        ]
        headers = ["No.", "Speaker", "Role and organisation", "Perspective", "Presentation offered"]
        return [table("Contributions in the order the report lists them", headers, rows)]


class EventFacts(BriefingDirective):
    """``briefing-event``: the event's facts and this edition, from the metadata."""

    def run(self) -> list[nodes.Node]:
        """Render the event facts as a table."""
        ds, e = self.ds, self.ds.event
        presentations = sum(c.presentation_offered for c in ds.contributions)
        rows = [
            ["Event", e.title],
            ["Date", f"{e.date:%-d %B %Y}"],
            ["Format", e.format],
            ["Host", e.host],
            ["Region", e.region],
            ["Contributions", f"{len(ds.contributions)} by {len(ds.speakers)} speakers, in {len(ds.perspectives)} perspectives"],
            ["Presentations offered for download", f"{presentations} of {len(ds.contributions)}"],
            ["Source", [nodes.Text(f"{e.source_author}: {e.source_title} "), *self.cite(e.source_reference)]],
            ["This briefing", f"{ds.publication.title}, edition {ds.publication.edition}, {ds.publication.release_date:%-d %B %Y}"],
        ]
        return [table("The event and this briefing at a glance", ["", "Details"], rows)]


#: The vocabulary names at most this many contributions per theme.
VOCABULARY_NAMES = 10


class Vocabulary(BriefingDirective):
    """``briefing-vocabulary``: the themes with definitions, each with an anchor."""

    def run(self) -> list[nodes.Node]:
        """Render the vocabulary as a definition list."""
        dl = nodes.definition_list()
        reach = themes.perspectives_per_theme(self.ds)
        for t in self.ds.themes:
            item = nodes.definition_list_item()
            term = nodes.term(t.label, t.label)
            term += target(self.state.document, theme_label(t.id))
            # A merged or renamed theme's old address (published by an earlier edition) leads here too.
            for former in t.former_ids:
                term += target(self.state.document, theme_label(former))
            item += term
            raised_by = [c for c in self.ds.contributions if any(l.theme_id == t.id for l in self.ds.links_of(c.id))]
            body = nodes.definition()
            body += para(t.definition, *([" ", nodes.emphasis("Outside context; source: ", "Outside context; source: "), *self.cite(*t.references)] if t.references else []))
            # Named up to a limit, so the page stays light with thousands of contributions; the tables list them all.
            who = joined([self.contribution_link(c) for c in raised_by[:VOCABULARY_NAMES]]) if raised_by else [nodes.Text("no contribution")]
            more = f" and {len(raised_by) - VOCABULARY_NAMES:,} more (see the table of theme links)" if len(raised_by) > VOCABULARY_NAMES else ""
            body += para(f"Raised in {len(reach[t.id])} perspective(s), by: ", *who, more + ".", classes=["briefing-meta"])
            item += body
            dl += item
        return [dl]


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
        basis = [strong("Basis: "), "cited. " if note.basis == "cited" else "probable, not confirmed by a cited source. ", note.reason]
        if note.reference:
            basis += [" ", *self.cite(note.reference)]
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


class Edition(BriefingDirective):
    """``briefing-edition``: which edition this is and how to cite it."""

    def run(self) -> list[nodes.Node]:
        """Render the edition statement and a plain reference."""
        p, doc = self.ds.publication, self.env.docname
        pdf = pdf_name(self.ds)
        out = [
            para(strong(f"Edition {p.edition}"), f", released {p.release_date:%-d %B %Y}. Built from the data in this edition; "
                 "a later edition may correct or extend it. ", file_link(doc, f"{DOWNLOAD_DIR}/{pdf}", "PDF of this edition"), "."),
        ]
        earlier = [path.name for path in archived_pdfs() if path.name != pdf]
        if earlier:
            out.append(para("Earlier editions as cited: ", *joined([file_link(doc, f"{DOWNLOAD_DIR}/{n}", n) for n in earlier]), "."))
        return out


class Introduction(BriefingDirective):
    """``briefing-introduction``: what the briefing covers, generated from the metadata."""

    def run(self) -> list[nodes.Node]:
        """Render the opening paragraph."""
        ds, e = self.ds, self.ds.event
        labels = [self.link(perspective_label(p.id), p.label) for p in ds.perspectives]
        return [para(
            f"This briefing summarises the organiser's report of “{e.title}”, an event ({e.format.lower()}) held on "
            f"{e.date:%-d %B %Y} and hosted by {e.host}, with a focus on the {e.region}. It presents the report's "
            f"{len(ds.contributions)} contributions by {len(ds.speakers)} speakers in {len(ds.perspectives)} perspectives (",
            *joined(labels, "; "),
            f"), codes them against {len(ds.themes)} themes, and quotes the report's own words as evidence ",
            *self.cite(e.source_reference), ".",
        )]


class Downloads(BriefingDirective):
    """``briefing-downloads``: links to the data files, the dictionary, the licence and the zip."""

    def run(self) -> list[nodes.Node]:
        """Render the list of downloads (files written by the extension when the build finishes)."""
        link = lambda name: file_link(self.env.docname, f"{DOWNLOAD_DIR}/{name}", name)  # noqa: E731
        files = DATA_FILES + MADE_FILES
        p = self.ds.publication
        out = [
            para(strong("All data in one file: "), link(zip_name(self.ds)),
                 f" (licence {p.licence_text}; the organiser's report itself is not included or republished)."),
            bullets([para(link(name)) for name in files]),
        ]
        earlier = earlier_editions(self.ds)
        if earlier:
            out.append(para(strong("Data of earlier editions, as released: "), *joined([link(zip_name(self.ds, n)) for n in earlier]), "."))
        return out


def gap(field: str) -> nodes.inline:
    """Return a clearly marked gap for a field the publisher has not filled in yet."""
    text = f"[to be filled in by the publisher: {field} in data/publication.yml]"
    return nodes.inline(text, text, classes=["briefing-gap"])


class Imprint(BriefingDirective):
    """``briefing-imprint``: the imprint (Impressum) from the publication metadata, gaps marked."""

    def run(self) -> list[nodes.Node]:
        """Render the imprint as a table."""
        p = self.ds.publication
        value = lambda field: getattr(p, field) or gap(field)  # noqa: E731
        rows = [
            ["Publisher", p.publisher],
            ["Address", [value("publisher_address")]],
            ["Responsible for the content", [value("responsible_person")]],
            ["Contact", [self.contact()]],
            ["Edition", f"{p.edition}, {p.release_date:%-d %B %Y}"],
            ["Licences", f"Text and data: {p.licence_text}. Code: {p.licence_code}."],
        ]
        return [table("Imprint (Impressum)", ["", "Details"], rows)]

    def contact(self) -> nodes.Node:
        """Return the contact e-mail as a link, or a marked gap."""
        email = self.ds.publication.contact_email
        return nodes.reference(email, email, refuri=f"mailto:{email}") if email else gap("contact_email")


class Corrections(Imprint):
    """``briefing-corrections``: how a reader reports a correction."""

    def run(self) -> list[nodes.Node]:
        """Render where to report a correction."""
        p = self.ds.publication
        where = [nodes.reference(p.corrections_url, p.corrections_url, refuri=p.corrections_url)] if p.corrections_url else [self.contact()]
        return [para("Found an error, a misattribution or a broken link? Please report it, naming the page and, if you can, "
                     "the contribution's address (the part after # in the link): ", *where,
                     ". Corrections are made in the data, recorded in the changelog and published in the next edition.")]


class Hosting(Imprint):
    """``briefing-hosting``: who hosts the book, or a marked gap."""

    def run(self) -> list[nodes.Node]:
        """Render the hosting provider."""
        host = self.ds.publication.hosting_provider
        return [para("The book is hosted by ", host or gap("hosting_provider"), ". The host's servers record the technical "
                     "data every web request carries (address, time, page, browser) in their logs, under the host's own privacy terms.")]


class GermanAbstract(BriefingDirective):
    """``briefing-abstract-de``: the German abstract (Kurzfassung), marked as German."""

    def run(self) -> list[nodes.Node]:
        """Render the abstract in a container with lang="de"."""
        box = nodes.container(classes=["language-de", "briefing-abstract"])
        box += para(strong("Kurzfassung. "), self.ds.publication.abstract_de)
        return [box]


class Citation(BriefingDirective):
    """``briefing-citation``: ready references to the briefing and to a contribution."""

    def run(self) -> list[nodes.Node]:
        """Render the book reference and an example contribution reference."""
        ds = self.ds
        out = [para("Cite this edition of the briefing as:"), nodes.block_quote("", para(cite.book_reference(ds)))]
        if ds.contributions:
            example = ds.contributions[1] if len(ds.contributions) > 1 else ds.contributions[0]
            out += [
                para("Cite one contribution by naming the speaker, the event and this briefing, and link to the "
                     "contribution's own section. For example, for ", self.contribution_link(example), ":"),
                nodes.block_quote("", para(cite.contribution_reference(ds, example))),
            ]
        out.append(para("The contributions are summaries of the organiser's report, not the speakers' own words; "
                        "please say so when you quote them."))
        return out


DIRECTIVES: dict[str, type[BriefingDirective]] = {
    "briefing-perspective": PerspectiveDefinition,
    "briefing-perspectives": Perspectives,
    "briefing-contributions": Contributions,
    "briefing-perspective-findings": PerspectiveFindings,
    "briefing-theme-findings": ThemeFindings,
    "briefing-key-messages": KeyMessages,
    "briefing-running-order": RunningOrder,
    "briefing-event": EventFacts,
    "briefing-vocabulary": Vocabulary,
    "briefing-editorial-notes": EditorialNotes,
    "briefing-glossary": Glossary,
    "briefing-edition": Edition,
    "briefing-citation": Citation,
    "briefing-abstract-de": GermanAbstract,
    "briefing-downloads": Downloads,
    "briefing-imprint": Imprint,
    "briefing-corrections": Corrections,
    "briefing-hosting": Hosting,
    "briefing-introduction": Introduction,
}


def register(app: Sphinx) -> None:
    """Register every briefing directive with Sphinx."""
    for name, directive in DIRECTIVES.items():
        app.add_directive(name, directive)
