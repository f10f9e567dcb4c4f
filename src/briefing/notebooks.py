"""Each chapter as a runnable Jupyter notebook (.ipynb), converted from its MyST source when the book is built."""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
from myst_nb.core.read import is_myst_markdown_notebook, read_myst_markdown_notebook

from briefing.model import Dataset

#: Environment variable with the address of the book's source repository (set by the deploy).
REPOSITORY_URL_ENV = "BRIEFING_REPOSITORY_URL"


def repository_url() -> str | None:
    """Return the address of the book's source repository, or None when it is not set."""
    value = os.environ.get(REPOSITORY_URL_ENV, "").strip()
    return value if re.match(r"^https?://\S+$", value) else None


def is_notebook(source: Path) -> bool:
    """Return whether a chapter's source is a MyST notebook (it has a kernel and code cells)."""
    return source.suffix == ".md" and is_myst_markdown_notebook(source.read_text(encoding="utf-8"))


def run_instructions(ds: Dataset, title: str, page_url: str | None) -> str:
    """Return the first cell of a downloaded chapter: what it is and how to run it against the data."""
    p = ds.publication
    where = f"[{page_url}]({page_url})" if page_url else "the published book"
    repository = repository_url()
    source = f"the book's source repository, {repository}" if repository else "the book's source repository (the folder the book is built from)"
    return (
        f"# {title}\n\n"
        f"This notebook is the chapter \u201c{title}\u201d of *{p.title}*, edition {p.edition} "
        f"({p.release_date.isoformat()}), downloaded from {where}.\n\n"
        f"**To run it**, you need the briefing's Python package and data, which are in {source}. In a copy of "
        "it, run `make book` once (it installs everything into `.venv`), then `.venv/bin/pip install jupyterlab` "
        "and `.venv/bin/jupyter lab`, and open this file with the `.venv` kernel (Python 3), wherever you saved it. "
        "The cells read the data in the copy's `data/` folder, or in the folder named by the environment variable "
        "`BRIEFING_DATA_DIR`; edit the data and run the cells again to see the chapter follow.\n\n"
        "Sections written as `{briefing-...}` directives are built from the data only in the book; here they "
        "show as text. The chapter summarises the organiser's report of the event, not the speakers' own words."
    )


def chapter_notebook(source: Path, ds: Dataset, title: str, page_url: str | None) -> nbformat.NotebookNode:
    """Return a chapter's MyST source as a Jupyter notebook, led by a cell saying how to run it."""
    notebook = read_myst_markdown_notebook(source.read_text(encoding="utf-8"), path=source)
    notebook.metadata.pop("jupytext", None)  # the .ipynb stands alone; it is not paired with the .md
    notebook.cells.insert(0, nbformat.v4.new_markdown_cell(run_instructions(ds, title, page_url)))
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index}"  # stable ids, so a rebuild writes the same file
    nbformat.validate(notebook)
    return notebook


def write_notebook(notebook: nbformat.NotebookNode, target: Path) -> Path:
    """Write a notebook file, creating its folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    return target
