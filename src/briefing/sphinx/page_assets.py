"""Load the toggle, tab and copy-button scripts and styles only on the pages that have what they act on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

if TYPE_CHECKING:
    from sphinx.config import Config
from typing import Any


@dataclass(frozen=True)
class Feature:
    """An extension's files (under _static/) and the CSS selector of the page elements its script acts on."""

    files: tuple[str, ...]
    selector: str


def features(config: Config) -> list[Feature]:
    """Return the optional features of the book's extensions, with the selectors their settings give."""
    return [
        # sphinx-togglebutton: its selector setting, its own toggle directive's <details>, and what it marks .toggle.
        Feature(
            ("togglebutton.js", "togglebutton.css"),
            f"{getattr(config, 'togglebutton_selector', '.toggle')}, details.toggle-details, .toggle",
        ),
        # sphinx-design: the tab sets its script keeps in step.
        Feature(("design-tabs.js",), ".sd-tab-set"),
        # sphinx-copybutton: its selector setting (code blocks by default).
        Feature(
            ("clipboard.min.js", "copybutton.js", "copybutton.css"), getattr(config, "copybutton_selector", "div.highlight pre")
        ),
    ]


def unused_files(body: str, found: list[Feature]) -> set[str]:
    """Return the files of the features whose elements the page body lacks (Sphinx's index and search pages have none)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(body, "html.parser")
    return {f"_static/{name}" for feature in found if soup.select_one(feature.selector) is None for name in feature.files}


def drop_unused_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Leave out of this page the scripts and styles of toggles, tabs and copy buttons it does not have."""
    unused = unused_files(context.get("body", ""), features(app.config))
    if not unused:
        return
    for key in ("script_files", "css_files"):
        if key in context:  # Sphinx restores the full lists before the next page
            context[key][:] = [asset for asset in context[key] if getattr(asset, "filename", asset) not in unused]


def add_page_script(app: Sphinx, body: str, **attributes: str) -> None:
    """Add an inline script to the page being written, through its script list (restored by Sphinx before the next page)."""
    if isinstance(app.builder, StandaloneHTMLBuilder):
        app.builder.add_js_file("", body=body, **attributes)


def setup_page_assets(app: Sphinx) -> None:
    """Register the per-page choice of scripts and styles (after the extensions add theirs)."""
    app.connect("html-page-context", drop_unused_assets, priority=900)
