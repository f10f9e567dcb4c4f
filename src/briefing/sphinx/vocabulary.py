"""The themes page's directives: the vocabulary of themes and the findings of the theme tables."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from briefing.core.coding import CODING_DIR, RULES_FILE, coding_path
from briefing.i18n.messages import _
from briefing.sections.docnodes import para
from briefing.sections.vocabulary import theme_findings, vocabulary
from briefing.sphinx.base import BriefingDirective


class ThemeFindings(BriefingDirective):
    """``briefing-theme-findings``: what the theme tables show, computed from the data."""

    def build(self) -> list[nodes.Node]:
        """Render the findings as a list."""
        return theme_findings(self.page)


class Vocabulary(BriefingDirective):
    """``briefing-vocabulary``: the themes with definitions, each with an anchor."""

    def build(self) -> list[nodes.Node]:
        """Render the vocabulary as a definition list."""
        return vocabulary(self.page)


class CodingRules(BriefingDirective):
    """``briefing-coding-rules``: the data folder's written coding rules (coding/rules.md), rendered as MyST."""

    def build(self) -> list[nodes.Node]:
        """Render the rules file in place, as an include would, or say that the dataset has none."""
        path = coding_path(self.ds.data_dir, RULES_FILE)
        renderer = getattr(self.state, "_renderer", None)  # myst-parser's renderer: MyST pages only
        if not path.is_file() or renderer is None:
            return [
                para(
                    _("This dataset has no written coding rules ({path} in its data folder).").format(
                        path=f"{CODING_DIR}/{RULES_FILE}"
                    )
                )
            ]
        # The same call myst-parser's own include directive makes: headings in the file become real sections.
        renderer.nested_render_text(path.read_text(encoding="utf-8"), self.lineno)
        return []


def setup_vocabulary(app: Sphinx) -> None:
    """Register this feature's directives."""
    app.add_directive("briefing-theme-findings", ThemeFindings)
    app.add_directive("briefing-vocabulary", Vocabulary)
    app.add_directive("briefing-coding-rules", CodingRules)
