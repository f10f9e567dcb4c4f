"""What every briefing directive shares: the dataset, checked links, and the labels of generated anchors."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives as rst
from sphinx.util.docutils import SphinxDirective

from briefing.core.drafts import is_gap
from briefing.core.model import Dataset
from briefing.sections.page import Page
from briefing.sphinx import settings
from briefing.sphinx.data import build_data, build_dataset, original_text


def descriptive_title(ds: Dataset) -> bool:
    """Return whether the event's title is one the editors gave it (its words are not in the report), which the book says."""
    title = ds.event.title.strip()
    return bool(title) and not is_gap(title) and title not in ds.source_text


def not_prose(result: list[nodes.Node]) -> list[nodes.Node]:
    """Mark a directive's text as kept out of the chapters' gettext catalogues (translatable=False), and return it: it is
    built from the data, whose translations live in data/translations/ (briefing.core.translations), not from the
    chapter's own prose."""
    for node in result:
        for element in node.findall(nodes.TextElement):
            # Not inline nodes: Sphinx moves an inline with a 'translatable' attribute to its parent's end
            # (RemoveTranslatableInline), and gettext only extracts block-level text anyway.
            if not isinstance(element, nodes.Inline):
                element["translatable"] = False
    return result


class BriefingDirective(SphinxDirective):
    """Base: access to the dataset and to links between generated parts.

    A briefing directive builds its nodes in build(); run(), which Sphinx calls, is this class's alone: it marks what
    build() returns as built from the data (not_prose).
    """

    has_content = False

    def run(self) -> list[nodes.Node]:
        """Return the directive's nodes (build()), their text marked as built from the data (not_prose)."""
        return not_prose(self.build())

    def build(self) -> list[nodes.Node]:
        """Return the directive's nodes, built from the data; each directive has its own."""
        raise NotImplementedError

    @property
    def ds(self) -> Dataset:
        """Return the validated dataset, loaded once for the build."""
        return build_dataset(self.env)

    @cached_property
    def page(self) -> BookPage:
        """Return this directive's page, which sections ask to link and cite."""
        return BookPage(self)


class BookPage(Page):
    """A page of the book, seen from one of its directives: Sphinx checks its links, and sphinxcontrib-bibtex its citations."""

    def __init__(self, directive: BriefingDirective) -> None:
        """Keep the directive, whose state parses citations and whose environment holds the build's data."""
        super().__init__(directive.ds, directive.state.document, directive.env.docname)
        self.directive = directive

    def cite(self, *keys: str) -> list[nodes.Node]:
        """Return a parenthetical citation of bibliography entries (keys are validated slugs)."""
        result, messages = self.directive.state.inline_text(f"{{cite:p}}`{','.join(keys)}`", self.directive.lineno)
        return [*result, *messages]

    def page_url(self, target: str) -> str | None:
        """Return the absolute URL of a page of the book, if the base URL is known."""
        return settings.page_url(self.directive.config, target)

    @property
    def translated(self) -> dict[str, str]:
        """Return the build's translations of the data's texts by context ({} in English)."""
        return build_data(self.directive.env).translated

    def original(self, context: str) -> str | None:
        """Return the English of a translated text of the data, or None in English or if unknown."""
        return original_text(self.directive.env, context)


class PerspectiveOption(BriefingDirective):
    """Base for directives about one perspective (option ``:perspective:``)."""

    option_spec: ClassVar[dict[str, Callable[[str], str]]] = {"perspective": rst.unchanged_required}

    @property
    def perspective_id(self) -> str:
        """Return the perspective id, which must exist in the data."""
        pid: str = self.options["perspective"].strip()
        if pid not in self.ds.perspective:
            raise self.error(f"unknown perspective '{pid}'; known: {', '.join(self.ds.perspective)}")
        return pid
