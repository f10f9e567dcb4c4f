"""Each chapter can be downloaded from its page as a Jupyter notebook that runs against the data."""

from __future__ import annotations

import dataclasses
import re
from html import escape

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbclient import NotebookClient

from briefing.build.pdf import book_pages
from briefing.notebook.ipynb import DIRECTIVE_KEY, KERNEL_NAME, chapter_notebook, is_notebook
from briefing.notebook.sections import BOOK_ONLY, RENDERERS, show_section
from briefing.publish import cite
from briefing.sphinx.cite_boxes import UNCITED
from helpers import PROJECT_ROOT


def notebook_pages(project) -> list[str]:
    """Return the book's pages whose source is a notebook (it has code cells), in reading order."""
    return [page for page in book_pages(project) if is_notebook(project / page.replace(".html", ".md"))]


def test_six_pages_are_plain_and_the_rest_notebooks():
    """The pages that show no computed output have no kernel; the chapters that compute from the data are notebooks."""
    plain = set(book_pages(PROJECT_ROOT)) - set(notebook_pages(PROJECT_ROOT))
    assert plain == {f"chapters/{name}.html" for name in ("brief", "event", "imprint", "privacy", "references", "revisions")}


@pytest.mark.book
def test_every_notebook_chapter_offers_its_notebook_and_source(book):
    """Each notebook chapter links its .ipynb and .md from the download menu and the 'Rerun it' line, and both files exist."""
    for page in notebook_pages(book.project):
        soup = BeautifulSoup((book.html / page).read_text(encoding="utf-8"), "html.parser")
        name = page.removesuffix(".html")
        menu = soup.select_one(".dropdown-download-buttons")
        assert menu.find("a", href=f"../_sources/{name}.ipynb") and menu.find("a", href=f"../_sources/{name}.md"), page
        rerun = next(p for p in soup.select(".briefing-cite p") if p.get_text().startswith("Rerun it"))
        assert [a["href"] for a in rerun.find_all("a")] == [f"../_sources/{name}.ipynb", f"../_sources/{name}.md"]
        assert (book.html / "_sources" / f"{name}.ipynb").is_file() and (book.html / "_sources" / f"{name}.md").is_file()


@pytest.mark.book
def test_plain_pages_offer_no_notebook(book):
    """A page without code cells offers its .md source but no .ipynb, in the menu, the cite box or the files."""
    for page in sorted(set(book_pages(book.project)) - set(notebook_pages(book.project))):
        soup = BeautifulSoup((book.html / page).read_text(encoding="utf-8"), "html.parser")
        name = page.removesuffix(".html")
        menu = soup.select_one(".dropdown-download-buttons")
        assert menu.find("a", href=f"../_sources/{name}.md") and not menu.select('a[href$=".ipynb"]'), page
        cited = name not in UNCITED  # the imprint and privacy pages have no cite box at all
        assert bool(soup.select(".briefing-cite")) == cited and not any(
            p.get_text().startswith("Rerun it") for p in soup.select(".briefing-cite p")
        ), page
        assert not (book.html / "_sources" / f"{name}.ipynb").exists(), page


@pytest.mark.book
def test_downloaded_notebooks_say_what_they_are_and_run(book, dataset, tmp_path, monkeypatch):
    """Every downloaded notebook opens with how to run it, and runs without error in a kernel started in another folder
    with the book named, as the first cell's `make lab` names it."""
    monkeypatch.delenv("BRIEFING_BOOK_BUILD", raising=False)
    monkeypatch.delenv("BRIEFING_DATA_DIR", raising=False)
    monkeypatch.setenv("BRIEFING_PROJECT_DIR", str(book.project))  # as `make lab` sets it for its kernels (Makefile)
    for page in notebook_pages(book.project):
        notebook = nbformat.read(book.html / "_sources" / page.replace(".html", ".ipynb"), as_version=4)
        nbformat.validate(notebook)
        first = notebook.cells[0].source
        assert (
            f"edition {cite.edition_number(dataset)}" in first  # "3", or a preview's "4 — preview, not released"
            and "To run it" in first
            and f"https://briefing.example.org/{page}" in first
        )
        NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
        errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert errors == [], page
        sections = [c for c in notebook.cells if c.cell_type == "code" and DIRECTIVE_KEY in c.metadata]
        assert all(o.data["text/html"].count("<") > 2 for c in sections for o in c.outputs) and all(
            c.outputs for c in sections
        ), page


@pytest.mark.parametrize("url", ["https://github.com/example/briefing", "", "not a web address"])
def test_notebook_names_the_repository_only_when_known(url, dataset):
    """The first cell names the source repository when the deploy sets a web address, and never invents one."""
    from briefing.notebook.ipynb import checked_repository_url, run_instructions

    text = run_instructions(dataset, "The EU", None, checked_repository_url(url))
    known = url.startswith("https://")
    assert (url in text) if known else ("the folder the book is built from" in text and "http" not in text)


def notebook_of(chapter: str, dataset) -> nbformat.NotebookNode:
    """Return the downloadable notebook of a chapter, as the build writes it."""
    return chapter_notebook(PROJECT_ROOT / "chapters" / f"{chapter}.md", dataset, "Title of the page", None)


@pytest.mark.parametrize("chapter", ["index", "eu", "themes", "data-and-method"])
def test_downloaded_notebook_shows_sections_not_directive_blocks(chapter, dataset):
    """A downloaded notebook has its title once, no directive block or MyST role left as text, and a cell per section."""
    notebook = notebook_of(chapter, dataset)
    markdown = [c.source for c in notebook.cells if c.cell_type == "markdown"]
    title = next(
        line
        for line in (PROJECT_ROOT / "chapters" / f"{chapter}.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("# ")
    )
    assert sum(line.startswith("# ") for text in markdown for line in text.splitlines()) == 1 and title in markdown[1]
    assert not any(
        "```{briefing-" in text or ":perspective:" in text or re.search(r"(?<!`)\{[\w:-]+\}`", text) for text in markdown
    )
    stand_ins = [c for c in notebook.cells if DIRECTIVE_KEY in c.metadata]
    source = (PROJECT_ROOT / "chapters" / f"{chapter}.md").read_text(encoding="utf-8")
    assert len(stand_ins) == source.count("```{briefing-")
    for cell in stand_ins:
        name = cell.metadata[DIRECTIVE_KEY].split("}")[0].removeprefix("```{")
        assert (
            ("show_section(" in cell.source)
            if name in RENDERERS
            else (BOOK_ONLY[name] in cell.source and cell.cell_type == "markdown")
        )
    assert notebook.metadata.kernelspec.name == KERNEL_NAME


def test_sections_render_the_books_content(dataset):
    """The notebook's sections show the book's content from the data: every contribution, theme, message and finding."""
    from briefing.analysis import findings

    eu = show_section("briefing-contributions", page="chapters/eu", perspective="eu").data
    for c in dataset.contributions_in("eu"):
        assert c.display_name in eu and c.topic in eu
        assert all(escape(link.evidence, quote=False) in eu for link in dataset.links_of(c.id))
    vocabulary = show_section("briefing-vocabulary").data
    assert all(escape(t.label, quote=False) in vocabulary for t in dataset.themes)
    messages = show_section("briefing-key-messages").data
    assert all(escape(m.headline, quote=False) in messages for m in dataset.key_messages)
    found = show_section("briefing-theme-findings").data
    assert all(escape(s, quote=False) in found for s in findings.theme_findings(dataset))
    assert dataset.perspective["eu"].label in show_section("briefing-perspective", perspective="eu").data


def test_section_of_data_markup_stays_text(dataset):
    """Markup in the data reaches a notebook section escaped, never as HTML."""
    from briefing.notebook import sections

    theme = dataset.themes[0].model_copy(update={"definition": "<script>alert(1)</script>"})
    html = sections.section_html(dataclasses.replace(dataset, themes=(theme, *dataset.themes[1:])), "briefing-vocabulary")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
