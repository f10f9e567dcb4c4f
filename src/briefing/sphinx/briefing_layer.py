"""The briefing layer's directives: key messages, the report's questions, fields for the region, and outside context
(built in briefing.sections.briefing_layer)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from briefing.sections.briefing_layer import context, crisis_silence, key_messages, region_fields, report_questions
from briefing.sphinx.base import BriefingDirective


class KeyMessages(BriefingDirective):
    """``briefing-key-messages``: each message as a bold headline, one supporting sentence and the speakers behind it."""

    def build(self) -> list[nodes.Node]:
        """Render the numbered key messages."""
        return key_messages(self.page)


class Questions(BriefingDirective):
    """``briefing-questions``: the report's opening questions, verbatim, with who speaks to them and what stays open."""

    def build(self) -> list[nodes.Node]:
        """Render one section per question."""
        return report_questions(self.page)


class CrisisSilence(BriefingDirective):
    """``briefing-crisis-silence``: how many passages mention the crisis, and whether the region's own actors do."""

    def build(self) -> list[nodes.Node]:
        """Render the computed finding as a paragraph."""
        return crisis_silence(self.page)


class RegionFields(BriefingDirective):
    """``briefing-region-fields``: the fields and strengths speakers named for the region, from the theme links."""

    def build(self) -> list[nodes.Node]:
        """Render a table: field, who named it, perspective, and the report's words."""
        return region_fields(self.page)


class Context(BriefingDirective):
    """``briefing-context``: facts from outside the report in a marked box, each with its citation."""

    def build(self) -> list[nodes.Node]:
        """Render the statements in an admonition titled as outside context."""
        return context(self.page)


def setup_briefing_layer(app: Sphinx) -> None:
    """Register this feature's directives."""
    app.add_directive("briefing-key-messages", KeyMessages)
    app.add_directive("briefing-questions", Questions)
    app.add_directive("briefing-crisis-silence", CrisisSilence)
    app.add_directive("briefing-region-fields", RegionFields)
    app.add_directive("briefing-context", Context)
