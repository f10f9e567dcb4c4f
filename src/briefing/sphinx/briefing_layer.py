"""The briefing layer's directives: key messages, the report's questions, fields for the region, and outside context."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from briefing.analysis import fields, questions
from briefing.core.schema import ContextStatement, Contribution, Question
from briefing.i18n.messages import DEFAULT, _, count_words, language, ngettext, pgettext
from briefing.sphinx.base import BriefingDirective
from briefing.sphinx.data import original_text
from briefing.sphinx.docnodes import bullets, fill, joined, para, quote, section, source_mark, strong, table, target


def question_label(question_id: str) -> str:
    """Return the label of a question's section."""
    return f"question-{question_id}"


def context_label(statement_id: str) -> str:
    """Return the label of a context statement."""
    return f"context-{statement_id}"


class KeyMessages(BriefingDirective):
    """``briefing-key-messages``: each message as a bold headline, one supporting sentence and the speakers behind it."""

    def run(self) -> list[nodes.Node]:
        """Render the numbered key messages."""
        items = []
        for m in self.ds.key_messages:
            backing = [self.ds.contribution[cid] for cid in m.contributions]
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
                            total=count_words(len(self.ds.speakers)),
                            contributions=joined([self._speaker_links(cs) for cs in questions.by_speaker(backing)]),
                            themes=joined([self.theme_link(t) for t in m.themes], "; "),
                        ),
                        classes=["briefing-meta"],
                    ),
                ]
            )
        return [bullets(items, enumerated=True, classes=["briefing-key-messages"])]

    def _speaker_links(self, contributions: list[Contribution]) -> nodes.Node:
        """Return one speaker's link, or the speaker named once with a link to each of their contributions."""
        if len(contributions) == 1:
            return self.contribution_link(contributions[0])
        numbers = joined([self.link(c.id, str(c.order)) for c in contributions])
        named = fill(_("{speaker} (contributions {numbers})"), speaker=contributions[0].display_name, numbers=numbers)
        return nodes.inline("", "", *named)


class Questions(BriefingDirective):
    """``briefing-questions``: the report's opening questions, verbatim, with who speaks to them and what stays open."""

    def run(self) -> list[nodes.Node]:
        """Render one section per question."""
        if not self.ds.questions:
            return [para(_("The report poses no questions of its own."))]
        return [self._question(q) for q in self.ds.questions]

    def _question(self, q: Question) -> nodes.section:
        """Render one question: the report's words, the contributions that speak to it, our answer and what is open."""
        sec = section(
            self.state.document,
            question_label(q.id),
            _("Question {number}: “{question}”").format(number=q.order, question=q.question),
        )
        sec += self._wording(q)
        who = [self.contribution_link(self.ds.contribution[cid]) for cid in q.contributions]
        sec += para(strong(_("Who speaks to it: ")), *(joined(who) if who else [_("no contribution in the report")]), ".")
        sec += para(source_mark("report"), " ", q.answer)
        sec += para(strong(_("What stays open: ")), q.open, " ", source_mark("editors"))
        sec += para(questions.question_reach(self.ds, q), classes=["briefing-meta"])
        return sec

    def _wording(self, q: Question) -> nodes.paragraph:
        """Say the question is the report's own words; in another language's edition, give those English words too."""
        source = self.cite(self.ds.event.source_reference)
        english = original_text(self.env, f"questions.csv|{q.id}|question")
        if language() == DEFAULT or not english:
            sentence = _("The question in the report's own words, from its opening paragraph {source}.")
            return para(*fill(sentence, source=source), classes=["briefing-meta"])
        sentence = _(
            "The question in the editors' translation; in the report's own words, "
            "from its opening paragraph {source}: {quotation}."
        )
        return para(*fill(sentence, source=source, quotation=quote(english)), classes=["briefing-meta"])


class CrisisSilence(BriefingDirective):
    """``briefing-crisis-silence``: how many passages mention the crisis, and whether the region's own actors do."""

    def run(self) -> list[nodes.Node]:
        """Render the computed finding as a paragraph."""
        return [para(strong(_("Where the report is silent. ")), " ".join(questions.crisis_silence(self.ds).sentences()))]


class RegionFields(BriefingDirective):
    """``briefing-region-fields``: the fields and strengths speakers named for the region, from the theme links."""

    def run(self) -> list[nodes.Node]:
        """Render a table: field, who named it, perspective, and the report's words."""
        proposed = fields.proposed_fields(self.ds)
        if not proposed:
            return [
                para(_("No contribution is coded with a field theme placed in the {region}.").format(region=self.ds.event.region))
            ]
        rows = []
        for f in proposed:
            named = f.contributions(self.ds)
            rows.append(
                [
                    [self.theme_link(f.theme.id)],
                    joined([self.contribution_link(c) for c in named]),
                    "; ".join(dict.fromkeys(self.ds.perspective[c.perspective].label for c in named)),
                    joined([self.evidence(link) for link in f.links], " · "),
                ]
            )
        caption = _(
            "Fields and strengths speakers named in sentences the report places in the {region} "
            "(theme links of the category “{category}”; several may come from one phrase)"
        ).format(region=self.ds.event.region, category=pgettext("theme category", "field"))
        headers = [_("Field or strength"), _("Named by"), _("Perspective"), _("The report's words")]
        return [table(caption, headers, rows)]


class Context(BriefingDirective):
    """``briefing-context``: facts from outside the report in a marked box, each with its citation."""

    def run(self) -> list[nodes.Node]:
        """Render the statements in an admonition titled as outside context."""
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
        if not self.ds.context:
            box += para(_("No context from outside the report is recorded."))
            return [box]
        box += bullets([self._statement(c) for c in self.ds.context])
        return [box]

    def _statement(self, c: ContextStatement) -> list[nodes.Node]:
        """Render one statement with its anchor, citation and the themes it bears on."""
        out: list[nodes.Node] = [
            target(self.state.document, context_label(c.id)),
            para(strong(f"{c.topic}. "), c.statement, " ", *self.cite(*c.references)),
        ]
        if c.relates_to:
            out.append(
                para(
                    *fill(_("Bears on: {themes}."), themes=joined([self.theme_link(t) for t in c.relates_to], "; ")),
                    classes=["briefing-meta"],
                )
            )
        return out


def setup_briefing_layer(app: Sphinx) -> None:
    """Register this feature's directives."""
    app.add_directive("briefing-key-messages", KeyMessages)
    app.add_directive("briefing-questions", Questions)
    app.add_directive("briefing-crisis-silence", CrisisSilence)
    app.add_directive("briefing-region-fields", RegionFields)
    app.add_directive("briefing-context", Context)
