"""Files a published site needs beside its pages: robots.txt, the sitemap's language alternates and a friendly 404 page."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.etree import ElementTree

from briefing.core.model import Dataset
from briefing.i18n.messages import DEFAULT, _, edition_prefix, language, pgettext
from briefing.publish.cite import edition_number

#: What stands between a page's own title and the book's in the browser's title, by language: Sphinx's em dash in
#: English, the spaced en dash German sets between the parts of a title ("Suchen – Briefing …").
TITLE_SEPARATORS = {"en": " — ", "de": " – "}


def title_separator() -> str:
    """Return the separator of a page's title and the book's in the edition's language (TITLE_SEPARATORS)."""
    return TITLE_SEPARATORS.get(language(), TITLE_SEPARATORS[DEFAULT])


NOT_FOUND_STYLE = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:40rem;margin:3rem auto;"
    "padding:0 1rem;line-height:1.5;color:#222}a{color:#1a4f8b}h1{font-size:1.6rem}"
)


def robots_txt(base_url: str | None) -> str:
    """Return robots.txt: everything may be indexed; the sitemap is named when the base URL is known."""
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines.append(f"Sitemap: {base_url}sitemap.xml")
    return "\n".join(lines) + "\n"


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def sitemap_alternates(sitemap: str, site_url: str, lang: str, langs: Sequence[str]) -> str:
    """Return an edition's sitemap (the book's own, written by sphinx-sitemap) with each address's page in every
    edition as an hreflang alternate, the English one also as x-default; ``site_url`` is the book's root."""
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("xhtml", XHTML_NS)
    root = ElementTree.fromstring(sitemap)  # the build's own file, not one from outside
    here = site_url + edition_prefix(lang)
    for url in root.iter(f"{{{SITEMAP_NS}}}url"):
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc") or ""
        if not loc.startswith(here):
            continue
        page = loc.removeprefix(here)
        for link in url.findall(f"{{{XHTML_NS}}}link"):
            url.remove(link)
        for other in [*langs, "x-default"]:
            href = site_url + edition_prefix(DEFAULT if other == "x-default" else other) + page
            ElementTree.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=other, href=href)
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True)


def not_found_page(ds: Dataset, base_url: str | None, pages: list[tuple[str, str]]) -> str:
    """Return a self-contained 404 page in the edition's language that links back to the edition's contents (absolute
    links when the base URL, which already names the edition's folder, is known)."""
    lang = language()
    root = base_url or "/" + ("" if lang == DEFAULT else f"{lang}/")
    p = ds.publication
    title, heading, contents = (
        html.escape(p.title),
        html.escape(_("Page not found")),
        html.escape(pgettext("404 page", "Contents")),
    )
    text = _("This address is not part of {title} (edition {edition}). The page may have moved, or the link may be mistyped.")
    items = "".join(f'<li><a href="{html.escape(root + path)}">{html.escape(name)}</a></li>' for path, name in pages)
    return (
        f'<!doctype html><html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">'
        f"<title>{heading}{html.escape(title_separator())}{title}</title><style>{NOT_FOUND_STYLE}</style></head><body><main>"
        f"<h1>{heading}</h1><p>{text.format(title=title, edition=html.escape(edition_number(ds)))}</p>"
        f"<h2>{contents}</h2><ul>{items}</ul></main></body></html>"
    )


def write_favicon(path: Path) -> None:
    """Write /favicon.ico, which browsers request on pages without an icon link (the root redirect page)."""
    from PIL import Image, ImageDraw

    icon = Image.new("RGBA", (32, 32), (26, 79, 139, 255))
    draw = ImageDraw.Draw(icon)
    draw.line([(9, 25), (9, 7), (17, 7), (21, 11), (17, 15), (9, 15), (23, 25)], fill="white", width=3)
    icon.save(path, format="ICO", sizes=[(16, 16), (32, 32)])


def write_site_files(
    outdir: Path,
    ds: Dataset,
    base_url: str | None,
    pages: list[tuple[str, str]] | None = None,
    finish: Callable[[str], str] | None = None,
) -> None:
    """Write robots.txt, 404.html and favicon.ico into the built book; finish, if given, is what the 404 page goes
    through before it is written (a draft's banner and marked gaps, briefing.sphinx.draft_banner)."""
    (outdir / "robots.txt").write_text(robots_txt(base_url), encoding="utf-8")
    write_favicon(outdir / "favicon.ico")
    page = not_found_page(ds, base_url, pages or [])
    (outdir / "404.html").write_text(finish(page) if finish else page, encoding="utf-8")
