"""The extension writes pages through Sphinx's nodes, visitors, templates and script lists, never by editing HTML as text."""

from __future__ import annotations

import ast
from pathlib import Path

import pydata_sphinx_theme
from docutils import nodes

from briefing.sphinx import TEMPLATES
from briefing.sphinx.reader import saves_its_file

SPHINX_DIR = Path(TEMPLATES).parent
THEME_MACROS = Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static/webpack-macros.html"
ICON_SCRIPT = "_static/scripts/fontawesome.js"

#: The places issue 26 has not moved yet, as (module, function): each must be gone from here when it is moved.
BODY_EDITS: set[tuple[str, str]] = set()
PAGE_REWRITES: set[tuple[str, str]] = set()
METATAG_EDITS: set[tuple[str, str]] = set()


def functions() -> dict[tuple[str, str], ast.FunctionDef]:
    """Return every top-level function of the extension's modules, by (module file, name)."""
    found = {}
    for path in sorted(SPHINX_DIR.glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef):
                found[(path.name, node.name)] = node
    return found


def assigned_keys(function: ast.FunctionDef) -> list[tuple[str, ast.expr]]:
    """Return the constant keys of the subscripts a function assigns to (context["body"] = …), with the value assigned."""
    found = []
    for node in ast.walk(function):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) else []
        for target in targets:
            if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
                found.append((target.slice.value, node.value))  # type: ignore[union-attr]
    return found


def build_finished_handler(node: ast.AST) -> str | None:
    """Return the name of the function a call connects to Sphinx's build-finished event, if it is such a call."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "connect"):
        return None
    if len(node.args) != 2 or not isinstance(node.args[0], ast.Constant) or node.args[0].value != "build-finished":
        return None
    handler = node.args[1]
    return handler.attr if isinstance(handler, ast.Attribute) else getattr(handler, "id", None)


def build_finished_handlers() -> set[str]:
    """Return the names of the functions the extension connects to Sphinx's build-finished event."""
    found = set()
    for path in SPHINX_DIR.glob("*.py"):
        found |= {build_finished_handler(node) for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))}
    return {name for name in found if name}


def globs_pages(function: ast.FunctionDef) -> bool:
    """Tell whether a function looks for built pages by a glob of '*.html' (to rewrite them)."""
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in {"glob", "rglob"}
        and any(isinstance(a, ast.Constant) and str(a.value).endswith(".html") for a in node.args)
        for node in ast.walk(function)
    )


def calls_sub(value: ast.expr) -> bool:
    """Tell whether an expression calls a regular expression's sub (re.sub, PATTERN.sub)."""
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "sub" for n in ast.walk(value))


def test_no_handler_edits_the_rendered_body_as_text():
    """No function of the extension assigns to a page context's rendered body, but the places not yet moved."""
    found = {key for key, function in functions().items() if any(k == "body" for k, _ in assigned_keys(function))}
    assert found == BODY_EDITS


def test_no_build_finished_handler_rewrites_the_built_pages():
    """No build-finished handler of the extension goes through the built pages, but the places not yet moved."""
    handlers = build_finished_handlers()
    found = {key for key, function in functions().items() if key[1] in handlers and globs_pages(function)}
    assert found == PAGE_REWRITES


def test_head_tags_are_only_added_never_rewritten():
    """No function of the extension rewrites the head's tags with a regular expression, but the places not yet moved."""
    found = {
        key
        for key, function in functions().items()
        if any(k == "metatags" and calls_sub(value) for k, value in assigned_keys(function))
    }
    assert found == METATAG_EDITS


def test_the_theme_macros_are_the_theme_s_without_the_icon_script():
    """The book's copy of the theme's asset macros differs from the theme's only in leaving out the icon script."""
    ours = (TEMPLATES / "static" / "webpack-macros.html").read_text(encoding="utf-8")
    theirs = THEME_MACROS.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in theirs if ICON_SCRIPT not in line and "custom icons" not in line]
    assert len(kept) == len(theirs) - 2 and ours.split("-#}\n", 1)[1] == "".join(kept)


def linked(refuri: str, **attributes: object) -> nodes.reference:
    """Return a link inside a paragraph, as a page's cite box or download line has it."""
    link = nodes.reference("BibTeX", "BibTeX", refuri=refuri, **attributes)
    nodes.paragraph("", "", link)
    return link


def test_only_links_to_bibtex_and_ris_files_save_their_file():
    """A link to a cite file from any depth saves it (download); other files, pages and internal links open as before."""
    assert saves_its_file(linked("cite/chapters-eu.bib")) and saves_its_file(linked("../cite/contribution-meyer.ris"))
    assert not saves_its_file(linked("../downloads/data.zip")) and not saves_its_file(linked("../chapters/eu.html"))
    assert not saves_its_file(linked("../cite/chapters-eu.bib", internal=True))
