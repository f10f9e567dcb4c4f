"""The perspective chapters' sections: the definition, one section per contribution, the findings."""

from __future__ import annotations

from docutils import nodes

from briefing.analysis import findings
from briefing.core.schema import BASED_IN, BASED_IN_PHRASE, Contribution
from briefing.core.schema import based_in_label as schema_based_in_label
from briefing.core.slides import not_found_sentence, provenance_template
from briefing.i18n.messages import _, count_words, format_date, ngettext, pgettext
from briefing.publish import cite
from briefing.sections.docnodes import bullets, fill, para, quote, section, source_mark, strong, target, without_stop
from briefing.sections.page import Page, note_label, perspective_label, slides_label

#: The catalogue contexts of schema.BASED_IN's labels (schema.based_in_label translates them) and BASED_IN_PHRASE's
#: phrases (their German is in extension.po).
BASED_IN_CONTEXT = "based in"
BASED_IN_PHRASE_CONTEXT = "based in, after a count"


def based_in_label(c: Contribution, region: str | None = None) -> str:
    """Return where a contribution's speaker is based ('Ruhr'), in the page's language; for 'region' the event's region
    as given (``region``, event.yml's region as the edition reads it)."""
    return schema_based_in_label(c.based_in, region)


def based_in_phrase(key: str, region: str | None = None) -> str:
    """Return where speakers are based as it reads after a count ('in the Ruhr', 'in Lindholm'), in the page's language."""
    if key == "region":
        if not region:
            return pgettext("based in, after a count", "in the event's region")
        return pgettext(BASED_IN_PHRASE_CONTEXT, BASED_IN_PHRASE[key]).format(region=region)
    return pgettext(BASED_IN_PHRASE_CONTEXT, BASED_IN_PHRASE[key])


def based_in_place(c: Contribution, region: str | None = None) -> str:
    """Return where a contribution's speaker is based as its section's sentence says it ('Based outside Germany.').

    Not the label of tables and filters ('Outside Germany'): in running text the place follows 'Based' in English and
    'Tätigkeitsort:' in German, lowercase where it is no noun ('außerhalb Deutschlands'); so its own catalogue context.
    """
    places = {
        "eu-institution": pgettext("based in, in a sentence", "at an EU institution"),
        "outside-germany": pgettext("based in, in a sentence", "outside Germany"),
        "outside-country": pgettext("based in, in a sentence", "outside the country"),
        "germany-outside-ruhr": pgettext("based in, in a sentence", "in Germany outside the Ruhr"),
        "ruhr": pgettext("based in, in a sentence", "in the Ruhr"),
        "country-outside-region": pgettext("based in, in a sentence", "elsewhere in the country"),
        "unknown": pgettext("based in, in a sentence", "in a place not known"),
    }
    if c.based_in == "region":
        if not region:
            return pgettext("based in, in a sentence", "in the event's region")
        return pgettext("based in, in a sentence", "in {region}").format(region=region)
    return places[c.based_in]


def based_in_breakdown(members: list[Contribution], region: str | None = None) -> str:
    """Return where a group's speakers are based, after its count: ', by a speaker based at an EU institution' (one),
    ', all by speakers based in the Ruhr' (all alike), else '; of these, 4 by speakers based outside Germany, 2 by
    speakers based in the Ruhr' ('' if empty); ``region`` is the event's region, for speakers coded 'region'."""
    counts = {key: sum(c.based_in == key for c in members) for key in BASED_IN}
    places = [key for key, n in counts.items() if n]
    if len(places) == 1:
        place = based_in_phrase(places[0], region)
        if len(members) == 1:
            return _(", by a speaker based {place}").format(place=place)
        return _(", all by speakers based {place}").format(place=place)
    shown = [
        ngettext("{n} by a speaker based {place}", "{n} by speakers based {place}", n).format(
            n=count_words(n, one="pronoun masculine"), place=based_in_phrase(key, region)
        )
        for key, n in counts.items()
        if n
    ]
    return _("; of these, {counts}").format(counts=", ".join(shown)) if shown else ""


def contributions_in_brackets(members: list[Contribution], region: str | None = None) -> str:
    """Return a group's count and where its speakers are based, in brackets after its name: '(3 contributions, all by
    speakers based in the Ruhr)'; one contribution in one phrase, whose German needs no second clause ('(ein Beitrag
    einer bei einer EU-Institution tätigen Person)', not '(ein Beitrag, und zwar von einer Person, die … tätig ist)')."""
    n = len(members)
    if n == 1:
        place = based_in_phrase(members[0].based_in, region)
        return _("({n} contribution, by a speaker based {place})").format(
            n=count_words(n, one="nominative masculine"), place=place
        )
    return ngettext("({n} contribution{breakdown})", "({n} contributions{breakdown})", n).format(
        n=count_words(n, one="nominative masculine"), breakdown=based_in_breakdown(members, region)
    )


def perspective_definition(page: Page, perspective: str) -> list[nodes.Node]:
    """Return a perspective's definition with its anchor, and its size (``briefing-perspective``)."""
    p = page.ds.perspective[perspective]
    members = page.ds.contributions_in(p.id)
    size = ngettext(
        "This perspective has {n} contribution in the report{breakdown}.",
        "This perspective has {n} contributions in the report{breakdown}.",
        len(members),
    ).format(n=count_words(len(members), one="accusative masculine"), breakdown=based_in_breakdown(members, page.ds.event.region))
    return [target(page.document, perspective_label(p.id)), para(strong(f"{p.label}. "), p.definition, " ", size)]


def no_contributions() -> list[nodes.Node]:
    """Return that a perspective has no contribution (``briefing-contributions`` of an empty perspective)."""
    return [para(_("The report has no contribution in this perspective."))]


def contributions(page: Page, perspective: str) -> list[nodes.Node]:
    """Return one section per contribution of a perspective, in running order (``briefing-contributions``)."""
    members = page.ds.contributions_in(perspective)
    return [contribution_section(page, c) for c in members] if members else no_contributions()


def contribution_section(page: Page, c: Contribution) -> nodes.section:
    """Return one contribution's section: who, summary, grouping, themes with evidence, slides, citation, notes."""
    ds = page.ds
    sec = section(page.document, c.id, f"{c.display_name}: {c.topic}")
    sec["classes"].append("briefing-contribution")
    sec += page.index_entries(c)
    sec += para(
        _("{role}, {organisation}. Based {based_in}. Contribution {number} of {total} in the report's running order.").format(
            role=c.role,
            organisation=c.organisation,
            based_in=based_in_place(c, ds.event.region),
            number=c.order,
            total=len(ds.contributions),
        ),
        classes=["briefing-meta"],
    )
    sec += para(source_mark("report"), " ", c.summary)
    if c.perspective_rationale:
        sec += para(strong(_("Why in this perspective: ")), c.perspective_rationale)
    links = ds.links_of(c.id)
    if links:
        sec += para(strong(_("Themes, with the report's words as evidence:")))
        sec += bullets([para(page.theme_link(link.theme_id), ": ", page.evidence(link)) for link in links])
    else:
        sec += para(_("No theme is coded for this contribution."))
    sec += _slides(page, c)
    url = page.page_url(f"{page.docname}.html#{c.id}")
    sec += para(
        strong(_("Cite this contribution: ")),
        cite.contribution_reference(ds, c, url),
        classes=["briefing-meta", "briefing-contribution-cite"],
    )
    sec += page.reference_tools(c, url)
    for note in ds.notes_on(c.id):
        sentence = _("the report says {quotation}; probably right: {correction} ({details}).")
        details = page.link(note_label(note.id), _("details"))
        sec += para(
            strong(_("Editorial note: ")),
            *fill(sentence, quotation=quote(note.source_says), correction=without_stop(note.probably_right), details=details),
        )
    return sec


def _slides(page: Page, c: Contribution) -> list[nodes.Node]:
    """Return the layer 'What the slides add', marked as the speaker's slides: what a checked copy says and its quotations,
    or that none was found. The heading names what the layer holds, the mark its source: neither repeats the other."""
    found = page.ds.slides_of(c.id)
    if found is None:
        if not c.presentation_offered:
            return []
        return [para(_("The report offers the presentation for download; this briefing does not reproduce it."))]
    checked = format_date(found.checked)
    if found.status == "not-found":
        return [para(not_found_sentence(checked), classes=["briefing-meta"])]
    box = nodes.container(classes=["briefing-slides"])
    box += target(page.document, slides_label(c.id))
    box += para(strong(_("What the slides add")), " ", source_mark("slides"))
    box += para(found.summary or "")
    # A slide's words stay verbatim, as the report's do, with the editors' rendering after them in another edition.
    rendered = page.translated
    quotes = [
        para(quote(q.quote, rendered.get(f"slide_quotes.csv|{q.id}|quote")), " ", _("(slide {number})").format(number=q.slide))
        for q in page.ds.quotes_from_slides(c.id)
    ]
    if quotes:
        box += bullets(quotes)
    box += para(
        *fill(provenance_template(), source=page.cite(found.reference) if found.reference else [], date=checked),
        classes=["briefing-meta"],
    )
    return [box]


def perspective_findings(page: Page, perspective: str) -> list[nodes.Node]:
    """Return what a perspective's chapter showed, computed from the data (``briefing-perspective-findings``)."""
    return [bullets([para(s) for s in findings.perspective_findings(page.ds, perspective)])]
