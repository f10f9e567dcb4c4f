"""The one registry of the briefing's directives: each feature module registers its own (as sphinx-design does)."""

from __future__ import annotations

from collections.abc import Callable

from sphinx.application import Sphinx

from briefing.sphinx.brief import setup_brief
from briefing.sphinx.brief_downloads import setup_brief_downloads
from briefing.sphinx.briefing_layer import setup_briefing_layer
from briefing.sphinx.edition import setup_edition
from briefing.sphinx.event import setup_event
from briefing.sphinx.frontpage import setup_frontpage
from briefing.sphinx.legal import setup_legal
from briefing.sphinx.method import setup_method
from briefing.sphinx.perspectives import setup_perspectives
from briefing.sphinx.revision_history import setup_revisions
from briefing.sphinx.vocabulary import setup_vocabulary

#: One entry per feature module; a new module adds its ``setup_x`` here.
FEATURES: tuple[Callable[[Sphinx], None], ...] = (
    setup_frontpage,
    setup_edition,
    setup_event,
    setup_perspectives,
    setup_vocabulary,
    setup_method,
    setup_legal,
    setup_revisions,
    setup_briefing_layer,
    setup_brief,
    setup_brief_downloads,
)


def register(app: Sphinx) -> None:
    """Register every briefing directive with Sphinx."""
    for setup_feature in FEATURES:
        setup_feature(app)
