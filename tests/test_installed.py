"""The package assumes no checkout: installed anywhere, it works on the book folder named, or the one it is run in."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.core.paths import PACKAGE_DIR, PROJECT_DIR_ENV, BookNotFoundError, data_dir, find_book, project_dir
from helpers import DATA, PROJECT_ROOT

#: What a non-editable install of the package is built from.
PACKAGE_SOURCES = ["pyproject.toml", "LICENSE", "LICENSE-CC-BY-4.0.txt", "src"]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """Return a folder holding the package installed from this checkout, not editable (as `pip install .` elsewhere)."""
    source, target = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("installed")
    for name in PACKAGE_SOURCES:
        path = PROJECT_ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
        else:
            shutil.copy(path, source / name)
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps"]
    subprocess.run([*pip, "--no-build-isolation", "--no-index", "--target", str(target), str(source)], check=True)
    return target


@pytest.fixture
def book(tmp_path) -> Path:
    """Return a copy of the book folder (its configuration and data) far from this checkout."""
    folder = tmp_path / "book"
    (folder / "chapters").mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / "_config.yml", folder / "_config.yml")
    shutil.copytree(DATA, folder / "data")
    return folder


def run_installed(installed: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed package's command line in a folder, with no book named in the environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")} | {"PYTHONPATH": str(installed)}
    command = [sys.executable, "-m", "briefing", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_the_installed_package_checks_a_book_folder_it_is_given(installed, book, tmp_path):
    """The installed package, run outside any book, checks the data folder of the book copy it is given."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    ran = run_installed(installed, ["validate", str(book / "data")], outside)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith(f"Data in {(book / 'data').resolve()} are valid")


def test_the_installed_package_checks_the_book_it_is_run_in(installed, book):
    """The installed package, run in a folder of a book copy with no folder named, checks that book's data."""
    ran = run_installed(installed, ["validate"], book / "chapters")
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith(f"Data in {(book / 'data').resolve()} are valid")


def test_no_book_named_outside_a_book_is_a_clear_error(installed, tmp_path):
    """Run outside any book with none named, the command says which folder is missing and how to name it."""
    if find_book(tmp_path) is not None:
        pytest.skip(f"{find_book(tmp_path)} holds a _config.yml: the temporary folder is inside a book")
    ran = run_installed(installed, ["validate"], tmp_path)
    assert ran.returncode == 2 and not ran.stdout and "Traceback" not in ran.stderr
    message = ran.stderr
    assert f"No book folder found: {tmp_path.resolve()} is not inside a book's folder" in message
    assert "_config.yml" in message and "--project" in message and PROJECT_DIR_ENV in message


def test_the_book_is_the_named_one_else_the_nearest_around_the_current_directory(tmp_path, monkeypatch):
    """The book is $BRIEFING_PROJECT_DIR if set, else the nearest folder holding _config.yml at or above the current one."""
    outer, inner = tmp_path / "outer", tmp_path / "outer" / "inner"
    (inner / "chapters").mkdir(parents=True)
    for folder in (outer, inner):
        (folder / "_config.yml").write_text("title: A book\n", encoding="utf-8")
    monkeypatch.delenv("BRIEFING_DATA_DIR", raising=False)
    monkeypatch.delenv(PROJECT_DIR_ENV, raising=False)
    monkeypatch.chdir(inner / "chapters")
    assert find_book() == inner.resolve() and project_dir() == inner.resolve() and data_dir() == inner.resolve() / "data"
    monkeypatch.setenv(PROJECT_DIR_ENV, str(outer))
    assert project_dir() == outer.resolve()
    monkeypatch.delenv(PROJECT_DIR_ENV)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BookNotFoundError, match="No book folder found"):
        data_dir()


def test_no_module_of_the_package_refers_to_its_checkout():
    """No module of the package names the folders around its own (PACKAGE_DIR.parent) or a PROJECT_ROOT."""
    found = []
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
            name = node.name if isinstance(node, ast.alias) else name
            above = isinstance(node, ast.Attribute) and node.attr == "parent" and ast.unparse(node.value) == "PACKAGE_DIR"
            if name == "PROJECT_ROOT" or above:
                found.append(f"{path.relative_to(PACKAGE_DIR)}:{node.lineno}")
    assert not found, found
