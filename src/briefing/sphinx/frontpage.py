"""The front page's directives: the introduction and the German abstract (the key messages are in briefing_layer)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from briefing.i18n.messages import _, count_words, format_date, language
from briefing.publish.cite import label_in_sentence
from briefing.sections.docnodes import fill, joined, para, strong
from briefing.sections.page import perspective_label
from briefing.sphinx.base import BriefingDirective, descriptive_title


class Introduction(BriefingDirective):
    """``briefing-introduction``: what the briefing covers, generated from the metadata."""

    def build(self) -> list[nodes.Node]:
        """Render the opening paragraph."""
        ds, e = self.ds, self.ds.event
        labels = [self.page.link(perspective_label(p.id), p.label) for p in ds.perspectives]
        sentence = (
            _(
                "This briefing summarises the organiser's report of “{title}” (a descriptive title: the report has no title "
                "line), an event ({format}) held on {date} and hosted by {host}, with a focus on the {region}. It presents "
                "the report's {contributions} contributions by {speakers} speakers in {count} perspectives ({perspectives}), "
                "codes them against {themes} themes, and quotes the report's own words as evidence {source}."
            )
            if descriptive_title(ds)
            else _(
                "This briefing summarises the organiser's report of “{title}”, an event ({format}) held on {date} and hosted "
                "by {host}, with a focus on the {region}. It presents the report's {contributions} contributions by "
                "{speakers} speakers in {count} perspectives ({perspectives}), codes them against {themes} themes, and "
                "quotes the report's own words as evidence {source}."
            )
        )
        values = {
            "title": e.title,
            "format": label_in_sentence(e.format),
            "date": format_date(e.date),
            "host": e.host,
            "region": e.region,
            "contributions": str(len(ds.contributions)),
            "speakers": str(len(ds.speakers)),
            "count": count_words(len(ds.perspectives)),
            "perspectives": joined(labels, "; "),
            "themes": str(len(ds.themes)),
            "source": self.page.cite(e.source_reference),
        }
        return [para(*fill(sentence, **values))]


class GermanAbstract(BriefingDirective):
    """``briefing-abstract-de``: the German abstract (Kurzfassung), marked as German."""

    def build(self) -> list[nodes.Node]:
        """Render the abstract in a container with lang="de", announced in the page's language on another edition's page."""
        box = nodes.container(classes=[*(["language-de"] if language() != "de" else []), "briefing-abstract"])
        box += para(strong("Kurzfassung. "), self.ds.publication.abstract_de)
        if language() == "de":
            return [box]
        lead_in = _("A summary of this briefing in German, for readers in the region:")
        return [para(lead_in, classes=["briefing-meta", "briefing-abstract-lead"]), box]


def setup_frontpage(app: Sphinx) -> None:
    """Register this feature's directives."""
    app.add_directive("briefing-abstract-de", GermanAbstract)
    app.add_directive("briefing-introduction", Introduction)
