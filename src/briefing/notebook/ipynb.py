"""Each chapter as a runnable Jupyter notebook (.ipynb), converted from its MyST source when the book is built."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import nbformat
from myst_nb.core.read import is_myst_markdown_notebook, read_myst_markdown_notebook

from briefing.core.model import Dataset
from briefing.notebook.sections import BOOK_ONLY, RENDERERS
from briefing.text.urls import is_web_address

#: The Jupyter kernel that `make lab` registers for the book (the project's .venv).
KERNEL_NAME = "briefing"
KERNEL_DISPLAY_NAME = "Python (briefing)"
#: A briefing directive in a MyST markdown cell, with its options (``:perspective: eu``).
DIRECTIVE = re.compile(r"^```\{(briefing-[a-z-]+)\}[ \t]*\n((?::[\w-]+:.*\n)*)```[ \t]*$", re.M)
OPTION = re.compile(r"^:([\w-]+):[ \t]*(.*?)[ \t]*$", re.M)
#: A MyST role in text: {name}`content`.
ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")


def checked_repository_url(value: str) -> str | None:
    """Return the address of the book's source repository if it is a web address, else None (never a guess)."""
    value = value.strip()
    return value if is_web_address(value) else None


def is_notebook(source: Path) -> bool:
    """Return whether a chapter's source is a MyST notebook (it has a kernel and code cells)."""
    return source.suffix == ".md" and is_myst_markdown_notebook(source.read_text(encoding="utf-8"))


def run_instructions(ds: Dataset, title: str, page_url: str | None, repository: str | None = None) -> str:
    """Return the first cell of a downloaded chapter: what it is and how to run it against the data."""
    p, state = ds.publication, ds.edition_state
    where = f"[{page_url}]({page_url})" if page_url else "the published book"
    edition = (
        f"edition {state.number} \u2014 preview, not released"
        if state.preview
        else f"edition {p.edition} ({p.release_date.isoformat()})"
    )
    source = (
        f"the book's source repository, {repository}"
        if repository
        else "the book's source repository (the folder the book is built from)"
    )
    return (
        f"*This notebook is the chapter \u201c{title}\u201d of {p.title}, {edition}, downloaded from {where}.*\n\n"
        f"**To run it**, you need the briefing's Python package and data, which are in {source}. In a copy of "
        "it, run `make lab`: it installs everything into `.venv` and opens JupyterLab with the kernel "
        f"\u201c{KERNEL_DISPLAY_NAME}\u201d; open this file there, wherever you saved it (the chapters in `chapters/` "
        "open as notebooks too). The cells read the data in the copy's `data/` folder, or in the folder named by the "
        "environment variable `BRIEFING_DATA_DIR`; edit the data and run the cells again to see the chapter follow.\n\n"
        "The sections the book builds from the data (contributions, findings, key messages, the vocabulary) are "
        "cells here that render the same content through the package; links between sections are plain names. "
        "The parts that exist only in the built book (such as the introduction, the edition statement and the downloads) "
        "are marked where they stand. The chapter summarises the organiser's report of the event, not the speakers' own words."
    )


def _chapter_titles(folder: Path) -> dict[str, str]:
    """Return the title (first heading) of each chapter in a folder, by file stem."""
    titles = {}
    for path in folder.glob("*.md"):
        heading = re.search(r"^# (.+)$", path.read_text(encoding="utf-8"), re.M)
        if heading:
            titles[path.stem] = heading.group(1).strip()
    return titles


def plain_roles(text: str, titles: dict[str, str]) -> str:
    """Return markdown with MyST roles as plain text: a reference's text, a chapter's title in quotes."""

    def replace(match: re.Match[str]) -> str:
        role, content = match.groups()
        label = re.match(r"^(.*?)\s*<([^>]*)>$", content, re.S)
        if label:
            return label.group(1)
        if role == "doc":
            return f"\u201c{titles.get(content, content)}\u201d"
        return content

    return ROLE.sub(replace, text)


#: Cell metadata naming the directive a generated cell stands for (its MyST source, restored when a chapter is saved).
DIRECTIVE_KEY = "briefing_directive"


def section_cell(directive: str, options: dict[str, str], docname: str) -> nbformat.NotebookNode:
    """Return the notebook cell that stands for a directive: a code cell rendering it, or a note on what is book-only."""
    if directive in RENDERERS:
        arguments = "".join(f", {key}={value!r}" for key, value in options.items())
        code = f"from briefing.notebook.sections import show_section\n\nshow_section({directive!r}, page={docname!r}{arguments})"
        # The input starts collapsed (JupyterLab honours source_hidden), as the book shows only the result.
        cell: nbformat.NotebookNode = nbformat.v4.new_code_cell(
            code, metadata={"jupyter": {"source_hidden": True}, "tags": ["remove-input"]}
        )
        return cell
    what = BOOK_ONLY.get(directive, "a part built from the data")
    note: nbformat.NotebookNode = nbformat.v4.new_markdown_cell(
        f"> *In the book only:* {what} (the `{{{directive}}}` directive; see the published chapter)."
    )
    return note


def split_directives(source: str, docname: str, text: Callable[[str], str] = str) -> list[nbformat.NotebookNode]:
    """Return a markdown cell's source as cells: its text (through ``text``), each briefing directive as its section cell."""
    out: list[nbformat.NotebookNode] = []
    position = 0

    def add_text(chunk: str) -> None:
        """Add a markdown cell for a chunk of text, unless it is blank."""
        if chunk.strip():
            out.append(nbformat.v4.new_markdown_cell(text(chunk.strip("\n"))))

    for match in DIRECTIVE.finditer(source):
        add_text(source[position : match.start()])
        cell = section_cell(match.group(1), dict(OPTION.findall(match.group(2))), docname)
        cell.metadata[DIRECTIVE_KEY] = match.group(0)
        out.append(cell)
        position = match.end()
    add_text(source[position:])
    return out


def chapter_notebook(
    source: Path, ds: Dataset, title: str, page_url: str | None, repository: str | None = None
) -> nbformat.NotebookNode:
    """Return a chapter's MyST source as a Jupyter notebook, led by a cell saying how to run it."""
    notebook: nbformat.NotebookNode = read_myst_markdown_notebook(source.read_text(encoding="utf-8"), path=source)
    notebook.metadata.pop("jupytext", None)  # the .ipynb stands alone; it is not paired with the .md
    notebook.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": KERNEL_DISPLAY_NAME, "language": "python"}
    docname = f"{source.parent.name}/{source.stem}"
    titles = _chapter_titles(source.parent)
    cells = [nbformat.v4.new_markdown_cell(run_instructions(ds, title, page_url, repository))]
    for cell in notebook.cells:
        cells.extend(
            split_directives(cell.source, docname, lambda text: plain_roles(text, titles))
            if cell.cell_type == "markdown"
            else [cell]
        )
    notebook.cells = cells
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index}"  # stable ids, so a rebuild writes the same file
    nbformat.validate(notebook)
    return notebook


def write_notebook(notebook: nbformat.NotebookNode, target: Path) -> Path:
    """Write a notebook file, creating its folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    return target
