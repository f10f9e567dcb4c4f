"""Readings of a printed PDF for the print edition's tests: type sizes, artifacts, tags, numbering, page fill, headings."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pypdf import PdfReader

from briefing.build.print_finish import structure_elements

#: The page's margins (print_edition.page_style): the running header above the top, the footer below the bottom.
TOP_MM, BOTTOM_MM = 17, 16
MM = 72 / 25.4


@dataclass
class PdfReading:
    """A PDF read once with pypdf: its reader, each page's text as pypdf extracts it, and its smallest type."""

    path: Path
    reader: PdfReader
    texts: list[str]
    #: The smallest size (pt) at which any visible text is set, and where (page and text).
    smallest: tuple[float, str]


def read_pdf(path: Path) -> PdfReading:
    """Read a PDF's text page by page, noting the size each piece of text is set at (its font size scaled by the text and
    current matrices) on the way: one pass of pypdf, the slow part of the PDF checks."""
    reader = PdfReader(path)
    smallest, where, texts = 99.0, "", []
    for number, page in enumerate(reader.pages, start=1):
        found: list[tuple[float, str]] = []

        def visit(text, cm, tm, font, size, found=found):
            """Record the size text is set at."""
            if text.strip():
                x, y = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
                found.append((size * (x * x + y * y) ** 0.5, text.strip()[:40]))

        texts.append(page.extract_text(visitor_text=visit))
        for size, text in found:
            if size < smallest:
                smallest, where = size, f"page {number}: {text}"
    return PdfReading(path, reader, texts, (smallest, where))


def artifact_problems(path: Path) -> list[str]:
    """Return every page whose text is drawn outside marked content, or that has no artifact (a header, a footer)."""
    problems = []
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            depth, artifacts, loose = 0, 0, 0
            for instruction in pikepdf.parse_content_stream(page):
                op = str(instruction.operator)
                if op in {"BDC", "BMC"}:
                    depth += 1
                    artifacts += bool(instruction.operands and instruction.operands[0] == "/Artifact")
                elif op == "EMC":
                    depth -= 1
                elif op in {"Tj", "TJ", "'", '"'} and depth == 0:
                    loose += 1
            if loose or (number > 1 and not artifacts):
                problems.append(f"page {number}: {loose} texts outside marked content, {artifacts} artifacts")
    return problems


def language_tags(path: Path, lang: str) -> tuple[int, list[str]]:
    """Return how many structure elements carry the language lang, and the alt text of every figure ('' if none)."""
    with pikepdf.open(path) as pdf:
        elements = list(structure_elements(pdf.Root.StructTreeRoot))
        tagged = sum(1 for e in elements if str(e.get("/Lang", "")) == lang)
        return tagged, [str(e.get("/Alt", "")) for e in elements if e.S == "/Figure"]


def document_text(path: Path) -> str:
    """Return the PDF's text in reading order as poppler lays it out (pdftotext), words hyphenated at a break joined."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(re.sub(r"\u2010\s+", "", text.replace("\u00ad", "")).split())


def numbered_without_source(text: str, table: str, figure: str, source: str) -> tuple[dict[str, list[int]], list[str]]:
    """Return the numbers of tables and figures in order of their first caption, and those with no source line after."""
    found = [(m.group(1), int(m.group(2)), m.start()) for m in re.finditer(rf"\b({table}|{figure}) (\d+)\. ", text)]
    firsts: list[tuple[str, int, int]] = []
    for kind, number, at in found:
        if not any(k == kind and n == number for k, n, _ in firsts):
            firsts.append((kind, number, at))
    numbers = {
        "table": [n for k, n, _ in firsts if k == table],
        "figure": [n for k, n, _ in firsts if k == figure],
    }
    missing = []
    for kind, number, at in firsts:
        following = [a for k, n, a in found if a > at and (k, n) != (kind, number)]
        end = following[0] if following else len(text)
        if source not in text[at:end]:
            missing.append(f"{kind} {number}")
    return numbers, missing


def chapter_starts(path: Path) -> set[int]:
    """Return the pages (from 1) on which a chapter, annex or front part starts: the outline's top entries."""
    reader = PdfReader(path)
    return {reader.get_destination_page_number(e) + 1 for e in reader.outline if not isinstance(e, list)}


def _lines(path: Path) -> list[tuple[float, list[tuple[float, float, str]]]]:
    """Return each page's height and its lines of body text (top, bottom, text), without running header and footer."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for height, body in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', xml, re.S):
        top, bottom = TOP_MM * MM, float(height) - BOTTOM_MM * MM
        lines = []
        for y0, y1, inner in re.findall(
            r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>', body, re.S
        ):
            words = re.findall(r"<word [^>]*>([^<]*)</word>", inner)
            if top < float(y0) and float(y1) < bottom + 2:
                lines.append((float(y0), float(y1), " ".join(words)))
        pages.append((float(height), sorted(lines)))
    return pages


def page_fills(path: Path) -> list[float]:
    """Return how full each page's text area is, from its top to the bottom of its lowest line of text (0 to 1)."""
    fills = []
    for height, lines in _lines(path):
        top, bottom = TOP_MM * MM, height - BOTTOM_MM * MM
        fills.append(max(((y1 - top) / (bottom - top) for _, y1, _ in lines), default=0.0))
    return fills


def heading_last_on_a_page(path: Path) -> list[str]:
    """Return each heading (outline entry) whose first line is its page's last line of body text."""
    reader = PdfReader(path)
    pages = _lines(path)
    problems = []

    def walk(items):
        """Check every entry of the outline, nested ones too."""
        for item in items:
            if isinstance(item, list):
                walk(item)
                continue
            number = reader.get_destination_page_number(item)
            lines = pages[number][1]
            title = " ".join(str(item.title).split())
            last = lines[-1][2] if lines else ""
            if len(lines) > 1 and len(last) >= 4 and title.startswith(last):
                problems.append(f"page {number + 1}: {title}")

    walk(reader.outline)
    return problems
