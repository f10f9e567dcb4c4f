"""A block the reader opens on demand (HTML ``<details>``): shown on every screen width, no script, closed at first."""

from __future__ import annotations

import html
from collections.abc import Sequence

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator


class Disclosure(nodes.General, nodes.Element):
    """A block with a one-line summary that opens to show its children (``<details>``); its summary is plain text."""


def disclosure(summary: str, *children: nodes.Node, classes: Sequence[str] = ()) -> Disclosure:
    """Return a closed block whose summary line (escaped when written) opens it to show the children."""
    node = Disclosure("", *children, classes=list(classes))
    node["summary"] = summary
    return node


def visit_disclosure_html(self: HTML5Translator, node: Disclosure) -> None:
    """Open ``<details>`` with its summary, escaped."""
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="{html.escape(classes)}">\n<summary>{html.escape(node["summary"])}</summary>\n')


def depart_disclosure_html(self: HTML5Translator, node: Disclosure) -> None:
    """Close ``<details>``."""
    self.body.append("</details>\n")


def visit_disclosure_other(self: nodes.NodeVisitor, node: Disclosure) -> None:
    """Write only the children in other formats (the summary line is a screen control)."""


def depart_disclosure_other(self: nodes.NodeVisitor, node: Disclosure) -> None:
    """Nothing to close in other formats."""


def setup_disclosure(app: Sphinx) -> None:
    """Register the node with its HTML writer (and pass-through writers for the other builders)."""
    other = (visit_disclosure_other, depart_disclosure_other)
    html_writer = (visit_disclosure_html, depart_disclosure_html)
    app.add_node(Disclosure, html=html_writer, latex=other, text=other, man=other, texinfo=other)
