"""The themes page's sections: the vocabulary of themes and the findings of the theme tables."""

from __future__ import annotations

from docutils import nodes

from briefing.analysis import findings, themes
from briefing.core.model import Dataset
from briefing.i18n.messages import _, count_words, format_number, listing, ngettext, pgettext
from briefing.sections.docnodes import bullets, fill, joined, para, target
from briefing.sections.page import Page, theme_label

#: The vocabulary names at most this many contributions per theme.
VOCABULARY_NAMES = 10


def theme_findings(page: Page) -> list[nodes.Node]:
    """Return what the theme tables show, computed from the data (``briefing-theme-findings``)."""
    return [bullets([para(s) for s in findings.theme_findings(page.ds)])]


def _regrouping(ds: Dataset, before: list[str], after: list[str]) -> list[str]:
    """Return where a theme would stand if speakers based in the region counted as its voices (Ruhr-based speakers as
    Ruhr voices, in this book), when that differs."""
    if before == after:
        return []
    quoted = [pgettext("a name in quotation marks", "“{name}”").format(name=ds.perspective[p].label) for p in after]
    if ds.neutral_region:  # data that code the region as 'region' (another book): the event's region, never the Ruhr
        sentence = (
            _(
                " If the speakers based in {region} who are grouped elsewhere were counted as voices of {region}: raised "
                "in {perspectives} only."
            )
            if len(after) == 1
            else _(
                " If the speakers based in {region} who are grouped elsewhere were counted as voices of {region}: raised "
                "in {perspectives}."
            )
        )
        return [sentence.format(perspectives=listing(quoted), region=ds.event.region)]
    sentence = (
        _(" If the Ruhr-based speakers grouped elsewhere were counted as Ruhr voices: raised in {perspectives} only.")
        if len(after) == 1
        else _(" If the Ruhr-based speakers grouped elsewhere were counted as Ruhr voices: raised in {perspectives}.")
    )
    return [sentence.format(perspectives=listing(quoted))]


def vocabulary(page: Page) -> list[nodes.Node]:
    """Return the themes with their definitions and who raised them, each with an anchor (``briefing-vocabulary``)."""
    ds = page.ds
    dl = nodes.definition_list()
    reach = themes.perspectives_per_theme(ds)
    regrouped = themes.perspectives_per_theme_regrouped(ds)
    for t in ds.themes:
        item = nodes.definition_list_item()
        term = nodes.term(t.label, t.label)
        term += target(page.document, theme_label(t.id))
        # A merged or renamed theme's old address (published by an earlier edition) leads here too.
        for former in t.former_ids:
            term += target(page.document, theme_label(former))
        item += term
        raised_by = [c for c in ds.contributions if any(link.theme_id == t.id for link in ds.links_of(c.id))]
        body = nodes.definition()
        origin = _("Outside context; source: ")
        source = [" ", nodes.emphasis(origin, origin), *page.cite(*t.references)] if t.references else []
        body += para(t.definition, *source)
        # Named up to a limit, so the page stays light with thousands of contributions; the tables list them all.
        who = (
            joined([page.contribution_link(c) for c in raised_by[:VOCABULARY_NAMES]])
            if raised_by
            else [nodes.Text(_("no contribution"))]
        )
        more = (
            _(" and {n} more (see the table of theme links)").format(n=format_number(len(raised_by) - VOCABULARY_NAMES))
            if len(raised_by) > VOCABULARY_NAMES
            else ""
        )
        body += para(
            *fill(
                ngettext(
                    "Raised in {n} perspective, by: {who}{more}.",
                    "Raised in {n} perspectives, by: {who}{more}.",
                    len(reach[t.id]),
                ),
                n=count_words(len(reach[t.id]), one="dative feminine"),
                who=who,
                more=more,
            ),
            *_regrouping(ds, list(reach[t.id]), regrouped[t.id]),
            classes=["briefing-meta"],
        )
        item += body
        dl += item
    return [dl]
