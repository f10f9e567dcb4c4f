"""The published addresses of the book: every page and every section anchor, for the stability check."""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml

from briefing.paths import PROJECT_ROOT

#: Old page -> new page, for pages that moved after an edition published them.
REDIRECTS_FILE = PROJECT_ROOT / "editions" / "redirects.yml"

SECTION_ID = re.compile(r'<section[^>]*\bid="([^"]+)"')


def published_anchors(html_dir: Path) -> list[str]:
    """Return 'page' and 'page#anchor' for every chapter page and section of a built book."""
    found = []
    for page in sorted((html_dir / "chapters").glob("*.html")):
        name = f"chapters/{page.name}"
        found.append(name)
        found += [f"{name}#{anchor}" for anchor in SECTION_ID.findall(page.read_text(encoding="utf-8"))]
    return found


def redirects() -> dict[str, str]:
    """Return the pages that moved (old path -> new path)."""
    return yaml.safe_load(REDIRECTS_FILE.read_text(encoding="utf-8")) or {} if REDIRECTS_FILE.exists() else {}


def follow(address: str) -> str:
    """Return where a published address ('page' or 'page#anchor') lives now, after redirects."""
    page, _, anchor = address.partition("#")
    page = redirects().get(page, page)
    return f"{page}#{anchor}" if anchor else page


def write_redirects(html_dir: Path) -> None:
    """Write a small page at every old address that forwards to the new one, keeping the anchor."""
    for old, new in redirects().items():
        target = html_dir / old
        target.parent.mkdir(parents=True, exist_ok=True)
        relative = "../" * old.count("/") + new
        target.write_text(
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Moved</title>'
            f'<link rel="canonical" href="{html.escape(relative)}"><meta '
f'http-equiv="refresh" content="0; url={html.escape(relative)}">'
            f"<script>location.replace({relative!r} + location.hash)</script></head>"
            f'<body><p>This page has moved to <a href="{html.escape(relative)}">{html.escape(new)}</a>.</p></body></html>',
            encoding="utf-8",
        )
