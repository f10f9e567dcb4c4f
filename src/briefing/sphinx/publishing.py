"""What the build publishes beside the pages, and per-page head and body adjustments."""

from __future__ import annotations

import importlib.metadata
import re
import shutil
from pathlib import Path

from sphinx.application import Sphinx

from briefing import cite
from briefing.anchors import write_redirects
from briefing.downloads import DOWNLOAD_DIR, write_downloads
from briefing.interactive import BUNDLE_DIR, bundle_files
from briefing.pdf import book_pages
from briefing.site import write_site_files
from briefing.notebooks import chapter_notebook, is_notebook, write_notebook
from briefing.sphinx.citing import meta_html, notebook_file, page_title, write_cite_files
from briefing.sphinx.data import checked_dataset


def copy_table_bundle(app: Sphinx, exception: Exception | None) -> None:
    """Serve itables' DataTables bundle once from the book's static files, with its licence."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / BUNDLE_DIR
    target.mkdir(parents=True, exist_ok=True)
    for path in bundle_files():
        shutil.copyfile(path, target / path.name)
    (target / "LICENSE.txt").write_text(_bundle_licence(), encoding="utf-8")


def _bundle_licence() -> str:
    """Return the licence notice of the vendored table bundle."""
    itables_licence = importlib.metadata.distribution("itables").read_text("licenses/LICENSE") or ""
    return (
        "dt_bundle.js and dt_bundle.css are copied unchanged from the itables Python package "
        f"(version {importlib.metadata.version('itables')}), which bundles DataTables and its extensions "
        "(MIT licence, SpryMedia Ltd) and jQuery (MIT licence, OpenJS Foundation).\n\n"
        "The itables licence:\n\n" + itables_licence
    )


def publish_files(app: Sphinx, exception: Exception | None) -> None:
    """Write each page's BibTeX and RIS file and the data downloads into the built book."""
    if exception is not None or app.builder.format != "html":
        return
    dataset = checked_dataset()
    titles = {doc: page_title(app, doc) or doc for doc in sorted(app.env.found_docs)}
    write_cite_files(Path(app.outdir), titles, dataset)
    write_downloads(dataset, Path(app.outdir) / DOWNLOAD_DIR)
    write_redirects(Path(app.outdir))
    pages = [(path, page_title(app, path.removesuffix(".html")) or path) for path in book_pages(Path(app.srcdir))]
    write_site_files(Path(app.outdir), dataset, cite.base_url(), pages)


def meta_tags(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Add Highwire Press and Dublin Core tags to every page of the book."""
    title = page_title(app, pagename)
    if title is not None:
        context["metatags"] = context.get("metatags", "") + meta_html(checked_dataset(), title, pagename)


def no_guessed_urls(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Without a base URL, drop OpenGraph's relative og:url and image tags rather than publish guesses."""
    if not cite.base_url() and "metatags" in context:
        context["metatags"] = re.sub(r'<meta (property="og:(url|image)|name="twitter:card)[^>]*>\n?', "", context["metatags"])


def accessible_citations(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Give bibliography entries a valid list-item role (axe-core: aria-required-children, deprecated role)."""
    if "body" in context and 'role="doc-biblioentry"' in context["body"]:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def _notebook_pages(app: Sphinx) -> list[str]:
    """Return the pages whose source is a MyST notebook."""
    return sorted(doc for doc in app.env.found_docs if is_notebook(Path(app.env.doc2path(doc))))


def write_chapter_notebooks(app: Sphinx, exception: Exception | None) -> None:
    """Write each notebook chapter as a runnable .ipynb beside its MyST source in _sources/."""
    if exception is not None or app.builder.format != "html":
        return
    dataset = checked_dataset()
    for docname in _notebook_pages(app):
        notebook = chapter_notebook(Path(app.env.doc2path(docname)), dataset, page_title(app, docname) or docname, cite.page_url(f"{docname}.html"))
        write_notebook(notebook, Path(app.outdir) / notebook_file(docname))


def offer_notebook(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """List a notebook chapter's .ipynb in the theme's download menu, beside its .md source."""
    if doctree is not None and is_notebook(Path(app.env.doc2path(pagename))):
        context["ipynb_source"] = notebook_file(pagename).removeprefix("_sources/")
