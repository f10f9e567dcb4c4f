"""Turn a report saved as Markdown or HTML into the plain text the briefing keeps and quotes."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "blockquote",
    "dd",
    "dt",
    "table",
    "ul",
    "ol",
}
_SKIPPED = {"script", "style", "nav", "header", "footer", "noscript", "form", "button", "svg", "head"}


class _Text(HTMLParser):
    """Collect an HTML page's visible text, one block per line, and its first heading."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.heading: list[str] | None = None
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002 - HTMLParser's signature
        """Open a block or a skipped element."""
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        if tag == "h1" and not self.title:
            self.heading = []

    def handle_endtag(self, tag: str) -> None:
        """Close a block or a skipped element."""
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        if tag == "h1" and self.heading is not None:
            self.title = " ".join("".join(self.heading).split())
            self.heading = None

    def handle_data(self, data: str) -> None:
        """Keep visible text."""
        if self.skipping:
            return
        self.parts.append(data)
        if self.heading is not None:
            self.heading.append(data)


def _tidy(text: str) -> str:
    """Collapse runs of spaces within lines and of blank lines between them."""
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def from_html(page: str) -> tuple[str, str]:
    """Return the visible text of an HTML page (one paragraph per block) and its first heading."""
    parser = _Text()
    parser.feed(page)
    parser.close()
    return _tidy(html.unescape("".join(parser.parts))), parser.title


#: A link or image; the text and the target cannot hold another bracket, so a line of brackets is read in linear time.
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
#: Emphasis with one '*' or '_'; it cannot hold its own mark, so an unclosed one costs linear, not quadratic, time.
_EMPHASIS = re.compile(r"(?<![\w*])(?:\*(?!\s)([^*]+?)(?<!\s)\*|_(?!\s)([^_]+?)(?<!\s)_)(?![\w*])")


def from_markdown(markdown: str) -> tuple[str, str]:
    """Return Markdown as plain text (headings, emphasis, links and list marks removed) and its first heading."""
    title = ""
    out = []
    for line in markdown.splitlines():
        heading = re.match(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if heading:
            line = heading.group(2)
            if heading.group(1) == "#" and not title:
                title = re.sub(r"(\*\*|__|\*|_)", "", line)
        line = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", line)
        line = _LINK.sub(r"\1", line)
        line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
        line = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3), line)
        out.append(line)
    return _tidy("\n".join(out)), title


def to_text(text: str, suffix: str) -> tuple[str, str]:
    """Return the report's plain text and the title it states (or ''), by file type (.md, .html, else text)."""
    suffix = suffix.lower()
    if suffix in {".html", ".htm"} or re.match(r"\s*(?:<!doctype html|<html)", text, re.IGNORECASE):
        return from_html(text)
    if suffix in {".md", ".markdown"}:
        return from_markdown(text)
    return text, ""
