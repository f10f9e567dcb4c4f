"""The brief's directives: the bottom line, what is open now, the options (the editors' judgement) and the comparison
of the 2020 statements with the later strategies' fields. Every statement shows the kinds of source it rests on."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from briefing.analysis.fields import comparison_caption, event_terms, field_names, strategies
from briefing.core.evidence import EvidenceItem, by_kind, evidence_items, search_date
from briefing.core.schema import BriefPoint, PolicyOption, StrategyField
from briefing.i18n.messages import _, format_date, language, pgettext
from briefing.sphinx.base import BriefingDirective
from briefing.sphinx.briefing_layer import context_label
from briefing.sphinx.docnodes import bullets, joined, lang, para, source_mark, strong, target


def option_label(option_id: str) -> str:
    """Return the label of an option's entry in the brief."""
    return f"option-{option_id}"


def slides_label(contribution_id: str) -> str:
    """Return the label of the slides layer in a contribution's section."""
    return f"{contribution_id}-slides"


class BriefDirective(BriefingDirective):
    """Base: a statement's evidence as links, grouped under the kind of source each rests on."""

    def evidence_line(self, evidence: list[str]) -> nodes.paragraph:
        """Return 'Rests on:' with, for each kind of source, its label and the links to the evidence of that kind."""
        out: list[nodes.Node | str] = [strong(_("Rests on: "))]
        for number, (kind, items) in enumerate(by_kind(evidence).items()):
            if number:
                out.append("; ")
            out += [source_mark(kind), " "]
            out += joined([x for item in items for x in self.item(item)])
        out.append(".")
        return para(*out, classes=["briefing-meta", "briefing-evidence-line"])

    def item(self, item: EvidenceItem) -> list[nodes.Node]:
        """Return one evidence item as a link to where the book shows it (or a citation of an outside work)."""
        ds = self.ds
        if item.prefix == "report":
            if item.key == "event":
                return [nodes.inline("", _("the report as a whole")), nodes.Text(" "), *self.cite(ds.event.source_reference)]
            return [self.contribution_link(ds.contribution[item.key])]
        if item.prefix == "slides":
            c = ds.contribution[item.key]
            return [self.link(slides_label(c.id), _("{speaker}'s slides").format(speaker=c.display_name))]
        if item.prefix == "context":
            statement = next(s for s in ds.context if s.id == item.key)
            return [self.link(context_label(statement.id), statement.topic)]
        if item.prefix == "editors":
            day = search_date(item.key)
            searched = _("the editors' search of public sources on {date}").format(date=format_date(day) if day else "")
            return [nodes.inline(searched, searched)]
        if item.prefix == "field":
            field = next(f for f in ds.strategy_fields if f.id == item.key)
            name = field.label_de if language() == "de" else field.label
            return [nodes.inline(name, name), nodes.Text(" "), *self.cite(*field.references)]
        return self.cite(item.key)


class BottomLine(BriefDirective):
    """``briefing-bottom-line``: the brief's first paragraph, with what it rests on."""

    def run(self) -> list[nodes.Node]:
        """Render the bottom line, or say that the data give none."""
        points = [p for p in self.ds.brief if p.section == "bottom-line"]
        if not points:
            return [para(_("The data give no bottom line yet."))]
        return [node for p in points for node in self.point(p)]

    def point(self, p: BriefPoint) -> list[nodes.Node]:
        """Return one paragraph of the brief and its evidence line."""
        return [target(self.state.document, f"brief-{p.id}"), para(p.text), self.evidence_line(p.evidence)]


class WhatIsOpen(BottomLine):
    """``briefing-what-is-open``: what is open now, point by point, each with what it rests on."""

    def run(self) -> list[nodes.Node]:
        """Render the open points as a list."""
        points = [p for p in self.ds.brief if p.section == "what-is-open"]
        if not points:
            return [para(_("The data record no open points."))]
        return [bullets([self.point(p) for p in points], classes=["briefing-open-points"])]


class Options(BriefDirective):
    """``briefing-options``: the options, each marked as the editors' judgement, with its evidence and its limits."""

    def run(self) -> list[nodes.Node]:
        """Render the options in a box kept apart from what the report says."""
        box = nodes.container(classes=["briefing-options"])
        box += para(
            source_mark("editors"),
            " ",
            _(
                "The options below are the editors' judgement, not the report's or the speakers': each says what it "
                "rests on and where its evidence stops."
            ),
            classes=["briefing-meta"],
        )
        if not self.ds.options:
            box += para(_("The data record no options."))
            return [box]
        box += bullets([self.option(o) for o in self.ds.options], enumerated=True)
        return [box]

    def option(self, o: PolicyOption) -> list[nodes.Node]:
        """Return one option: headline, what it is, its evidence and its limits."""
        return [
            target(self.state.document, option_label(o.id)),
            para(strong(o.headline), " ", source_mark("editors")),
            para(o.text),
            self.evidence_line(o.evidence),
            para(strong(_("Limits: ")), o.limits, classes=["briefing-limits"]),
        ]


class FieldComparisonTable(BriefDirective):
    """``briefing-strategy-comparison``: the 2020 statements lined up with each later strategy's fields, each part sourced.

    One entry per line (not a table of four narrow columns): it reads the same on a phone, a desktop and paper.
    """

    def run(self) -> list[nodes.Node]:
        """Render what was said in 2020, the field of each later strategy and the editors' note, line by line."""
        ds = self.ds
        kept = strategies(ds)
        if not ds.field_comparison or not kept:
            return [para(_("No comparison with later strategies is recorded."))]
        topics = {c.id: c.topic for c in ds.context}
        region, year = event_terms(ds)
        said_label = _("Said in the {region} in {year}").format(region=region, year=year)
        fields = {f.id: f for f in ds.strategy_fields}
        entries = []
        for line in ds.field_comparison:
            said: list[nodes.Node | str] = ["—"]
            if line.statement:
                links = joined([x for item in evidence_items(line.evidence) for x in self.item(item)])
                said = [line.statement, " ", source_mark("report"), " ", *links]
            entry = [target(self.state.document, f"comparison-{line.id}"), para(strong(f"{said_label}: "), *said)]
            for strategy in kept:
                chosen = [fields[f] for f in line.fields if fields[f].context == strategy]
                cell = [x for f in chosen for x in self.field_cell(f)] or ["—"]
                entry.append(para(strong(f"{topics[strategy]}: "), *cell))
            entry.append(
                para(
                    strong(pgettext("comparison", "Why lined up") + ": "),
                    line.note,
                    " ",
                    source_mark("editors"),
                    classes=["briefing-meta"],
                )
            )
            entries.append(entry)
        caption = comparison_caption(ds)
        box = nodes.container(classes=["briefing-comparison"])
        box += para(strong(caption))
        box += bullets(entries)
        return [box]

    def field_cell(self, field: StrategyField) -> list[nodes.Node | str]:
        """Return a field's name in the page's language (the sources' name in brackets where theirs is another), cited."""
        name, original = field_names(field)
        out: list[nodes.Node | str] = [name]
        if original:
            out += [" (", _("editors' translation; in the sources: "), lang(original, field.named_in), ")"]
        return [*out, " ", *self.cite(*field.references), " ", source_mark("context")]


def setup_brief(app: Sphinx) -> None:
    """Register this feature's directives."""
    app.add_directive("briefing-bottom-line", BottomLine)
    app.add_directive("briefing-what-is-open", WhatIsOpen)
    app.add_directive("briefing-options", Options)
    app.add_directive("briefing-strategy-comparison", FieldComparisonTable)
