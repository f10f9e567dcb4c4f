"""What Chromium's tagged PDF lacks for accessibility, added after printing (pikepdf): artifacts, languages, XMP, PDF/UA.

Chromium writes the running header and footer (and page backgrounds) as content that is neither tagged nor an
artifact, names the language of the document only on its root element and of a passage only where the passage is
an element of its own in the accessibility tree, draws every soft hyphen as a hidden glyph that text extraction
reads as a space, and writes no XMP metadata. This module wraps every untagged drawing in an /Artifact sequence,
makes a passage that carries its own language a /Span, drops the hidden soft-hyphen glyphs (the hyphen shown at a
line break stays), and writes XMP metadata (title, authors, subject, keywords, language) with the PDF/UA identifier.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pikepdf

#: Operators that start a drawing (text object, path, image, shading) and those that end one.
_TEXT_START, _TEXT_END = "BT", "ET"
_PATH_START = {"m", "re"}
_PATH_END = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"}
_SINGLE = {"Do", "sh", "INLINE IMAGE"}
#: The PDF/UA part this file claims (ISO 14289-1); no full validator checks it here, the tests check its structure.
PDF_UA_PART = "1"


def _actual_text(instruction: pikepdf.ContentStreamInstruction) -> str | None:
    """Return the /ActualText of a marked-content span that an instruction opens, or None."""
    if str(instruction.operator) != "BDC" or len(instruction.operands) != 2:
        return None
    props = instruction.operands[1]
    return str(props["/ActualText"]) if isinstance(props, pikepdf.Dictionary) and "/ActualText" in props else None


def _without_soft_hyphens(instructions: list[Any]) -> list[Any]:
    """Return the instructions without Chromium's hidden soft-hyphen glyphs, and ligatures' text without soft hyphens.

    Chromium draws each soft hyphen as an invisible glyph in a span whose /ActualText is U+00AD, which text extraction
    reads as a space ("Außer halb"); the span and its glyph go, its moves of the text position stay.
    """
    out: list[Any] = []
    skipping = False
    for instruction in instructions:
        op, text = str(instruction.operator), _actual_text(instruction)
        if text == "\u00ad":
            skipping = True
            continue
        if skipping:
            if op == "EMC":
                skipping = False
            elif op not in {"Tj", "TJ", "'", '"'}:
                out.append(instruction)
            continue
        if text is not None and "\u00ad" in text:  # a ligature across a hyphenation point ("f\u00adf")
            props = pikepdf.Dictionary(instruction.operands[1])
            props.ActualText = pikepdf.String(text.replace("\u00ad", ""))
            instruction = pikepdf.ContentStreamInstruction([instruction.operands[0], props], instruction.operator)
        out.append(instruction)
    return out


def _with_artifacts(instructions: list[Any]) -> list[Any]:
    """Return the instructions with every drawing outside marked content wrapped as an /Artifact sequence."""
    out: list[Any] = []
    depth, open_unit = 0, ""
    begin = pikepdf.ContentStreamInstruction([pikepdf.Name("/Artifact")], pikepdf.Operator("BMC"))
    end = pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC"))
    for instruction in instructions:
        op = str(instruction.operator)
        if not open_unit and depth == 0:
            if op == _TEXT_START or op in _PATH_START:
                out.append(begin)
                open_unit = "text" if op == _TEXT_START else "path"
            elif op in _SINGLE:
                out.extend([begin, instruction, end])
                continue
        if op in {"BDC", "BMC"}:
            depth += 1
        elif op == "EMC":
            depth -= 1
        out.append(instruction)
        if (open_unit == "text" and op == _TEXT_END) or (open_unit == "path" and op in _PATH_END):
            out.append(end)
            open_unit = ""
    if open_unit:
        out.append(end)
    return out


def mark_artifacts(pdf: pikepdf.Pdf) -> None:
    """Mark every page's untagged drawings (running header, footer, backgrounds) as artifacts; drop hidden soft hyphens."""
    for page in pdf.pages:
        instructions = _with_artifacts(_without_soft_hyphens(list(pikepdf.parse_content_stream(page))))
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
        page.obj.Tabs = pikepdf.Name("/S")  # the tab order follows the structure (PDF/UA)


def structure_elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """Yield every structure element under a node of the structure tree."""
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from structure_elements(kid)


def tag_languages(pdf: pikepdf.Pdf) -> int:
    """Make each untyped passage that carries its own language a /Span; return how many passages carry a language."""
    tree = pdf.Root.get("/StructTreeRoot")
    if tree is None:
        return 0
    tagged = 0
    for element in structure_elements(tree):
        if "/Lang" in element and element.S != "/Document":
            tagged += 1
            if element.S == "/NonStruct":
                element.S = pikepdf.Name("/Span")
    return tagged


def write_xmp(pdf: pikepdf.Pdf, info: dict[str, str], lang: str) -> None:
    """Write XMP metadata from the document information, with the document's language and the PDF/UA identifier."""
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:title"] = info.get("/Title", "")
        meta["dc:creator"] = [name.strip() for name in info.get("/Author", "").split(";") if name.strip()]
        meta["dc:description"] = info.get("/Subject", "")
        meta["pdf:Keywords"] = info.get("/Keywords", "")
        meta["dc:language"] = [lang]
        meta["xmp:CreatorTool"] = info.get("/Creator", "")
        meta["pdfuaid:part"] = PDF_UA_PART
    viewer = pdf.Root.get("/ViewerPreferences") or pikepdf.Dictionary()
    viewer.DisplayDocTitle = True  # a viewer shows the title, not the file name (PDF/UA)
    pdf.Root.ViewerPreferences = viewer


def finish(data: bytes, info: dict[str, str], lang: str) -> bytes:
    """Return a printed PDF with artifacts, language tags, XMP metadata and the PDF/UA identifier added."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        mark_artifacts(pdf)
        tag_languages(pdf)
        write_xmp(pdf, info, lang)
        out = io.BytesIO()
        pdf.save(out, min_version="1.7")
        return out.getvalue()
