"""The print edition's plan and frame: which parts of the built book go where, the cover and the page style.

The chapters themselves come from the built HTML (so new chapters and sections follow by themselves);
this module only says what moves behind the cover, what becomes an annex and what stays online only.
"""

from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from briefing import cite
from briefing.model import Dataset

ASSETS = Path(__file__).parent / "print_assets"
#: The print design, shared with a chapter printed from the browser (the book links it with media="print").
PRINT_CSS = Path(__file__).parent / "sphinx" / "static" / "briefing-print.css"
#: Width of the printed text on an A4 page in portrait and in landscape (16 mm margins left and right), in mm.
PORTRAIT_MM, LANDSCAPE_MM = 178, 265


@dataclass(frozen=True)
class Part:
    """A section (id) of a built page (page, a path from the book's root), or the whole page when id is empty."""

    page: str
    id: str = ""
    title: str = ""
    silent: bool = False


#: The key messages, printed on the page after the cover.
KEY_MESSAGES = Part("chapters/index.html", "key-messages")
#: Reference material printed after the last chapter, in compact type, in this order.
ANNEXES = [
    Part("chapters/data-and-method.html", "data-dictionary", "Data dictionary"),
    Part("chapters/themes.html", "the-theme-vocabulary", "Theme vocabulary"),
    Part("chapters/data-and-method.html", "the-coding-rules", "Coding rules"),
    Part("chapters/data-and-method.html", "glossary", "Glossary"),
    Part("chapters/references.html", title="References and how to cite"),
    Part("chapters/revisions.html", title="What changed between editions"),
    Part("chapters/imprint.html", title="Imprint and corrections"),
]
#: What only makes sense on screen: left out with a line giving its online address (or silently).
LEFT_OUT = [
    Part("chapters/privacy.html", title="The privacy statement of the website"),
    Part("", "explore-the-contributions", "The interactive explorer of the contributions"),
    Part("", "download-the-data", "The data files for download"),
    Part("", "suggested-theme-links-for-the-next-briefing", "How theme links are suggested for the next briefing"),
    Part("", "how-to-update-the-data-and-rebuild", "How to update the data and rebuild the book"),
    Part("", "how-to-cite-this-chapter", silent=True),  # the cover gives the suggested citation
]


def layout_args(ds: Dataset, base: str | None) -> dict:
    """Return what the layout script needs: the plan, the base URL, the contribution ids and the text widths."""
    return {
        "base": base,
        "keyMessages": asdict(KEY_MESSAGES),
        "annexes": [asdict(p) for p in ANNEXES],
        "leftOut": [asdict(p) for p in LEFT_OUT],
        "contributions": [c.id for c in ds.contributions],
        "portrait": PORTRAIT_MM,
        "landscape": LANDSCAPE_MM,
    }


def _css_string(text: str) -> str:
    """Return text as a quoted CSS string."""
    return json.dumps(text, ensure_ascii=False)


def page_style(ds: Dataset) -> str:
    """Return the @page rules of the edition: running header with title and edition, 'page X of Y' in the footer."""
    p = ds.publication
    running = _css_string(f"{p.title} · Edition {p.edition}")
    date = _css_string(f"{p.release_date:%-d %B %Y}")
    return (
        "@page { size: A4; margin: 17mm 16mm 16mm 16mm;"
        f" @top-left {{ content: {running}; }} @top-right {{ content: {date}; }}"
        ' @bottom-right { content: "page " counter(page) " of " counter(pages); } }'
        " @page wide { size: A4 landscape; }"
        f" .pdf-landscape {{ width: {LANDSCAPE_MM}mm; }}"
    )


def cover(ds: Dataset, base: str | None) -> str:
    """Return the cover: title, subtitle, edition, release date, publisher, licence, suggested citation, online address."""
    p, e = ds.publication, ds.event
    online = (
        f'<a href="{html.escape(base)}">{html.escape(base)}</a>'
        if base
        else "published with this file; no web address was set for this build"
    )
    rows = [
        ("Edition", f"{p.edition}, released {p.release_date:%-d %B %Y}"),
        ("Publisher", html.escape(p.publisher)),
        ("Editors", html.escape("; ".join(p.authors))),
        ("Licence", f"Text and data: {html.escape(p.licence_text)}; code: {html.escape(p.licence_code)}"),
        ("Online edition", online),
        ("Suggested citation", html.escape(cite.book_reference(ds, base))),
    ]
    facts = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return (
        f'<section class="pdf-cover" id="pdf-cover"><h1 class="pdf-title">{html.escape(p.title)}</h1>'
        f'<p class="pdf-subtitle">{html.escape(p.subtitle)}</p>'
        f'<p class="pdf-edition">Edition {p.edition} · {p.release_date:%-d %B %Y}</p>'
        f'<p class="pdf-abstract">{html.escape(p.abstract)} The summaries are the editors\' reading of the report of '
        f"{html.escape(e.source_author)} on the event of {e.date:%-d %B %Y}, not the speakers' own words.</p>"
        f'<dl class="pdf-facts">{facts}</dl></section>'
    )


def document(ds: Dataset, base: str | None, stylesheets: list[str], chapters: list[tuple[str, str]]) -> str:
    """Return the print edition's HTML before layout: cover, key messages, contents, chapters (page, article), annexes."""
    p = ds.publication
    body = "".join(
        f'<section class="pdf-chapter" id="pdf-page-{page.removesuffix(".html").replace("/", "-")}" '
        f'data-page="{html.escape(page)}">'
        f"{article}</section>"
        for page, article in chapters
    )
    book_css = PRINT_CSS.read_text(encoding="utf-8") + (ASSETS / "book.css").read_text(encoding="utf-8")
    return (
        f'<!doctype html><html lang="{html.escape(p.language)}" data-mode="light" data-theme="light"><head><meta charset="utf-8">'
        f"<title>{html.escape(p.title)}</title>"
        f'<meta name="author" content="{html.escape("; ".join(p.authors))}">'
        f'<meta name="description" content="{html.escape(p.subtitle)}">'
        f"{''.join(stylesheets)}<style>{page_style(ds)}\n{book_css}</style></head>"
        f'<body><main class="bd-main"><article class="bd-article pdf-book">{cover(ds, base)}'
        '<section id="pdf-key-messages" class="pdf-key-messages"></section>'
        '<nav id="pdf-contents" class="pdf-contents" aria-label="Contents"><h1>Contents</h1><ol></ol></nav>'
        f'<div class="pdf-main">{body}</div><div id="pdf-annexes" class="pdf-annexes"></div>'
        "</article></main></body></html>"
    )


def metadata(ds: Dataset) -> dict[str, str]:
    """Return the PDF's document information: title, authors, subject, keywords."""
    p = ds.publication
    return {
        "/Title": f"{p.title} (edition {p.edition})",
        "/Author": "; ".join(p.authors),
        "/Subject": p.subtitle,
        "/Keywords": "; ".join(["smart specialisation", ds.event.region, *(t.label for t in ds.themes)]),
        "/Creator": "briefing (Chromium)",
    }
