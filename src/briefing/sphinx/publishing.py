"""What the build publishes beside the pages, and per-page head and body adjustments."""

from __future__ import annotations

import html
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator
from sphinxext.opengraph import get_title, make_tag

from briefing.build.pdf import toc_pages
from briefing.notebook.interactive import BUNDLE_DIR, bundle_files
from briefing.notebook.ipynb import chapter_notebook, is_notebook, write_notebook
from briefing.publish.downloads import DOWNLOAD_DIR, write_downloads
from briefing.publish.site import title_separator, write_site_files
from briefing.sphinx import draft_banner as draft
from briefing.sphinx import settings
from briefing.sphinx.cite_boxes import cite_file, meta_html, notebook_file, page_title, write_cite_files
from briefing.sphinx.data import build_dataset


def copy_table_bundle(app: Sphinx, exception: Exception | None) -> None:
    """Serve the book's DataTables bundle once from the book's static files, with its licences."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / BUNDLE_DIR
    target.mkdir(parents=True, exist_ok=True)
    for path in bundle_files():
        shutil.copyfile(path, target / path.name)
    notice = target / "LICENSE.txt"
    notice.write_text(_bundle_licence(notice.read_text(encoding="utf-8")), encoding="utf-8")


def _bundle_licence(notice: str) -> str:
    """Return the vendored bundle's licence notice with a note, after its first paragraph, that the served CSS is slimmed."""
    first, _, rest = notice.partition("\n\n")
    slimmed = (
        "dt_bundle.css as served here is that file less the style rules no page of the book uses, removed by PurgeCSS "
        "when the book was built (briefing.build.slim); its licence comments are kept."
    )
    return f"{first}\n\n{slimmed}\n\n{rest}"


def publish_files(app: Sphinx, exception: Exception | None) -> None:
    """Write each page's BibTeX and RIS file, the data downloads and the site files into the built book."""
    if exception is not None or app.builder.format != "html":
        return
    dataset, base = build_dataset(app.env), settings.base_url(app.config)
    titles = {doc: page_title(app, doc) or doc for doc in sorted(app.env.found_docs)}
    write_cite_files(Path(app.outdir), titles, dataset, base)
    write_downloads(dataset, Path(app.outdir) / DOWNLOAD_DIR)
    # the 404 page lists the pages as their navigation does (the toc's order), not in printing order (the brief first)
    pages = [(path, page_title(app, path.removesuffix(".html")) or path) for path in toc_pages(Path(app.srcdir))]
    write_site_files(Path(app.outdir), dataset, base, pages, finish=lambda page: draft.finished(app, page))


def meta_tags(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """Add Highwire Press and Dublin Core tags to every page of the book."""
    title = page_title(app, pagename)
    if title is not None:
        context["metatags"] = context.get("metatags", "") + meta_html(
            build_dataset(app.env), title, pagename, settings.base_url(app.config)
        )


def open_graph_without_url(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Without a base URL, write a page's OpenGraph tags in sphinxext-opengraph's place: all it writes but og:url.

    sphinxext-opengraph writes og:url on every page, a relative address without a site URL (a guess no link preview
    can use), and has no setting to leave it out. So here its per-page field ``ogp_disable`` turns its tags off, and
    the ones it writes for the book without a base URL are made with its own functions, in its order: the title, the
    type, the site name and the page's og: fields (the description, clean_description), then the configured extra
    tags. (Its images need the base URL too: social cards are switched off then, in briefing.sphinx._configure.) With
    a base URL, sphinxext-opengraph writes every tag itself.
    """
    if doctree is None or app.builder.name == "epub" or settings.base_url(app.config):
        return
    config, fields = app.config, context.get("meta") or {}
    tags = {"og:title": get_title(context["title"])[0], "og:type": config.ogp_type}
    site_name = config.project if config.ogp_site_name is None else config.ogp_site_name
    if site_name:
        tags["og:site_name"] = site_name
    tags.update({name: value for name, value in fields.items() if name.startswith("og:")})
    lines = [make_tag(name, value) for name, value in tags.items()] + list(config.ogp_custom_meta_tags)
    context["metatags"] = context.get("metatags", "") + "\n".join(lines) + "\n"
    context["meta"] = {**fields, "ogp_disable": True}  # a copy: context["meta"] is the environment's


#: The parts of a page a description leaves out: tables, notes and boxes, code, the cite box, screen-only lines.
_NOT_DESCRIBED = (nodes.table, nodes.Admonition, nodes.literal_block, nodes.citation, nodes.title, nodes.field_list)
_NOT_DESCRIBED_CLASSES = {"briefing-cite", "screen-only", "briefing-abstract", "briefing-abstract-lead"}


def described(paragraph: nodes.paragraph) -> bool:
    """Tell whether a paragraph is running text a page's description may quote (not in a table, note, box or code)."""
    parent: nodes.Node | None = paragraph
    while isinstance(parent, nodes.Element):
        if isinstance(parent, _NOT_DESCRIBED) or _NOT_DESCRIBED_CLASSES & set(parent.get("classes", [])):
            return False
        parent = parent.parent
    return True


def description(doctree: nodes.Node, length: int) -> str:
    """Return a page's description: its first paragraphs of running text, joined by spaces, cut after the last whole
    word within length characters (with '…'). Not sphinxext-opengraph's walk of every text, which joins a table's
    empty cells and an inline's brackets into 'Imprint:,,, Details' and 'edition 2( 27 November 2026)'."""
    text = ""
    for paragraph in doctree.findall(nodes.paragraph):
        if not described(paragraph):
            continue
        text = f"{text} {' '.join(paragraph.astext().split())}".strip()
        if len(text) > length:
            break
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(",;:") + "…"


def title_separator_of(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Give the templates the separator of the page's title and the book's (layout.html, search.html)."""
    context["title_separator"] = title_separator()


def clean_description(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Have sphinxext-opengraph (after this) describe the page with its own description (description()), or not at all."""
    # Through its per-page fields: a description length of 0 stops its own walk of the page, 'og:description' gives the
    # text. The plain description tag is added here, and it adds none where one is.
    if doctree is None:
        return
    found = description(doctree, app.config.ogp_description_length)
    text = html.escape(found, quote=True)  # escaped here, where it is written: OpenGraph escapes only '"'
    fields = {**(context.get("meta") or {}), "ogp_description_length": 0}  # a copy: context["meta"] is the environment's
    context["meta"] = {**fields, "og:description": text} if found else fields
    if found:
        context["metatags"] = context.get("metatags", "") + f'<meta name="description" content="{text}" />\n'


def visit_citation(self: HTML5Translator, node: nodes.citation) -> None:
    """Write a bibliography entry as docutils does, with a valid list-item role (axe: aria-required-children, deprecated role)."""
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def depart_citation(self: HTML5Translator, node: nodes.citation) -> None:
    """Close a bibliography entry as docutils does."""
    type(self).depart_citation(self, node)


def _notebook_pages(app: Sphinx) -> list[str]:
    """Return the pages whose source is a MyST notebook."""
    return sorted(doc for doc in app.env.found_docs if is_notebook(Path(app.env.doc2path(doc))))


def write_chapter_notebooks(app: Sphinx, exception: Exception | None) -> None:
    """Write each notebook chapter as a runnable .ipynb beside its MyST source in _sources/."""
    if exception is not None or app.builder.format != "html":
        return
    dataset, notebooks = build_dataset(app.env), _notebook_pages(app)
    for docname in notebooks:
        url = settings.page_url(app.config, f"{docname}.html")
        title = page_title(app, docname) or docname
        notebook = chapter_notebook(Path(app.env.doc2path(docname)), dataset, title, url, settings.repository_url(app.config))
        write_notebook(notebook, Path(app.outdir) / notebook_file(docname))
    for docname in app.env.found_docs.difference(notebooks):  # a plain page, or one that stopped being a notebook
        (Path(app.outdir) / notebook_file(docname)).unlink(missing_ok=True)  # (the build starts from a copy of the last one)


def offer_notebook(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """List a notebook chapter's .ipynb in the theme's download menu, beside its .md source."""
    if doctree is not None and is_notebook(Path(app.env.doc2path(pagename))):
        context["ipynb_source"] = notebook_file(pagename).removeprefix("_sources/")


#: The pages the last build wrote, kept with its doctrees (which a fresh environment, after a change of settings, keeps).
PAGES_WRITTEN = "briefing-pages.txt"


def remove_pages_of_removed_sources(app: Sphinx, exception: Exception | None) -> None:
    """Delete what an earlier build wrote for a page this build no longer has: its HTML, sources and citation files.

    The build starts from a copy of the last one, so without this a page dropped from the book (or a part page that
    the data no longer need) would stay published. Runs before sphinxext-rediraffe writes its forwarding pages, so a
    moved page's old address still forwards.
    """
    if exception is not None or app.builder.format != "html":
        return
    out, record = Path(app.outdir), Path(app.doctreedir) / PAGES_WRITTEN
    pages = sorted(app.env.found_docs)
    earlier = record.read_text(encoding="utf-8").split() if record.is_file() else []
    for docname in sorted(set(earlier) - set(pages)):
        stale = [out / app.builder.get_target_uri(docname), out / cite_file(docname, "bib"), out / cite_file(docname, "ris")]
        for path in [*stale, *(out / "_sources").glob(f"{docname}.*")]:
            if path.is_file() and path.resolve().is_relative_to(out.resolve()):
                path.unlink()
    record.write_text("\n".join(pages) + "\n", encoding="utf-8")
