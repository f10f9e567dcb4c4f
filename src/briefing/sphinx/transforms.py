"""Changes to every page's doctree as it is read: the 'How to cite' box, then German terms marked as German."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from briefing.notebook.ipynb import is_notebook
from briefing.sphinx import settings
from briefing.sphinx.cite_boxes import add_cite_box
from briefing.sphinx.data import build_dataset
from briefing.sphinx.german import mark_german


class CiteBox(SphinxTransform):
    """Append a 'How to cite this chapter' section to the page, with the notebook downloads for a notebook chapter."""

    # After Sphinx's smart quotes (750) and domains (850), as when it ran at doctree-read; before the
    # doctree-read event (880), where Sphinx collects titles and contents, so the box is in the page's contents.
    default_priority = 860

    def apply(self, **kwargs: object) -> None:
        """Add the box to the page's top section."""
        notebook = is_notebook(Path(self.env.doc2path(self.env.docname)))
        add_cite_box(self.env.docname, self.document, build_dataset(self.env), settings.base_url(self.config), notebook)


class GermanTerms(SphinxTransform):
    """Mark every German glossary term in the page's text, the cite box included, as German (lang="de")."""

    default_priority = 870  # after CiteBox

    def apply(self, **kwargs: object) -> None:
        """Wrap the terms in inline nodes with the class language-de."""
        mark_german(self.document, build_dataset(self.env))


def setup_transforms(app: Sphinx) -> None:
    """Register the transforms."""
    app.add_transform(CiteBox)
    app.add_transform(GermanTerms)
