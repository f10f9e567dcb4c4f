"""The event page's directives: the event's facts, the running order and the list of perspectives."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from briefing.i18n.messages import _, count_words, format_date, format_number, pgettext
from briefing.publish import cite
from briefing.publish.parts import Part, all_parts
from briefing.sections.docnodes import Cell, bullets, para, table
from briefing.sections.page import perspective_label
from briefing.sections.perspectives import based_in_label, contributions_in_brackets
from briefing.sphinx.base import BriefingDirective, descriptive_title
from briefing.sphinx.perspectives import part_span


class Perspectives(BriefingDirective):
    """``briefing-perspectives``: every perspective with its definition and a link to its chapter."""

    def build(self) -> list[nodes.Node]:
        """Render the perspectives as a list."""
        items = []
        for p in self.ds.perspectives:
            members = self.ds.contributions_in(p.id)
            items.append(
                para(
                    self.page.link(perspective_label(p.id), p.label),
                    " ",
                    contributions_in_brackets(members, self.ds.event.region),
                    ": ",
                    p.definition,
                )
            )
        return [bullets(items)]


class RunningOrder(BriefingDirective):
    """``briefing-running-order``: the contributions in the report's order, as a table."""

    def build(self) -> list[nodes.Node]:
        """Render the running-order table (at scale, the table of the pages that hold the contributions in that order)."""
        ds = self.ds
        parts = all_parts(ds, self.config.briefing_contributions_per_page)
        if parts:
            return self._parts_table(parts)
        rows = [
            [
                str(c.order),
                [self.page.contribution_link(c)],
                f"{c.role}, {c.organisation}",
                based_in_label(c, ds.event.region),
                [self.page.link(perspective_label(c.perspective), ds.perspective[c.perspective].label)],
                _("yes") if c.presentation_offered else _("no"),
            ]
            for c in ds.contributions
        ]
        headers = [
            pgettext("number in the running order", "No."),
            _("Speaker"),
            _("Role and organisation"),
            _("Based in"),
            _("Perspective"),
            _("Presentation offered"),
        ]
        return [table(_("Contributions in the order the report lists them"), headers, rows)]

    def _parts_table(self, parts: list[Part]) -> list[nodes.Node]:
        """Render where each perspective's contributions are, page by page, in running order."""
        ds = self.ds
        rows = [
            [
                [self.page.link(perspective_label(part.perspective), ds.perspective[part.perspective].label)],
                [self.page.link(part.label, _("Part {number} of {count}").format(number=part.number, count=part.count))],
                f"{format_number(part.members[0].order)}–{format_number(part.members[-1].order)}",
                part_span(part),
            ]
            for part in parts
        ]
        headers = [_("Perspective"), _("Page"), _("Running order"), _("Contributions")]
        return [
            para(
                _(
                    "The report lists {n} contributions, too many for one table: each perspective's contributions are "
                    "on pages of their own, in the report's running order (the data downloads list them all)."
                ).format(n=format_number(len(ds.contributions)))
            ),
            table(_("Where the contributions are, in the report's running order"), headers, rows),
        ]


class EventFacts(BriefingDirective):
    """``briefing-event``: the event's facts and this edition, from the metadata."""

    def build(self) -> list[nodes.Node]:
        """Render the event facts as a table."""
        ds, e = self.ds, self.ds.event
        presentations = sum(c.presentation_offered for c in ds.contributions)
        p, n = ds.publication, len(ds.contributions)
        rows: list[list[Cell]] = [
            [
                _("Event"),
                _("{title} (a descriptive title: the report has no title line)").format(title=e.title)
                if descriptive_title(ds)
                else e.title,
            ],
            [_("Date"), format_date(e.date)],
            [_("Format"), e.format],
            [_("Host"), e.host],
            [_("Region"), e.region],
            [
                _("Contributions"),
                _("{n} by {speakers} speakers, in {perspectives} perspectives").format(
                    n=n, speakers=len(ds.speakers), perspectives=count_words(len(ds.perspectives))
                ),
            ],
            [_("Presentations offered for download"), _("{n} of {total}").format(n=presentations, total=n)],
            [_("Source"), [f"{e.source_author}: ", self.page.report_title(), " ", *self.page.cite(e.source_reference)]],
            [
                _("This briefing"),
                _("{title}, {edition}").format(title=p.title, edition=cite.edition_phrase(ds))
                if ds.edition_state.preview
                else _("{title}, edition {edition}, {date}").format(
                    title=p.title, edition=p.edition, date=format_date(p.release_date)
                ),
            ],
        ]
        return [table(_("The event and this briefing at a glance"), ["", _("Details")], rows)]


def setup_event(app: Sphinx) -> None:
    """Register this feature's directives."""
    app.add_directive("briefing-perspectives", Perspectives)
    app.add_directive("briefing-running-order", RunningOrder)
    app.add_directive("briefing-event", EventFacts)
