"""The themes page's directives: the vocabulary of themes and the findings of the theme tables."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from briefing.analysis import findings, themes
from briefing.core.coding import CODING_DIR, RULES_FILE, coding_path
from briefing.i18n.messages import _, count_words, format_number, listing, ngettext, pgettext
from briefing.sphinx.base import BriefingDirective, theme_label
from briefing.sphinx.docnodes import bullets, fill, joined, para, target


class ThemeFindings(BriefingDirective):
    """``briefing-theme-findings``: what the theme tables show, computed from the data."""

    def run(self) -> list[nodes.Node]:
        """Render the findings as a list."""
        return [bullets([para(s) for s in findings.theme_findings(self.ds)])]


#: The vocabulary names at most this many contributions per theme.
VOCABULARY_NAMES = 10


class Vocabulary(BriefingDirective):
    """``briefing-vocabulary``: the themes with definitions, each with an anchor."""

    def regrouping(self, before: list[str], after: list[str]) -> list[str]:
        """Return where a theme would stand if Ruhr-based speakers counted as Ruhr voices, when that differs."""
        if before == after:
            return []
        quoted = [pgettext("a name in quotation marks", "“{name}”").format(name=self.ds.perspective[p].label) for p in after]
        sentence = (
            _(" If the Ruhr-based speakers grouped elsewhere were counted as Ruhr voices: raised in {perspectives} only.")
            if len(after) == 1
            else _(" If the Ruhr-based speakers grouped elsewhere were counted as Ruhr voices: raised in {perspectives}.")
        )
        return [sentence.format(perspectives=listing(quoted))]

    def run(self) -> list[nodes.Node]:
        """Render the vocabulary as a definition list."""
        dl = nodes.definition_list()
        reach = themes.perspectives_per_theme(self.ds)
        regrouped = themes.perspectives_per_theme_regrouped(self.ds)
        for t in self.ds.themes:
            item = nodes.definition_list_item()
            term = nodes.term(t.label, t.label)
            term += target(self.state.document, theme_label(t.id))
            # A merged or renamed theme's old address (published by an earlier edition) leads here too.
            for former in t.former_ids:
                term += target(self.state.document, theme_label(former))
            item += term
            raised_by = [c for c in self.ds.contributions if any(link.theme_id == t.id for link in self.ds.links_of(c.id))]
            body = nodes.definition()
            origin = _("Outside context; source: ")
            source = [" ", nodes.emphasis(origin, origin), *self.cite(*t.references)] if t.references else []
            body += para(t.definition, *source)
            # Named up to a limit, so the page stays light with thousands of contributions; the tables list them all.
            who = (
                joined([self.contribution_link(c) for c in raised_by[:VOCABULARY_NAMES]])
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
                *self.regrouping(list(reach[t.id]), regrouped[t.id]),
                classes=["briefing-meta"],
            )
            item += body
            dl += item
        return [dl]


class CodingRules(BriefingDirective):
    """``briefing-coding-rules``: the data folder's written coding rules (coding/rules.md), rendered as MyST."""

    def run(self) -> list[nodes.Node]:
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
