"""schema.org ``Dataset`` metadata, inline as JSON-LD, on the page that offers the data for download."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from briefing.core.schema import present_data_files
from briefing.publish.downloads import DOWNLOAD_DIR, MADE_FILES, zip_name
from briefing.publish.opendata import DATAPACKAGE_FILE, dataset_jsonld, jsonld_text
from briefing.sphinx import settings
from briefing.sphinx.data import build_dataset
from briefing.sphinx.page_assets import add_page_script


def offers_the_data(doctree: nodes.document | None) -> bool:
    """Return whether a page links to the data package, i.e. is the page that offers the data."""
    if doctree is None:
        return False
    target = f"{DOWNLOAD_DIR}/{DATAPACKAGE_FILE}"
    return any(node.get("refuri", "").endswith(target) for node in doctree.findall(nodes.reference))


def add_dataset_metadata(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Add the Dataset description to the head of the page that offers the data (nothing is loaded from another host)."""
    if app.builder.format != "html" or not offers_the_data(doctree):
        return
    ds = build_dataset(app.env)
    description = dataset_jsonld(
        ds, settings.base_url(app.config), f"{pagename}.html", [*present_data_files(ds.data_dir), *MADE_FILES], zip_name(ds)
    )
    add_page_script(app, jsonld_text(description), type="application/ld+json")


def setup_dataset_metadata(app: Sphinx) -> None:
    """Register the JSON-LD Dataset description of the downloads page."""
    app.connect("html-page-context", add_dataset_metadata)
