"""Each chapter can be downloaded from its page as a Jupyter notebook that runs against the data."""

from __future__ import annotations

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbclient import NotebookClient

from briefing.notebooks import is_notebook
from briefing.paths import PROJECT_ROOT
from briefing.pdf import book_pages


def notebook_pages(project) -> list[str]:
    """Return the book's pages whose source is a notebook (it has code cells), in reading order."""
    return [page for page in book_pages(project) if is_notebook(project / page.replace(".html", ".md"))]


def test_five_pages_are_plain_and_the_rest_notebooks():
    """The pages that show no computed output have no kernel; the chapters that compute from the data are notebooks."""
    plain = set(book_pages(PROJECT_ROOT)) - set(notebook_pages(PROJECT_ROOT))
    assert plain == {f"chapters/{name}.html" for name in ("event", "imprint", "privacy", "references", "revisions")}


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
        assert soup.select(".briefing-cite") and not any(p.get_text().startswith("Rerun it") for p in soup.select(".briefing-cite p")), page
        assert not (book.html / "_sources" / f"{name}.ipynb").exists(), page


@pytest.mark.book
def test_downloaded_notebooks_say_what_they_are_and_run(book, dataset, tmp_path, monkeypatch):
    """Every downloaded notebook opens with how to run it, and runs without error in a kernel started in another folder."""
    monkeypatch.delenv("BRIEFING_BOOK_BUILD", raising=False)
    for page in notebook_pages(book.project):
        notebook = nbformat.read(book.html / "_sources" / page.replace(".html", ".ipynb"), as_version=4)
        nbformat.validate(notebook)
        first = notebook.cells[0].source
        assert f"edition {dataset.publication.edition}" in first and "To run it" in first and f"https://briefing.example.org/{page}" in first
        NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
        errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert errors == [], page


@pytest.mark.parametrize("url", ["https://github.com/example/briefing", None])
def test_notebook_names_the_repository_only_when_known(url, dataset, monkeypatch):
    """The first cell names the source repository when the deploy sets it, and never invents one."""
    from briefing.notebooks import REPOSITORY_URL_ENV, run_instructions

    monkeypatch.delenv(REPOSITORY_URL_ENV, raising=False)
    if url:
        monkeypatch.setenv(REPOSITORY_URL_ENV, url)
    text = run_instructions(dataset, "The EU", None)
    assert (url in text) if url else ("the folder the book is built from" in text and "http" not in text)
