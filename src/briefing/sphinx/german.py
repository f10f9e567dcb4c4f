"""Mark German terms in the book's text as German (lang="de"), using the glossary as the list."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docutils import nodes

from briefing.core.model import Dataset
from briefing.i18n.messages import DEFAULT, language


def mark_german(doctree: nodes.document, ds: Dataset) -> None:
    """Mark every German glossary term in a page's text as German (lang="de"), wherever it appears.

    Only in the English edition: on a German page German needs no mark (its English quotations are marked instead).
    """
    if language() != DEFAULT:
        return
    terms = sorted((g.term for g in ds.glossary if g.lang == "de"), key=len, reverse=True)
    if not terms:
        return
    pattern = re.compile("|".join(re.escape(t) for t in terms))
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or isinstance(parent, (nodes.literal, nodes.literal_block, nodes.raw, nodes.FixedTextElement)):
            continue
        if any(isinstance(a, nodes.Element) and "language-de" in a["classes"] for a in ancestors(parent)):
            continue
        value, pieces, last = text.astext(), [], 0
        for match in pattern.finditer(value):
            pieces += [
                nodes.Text(value[last : match.start()]),
                nodes.inline(match.group(), match.group(), classes=["language-de"]),
            ]
            last = match.end()
        if pieces:
            pieces.append(nodes.Text(value[last:]))
            parent.replace(text, [p for p in pieces if p.astext()])


def ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    """Yield a node and its ancestors."""
    while node is not None:
        yield node
        node = node.parent
