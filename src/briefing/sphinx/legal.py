"""The imprint and privacy pages' directives: the imprint, where to report corrections, the host."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from briefing.sphinx.base import BriefingDirective
from briefing.sphinx.docnodes import para, table


def gap(field: str) -> nodes.inline:
    """Return a clearly marked gap for a field the publisher has not filled in yet."""
    text = f"[to be filled in by the publisher: {field} in data/publication.yml]"
    return nodes.inline(text, text, classes=["briefing-gap"])


class Imprint(BriefingDirective):
    """``briefing-imprint``: the imprint (Impressum) from the publication metadata, gaps marked."""

    def run(self) -> list[nodes.Node]:
        """Render the imprint as a table."""
        p = self.ds.publication
        value = lambda field: getattr(p, field) or gap(field)
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
        where = (
            [nodes.reference(p.corrections_url, p.corrections_url, refuri=p.corrections_url)]
            if p.corrections_url
            else [self.contact()]
        )
        return [
            para(
                "Found an error, a misattribution or a broken link? Please report it, naming the page and, if you can, "
                "the contribution's address (the part after # in the link): ",
                *where,
                ". Corrections are made in the data, recorded in the changelog and published in the next edition.",
            )
        ]


class Hosting(Imprint):
    """``briefing-hosting``: who hosts the book, or a marked gap."""

    def run(self) -> list[nodes.Node]:
        """Render the hosting provider."""
        host = self.ds.publication.hosting_provider
        return [
            para(
                "The book is hosted by ",
                host or gap("hosting_provider"),
                ". The host's servers record the technical "
                "data every web request carries (address, time, page, browser) in their logs, "
                "under the host's own privacy terms.",
            )
        ]


def setup_legal(app: Sphinx) -> None:
    """Register this feature's directives."""
    app.add_directive("briefing-imprint", Imprint)
    app.add_directive("briefing-corrections", Corrections)
    app.add_directive("briefing-hosting", Hosting)
