"""The published addresses of the book: every page and every section anchor, for the stability check."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from briefing.core.paths import editions_dir

#: The file in a book's editions/ folder that lists old page -> new page, for pages that moved after an edition
#: published them.
REDIRECTS_NAME = "redirects.yml"

SECTION_ID = re.compile(r'<section[^>]*\bid="([^"]+)"')
#: A section's other ids: docutils writes each as an empty span at the section's start (e.g. an old anchor kept as an
#: alias when a heading is renamed, so links published with it still land on the section).
ALIAS_ID = re.compile(r'<section[^>]*>\s*(?:<span id="[^"]+"></span>\s*)+')
SPAN_ID = re.compile(r'<span id="([^"]+)"></span>')
#: The ids docutils numbers itself (id1, id2, …) where a section has a second name: they shift whenever anything
#: numbered before them changes, so no one can rely on them and they are not published addresses.
AUTO_ID = re.compile(r"^id\d+$")


#: The folders of an edition's chapter pages: the English book's and, where it is built, the German edition's.
CHAPTER_FOLDERS = ("chapters", "de/chapters")


def published_anchors(html_dir: Path) -> list[str]:
    """Return 'page' and 'page#anchor' for every chapter page and section of a built book, in every language built."""
    found = []
    for page in sorted(page for folder in CHAPTER_FOLDERS for page in (html_dir / folder).glob("*.html")):
        name = page.relative_to(html_dir).as_posix()
        found.append(name)
        html = page.read_text(encoding="utf-8")
        aliases = [a for block in ALIAS_ID.findall(html) for a in SPAN_ID.findall(block) if not AUTO_ID.match(a)]
        found += [f"{name}#{anchor}" for anchor in [*SECTION_ID.findall(html), *aliases]]
    return found


def redirects_file() -> Path:
    """Return the book's file of moved pages, in its editions/ folder (found when called, never at import)."""
    return editions_dir() / REDIRECTS_NAME


def redirects() -> dict[str, str]:
    """Return the pages that moved (old path -> new path), from the book's own editions/ folder."""
    path = redirects_file()
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {} if path.exists() else {}


def follow(address: str) -> str:
    """Return where a published address ('page' or 'page#anchor') lives now, after redirects."""
    page, _, anchor = address.partition("#")
    page = redirects().get(page, page)
    return f"{page}#{anchor}" if anchor else page
