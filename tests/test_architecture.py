"""The package's folders are its layers (ARCHITECTURE.md): no upward import, no circle, no import inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

from briefing.core.paths import PACKAGE_DIR

#: Each folder's layer, lowest first, as ARCHITECTURE.md lists them.
LAYERS = {
    "i18n": 1,
    "text": 2,
    "core": 3,
    "analysis": 4,
    "publish": 4,
    "sections": 5,
    "notebook": 6,
    "build": 6,
    "sphinx": 7,
    "editor": 7,
    "testing": 7,
    "cli": 8,
    "__main__": 9,
}


def _module(path: Path) -> str:
    """Return a file's dotted module name."""
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _folder(module: str) -> str:
    """Return the top-level folder (or module) of the package a module is in."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports() -> dict[str, list[tuple[ast.ImportFrom, bool]]]:
    """Return each module's imports of the package, each with whether it stands at the module's top level."""
    found: dict[str, list[tuple[ast.ImportFrom, bool]]] = {}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        type_only = {id(n) for block in tree.body if isinstance(block, ast.If) for n in ast.walk(block)}
        top = {id(n) for n in tree.body} | type_only
        found[_module(path)] = [
            (node, id(node) in top)
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "briefing"
        ]
    return found


def test_every_folder_has_a_layer():
    """Each folder and top-level module of the package is on a layer of ARCHITECTURE.md."""
    folders = {_folder(m) for m in _imports()} - {"__init__"}
    assert folders <= set(LAYERS), sorted(folders - set(LAYERS))


def test_no_import_from_a_higher_layer_or_a_sibling_folder():
    """A module imports only from its own folder or from folders on lower layers."""
    wrong = [
        f"{module} imports {node.module}"
        for module, imports in _imports().items()
        for node, _top in imports
        if _folder(module) != "__init__"
        and _folder(node.module or "") != _folder(module)
        and LAYERS[_folder(node.module or "")] >= LAYERS[_folder(module)]
    ]
    assert not wrong, "\n".join(wrong)


def test_no_import_inside_a_function():
    """Every import of the package stands at a module's top level (or under TYPE_CHECKING), none inside a function."""
    found = _imports().items()
    inner = [f"{module}:{node.lineno} {node.module}" for module, imports in found for node, top in imports if not top]
    assert not inner, "\n".join(inner)


def test_no_circle_between_modules():
    """No module reaches itself through the package's top-level imports."""
    modules = _imports()
    targets = {
        module: {
            f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in modules else node.module or ""
            for node, _top in imports
            for alias in node.names
        }
        - {module}
        for module, imports in modules.items()
    }
    graph = {module: {target for target in found if target in modules} for module, found in targets.items()}
    state: dict[str, int] = {}
    circles: list[str] = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                circles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not circles, "\n".join(circles)
