"""JupyterLab for the book (`make lab`): chapters open as notebooks in which the book's sections render.

The contents manager is jupytext's (chapters/*.md open as notebooks) with one step added on each side:
reading a chapter replaces each ``briefing-*`` directive by the cell a downloaded notebook has for it (a
cell rendering the section through :mod:`briefing.notebook.sections`, or a note on what is book-only) and runs it on
the book's kernel; saving puts the directives and the chapter's own kernel name back, so the MyST source is
written as it was, with the edits made to its text.
"""

from __future__ import annotations

from typing import Any

import nbformat
from jupytext.async_contentsmanager import AsyncTextFileContentsManager

from briefing.notebook.ipynb import DIRECTIVE, DIRECTIVE_KEY, KERNEL_DISPLAY_NAME, KERNEL_NAME, split_directives

#: Cell metadata grouping the cells made from one markdown cell, with that cell's source and metadata.
GROUP_KEY = "briefing_cell"
#: Notebook metadata keeping the chapter's own kernelspec while it runs on the book's kernel.
KERNELSPEC_KEY = "briefing_kernelspec"


def with_sections(raw: dict[str, Any], docname: str) -> nbformat.NotebookNode:
    """Return a chapter notebook with each briefing directive replaced by its section cell."""
    notebook: nbformat.NotebookNode = nbformat.from_dict(raw)
    cells = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "markdown" or not DIRECTIVE.search(cell.source):
            cells.append(cell)
            continue
        group = {"index": index, "source": cell.source, "metadata": dict(cell.metadata)}
        for part in split_directives(cell.source, docname):
            part.metadata[GROUP_KEY] = group
            cells.append(part)
    notebook.cells = cells
    if "kernelspec" in notebook.metadata and KERNELSPEC_KEY not in notebook.metadata:  # a notebook, not plain Markdown
        notebook.metadata[KERNELSPEC_KEY] = notebook.metadata.kernelspec
        notebook.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": KERNEL_DISPLAY_NAME, "language": "python"}
    return notebook


def without_sections(raw: dict[str, Any]) -> nbformat.NotebookNode:
    """Return a chapter notebook with the section cells turned back into the markdown cells they came from."""
    notebook: nbformat.NotebookNode = nbformat.from_dict(raw)
    cells: list[nbformat.NotebookNode] = []
    position = 0
    while position < len(notebook.cells):
        group = notebook.cells[position].metadata.get(GROUP_KEY)
        if group is None:
            cells.append(notebook.cells[position])
            position += 1
            continue
        end = position
        while end < len(notebook.cells) and notebook.cells[end].metadata.get(GROUP_KEY) == group:
            end += 1
        members = notebook.cells[position:end]
        texts = [c.source for c in members if DIRECTIVE_KEY not in c.metadata]
        unchanged = texts == [c.source for c in split_directives(group["source"], "") if DIRECTIVE_KEY not in c.metadata]
        source = (
            group["source"]
            if unchanged and len(members) == len(split_directives(group["source"], ""))
            else ("\n\n".join(c.metadata.get(DIRECTIVE_KEY, c.source) for c in members))
        )
        cells.append(nbformat.v4.new_markdown_cell(source, metadata=group["metadata"]))
        position = end
    notebook.cells = cells
    if KERNELSPEC_KEY in notebook.metadata:
        notebook.metadata["kernelspec"] = notebook.metadata.pop(KERNELSPEC_KEY)
    return notebook


def _is_chapter(model: dict[str, Any]) -> bool:
    """Return whether a contents model is a MyST notebook (a .md file opened as a notebook)."""
    return model.get("type") == "notebook" and str(model.get("path", "")).endswith(".md")


class ChapterContentsManager(AsyncTextFileContentsManager):
    """Jupytext's contents manager, with the book's sections rendered in chapters and kept as directives on disk."""

    async def get(
        self, path: str, content: bool = True, type: str | None = None, format: str | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        """Return a file's model; a chapter's notebook gets its section cells."""
        model: dict[str, Any] = await super().get(path, content=content, type=type, format=format, **kwargs)
        if content and _is_chapter(model):
            model["content"] = with_sections(model["content"], path.strip("/").removesuffix(".md"))
        return model

    async def save(self, model: dict[str, Any], path: str = "") -> dict[str, Any]:
        """Save a file's model; a chapter's section cells are written back as their directives."""
        if model.get("content") is not None and model.get("type") == "notebook" and path.endswith(".md"):
            notebook = without_sections(model["content"])
            if "kernelspec" not in notebook.metadata:  # a plain page (no code): saved as the Markdown it was, no notebook header
                model = {**model, "type": "file", "format": "text", "content": plain_markdown(notebook)}
            else:
                model = {**model, "content": notebook}
        saved: dict[str, Any] = await super().save(model, path)
        return saved


def plain_markdown(notebook: nbformat.NotebookNode) -> str:
    """Return a plain page (a chapter without code) as MyST Markdown without jupytext's notebook header."""
    import jupytext

    text: str = jupytext.writes(
        notebook, fmt="md:myst", config=jupytext.config.JupytextConfiguration(notebook_metadata_filter="-all")
    )
    return text
