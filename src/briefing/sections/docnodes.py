"""Small builders of docutils nodes; all text goes into Text nodes, so it is always escaped."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TypeAlias

from docutils import nodes
from sphinx import addnodes

from briefing.core.evidence import source_kind_label
from briefing.i18n.messages import DEFAULT, _, language
from briefing.text.typography import in_marks, marks, nested, typographic

#: Text or a node, as the builders take them (a string becomes a Text node).
Inline: TypeAlias = str | nodes.Node
#: A table cell: one piece of text or node, or a list of them making one paragraph.
Cell: TypeAlias = Inline | list[Inline]


def inline(parts: Iterable[Inline]) -> list[nodes.Node]:
    """Turn strings and nodes into a list of nodes, strings becoming plain text."""
    return [nodes.Text(part) if isinstance(part, str) else part for part in parts]


#: A named field of a translated sentence: "{name}".
_FIELD = re.compile(r"\{(\w+)\}")


def fill(sentence: str, **values: Inline | Sequence[Inline]) -> list[nodes.Node]:
    """Return a translated sentence as nodes, each {name} field replaced by its node(s) or text where the language puts it."""
    out: list[Inline] = []
    for index, piece in enumerate(_FIELD.split(sentence)):
        if index % 2 == 0:
            out += [piece] if piece else []
        else:
            value = values[piece]
            out += [value] if isinstance(value, str | nodes.Node) else list(value)
    return inline(_one_stop(out))


#: A quotation or name that ends its own sentence: its words end in a stop inside the closing quotation mark.
_ENDS_SENTENCE = re.compile("[.!?…][“”‘’]$")


def _one_stop(parts: list[Inline]) -> list[Inline]:
    """Drop the sentence's full stop after a quotation whose words already end in one (no “… developed.”.), whether the
    quotation is one part or its marks are parts of their own („, the words, “)."""
    out: list[Inline] = []
    shown = ""  # the end of the text of the parts before
    for part in parts:
        if isinstance(part, str) and part.startswith(".") and _ENDS_SENTENCE.search(shown):
            part = part.removeprefix(".")
        if part != "":
            out.append(part)
            shown = (shown + _text_of(part))[-2:]
    return out


#: A text's last word when it is an abbreviation whose stop is its own ("e. V.", "Co."), not the sentence's.
_ABBREVIATION_END = re.compile(r"(?:^|[\s(])(?:\w{1,3}\.)+$")


def without_stop(text: str) -> str:
    """Return a text without its final full stop, to stand inside a longer sentence (no "… bei). (Einzelheiten)."); an
    abbreviation keeps its stop."""
    if text.endswith(".") and not text.endswith("..") and not _ABBREVIATION_END.search(text):
        return text[:-1]
    return text


def with_stop(text: str) -> str:
    """Return a text that stands as a sentence of its own with a final stop ("Institut Arbeit und Technik.")."""
    stripped = text.rstrip()
    if not stripped or stripped[-1] in ".!?…" or _ENDS_SENTENCE.search(stripped):
        return text
    return stripped + "."


def _text_of(part: Inline) -> str:
    """Return the text a part shows."""
    return part if isinstance(part, str) else part.astext()


def para(*parts: Inline, classes: Sequence[str] = ()) -> nodes.paragraph:
    """Return a paragraph of plain text and nodes (one full stop after a quotation that ends its sentence)."""
    return nodes.paragraph("", "", *inline(_one_stop(list(parts))), classes=list(classes))


def strong(text: str) -> nodes.strong:
    """Return bold text."""
    return nodes.strong(text, text)


def quote(text: str, rendering: str | None = None) -> nodes.inline:
    """Return a quotation from the report, marked up as such.

    The report is English: in another language's edition the quotation stays verbatim, marked as English, and is
    followed by the editors' rendering, marked as their translation, where one is given.
    """
    text = typographic(text)  # straight apostrophes set before Sphinx would set them by the page's language
    if language() == DEFAULT:
        return nodes.inline("", in_marks(text), classes=["briefing-evidence"])
    opening, closing = marks()  # the page's marks around the report's words, which stay English
    words = nested(text)
    english_words = nodes.inline(words, words, classes=[f"language-{DEFAULT}"])
    evidence = nodes.inline("", "", nodes.Text(opening), english_words, nodes.Text(closing), classes=["briefing-evidence"])
    node = nodes.inline("", "", evidence)
    if rendering:  # beside the quotation, not in it: the editors' words are not styled as the report's
        translated = _("(editors' translation: “{rendering}”)").format(rendering=rendering)
        node += [nodes.Text(" "), nodes.inline(translated, translated, classes=["briefing-rendering"])]
    return node


def lang(text: str, code: str) -> nodes.inline:
    """Return text marked with its language where it differs from the page's, for screen readers and hyphenation."""
    if code == language():
        return nodes.inline(text, text)
    text = typographic(text) if code == DEFAULT else text  # English apostrophes, not the page's smart quotes
    return nodes.inline(text, text, classes=[f"language-{code}"])


def marked(text: str, code: str) -> Inline:
    """Return text as it stands on the page: plain in the page's language, marked with its language otherwise."""
    return text if code == language() else lang(text, code)


def english(text: str) -> Inline:
    """Return English text (the report's title, a name in English), marked as English on a page in another language."""
    return marked(text, DEFAULT)


def file_link(docname: str, path: str, text: str) -> nodes.reference:
    """Return a link from a page to a file given from the book's root (e.g. 'downloads/x.zip')."""
    return nodes.reference(text, text, refuri="../" * docname.count("/") + path)


def ref(docname: str, label: str, text: str) -> addnodes.pending_xref:
    """Return a cross-reference to a label, resolved (or reported as broken) by Sphinx."""
    node = addnodes.pending_xref(
        "", nodes.inline(text, text), refdomain="std", reftype="ref", reftarget=label, refexplicit=True, refwarn=True
    )
    node["refdoc"] = docname
    return node


def joined(items: Sequence[nodes.Node | str], separator: str = ", ") -> list[nodes.Node]:
    """Join nodes with a text separator."""
    out: list[Inline] = []
    for i, item in enumerate(items):
        if i:
            out.append(separator)
        out.append(item)
    return inline(out)


def bullets(
    items: Iterable[nodes.Node | list[nodes.Node]], enumerated: bool = False, classes: Sequence[str] = ()
) -> nodes.Element:
    """Return a bullet (or numbered) list of items."""
    lst = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".") if enumerated else nodes.bullet_list(bullet="-")
    lst["classes"] += list(classes)
    for item in items:
        li = nodes.list_item()
        li += item if isinstance(item, list) else [item]
        lst += li
    return lst


def table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> nodes.table:
    """Return a docutils table with a caption, a header row and body rows."""
    tbl = nodes.table(classes=["briefing-table-docutils"])
    tbl += nodes.title(caption, caption)
    group = nodes.tgroup(cols=len(headers))
    tbl += group
    group += [nodes.colspec(colwidth=1) for _ in headers]
    head = nodes.thead()
    group += head
    head += _row([para(h) for h in headers])
    body = nodes.tbody()
    group += body
    for row in rows:
        body += _row([para(*(cell if isinstance(cell, list) else [cell])) for cell in row])
    return tbl


def _row(cells: Sequence[nodes.Node]) -> nodes.row:
    """Return a table row of entries."""
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += cell
        row += entry
    return row


def section(document: nodes.document, label: str, title: str | Sequence[Inline]) -> nodes.section:
    """Return a real section with a stable anchor and a label usable with {ref}; its title is text, or text and nodes."""
    sec = nodes.section(ids=[label], names=[label])
    parts = inline([title] if isinstance(title, str) else title)
    sec += nodes.title("".join(part.astext() for part in parts), "", *parts)
    document.note_explicit_target(sec, sec)
    return sec


def target(document: nodes.document, label: str) -> nodes.target:
    """Return an anchor with a label usable with {ref} and an explicit title."""
    node = nodes.target("", "", ids=[label], names=[label])
    document.note_explicit_target(node, node)
    return node


def source_mark(kind: str) -> nodes.inline:
    """Return the label that says which kind of source a statement rests on (briefing.core.evidence.SOURCE_KINDS)."""
    text = source_kind_label(kind)
    return nodes.inline(text, text, classes=["briefing-source", f"briefing-source-{kind}"])
