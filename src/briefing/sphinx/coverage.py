"""Which page renders which contribution, kept by an environment collector, and the check that each appears exactly once."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.util import logging

from briefing.sphinx.data import build_dataset

logger = logging.getLogger(__name__)

#: Attribute of a contribution's section node naming the contribution (docutils' HTML writer does not output it).
CONTRIBUTION = "briefing_contribution"


#: The environment's attribute recording what each page renders: pickled with it, merged from parallel readers.
_RENDERED = "briefing_rendered"


def rendered(env: BuildEnvironment) -> dict[str, list[str]]:
    """Return the contributions each page renders, by page (created empty in a fresh environment)."""
    record: dict[str, list[str]] | None = getattr(env, _RENDERED, None)
    if record is None:
        record = {}
        setattr(env, _RENDERED, record)
    return record


class ContributionCollector(EnvironmentCollector):
    """Record, for each page read, the contributions whose sections it contains."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        """Forget what a page rendered before it is read again."""
        rendered(env).pop(docname, None)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
        """Take over what parallel readers recorded."""
        theirs = rendered(other)
        rendered(env).update({docname: theirs[docname] for docname in docnames if docname in theirs})

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        """Record the contributions whose sections the page just read contains."""
        ids = [section[CONTRIBUTION] for section in doctree.findall(nodes.section) if CONTRIBUTION in section]
        if ids:
            rendered(app.env)[app.env.docname] = ids


def check_coverage(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn unless every contribution is rendered exactly once, in its perspective's directive."""
    seen: dict[str, list[str]] = {}
    for docname, ids in rendered(env).items():
        for cid in ids:
            seen.setdefault(cid, []).append(docname)
    for contribution in build_dataset(env).contributions:
        places = seen.get(contribution.id, [])
        if len(places) != 1:
            where = ", ".join(places) or "no page"
            logger.warning(
                f"contribution '{contribution.id}' must appear exactly once but appears on: {where} "
                f"(is there a page with a briefing-contributions directive for perspective '{contribution.perspective}'?)",
                type="briefing",
                subtype="coverage",
            )


def setup_coverage(app: Sphinx) -> None:
    """Register the collector and the check."""
    app.add_env_collector(ContributionCollector)
    app.connect("env-check-consistency", check_coverage)
