"""The book's own DataTables bundle (src/briefing/notebook/vendor/dt_bundle/, built by tools/dt-bundle/): what it exports,
what it weighs, what it is built from and its licences."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pandas as pd
import pytest

from briefing.i18n.messages import in_language
from briefing.notebook.interactive import (
    BOOK_BUILD_ENV,
    HTML_DIR_ENV,
    NOT_BUNDLED,
    VENDORED_BUNDLE,
    datatables_language,
    interactive_table,
    interface_texts,
    itables_bundle,
)
from helpers import PROJECT_ROOT

TOOL = PROJECT_ROOT / "tools" / "dt-bundle"
JS, CSS, NOTICE = (VENDORED_BUNDLE / name for name in ("dt_bundle.js", "dt_bundle.css", "LICENSE.txt"))
#: The bundle's budget: 321,667 B of JavaScript and 63,606 B of CSS (before the build slims it) when it was made, for
#: itables' 618,633 B and 107,022 B. The margin (about 3 %) takes a patch release of DataTables or jQuery, not a new extension.
JS_BUDGET = 330_000
CSS_BUDGET = 66_000
#: itables' templates that import from the bundle: the table's module (the pages' own) and its dark-mode set-up.
ITABLES_TEMPLATES = ("datatables_template.html", "init_datatables.html")


def exported_names(js: str) -> set[str]:
    """Return the names an esbuild ES module bundle exports (its one ``export{local as name, ...}`` statement)."""
    statements = re.findall(r"export\s*\{([^}]*)\}", js)
    assert len(statements) == 1, statements
    return {part.split(" as ")[-1].strip() for part in statements[0].split(",")}


def imported_names(html: str) -> set[str]:
    """Return the names a page's module scripts import from dt_bundle.js (``import { a, b as c } from '…/dt_bundle.js'``)."""
    imports = re.findall(r"import\s*\{([^}]*)\}\s*from\s*'[^']*/dt_bundle\.js'", html)
    assert imports, "no import from dt_bundle.js"
    return {part.split(" as ")[0].strip() for names in imports for part in names.split(",")}


def version_banners(js: str) -> set[str]:
    """Return the '<library> <version>' banners of a bundle's licence comments (e.g. 'DataTables 2.3.8')."""
    legal = js[js.rindex("/*! Bundled license information:") :]
    return set(re.findall(r"^\s*(?:\(\*!|\*)\s*([A-Za-z][\w ]*? v?\d+\.\d+\.\d+)\s*$", legal, re.M))


def test_bundle_exports_what_the_pages_and_itables_templates_import(monkeypatch, tmp_path):
    """The book's bundle exports every name a built page's table module and itables' templates import from dt_bundle.js."""
    monkeypatch.setenv(BOOK_BUILD_ENV, "1")
    monkeypatch.setenv(HTML_DIR_ENV, str(tmp_path))
    page = interactive_table(pd.DataFrame({"Text": ["a", "b"]}), "Caption", table_id="probe", facets=["Text"]).data
    exported = exported_names(JS.read_text(encoding="utf-8"))
    templates = "".join((itables_bundle().parent / name).read_text(encoding="utf-8") for name in ITABLES_TEMPLATES)
    assert imported_names(page) == {"ITable", "jQuery"}
    assert imported_names(page) | imported_names(templates) <= exported
    # itables' exports, less DateTime: the date picker of SearchBuilder, which the book does not use or bundle.
    assert exported_names(itables_bundle().read_text(encoding="utf-8")) - exported == {"DateTime"}


def test_bundle_stays_within_its_budget():
    """The bundle's JavaScript and CSS stay within their budgets, about half of itables' full bundle."""
    assert JS.stat().st_size <= JS_BUDGET and CSS.stat().st_size <= CSS_BUDGET, (JS.stat().st_size, CSS.stat().st_size)
    assert JS.stat().st_size < itables_bundle().stat().st_size / 1.8


def test_bundle_is_built_from_the_versions_in_itables_own_bundle():
    """Every library in the book's bundle (DataTables, its extensions, jQuery) has the version itables 2.9.1 bundles."""
    ours = version_banners(JS.read_text(encoding="utf-8"))
    theirs = version_banners(itables_bundle().read_text(encoding="utf-8"))
    assert {"DataTables 2.3.8", "jQuery JavaScript Library v4.0.0", "SearchPanes 2.3.5", "Select for DataTables 3.1.3"} <= ours
    assert ours <= theirs, ours - theirs
    assert not any(name in " ".join(ours) for name in ("SearchBuilder", "ColReorder", "Scroller", "KeyTable", "JSZip"))


def test_bundle_notice_lists_each_pinned_package_and_its_licence():
    """The notice beside the bundle names each pinned package at its version and carries the MIT texts of DataTables,
    jQuery and itables."""
    notice = NOTICE.read_text(encoding="utf-8")
    pinned = json.loads((TOOL / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    assert all(f"- {name} {version} " in notice for name, version in pinned.items() if name != "esbuild")
    assert "Copyright SpryMedia Limited" in notice and "Copyright OpenJS Foundation" in notice and "Marc Wouts" in notice
    assert notice.count("Permission is hereby granted, free of charge") == 3


def test_bundle_is_what_the_build_script_makes(tmp_path):
    """Rebuilding with tools/dt-bundle (when its Node packages are installed) gives the vendored files byte for byte."""
    if shutil.which("node") is None or not (TOOL / "node_modules" / "esbuild").is_dir():
        pytest.skip("tools/dt-bundle's Node packages are not installed (npm ci there)")
    subprocess.run(["node", "build.mjs", str(tmp_path)], cwd=TOOL, check=True, capture_output=True, timeout=120)
    for path in (JS, CSS, NOTICE):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_german_interface_texts_leave_out_extensions_the_bundle_lacks():
    """The German DataTables texts a page carries keep those of the bundled extensions and leave out the others'."""
    with in_language("de"):
        texts, ours = datatables_language(), interface_texts()
    assert texts is not None and {"searchPanes", "select", "buttons", "zeroRecords", "aria"} <= set(texts)
    assert not (NOT_BUNDLED - set(ours)) & set(texts)
    # SearchPanes names a pane's search field with SearchBuilder's key: only that sentence of the package's own is kept.
    assert texts.get("searchBuilder", {}) == ours.get("searchBuilder", {}) and set(ours.get("searchBuilder", {})) <= {
        "searchTitle"
    }
    assert "SearchBuilder" not in " ".join(version_banners(JS.read_text(encoding="utf-8")))  # so its texts are not needed


def test_a_tables_preview_rows_are_written_once(monkeypatch, tmp_path):
    """A book table's first rows are in its page once, in the table, not again in the script that starts it."""
    monkeypatch.setenv(BOOK_BUILD_ENV, "1")
    monkeypatch.setenv(HTML_DIR_ENV, str(tmp_path))
    page = interactive_table(pd.DataFrame({"Text": ["first-row-text", "b"]}), "Caption", table_id="probe").data
    assert page.count("first-row-text") == 1 and '"table_html"' not in page
    assert page.index("first-row-text") < page.index("<script")
