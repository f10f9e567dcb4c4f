"""The briefing layer's sections: key messages, the report's questions, fields for the region, and outside context."""

from __future__ import annotations

from docutils import nodes

from briefing.analysis import fields, questions
from briefing.core.schema import ContextStatement, Contribution, Question
from briefing.i18n.messages import DEFAULT, _, count_words, language, ngettext, pgettext
from briefing.sections.docnodes import bullets, fill, joined, para, quote, section, source_mark, strong, table, target
from briefing.sections.page import Page, context_label, question_label


def key_messages(page: Page) -> list[nodes.Node]:
    """Return the numbered key messages: headline, supporting sentence, the speakers behind each (``briefing-key-messages``);
    a draft without any says so."""
    if not page.ds.key_messages:
        return [para(_("No key messages are written yet."))]
    items = []
    for m in page.ds.key_messages:
        backing = [page.ds.contribution[cid] for cid in m.contributions]
        people = questions.speakers(backing)
        items.append(
            [
                para(strong(m.headline), " ", source_mark("editors")),
                para(source_mark("report"), " ", m.support),
                para(
                    *fill(
                        ngettext(
                            "Behind it: {n} speaker of {total} ({contributions}). Themes: {themes}.",
                            "Behind it: {n} speakers of {total} ({contributions}). Themes: {themes}.",
                            len(people),
                        ),
                        n=count_words(len(people), one="person"),
                        total=count_words(len(page.ds.speakers)),
                        contributions=joined([_speaker_links(page, cs) for cs in questions.by_speaker(backing)]),
                        themes=joined([page.theme_link(t) for t in m.themes], "; "),
                    ),
                    classes=["briefing-meta"],
                ),
            ]
        )
    return [bullets(items, enumerated=True, classes=["briefing-key-messages"])]


def _speaker_links(page: Page, contributions: list[Contribution]) -> nodes.Node:
    """Return one speaker's link, or the speaker named once with a link to each of their contributions."""
    if len(contributions) == 1:
        return page.contribution_link(contributions[0])
    numbers = joined([page.link(c.id, str(c.order)) for c in contributions])
    named = fill(_("{speaker} (contributions {numbers})"), speaker=contributions[0].display_name, numbers=numbers)
    return nodes.inline("", "", *named)


def report_questions(page: Page) -> list[nodes.Node]:
    """Return one section per question of the report (``briefing-questions``)."""
    if not page.ds.questions:
        return [para(_("The report poses no questions of its own."))]
    return [_question(page, q) for q in page.ds.questions]


def _question(page: Page, q: Question) -> nodes.section:
    """Return one question: the report's words, the contributions that speak to it, our answer and what is open."""
    sec = section(
        page.document,
        question_label(q.id),
        _("Question {number}: “{question}”").format(number=q.order, question=q.question),
    )
    sec += _wording(page, q)
    who = [page.contribution_link(page.ds.contribution[cid]) for cid in q.contributions]
    sec += para(strong(_("Who speaks to it: ")), *(joined(who) if who else [_("no contribution in the report")]), ".")
    sec += para(source_mark("report"), " ", q.answer)
    sec += para(strong(_("What stays open: ")), q.open, " ", source_mark("editors"))
    sec += para(questions.question_reach(page.ds, q), classes=["briefing-meta"])
    return sec


def _wording(page: Page, q: Question) -> nodes.paragraph:
    """Say the question is the report's own words; in another language's edition, give those English words too."""
    source = page.cite(page.ds.event.source_reference)
    english = page.original(f"questions.csv|{q.id}|question")
    if language() == DEFAULT or not english:
        sentence = _("The question in the report's own words, from its opening paragraph {source}.")
        return para(*fill(sentence, source=source), classes=["briefing-meta"])
    sentence = _(
        "The question in the editors' translation; in the report's own words, from its opening paragraph {source}: {quotation}."
    )
    return para(*fill(sentence, source=source, quotation=quote(english)), classes=["briefing-meta"])


def crisis_silence(page: Page) -> list[nodes.Node]:
    """Return how many passages mention the crisis and whether the region's own actors do (``briefing-crisis-silence``);
    nothing for data without a crisis theme (another event's book)."""
    if not questions.crisis_themes(page.ds):
        return []
    return [para(strong(_("Where the report is silent. ")), " ".join(questions.crisis_silence(page.ds).sentences()))]


def region_fields(page: Page) -> list[nodes.Node]:
    """Return the table of fields and strengths speakers named for the region (``briefing-region-fields``)."""
    proposed = fields.proposed_fields(page.ds)
    if not proposed:
        return [
            para(_("No contribution is coded with a field theme placed in the {region}.").format(region=page.ds.event.region))
        ]
    rows = []
    for f in proposed:
        named = f.contributions(page.ds)
        rows.append(
            [
                [page.theme_link(f.theme.id)],
                joined([page.contribution_link(c) for c in named]),
                "; ".join(dict.fromkeys(page.ds.perspective[c.perspective].label for c in named)),
                joined([page.evidence(link) for link in f.links], " · "),
            ]
        )
    caption = _(
        "Fields and strengths speakers named in sentences the report places in the {region} "
        "(theme links of the category “{category}”; several may come from one phrase)"
    ).format(region=page.ds.event.region, category=pgettext("theme category", "field"))
    headers = [_("Field or strength"), _("Named by"), _("Perspective"), _("The report's words")]
    return [table(caption, headers, rows)]


def context(page: Page) -> list[nodes.Node]:
    """Return the facts from outside the report in a marked box, each with its citation (``briefing-context``)."""
    box = nodes.admonition(classes=["briefing-context"])
    title = _("Context from outside the report")
    box += nodes.title(title, title)
    box += para(
        source_mark("context"),
        " ",
        _(
            "Nothing in this box comes from the event report: each statement is ours, drawn from the works cited "
            "with it, and was checked against them."
        ),
        classes=["briefing-meta"],
    )
    if not page.ds.context:
        box += para(_("No context from outside the report is recorded."))
        return [box]
    box += bullets([_statement(page, c) for c in page.ds.context])
    return [box]


def _statement(page: Page, c: ContextStatement) -> list[nodes.Node]:
    """Return one statement with its anchor, citation and the themes it bears on."""
    out: list[nodes.Node] = [
        target(page.document, context_label(c.id)),
        para(strong(f"{c.topic}. "), c.statement, " ", *page.cite(*c.references)),
    ]
    if c.relates_to:
        out.append(
            para(
                *fill(_("Bears on: {themes}."), themes=joined([page.theme_link(t) for t in c.relates_to], "; ")),
                classes=["briefing-meta"],
            )
        )
    return out
