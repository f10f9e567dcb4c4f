"""The published addresses of the book: every page and every section anchor, for the stability check."""

from __future__ import annotations

import re
from pathlib import Path

SECTION_ID = re.compile(r'<section[^>]*\bid="([^"]+)"')


def published_anchors(html_dir: Path) -> list[str]:
    """Return 'page' and 'page#anchor' for every chapter page and section of a built book."""
    found = []
    for page in sorted((html_dir / "chapters").glob("*.html")):
        name = f"chapters/{page.name}"
        found.append(name)
        found += [f"{name}#{anchor}" for anchor in SECTION_ID.findall(page.read_text(encoding="utf-8"))]
    return found
