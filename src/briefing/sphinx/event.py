"""The event page's directives: the event's facts, the running order and the list of perspectives."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from briefing.parts import Part, all_parts
from briefing.sphinx.base import BriefingDirective, perspective_label
from briefing.sphinx.docnodes import bullets, para, table
from briefing.sphinx.perspectives import based_in_breakdown


class Perspectives(BriefingDirective):
    """``briefing-perspectives``: every perspective with its definition and a link to its chapter."""

    def run(self) -> list[nodes.Node]:
        """Render the perspectives as a list."""
        items = []
        for p in self.ds.perspectives:
            members = self.ds.contributions_in(p.id)
            n = len(members)
            items.append(
                para(
                    self.link(perspective_label(p.id), p.label),
                    f" ({n} contribution{'s' if n != 1 else ''}{based_in_breakdown(members)}): ",
                    p.definition,
                )
            )
        return [bullets(items)]


class RunningOrder(BriefingDirective):
    """``briefing-running-order``: the contributions in the report's order, as a table."""

    def run(self) -> list[nodes.Node]:
        """Render the running-order table (at scale, the table of the pages that hold the contributions in that order)."""
        ds = self.ds
        parts = all_parts(ds, self.config.briefing_contributions_per_page)
        if parts:
            return self._parts_table(parts)
        rows = [
            [
                str(c.order),
                [self.contribution_link(c)],
                f"{c.role}, {c.organisation}",
                c.based_in_label,
                [self.link(perspective_label(c.perspective), ds.perspective[c.perspective].label)],
                "yes" if c.presentation_offered else "no",
            ]
            for c in ds.contributions
        ]
        headers = ["No.", "Speaker", "Role and organisation", "Based in", "Perspective", "Presentation offered"]
        return [table("Contributions in the order the report lists them", headers, rows)]

    def _parts_table(self, parts: list[Part]) -> list[nodes.Node]:
        """Render where each perspective's contributions are, page by page, in running order."""
        ds = self.ds
        rows = [
            [
                [self.link(perspective_label(part.perspective), ds.perspective[part.perspective].label)],
                [self.link(part.label, f"Part {part.number} of {part.count}")],
                f"{part.members[0].order:,}–{part.members[-1].order:,}",
                part.span,
            ]
            for part in parts
        ]
        headers = ["Perspective", "Page", "Running order", "Contributions"]
        return [
            para(
                f"The report lists {len(ds.contributions):,} contributions, too many for one table: each perspective's "
                "contributions are on pages of their own, in the report's running order (the data downloads list them all)."
            ),
            table("Where the contributions are, in the report's running order", headers, rows),
        ]


class EventFacts(BriefingDirective):
    """``briefing-event``: the event's facts and this edition, from the metadata."""

    def run(self) -> list[nodes.Node]:
        """Render the event facts as a table."""
        ds, e = self.ds, self.ds.event
        presentations = sum(c.presentation_offered for c in ds.contributions)
        rows = [
            ["Event", f"{e.title} (a descriptive title: the report has no title line)"],
            ["Date", f"{e.date:%-d %B %Y}"],
            ["Format", e.format],
            ["Host", e.host],
            ["Region", e.region],
            ["Contributions", f"{len(ds.contributions)} by {len(ds.speakers)} speakers, in {len(ds.perspectives)} perspectives"],
            ["Presentations offered for download", f"{presentations} of {len(ds.contributions)}"],
            ["Source", [nodes.Text(f"{e.source_author}: {e.source_title} "), *self.cite(e.source_reference)]],
            [
                "This briefing",
                f"{ds.publication.title}, edition {ds.publication.edition}, {ds.publication.release_date:%-d %B %Y}",
            ],
        ]
        return [table("The event and this briefing at a glance", ["", "Details"], rows)]


def setup_event(app: Sphinx) -> None:
    """Register this feature's directives."""
    app.add_directive("briefing-perspectives", Perspectives)
    app.add_directive("briefing-running-order", RunningOrder)
    app.add_directive("briefing-event", EventFacts)
