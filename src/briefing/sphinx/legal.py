"""The imprint and privacy pages' directives: the imprint, where to report corrections, the host."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from briefing.i18n.messages import _, format_date
from briefing.publish import cite
from briefing.sections.docnodes import Cell, fill, para, table
from briefing.sphinx.base import BriefingDirective
from briefing.text.urls import link_target


def gap(field: str) -> nodes.inline:
    """Return a clearly marked gap for a field the publisher has not filled in yet."""
    text = _("[to be filled in by the publisher: {field} in data/publication.yml]").format(field=field)
    return nodes.inline(text, text, classes=["briefing-gap"])


def address_link(address: str) -> nodes.Node:
    """Return a web or e-mail address as a link; any other address (javascript:, data:) as inert text."""
    target = link_target(address)
    return nodes.reference(address, address, refuri=target) if target else nodes.Text(address)


class Imprint(BriefingDirective):
    """``briefing-imprint``: the imprint (Impressum) from the publication metadata, gaps marked."""

    def build(self) -> list[nodes.Node]:
        """Render the imprint as a table."""
        p, preview = self.ds.publication, self.ds.edition_state.preview
        value = lambda field: getattr(p, field) or gap(field)
        rows: list[list[Cell]] = [
            [_("Publisher"), p.publisher],
            [_("Address"), [value("publisher_address")]],
            [_("Responsible for the content"), [value("responsible_person")]],
            [_("Contact"), [self.contact()]],
            [_("Edition"), cite.edition_number(self.ds) if preview else f"{p.edition}, {format_date(p.release_date)}"],
            [
                _("Licences"),
                _("Text and data: {text}; code: {code}.").format(
                    text=cite.licence_name(p.licence_text), code=cite.licence_name(p.licence_code)
                ),
            ],
        ]
        return [table(_("Imprint (Impressum)"), ["", _("Details")], rows)]

    def contact(self) -> nodes.Node:
        """Return the contact e-mail as a link, or a marked gap."""
        email = self.ds.publication.contact_email
        return address_link(email) if email else gap("contact_email")


class Corrections(Imprint):
    """``briefing-corrections``: how a reader reports a correction."""

    def build(self) -> list[nodes.Node]:
        """Render where to report a correction."""
        p = self.ds.publication
        where = [address_link(p.corrections_url) if p.corrections_url else self.contact()]
        sentence = _(
            "Found an error, a misattribution or a broken link? Please report it, naming the page and, if you can, "
            "the contribution's address (the part after # in the link): {where}. Corrections are made in the data, "
            "recorded in the changelog and published in the next edition."
        )
        return [para(*fill(sentence, where=where))]


class Hosting(Imprint):
    """``briefing-hosting``: who hosts the book, or a marked gap."""

    def build(self) -> list[nodes.Node]:
        """Render the hosting provider."""
        host = self.ds.publication.hosting_provider
        sentence = _(
            "The book is hosted by {host}. The host's servers record the technical data every web request carries "
            "(address, time, page, browser) in their logs, under the host's own privacy terms."
        )
        return [para(*fill(sentence, host=host or gap("hosting_provider")))]


def setup_legal(app: Sphinx) -> None:
    """Register this feature's directives."""
    app.add_directive("briefing-imprint", Imprint)
    app.add_directive("briefing-corrections", Corrections)
    app.add_directive("briefing-hosting", Hosting)
