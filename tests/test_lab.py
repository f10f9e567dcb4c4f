"""`make lab`: the chapters as notebooks in JupyterLab, their book sections, and a live run of the themes chapter in Chromium."""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import jupytext
import nbformat
import pytest
from jupytext.config import load_jupytext_config

from briefing.notebook import tables
from briefing.notebook.explorer import filter_contributions
from briefing.notebook.ipynb import DIRECTIVE_KEY, KERNEL_NAME
from briefing.notebook.lab import plain_markdown, with_sections, without_sections
from helpers import PROJECT_ROOT

CHAPTERS = sorted((PROJECT_ROOT / "chapters").glob("*.md"))


def read_chapter(path: Path):
    """Read a chapter as jupytext does in JupyterLab, as JSON (what the browser sends back)."""
    return json.loads(json.dumps(jupytext.reads(path.read_text(encoding="utf-8"), fmt="md:myst")))


def write_chapter(notebook) -> str:
    """Write a notebook as jupytext saves a chapter from JupyterLab (with the repository's jupytext.toml)."""
    return jupytext.writes(
        nbformat.from_dict(notebook), fmt="md:myst", config=load_jupytext_config(str(PROJECT_ROOT / "chapters"))
    )


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_saving_an_opened_chapter_writes_it_unchanged(chapter):
    """A chapter opened with sections rendered and saved unedited is written back byte for byte (headerless pages too)."""
    opened = with_sections(read_chapter(chapter), f"chapters/{chapter.stem}")
    notebook = without_sections(json.loads(json.dumps(opened)))
    saved = write_chapter(notebook) if "kernelspec" in notebook.metadata else plain_markdown(notebook)
    assert saved == chapter.read_text(encoding="utf-8")


def test_opened_chapter_renders_sections_and_keeps_edits():
    """An opened chapter runs on the book's kernel with a section cell per directive; an edit around one keeps the directive."""
    chapter = PROJECT_ROOT / "chapters" / "eu.md"
    opened = json.loads(json.dumps(with_sections(read_chapter(chapter), "chapters/eu")))
    markdown = [c for c in opened["cells"] if c["cell_type"] == "markdown"]
    assert not any("```{briefing-" in c["source"] or ":perspective:" in c["source"] for c in markdown)
    assert opened["metadata"]["kernelspec"]["name"] == KERNEL_NAME
    sections = [c for c in opened["cells"] if DIRECTIVE_KEY in c["metadata"]]
    assert [c["source"].splitlines()[-1] for c in sections] == [
        "show_section('briefing-perspective', page='chapters/eu', perspective='eu')",
        "show_section('briefing-contributions', page='chapters/eu', perspective='eu')",
        "show_section('briefing-perspective-findings', page='chapters/eu', perspective='eu')",
    ]
    text = next(c for c in markdown if c["source"].startswith("Each section below"))
    text["source"] = text["source"].replace("Each section below", "Each section that follows")
    saved = write_chapter(without_sections(opened))
    assert "Each section that follows" in saved and "```{briefing-contributions}\n:perspective: eu\n```" in saved
    assert saved.replace("Each section that follows", "Each section below") == chapter.read_text(encoding="utf-8")


def test_plain_markdown_opened_as_notebook_gets_no_kernel():
    """A Markdown file without code (the README) opened as a notebook is left without a kernel and saved unchanged."""
    readme = PROJECT_ROOT / "README.md"
    opened = with_sections(read_chapter(readme), "README")
    assert "kernelspec" not in opened.metadata
    assert write_chapter(without_sections(json.loads(json.dumps(opened)))) == write_chapter(read_chapter(readme))


# --- JupyterLab itself, driven in Chromium --------------------------------------------------------------------------

#: JupyterLab settings for the test only: never autosave (the test must not write the chapters).
TEST_SETTINGS = {"@jupyterlab/docmanager-extension": {"plugin.jupyterlab-settings": {"autosave": False}}}


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base: str, token: str, path: str):
    """Return the JSON answer of the Jupyter server's REST API."""
    with urllib.request.urlopen(f"{base}/api/{path}?token={token}", timeout=5) as answer:
        return json.load(answer)


@pytest.fixture(scope="module")
def lab(browser, tmp_path_factory):
    """`make lab` started on 127.0.0.1 with a token, its Jupyter state in a temporary folder; yield (base URL, token)."""
    home = tmp_path_factory.mktemp("jupyter")
    for name, folder in TEST_SETTINGS.items():
        for file, values in folder.items():
            (home / "settings" / name).mkdir(parents=True, exist_ok=True)
            (home / "settings" / name / file).write_text(json.dumps(values), encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    for name in ("BRIEFING_BOOK_BUILD", "BRIEFING_HTML_DIR"):
        env.pop(name, None)
    venv = Path(sys.executable).parent.parent
    log = (home / "lab.log").open("w")
    process = subprocess.Popen(
        [
            "make",
            "-C",
            str(PROJECT_ROOT),
            "lab",
            "INSTALL=",
            f"VENV={venv}",
            f"LAB_PORT={port}",
            f"LAB_FLAGS=--IdentityProvider.token={token} --ServerApp.port_retries=0 "
            f"--FileCheckpoints.checkpoint_dir={home / 'checkpoints'}",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            assert process.poll() is None, (home / "lab.log").read_text()
            try:
                api(base, token, "status")
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start in 120 s:\n" + (home / "lab.log").read_text())
        yield base, token
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def row_count(page, selector: str) -> int:
    """Return the number of body rows of the table(s) a selector finds, empty-table rows excluded."""
    return page.eval_on_selector_all(f"{selector} tbody tr:not(:has(td.dt-empty))", "rows => rows.length")


def wait_for_rows(page, selector: str, expected: int) -> int:
    """Wait up to 20 s for a table to show the expected number of rows; return the number it shows."""
    for _ in range(80):
        if row_count(page, selector) == expected:
            break
        page.wait_for_timeout(250)
    return row_count(page, selector)


@pytest.mark.book
def test_themes_chapter_runs_live_in_jupyterlab(lab, browser, dataset):
    """In `make lab`, the themes chapter runs: live widgets filter, tables show every row, sections render, all on 127.0.0.1."""
    base, token = lab
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("websocket", lambda w: requests.append(w.url))
    try:
        page.goto(f"{base}/lab/tree/chapters/themes.md?token={token}")
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
        for _ in range(240):  # the kernel named in the chapter is started and ready
            sessions = [s for s in api(base, token, "sessions") if s["path"] == "chapters/themes.md"]
            if sessions and sessions[0]["kernel"]["execution_state"] == "idle":
                assert sessions[0]["kernel"]["name"] == KERNEL_NAME
                break
            time.sleep(0.5)
        page.click(".lm-MenuBar-itemLabel:text-is('Run')")
        page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")

        explorer = ".widget-html table.briefing-table"
        page.wait_for_selector(".widget-select-multiple select", timeout=120_000)
        everyone = len(filter_contributions(dataset))
        assert wait_for_rows(page, explorer, everyone) == everyone
        experts = next(p for p in dataset.perspectives if p.id == "international-expert")
        page.locator(".widget-select-multiple:has(> label:text-is('Perspective')) select").select_option(label=experts.label)
        in_perspective = len(filter_contributions(dataset, [experts.id]))
        assert wait_for_rows(page, explorer, in_perspective) == in_perspective
        page.locator(".widget-text input").fill("cluster")
        with_word = len(filter_contributions(dataset, [experts.id], text="cluster"))
        assert wait_for_rows(page, explorer, with_word) == with_word
        assert everyone > in_perspective > with_word > 0

        for table_id, frame in [("theme-links", tables.theme_links(dataset)), ("theme-table", tables.theme_table(dataset))]:
            page.wait_for_selector(f"table#{table_id}.dataTable tbody tr", state="attached", timeout=60_000)
            assert wait_for_rows(page, f"table#{table_id}.dataTable", len(frame)) == len(frame), table_id

        vocabulary = page.locator(".briefing-section dl dt")
        assert vocabulary.count() == len(dataset.themes) and vocabulary.first.inner_text() == dataset.themes[0].label

        elsewhere = {u for u in requests if urlparse(u).scheme not in ("blob", "data") and urlparse(u).hostname != "127.0.0.1"}
        assert requests and not elsewhere, sorted(elsewhere)
    finally:
        context.close()
