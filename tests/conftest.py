"""Shared fixtures: the shipped dataset, editable copies of the data, and one strict book build (helpers are in helpers.py)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing import load_dataset
from briefing.build.pdf import CHROMIUM, CHROMIUM_FLAGS, serve
from briefing.core.load import in_build_language
from helpers import (  # noqa: F401 - re-exported for tests that still import them from conftest
    AXE,
    BACKGROUND,
    BASE_URL,
    DATA,
    LAST_CHANGE,
    PAGE_FIGURES,
    PROJECT_ROOT,
    STRAYS,
    Build,
    Builds,
    Pending,
    Site,
    Visit,
    background,
    build_book,
    build_new_book,
    commit_all,
    edit_cell,
    make_project,
    open_page,
    pending_build,
    preview_copy,
    problems_of,
    read_rows,
    release,
    released_copy,
    write_rows,
)

#: Fixtures that build the whole book or drive the browser: a test using one is slow and marked `book`.
SLOW_FIXTURES = {
    "draft_book",
    "new_book",
    "book",
    "hostile_book",
    "unpublished_book",
    "preview_book",
    "unpublished_build",
    "split_book",
    "site",
    "browser",
    "visit",
    "axe_script",
}


def pytest_configure(config: pytest.Config) -> None:
    """Refuse to spread one module's tests over several test processes: module fixtures (a copy of the book that later
    tests edit and rebuild) must be built once, in the process that runs the module."""
    if getattr(config.option, "numprocesses", None) and config.option.dist not in ("loadscope", "loadfile"):
        raise pytest.UsageError("run the tests in several processes with --dist loadscope (as `make test` does)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs a whole-book build or the browser as `book`, so `make test-fast` leaves it out; in one
    process, run the modules that wait for a background build (see Builds) after the others, each module's tests in their
    order (pytest-xdist's loadscope hands out the modules with the most tests first; the builds start in this order)."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.book)
    waits = {getattr(item, "module", None) for item in items if BACKGROUND.keys() & set(getattr(item, "fixturenames", ()))}
    items.sort(key=lambda item: getattr(item, "module", None) in waits)  # a stable sort: the order within each group stays


@pytest.fixture(scope="session", autouse=True)
def builds(request, tmp_path_factory):
    """The session's builds (Builds) that the selected tests use, made ready and started as the run's first test starts; the
    test processes of one run share them in a folder beside their own."""
    needed = dict.fromkeys(
        name for item in request.session.items for name in getattr(item, "fixturenames", ()) if name in BACKGROUND
    )
    base = tmp_path_factory.getbasetemp()
    started = Builds((base.parent if "PYTEST_XDIST_WORKER" in os.environ else base) / "builds", list(needed))
    yield started
    started.stop()


@pytest.fixture(scope="session")
def dataset():
    """The shipped dataset, loaded once."""
    return load_dataset(DATA)


@pytest.fixture(scope="session")
def released_dataset(tmp_path_factory):
    """The shipped data released as the edition they are (or preview), loaded once: never a preview."""
    folder = tmp_path_factory.mktemp("released") / "data"
    shutil.copytree(DATA, folder)
    return load_dataset(released_copy(folder))


@pytest.fixture(scope="session")
def preview_dataset(tmp_path_factory):
    """The shipped data, released, with one edit made after the release (helpers.preview_copy), loaded once: the preview
    of the edition after the shipped one, whatever the shipped data's state."""
    folder = tmp_path_factory.mktemp("preview") / "data"
    shutil.copytree(DATA, folder)
    return load_dataset(preview_copy(folder))


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped data folder that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def german(monkeypatch):
    """Write in German for one test (as a German build's processes do), then in English again."""
    from briefing.i18n.messages import in_language

    with in_language("de"):
        yield


@pytest.fixture
def german_dataset(german, dataset):
    """The shipped dataset as the German edition loads it."""
    return in_build_language(dataset)


@background("book")
def ready_book(root: Path) -> Pending:
    """Make ready the build of the shipped book in English and German as deployed (with a base URL and its PDFs), beside
    stray files Sphinx must ignore."""
    project = make_project(root / "project")
    for stray in STRAYS:
        (project / stray).parent.mkdir(parents=True, exist_ok=True)
        (project / stray).write_text("# Not part of the book\n\n{undefined-role}`x`\n", encoding="utf-8")
    commit_all(project, LAST_CHANGE)
    return pending_build(project, BASE_URL, pdf=True, editions=None)


@pytest.fixture(scope="session")
def book(builds) -> Build:
    """The shipped book in English and German, built once per test run as deployed (with a base URL), beside stray files
    Sphinx must ignore."""
    built = builds.result("book")
    assert built.returncode == 0, built.log[-5000:]
    return built


@background("preview_book")
def ready_preview_book(root: Path) -> Pending:
    """Make ready the build of a preview (the shipped data with one edit after their release, helpers.preview_copy) in
    English and German as deployed, its PDFs printed: a released edition's build prints none, it offers the kept ones."""
    project = make_project(root / "project")
    preview_copy(project / "data")
    commit_all(project, LAST_CHANGE)
    return pending_build(project, BASE_URL, pdf=True, editions=None)


@pytest.fixture(scope="session")
def preview_book(builds) -> Build:
    """A preview of the edition after the shipped one in English and German, built once per test run as deployed, with the
    PDFs it prints (the PDF tests read these; the shipped book, once released, prints none)."""
    built = builds.result("preview_book")
    assert built.returncode == 0, built.log[-5000:]
    return built


@background("unpublished_build")
def ready_unpublished(root: Path) -> Pending:
    """Make ready the build of the shipped book without BRIEFING_BASE_URL, as a local preview would be (English), and a copy
    of its pages taken as soon as it is built."""
    pending = pending_build(make_project(root / "project"))
    copy = root / "pages"

    def keep_pages(built: Build) -> dict[str, str]:
        shutil.copytree(built.html, copy / "_build" / "html", symlinks=True)
        return {"pages": str(copy)}

    pending.after = keep_pages
    return pending


@pytest.fixture(scope="session")
def unpublished_build(builds) -> tuple[Build, Build]:
    """The shipped book built once without BRIEFING_BASE_URL, and the copy of its pages taken as it was built: test_rebuild.py
    goes on to edit and rebuild the book in its own folder, while the copy stays as built for the other modules."""
    built = builds.result("unpublished_build")
    assert built.returncode == 0, built.log[-3000:]
    copy = Path(built.extra["pages"])
    return built, Build(copy, copy / "_build" / "html", built.log, built.returncode)


@pytest.fixture(scope="session")
def unpublished_book(unpublished_build) -> Build:
    """The shipped book built once without BRIEFING_BASE_URL, as a local preview would be (its pages as built)."""
    return unpublished_build[1]


@pytest.fixture(scope="session")
def site(book):
    """Serve the session's built book on a free port of 127.0.0.1 for the browser tests."""
    with serve(book.html) as base:
        yield Site(base, book)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; missing Chromium skips locally and fails under CI."""
    if not CHROMIUM.exists():
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message + "; under CI the browser tests must run")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def visit(browser, site):
    """Open a page of the built book (a chapter name, or a path with '.html') in a fresh context."""
    contexts: list = []

    def opener(name: str, **options) -> Visit:
        url = f"{site.base}/{name}" if ".html" in name else site.url(name)
        return open_page(browser, url, contexts, **options)

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture
def page_figures(request) -> Callable[[str, dict[str, int]], None]:
    """Keep a page's figures for the run's summary (carried in the test's report, so a test process's figures reach it)."""

    def keep(page: str, figures: dict[str, int]) -> None:
        request.node.user_properties.append(("page figures", (page, figures)))

    return keep


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Gather the page figures the tests kept (in the process that prints the summary)."""
    for key, value in report.user_properties:
        if key == "page figures":
            page, figures = value
            PAGE_FIGURES[page] = figures


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """The pinned axe-core script (npm ci); missing skips locally and fails under CI."""
    if not AXE.exists():
        message = "axe-core is not installed (run npm ci, or make test)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the per-page figures: third-party requests, console errors, axe violations."""
    if not PAGE_FIGURES:
        return
    terminalreporter.section("per-page figures (Chromium, 127.0.0.1)")
    terminalreporter.write_line(
        f"{'page':<36}{'3rd-party req.':>15}{'console err.':>14}{'axe serious+':>14}{'axe minor':>11}{'own KB':>8}"
    )
    for page, f in sorted(PAGE_FIGURES.items()):
        terminalreporter.write_line(
            f"{page:<36}{f['third_party']:>15}{f['console_errors']:>14}{f['axe_serious']:>14}{f['axe_other']:>11}{f['own_kb']:>8}"
        )
