"""The brief's directives: the bottom line, what is open now, the options (the editors' judgement) and the comparison
of the 2020 statements with the later strategies' fields. Every statement shows the kinds of source it rests on."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from briefing.core.evidence import EvidenceItem, by_kind
from briefing.core.schema import BriefPoint, PolicyOption
from briefing.i18n.messages import _
from briefing.sections.brief import evidence_item, merged_searches, searches_item, strategy_comparison
from briefing.sections.docnodes import bullets, joined, para, source_mark, strong, target
from briefing.sphinx.base import BriefingDirective


def option_label(option_id: str) -> str:
    """Return the label of an option's entry in the brief."""
    return f"option-{option_id}"


class BriefDirective(BriefingDirective):
    """Base: a statement's evidence as links, grouped under the kind of source each rests on."""

    def evidence_line(self, evidence: list[str]) -> nodes.paragraph:
        """Return 'Rests on:' with, for each kind of source, its label and the links to the evidence of that kind."""
        out: list[nodes.Node | str] = [strong(_("Rests on: "))]
        for number, (kind, items) in enumerate(by_kind(evidence).items()):
            if number:
                out.append("; ")
            out += [source_mark(kind), " "]
            # One inline per item, so an item of several nodes (text and its citation) is not split by separators; the
            # editors' record of their searches is cited once, after the line's last search.
            # The searches of several days are one item ('on 6 and 7 December 2026').
            merged = merged_searches(items)
            last = len(merged) - 1
            out += joined([nodes.inline("", "", *self._item(item, n == last)) for n, item in enumerate(merged)])
        out.append(".")
        return para(*out, classes=["briefing-meta", "briefing-evidence-line"])

    def _item(self, item: EvidenceItem | list[EvidenceItem], cite_record: bool) -> list[nodes.Node]:
        """Return one evidence item, or the editors' searches of several days as one."""
        if isinstance(item, list):
            return searches_item(self.page, item, cite_record)
        return evidence_item(self.page, item, cite_record)


class BottomLine(BriefDirective):
    """``briefing-bottom-line``: the brief's first paragraph, with what it rests on."""

    def build(self) -> list[nodes.Node]:
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

    def build(self) -> list[nodes.Node]:
        """Render the open points as a list."""
        points = [p for p in self.ds.brief if p.section == "what-is-open"]
        if not points:
            return [para(_("The data record no open points."))]
        return [bullets([self.point(p) for p in points], classes=["briefing-open-points"])]


class Options(BriefDirective):
    """``briefing-options``: the options, each marked as the editors' judgement, with its evidence and its limits."""

    def build(self) -> list[nodes.Node]:
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
    """``briefing-strategy-comparison``: the 2020 statements lined up with each later strategy's fields, each part sourced."""

    def build(self) -> list[nodes.Node]:
        """Render what was said in 2020, the field of each later strategy and the editors' note, line by line."""
        return strategy_comparison(self.page)


def setup_brief(app: Sphinx) -> None:
    """Register this feature's directives."""
    app.add_directive("briefing-bottom-line", BottomLine)
    app.add_directive("briefing-what-is-open", WhatIsOpen)
    app.add_directive("briefing-options", Options)
    app.add_directive("briefing-strategy-comparison", FieldComparisonTable)
