"""What every briefing directive shares: the dataset, checked links, and the labels of generated anchors."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from functools import cached_property
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives as rst
from sphinx.util.docutils import SphinxDirective

from briefing.core.drafts import is_gap
from briefing.core.model import Dataset
from briefing.core.schema import Contribution, ThemeLink
from briefing.i18n.messages import _
from briefing.sphinx import settings
from briefing.sphinx.data import build_dataset, quotation_rendering
from briefing.sphinx.docnodes import quote, ref


def note_label(note_id: str) -> str:
    """Return the label of an editorial note's section."""
    return f"note-{note_id}"


def theme_label(theme_id: str) -> str:
    """Return the label of a theme's entry in the vocabulary."""
    return f"theme-{theme_id}"


def perspective_label(perspective_id: str) -> str:
    """Return the label of a perspective's definition on its chapter."""
    return f"perspective-{perspective_id}"


def descriptive_title(ds: Dataset) -> bool:
    """Return whether the event's title is one the editors gave it (its words are not in the report), which the book says."""
    title = ds.event.title.strip()
    return bool(title) and not is_gap(title) and title not in ds.source_text


def _not_prose(run: Callable[[Any], list[nodes.Node]]) -> Callable[[Any], list[nodes.Node]]:
    """Wrap a directive's run so its text is kept out of the chapters' gettext catalogues: it is built from the data,
    whose translations live in data/translations/ (briefing.core.translations), not from the chapter's own prose."""

    @functools.wraps(run)
    def run_marked(self: Any) -> list[nodes.Node]:
        result = run(self)
        for node in result:
            for element in node.findall(nodes.TextElement):
                # Not inline nodes: Sphinx moves an inline with a 'translatable' attribute to its parent's end
                # (RemoveTranslatableInline), and gettext only extracts block-level text anyway.
                if not isinstance(element, nodes.Inline):
                    element["translatable"] = False
        return result

    return run_marked


class BriefingDirective(SphinxDirective):
    """Base: access to the dataset and to links between generated parts."""

    has_content = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Mark the text of every briefing directive as built from the data (see _not_prose)."""
        super().__init_subclass__(**kwargs)
        if "run" in cls.__dict__:
            cls.run = _not_prose(cls.__dict__["run"])

    @property
    def ds(self) -> Dataset:
        """Return the validated dataset, loaded once for the build."""
        return build_dataset(self.env)

    def page_url(self, target: str) -> str | None:
        """Return the absolute URL of a page of the book, if the base URL is known."""
        return settings.page_url(self.config, target)

    def link(self, label: str, text: str) -> nodes.Node:
        """Return a checked cross-reference from this page."""
        return ref(self.env.docname, label, text)

    @cached_property
    def speaker_counts(self) -> Counter:
        """Count each speaker's contributions once per directive (a count per link was quadratic: minutes at 13,000)."""
        return Counter(c.speaker for c in self.ds.contributions)

    def contribution_link(self, c: Contribution) -> nodes.Node:
        """Return a link to a contribution's section, named by its speaker (and number, if they spoke twice)."""
        twice = self.speaker_counts[c.speaker] > 1
        name = _("{speaker} (contribution {number})").format(speaker=c.display_name, number=c.order)
        return self.link(c.id, name if twice else c.display_name)

    def theme_link(self, theme_id: str) -> nodes.Node:
        """Return a link to a theme's definition."""
        return self.link(theme_label(theme_id), self.ds.theme[theme_id].label)

    def evidence(self, link: ThemeLink) -> nodes.Node:
        """Return a theme link's quotation of the report, with the editors' rendering in another language's edition."""
        return quote(link.evidence, quotation_rendering(self.env, link.contribution_id, link.theme_id))

    def cite(self, *keys: str) -> list[nodes.Node]:
        """Return a parenthetical citation of bibliography entries (keys are validated slugs)."""
        result, messages = self.state.inline_text(f"{{cite:p}}`{','.join(keys)}`", self.lineno)
        return [*result, *messages]


class PerspectiveOption(BriefingDirective):
    """Base for directives about one perspective (option ``:perspective:``)."""

    option_spec: ClassVar[dict[str, Callable[[str], str]]] = {"perspective": rst.unchanged_required}

    @property
    def perspective_id(self) -> str:
        """Return the perspective id, which must exist in the data."""
        pid = self.options["perspective"].strip()
        if pid not in self.ds.perspective:
            raise self.error(f"unknown perspective '{pid}'; known: {', '.join(self.ds.perspective)}")
        return pid
