"""The brief as a Word file, for ministries that paste briefings into their own templates.

It is written from the same docutils trees as the brief's page (the directives' nodes, the chapter's translated prose,
the resolved citations), not scraped from HTML: a cover line, then the page's sections and the key messages, in Word's
own heading and list styles, with real links, then the works the brief cites as the book's reference list has them,
each in-text citation linked to its entry. Every text arrives as plain text and python-docx escapes it; only http(s)
and mail addresses (briefing.text.urls) become links to the outside; a link within the book that cannot lead anywhere
(no published address) names the chapter it leads to instead; the pages are A4; the same content gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urljoin

from docutils import nodes
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from briefing.i18n.messages import _
from briefing.publish.brief import CoverLine
from briefing.text.urls import link_target

#: Word's language tags for the book's languages (the book writes British English).
WORD_LANGUAGE = {"en": "en-GB", "de": "de-DE"}
#: Characters XML 1.0 cannot hold: dropped from every text before it goes into the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Parts of a page that the brief leaves out, as its PDF does: screen-only lines (the page's own download line), the cite
#: box (the cover line gives the citation) and the landing page's abstract in the other language after the key messages.
LEFT_OUT_CLASSES = {"screen-only", "briefing-cite", "briefing-abstract", "briefing-abstract-lead"}
#: Nodes that hold nothing a reader of the file needs.
SKIPPED = (nodes.target, nodes.comment, nodes.raw, nodes.system_message, nodes.substitution_definition, nodes.image)
#: The class of the labels that say which kind of source a statement rests on: a badge on the page; in Word in italics,
#: set apart as in the PDF ("Editors' judgement: …", "… (Outside context)").
SOURCE_LABEL = "briefing-source"
#: The character style of links (the default template has none).
LINK_STYLE = "Hyperlink"
#: The page: A4 (python-docx's template is US Letter), with margins of 25 mm all round.
PAGE_SIZE = (Mm(210), Mm(297))
MARGIN = Mm(25)
#: Attributes the build sets on a link of the page (a docutils reference) for the Word file: the anchor of the cited
#: work it leads to (its entry in the file's reference list), or the title of the chapter it leads to when the file
#: cannot link there (no published address).
CITES = "briefing_cites"
CHAPTER = "briefing_chapter"
#: White space that the source's line wrapping leaves in a text: a soft line break is a space, as on the page.
_WRAPPED = re.compile(r"[ \t]*[\r\n]+[ \t]*")


@dataclass(frozen=True)
class Work:
    """A work the brief cites: the anchor of its entry on the reference page, its label ("EFRE.NRW, n.d.a", which its
    in-text citations repeat) and its entry as the book's reference list formats it (a paragraph of docutils nodes)."""

    anchor: str
    label: str
    entry: nodes.Element


def clean(text: str) -> str:
    """Return text without the control characters XML cannot hold."""
    return _NOT_XML.sub("", text)


def unwrapped(text: str) -> str:
    """Return running text as the page shows it: each line break of the source's wrapping (and the spaces around it) one
    space, not a hard line break in Word."""
    return _WRAPPED.sub(" ", text)


#: The longest text a document property may hold.
PROPERTY_LIMIT = 255


def fit(value: str) -> str:
    """Return a document property's value within Word's limit: cut at the last '; ' (a list) or word that fits."""
    if len(value) <= PROPERTY_LIMIT:
        return value
    cut = value[: PROPERTY_LIMIT - 1]
    for separator in ("; ", " "):
        if separator in cut:
            return cut.rsplit(separator, 1)[0] + ("" if separator == "; " else "…")
    return cut + "…"


def web_link(refuri: str, page_url: str | None) -> str | None:
    """Return where a link of the page leads as an address a Word file may hold: http(s) or mail only, else None.

    A link within the book (relative) leads to the page's published address, if the build has one.
    """
    if not refuri:
        return None
    if page_url and not re.match(r"^[a-z][a-z0-9+.-]*:", refuri, re.I):
        refuri = urljoin(page_url, refuri)
    return link_target(refuri)


class BriefWriter:
    """Walks docutils trees into a python-docx document: headings, paragraphs, lists and links."""

    def __init__(self, lang: str, page_url: str | None, works: Sequence[Work] = ()) -> None:
        """Start an empty A4 document in the edition's language; relative links resolve against page_url (or stay text);
        a citation of one of works links to its entry in the reference list that references() writes."""
        self.doc: DocxDocument = Document()
        self.lang = lang
        self.page_url = page_url
        self.bookmarks = {work.anchor: f"work{number}" for number, work in enumerate(works, 1)}
        self._set_language(WORD_LANGUAGE.get(lang, lang))
        for section in self.doc.sections:
            section.page_width, section.page_height = PAGE_SIZE
            section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
        link = self.doc.styles.add_style(LINK_STYLE, WD_STYLE_TYPE.CHARACTER)
        link.font.color.rgb = RGBColor(0x0B, 0x3D, 0x75)
        link.font.underline = True
        self.doc.styles["Normal"].font.size = Pt(10.5)

    def _set_language(self, tag: str) -> None:
        """Make tag the language of every text without one of its own (Word's spelling and hyphenation follow it)."""
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        found = rpr.find(qn("w:lang"))
        if found is None:
            found = OxmlElement("w:lang")
            rpr.append(found)
        found.set(qn("w:val"), tag)

    def cover(self, line: CoverLine) -> None:
        """Write the cover line: the title, the edition and date, and the ready citation with the online address."""
        self.doc.add_paragraph(clean(line.title), style="Title")
        self.doc.add_paragraph(clean(f"{line.edition} · {line.date}"))
        cited = self.doc.add_paragraph()
        cited.add_run(clean(_("Cite as: "))).bold = True
        cited.add_run(clean(line.citation))
        url = link_target(line.url) if line.url else None
        if url:
            cited.add_run(" ")
            self.link(cited, url, url)

    def part(self, section: nodes.Element, level: int = 1) -> None:
        """Write a section of a page (its title as a heading of level, its subsections one level down)."""
        self.block(section, level, 0)

    def block(self, node: nodes.Node, level: int, depth: int, style: str | None = None) -> None:
        """Write one block-level node; lists raise depth, sections level."""
        if isinstance(node, SKIPPED) or (isinstance(node, nodes.Element) and LEFT_OUT_CLASSES & set(node["classes"])):
            return
        if isinstance(node, nodes.section):
            for child in node.children:
                if isinstance(child, nodes.title):
                    self.inlines(self.doc.add_paragraph(style=f"Heading {min(level, 9)}"), child)
                else:
                    self.block(child, level + 1, depth)
        elif isinstance(node, nodes.paragraph | nodes.Text):
            self.inlines(self.doc.add_paragraph(style=style), node)
        elif isinstance(node, nodes.bullet_list | nodes.enumerated_list):
            self.items(node, level, depth + 1)
        elif isinstance(node, nodes.Element):
            for child in node.children:
                self.block(child, level, depth, style)

    def items(self, lst: nodes.Element, level: int, depth: int) -> None:
        """Write a list: each item's first paragraph in Word's list style, the others as its continuation."""
        numbered = isinstance(lst, nodes.enumerated_list)
        kind = "List Number" if numbered else "List Bullet"
        suffix = f" {min(depth, 3)}" if depth > 1 else ""
        numbering = None
        for item in lst.children:
            first = len(self.doc.paragraphs)
            for child in item.children:
                opened = len(self.doc.paragraphs) == first
                self.block(child, level, depth, f"{kind}{suffix}" if opened else f"List Continue{suffix}")
            if numbered and len(self.doc.paragraphs) > first:
                numbering = self.number(self.doc.paragraphs[first], f"{kind}{suffix}", numbering)

    def number(self, paragraph: Paragraph, style: str, num_id: int | None) -> int:
        """Number a list item in a list of its own (Word would otherwise count on from the last numbered list)."""
        if num_id is None:
            numbering = self.doc.part.numbering_part.element
            style_num = self.doc.styles[style].element.pPr.numPr.numId.val
            num = numbering.add_num(numbering.num_having_numId(style_num).abstractNumId.val)
            num.add_lvlOverride(ilvl=0).add_startOverride(1)
            num_id = int(num.numId)
        numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = 0
        numpr.get_or_add_numId().val = num_id
        return num_id

    def inlines(self, paragraph: Paragraph, node: nodes.Node, bold: bool = False, italic: bool = False) -> None:
        """Write a node's text into a paragraph as runs: bold, italic and links as they are on the page."""
        if isinstance(node, nodes.Text):
            run = paragraph.add_run(clean(unwrapped(node.astext())))
            run.bold, run.italic = bold or None, italic or None
            return
        if isinstance(node, SKIPPED) or LEFT_OUT_CLASSES & set(node.get("classes", [])):
            return
        if isinstance(node, nodes.reference):
            if node.get(CITES) in self.bookmarks:
                self.link(paragraph, None, unwrapped(node.astext()), bold, italic, anchor=self.bookmarks[node[CITES]])
                return
            url = web_link(node.get("refuri", ""), self.page_url)
            if url is None and node.get("refid") and self.page_url:
                url = web_link(f"#{node['refid']}", self.page_url)
            if url:
                self.link(paragraph, url, unwrapped(node.astext()), bold, italic)
                return
            chapter = node.get(CHAPTER)
            if chapter and unwrapped(chapter) not in unwrapped(node.astext()):
                for child in node.children:
                    self.inlines(paragraph, child, bold, italic)
                run = paragraph.add_run(clean(" " + _("in “{chapter}”").format(chapter=unwrapped(chapter))))
                run.bold, run.italic = bold or None, italic or None
                return
        if SOURCE_LABEL in node.get("classes", []):
            self.source_label(paragraph, node, bold)
            return
        bold = bold or isinstance(node, nodes.strong)
        italic = italic or isinstance(node, nodes.emphasis)
        for child in node.children:
            self.inlines(paragraph, child, bold, italic)
        if not isinstance(node, nodes.reference) and node.get(CHAPTER):  # links in brackets: their chapter after them
            run = paragraph.add_run(clean(" " + _("in “{chapter}”").format(chapter=unwrapped(node[CHAPTER]))))
            run.bold, run.italic = bold or None, italic or None

    def source_label(self, paragraph: Paragraph, node: nodes.Element, bold: bool) -> None:
        """Write a label of the kind of source in italics, set apart from the words around it as the PDF sets it:
        'Editors' judgement: …' before a statement, '(Editors' judgement)' after one."""
        text = clean(unwrapped(node.astext())).strip()
        before = paragraph.text
        if before.strip():
            text = f"({text})" if before.endswith((" ", "(")) else f" ({text})"
        else:
            text = f"{text}:"  # the words after it bring their own space, as on the page
        run = paragraph.add_run(text)
        run.bold, run.italic = bold or None, True

    def link(
        self, paragraph: Paragraph, url: str | None, text: str, bold: bool = False, italic: bool = False, anchor: str = ""
    ) -> None:
        """Append a real hyperlink to a paragraph: to url (an external relationship), or to a bookmark of the file."""
        hyperlink = OxmlElement("w:hyperlink")
        if url is not None:
            hyperlink.set(qn("r:id"), paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
        else:
            hyperlink.set(qn("w:anchor"), anchor)
        run = paragraph.add_run(clean(text), style=LINK_STYLE)
        run.bold, run.italic = bold or None, italic or None
        hyperlink.append(run._r)
        paragraph._p.append(hyperlink)

    def references(self, works: Sequence[Work]) -> None:
        """Write the reference list: a heading, then each work's label in brackets (as its citations give it, and where
        they link to) and its entry as the book's list formats it, with its web address a live link."""
        if not works:
            return
        self.doc.add_paragraph(clean(_("References")), style="Heading 1")
        for number, work in enumerate(works):
            paragraph = self.doc.add_paragraph()
            paragraph.paragraph_format.left_indent = Mm(6)
            paragraph.paragraph_format.first_line_indent = -Mm(6)
            start = OxmlElement("w:bookmarkStart")
            start.set(qn("w:id"), str(number))
            start.set(qn("w:name"), self.bookmarks[work.anchor])
            paragraph._p.append(start)
            paragraph.add_run(clean(f"[{unwrapped(work.label)}]")).bold = True
            end = OxmlElement("w:bookmarkEnd")
            end.set(qn("w:id"), str(number))
            paragraph._p.append(end)
            paragraph.add_run(" ")
            self.inlines(paragraph, work.entry)

    def page_numbers(self) -> None:
        """Put the page number in the footer of every page, centred (Word's PAGE field)."""
        for section in self.doc.sections:
            footer = section.footer.paragraphs[0]
            footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
                run = footer.add_run()
                if kind is not None:
                    field = OxmlElement("w:fldChar")
                    field.set(qn("w:fldCharType"), kind)
                    run._r.append(field)
                elif text == "PAGE":
                    instruction = OxmlElement("w:instrText")
                    instruction.set(qn("xml:space"), "preserve")
                    instruction.text = " PAGE "
                    run._r.append(instruction)
                else:
                    run.text = text

    def save(self, properties: dict[str, str], day: dt.date) -> bytes:
        """Return the file: its properties set, every date in it (and in its zip) the given day."""
        core = self.doc.core_properties
        fitted = {key: fit(clean(value)) for key, value in properties.items()}
        core.title, core.author, core.subject = fitted["title"], fitted["author"], fitted["subject"]
        core.keywords, core.language = fitted["keywords"], self.lang
        core.last_modified_by, core.revision, core.comments = "briefing", 1, ""
        core.created = core.modified = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return stable_zip(buffer.getvalue(), day)


def stable_zip(data: bytes, day: dt.date) -> bytes:
    """Return a zip (a .docx) with every entry dated day, so that the same content gives the same file."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def brief_docx(
    line: CoverLine,
    parts: Sequence[nodes.Element],
    lang: str,
    page_url: str | None,
    properties: dict[str, str],
    day: dt.date,
    works: Sequence[Work] = (),
) -> bytes:
    """Return the brief as a Word file: the cover line, then each part (a page's section) with its title as Heading 1,
    then the works it cites (in the reference list's order), which its citations (marked CITES) link to."""
    writer = BriefWriter(lang, page_url, works)
    writer.cover(line)
    for section in parts:
        writer.part(section, 1)
    writer.references(works)
    writer.page_numbers()
    return writer.save(properties, day)
