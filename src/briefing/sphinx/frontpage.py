"""The front page's directives: the introduction and the German abstract (the key messages are in briefing_layer)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from briefing.sphinx.base import BriefingDirective, perspective_label
from briefing.sphinx.docnodes import joined, para, strong


class Introduction(BriefingDirective):
    """``briefing-introduction``: what the briefing covers, generated from the metadata."""

    def run(self) -> list[nodes.Node]:
        """Render the opening paragraph."""
        ds, e = self.ds, self.ds.event
        labels = [self.link(perspective_label(p.id), p.label) for p in ds.perspectives]
        return [
            para(
                f"This briefing summarises the organiser's report of “{e.title}” "
                f"(a descriptive title: the report has no title line), an event ({e.format.lower()}) held on "
                f"{e.date:%-d %B %Y} and hosted by {e.host}, with a focus on the {e.region}. It presents the report's "
                f"{len(ds.contributions)} contributions by {len(ds.speakers)} speakers in {len(ds.perspectives)} perspectives (",
                *joined(labels, "; "),
                f"), codes them against {len(ds.themes)} themes, and quotes the report's own words as evidence ",
                *self.cite(e.source_reference),
                ".",
            )
        ]


class GermanAbstract(BriefingDirective):
    """``briefing-abstract-de``: the German abstract (Kurzfassung), marked as German."""

    def run(self) -> list[nodes.Node]:
        """Render the abstract in a container with lang="de"."""
        box = nodes.container(classes=["language-de", "briefing-abstract"])
        box += para(strong("Kurzfassung. "), self.ds.publication.abstract_de)
        return [box]


def setup_frontpage(app: Sphinx) -> None:
    """Register this feature's directives."""
    app.add_directive("briefing-abstract-de", GermanAbstract)
    app.add_directive("briefing-introduction", Introduction)
