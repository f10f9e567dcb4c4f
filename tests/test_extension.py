"""The Sphinx extension, built in this process on a small MyST project that uses every briefing directive."""

from __future__ import annotations

import importlib
import io
import os
import pickle
import pkgutil
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import docutils_namespace, patch_docutils

import briefing.sphinx
from briefing.core.load import load_dataset
from briefing.core.paths import DATA_DIR_ENV
from briefing.i18n.messages import LANGUAGE_ENV
from briefing.notebook.interactive import BOOK_BUILD_ENV, HTML_DIR_ENV
from briefing.publish import anchors
from briefing.publish.parts import all_parts
from briefing.sphinx import data as sphinx_data
from briefing.sphinx import page_assets, page_reads
from briefing.sphinx.base import BriefingDirective
from briefing.sphinx.data import BriefingDataError
from helpers import PROJECT_ROOT, edit_cell

DATA = PROJECT_ROOT / "data"

CONF = """\
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinxext.opengraph", "sphinx_last_updated_by_git", "briefing.sphinx"]
briefing_data_dir = {data!r}
exclude_patterns = ["_build"]  # as the book's _config.yml: the build writes Markdown files (downloads/README.md) there
bibtex_reference_style = "author_year"
suppress_warnings = ["git.subprocess_error", "git.command_not_found", "config.cache"]
"""


def page(title: str, *directives: str) -> str:
    """Return a MyST page with a title and the given directives, each as a fenced block."""
    return f"# {title}\n\n" + "".join(f"```{{{d}}}\n```\n\n" for d in directives)


def small_project(root: Path, data: Path) -> Path:
    """Write a project with one page per feature module of the extension, every directive used at least once."""
    ds = load_dataset(data)
    pages = {
        "index": page("Front", "briefing-introduction", "briefing-edition", "briefing-abstract-de", "briefing-key-messages"),
        "event": page("Event", "briefing-event", "briefing-running-order", "briefing-perspectives"),
        "themes": page("Themes", "briefing-vocabulary", "briefing-theme-findings"),
        "method": page("Method", "briefing-editorial-notes", "briefing-glossary", "briefing-downloads"),
        "revisions": page("Revisions", "briefing-revisions"),
        "references": page("References", "briefing-citation") + "```{bibliography}\n:all:\n```\n",
        "legal": page("Legal", "briefing-imprint", "briefing-corrections", "briefing-hosting"),
        "layer": page(
            "Layer",
            "briefing-questions",
            "briefing-crisis-silence",
            "briefing-region-fields",
            "briefing-context",
            "briefing-strategy-comparison",
            "briefing-coding-rules",
        ),
    }
    for p in ds.perspectives:
        pages[p.id] = f"# {p.label}\n\n" + "".join(
            f"```{{{d}}}\n:perspective: {p.id}\n```\n\n"
            for d in ("briefing-perspective", "briefing-contributions", "briefing-perspective-findings")
        )
    pages["index"] += "```{toctree}\n" + "".join(f"{name}\n" for name in pages if name != "index") + "```\n"
    root.mkdir(parents=True)
    (root / "conf.py").write_text(CONF.format(data=str(data)), encoding="utf-8")
    (root / "_toc.yml").write_text(
        "root: index\nchapters:\n" + "".join(f"  - file: {n}\n" for n in pages if n != "index"), encoding="utf-8"
    )
    for name, text in pages.items():
        (root / f"{name}.md").write_text(text, encoding="utf-8")
    return root


def build(project: Path, status: io.StringIO | None = None, parallel: int = 0) -> tuple[Sphinx, str]:
    """Build the project's HTML in this process (no kernel; ``parallel``: Sphinx's -j, forked readers and writers);
    return the application and its warnings."""
    warnings = io.StringIO()
    with patch_docutils(project), docutils_namespace():
        app = Sphinx(
            project,
            project,
            project / "_build" / "html",
            project / "_build" / "doctrees",
            "html",
            status=status,
            warning=warnings,
            parallel=parallel,
        )
        app.build()
    return app, warnings.getvalue()


@pytest.fixture
def counted_loads(monkeypatch) -> list[Path]:
    """Record every load of a data folder by the extension (and keep the variables it sets for kernels out of other tests)."""
    for name in (DATA_DIR_ENV, BOOK_BUILD_ENV, HTML_DIR_ENV, "BRIEFING_BASE_URL"):
        monkeypatch.setenv(name, "")  # recorded as unset, so what a build sets goes again after the test
        monkeypatch.delenv(name)
    loads: list[Path] = []

    def counting(folder: Path | None = None):
        """Load the data as the extension does, counting the call."""
        loads.append(folder)
        return load_dataset(folder)

    monkeypatch.setattr(sphinx_data, "load_dataset", counting)
    return loads


def test_a_build_loads_the_data_once(tmp_path, counted_loads):
    """A build of pages using every directive loads the data folder exactly once, and a no-change rebuild once again."""
    project = small_project(tmp_path / "project", DATA)
    app, warnings = build(project)
    assert app.statuscode == 0, warnings
    assert counted_loads == [DATA]
    ds = load_dataset(DATA)
    html = "".join((project / "_build" / "html" / f"{p.id}.html").read_text(encoding="utf-8") for p in ds.perspectives)
    assert all(re.search(f'<section[^>]* id="{c.id}"', html) for c in ds.contributions)
    assert "must appear exactly once" not in warnings
    again, _ = build(project)
    assert counted_loads == [DATA, DATA] and again.env.briefing_data.dataset is not None


def test_the_coverage_check_names_a_contribution_on_no_page(tmp_path, counted_loads):
    """Without a page for a perspective, the collector's records make the check warn about each of its contributions."""
    project = small_project(tmp_path / "project", DATA)
    ds = load_dataset(DATA)
    missing = ds.perspectives[0]
    (project / f"{missing.id}.md").write_text(f"# {missing.label}\n\nNo contributions here.\n", encoding="utf-8")
    _, warnings = build(project)
    for c in ds.contributions_in(missing.id):
        assert f"contribution '{c.id}' must appear exactly once but appears on: no page" in warnings


def test_the_environment_pickle_holds_no_dataset(tmp_path, counted_loads):
    """The environment keeps the build's data folder, but its pickle leaves the dataset out (each build loads it afresh)."""
    app, _ = build(small_project(tmp_path / "project", DATA))
    restored = pickle.loads(pickle.dumps(app.env.briefing_data))
    assert restored.folder == DATA and restored.dataset is None
    assert app.config.briefing_data_dir == str(DATA)


def test_another_data_folder_rereads_every_page(tmp_path, counted_loads):
    """A build from another data folder (same title) re-reads every page, not only those whose sources changed."""
    project = small_project(tmp_path / "project", DATA)
    build(project)
    other = tmp_path / "other-data"
    shutil.copytree(DATA, other)
    (project / "conf.py").write_text(CONF.format(data=str(other)), encoding="utf-8")
    status = io.StringIO()
    app, _ = build(project, status)
    pages = len(list(project.glob("*.md")))
    assert f"[config changed ('briefing_data_dir')] {pages} added" in status.getvalue()
    assert counted_loads == [DATA, other] and app.env.briefing_data.folder == other


#: The variables a build sets for the chapters' kernels.
FOR_KERNELS = (DATA_DIR_ENV, BOOK_BUILD_ENV, HTML_DIR_ENV, LANGUAGE_ENV, "BRIEFING_BASE_URL")


@pytest.fixture
def kernels_see(monkeypatch) -> list[dict[str, str | None]]:
    """Record, as each page is read, the variables the kernels started then would inherit (a data folder set elsewhere
    before the build, so that it must be put back rather than unset)."""
    monkeypatch.setenv(DATA_DIR_ENV, "/elsewhere/data")
    seen: list[dict[str, str | None]] = []
    reading = page_reads.note_dependencies

    def recording(app, docname, source):
        """Record the variables, then note the page's dependencies as the extension does."""
        seen.append({name: os.environ.get(name) for name in FOR_KERNELS})
        reading(app, docname, source)

    monkeypatch.setattr(page_reads, "note_dependencies", recording)
    return seen


def test_a_build_leaves_the_process_environment_as_it_was(tmp_path, counted_loads, kernels_see):
    """The variables a build in this process sets for the kernels while it reads its pages are gone after it."""
    project = small_project(tmp_path / "project", DATA)
    before = dict(os.environ)
    app, warnings = build(project)
    assert app.statuscode == 0, warnings
    wanted = {DATA_DIR_ENV: str(DATA), BOOK_BUILD_ENV: "1", HTML_DIR_ENV: str(app.outdir), LANGUAGE_ENV: "en"}
    assert kernels_see and all(seen == {**dict.fromkeys(FOR_KERNELS), **wanted} for seen in kernels_see)
    assert dict(os.environ) == before


def test_a_failed_build_leaves_the_process_environment_as_it_was(tmp_path, counted_loads, kernels_see, monkeypatch):
    """A build that stops while reading its pages puts the kernels' variables back too, as does one whose data are invalid."""
    project = small_project(tmp_path / "project", DATA)
    before = dict(os.environ)
    monkeypatch.setattr(page_reads, "package_sources", lambda: 1 / 0)  # fails after recording the first page
    with pytest.raises(ExtensionError):
        build(project)
    assert kernels_see and kernels_see[0][BOOK_BUILD_ENV] == "1"
    assert dict(os.environ) == before
    (project / "conf.py").write_text(CONF.format(data=str(tmp_path / "no-data")), encoding="utf-8")
    with pytest.raises(BriefingDataError):
        build(project)
    assert dict(os.environ) == before


def test_a_moved_page_forwards_with_its_anchor(tmp_path, counted_loads, monkeypatch):
    """A page listed in editions/redirects.yml gets an accessible forwarding page that carries the #anchor to its new address."""
    redirects = tmp_path / "redirects.yml"
    redirects.write_text("old-event.html: event.html\n", encoding="utf-8")
    monkeypatch.setattr(anchors, "redirects_file", lambda: redirects)
    project = small_project(tmp_path / "project", DATA)
    app, warnings = build(project)
    assert app.statuscode == 0, warnings
    forwarding = BeautifulSoup((project / "_build" / "html" / "old-event.html").read_text(encoding="utf-8"), "html.parser")
    assert forwarding.html["lang"] == "en" and forwarding.title.get_text() and forwarding.select_one('meta[charset="utf-8"]')
    assert (
        forwarding.select_one("body a")["href"] == "event.html"
        and forwarding.select_one('link[rel="canonical"]')["href"] == "event.html"
    )
    assert 'location.replace("event.html" + location.hash)' in forwarding.script.get_text()


def test_a_redirect_to_a_missing_page_fails_the_build(tmp_path, counted_loads, monkeypatch):
    """A redirect whose target page does not exist makes the build fail, naming both addresses."""
    redirects = tmp_path / "redirects.yml"
    redirects.write_text("old-event.html: no-such-page.html\n", encoding="utf-8")
    monkeypatch.setattr(anchors, "redirects_file", lambda: redirects)
    app, warnings = build(small_project(tmp_path / "project", DATA))
    assert app.statuscode != 0 and "old-event.html redirects to no-such-page.html" in warnings


def test_a_page_dropped_from_the_book_leaves_the_site(tmp_path, counted_loads):
    """A page whose source is gone is removed from the output the next build starts from, with its source copy."""
    project = small_project(tmp_path / "project", DATA)
    out = project / "_build" / "html"
    app, warnings = build(project)
    assert app.statuscode == 0, warnings
    assert (out / "legal.html").is_file()
    (out / "_sources").mkdir(exist_ok=True)
    (out / "_sources" / "legal.md.txt").write_text("as the book's build copies it", encoding="utf-8")
    (project / "legal.md").unlink()
    index = project / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("legal\n", ""), encoding="utf-8")
    app, warnings = build(project)
    assert app.statuscode == 0, warnings
    assert not (out / "legal.html").exists() and not list((out / "_sources").glob("legal.*"))
    assert (out / "event.html").is_file()  # the pages the book still has stay


def test_the_revisions_page_marks_a_change_whose_reason_is_not_yet_recorded(tmp_path, counted_loads):
    """A preview of data with an unexplained change builds, and the revisions page says its reason is not yet recorded."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    edit_cell(data, "themes.csv", {"id": "clusters"}, "label", "Clusters")
    app, warnings = build(small_project(tmp_path / "project", data))
    assert app.statuscode == 0, warnings
    page = (tmp_path / "project" / "_build" / "html" / "revisions.html").read_text(encoding="utf-8")
    assert "Reason not yet recorded." in page


def built_files(project: Path) -> dict[str, bytes]:
    """Return the files a build wrote, by path in its output (not the search index, whose order follows the writers)."""
    out = project / "_build" / "html"
    return {
        str(path.relative_to(out)): path.read_bytes()
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.name not in {"searchindex.js", ".buildinfo"}
    }


def test_a_parallel_build_makes_the_pages_of_a_serial_one(tmp_path, counted_loads):
    """Read and written by forked processes (-j 2), a small book builds with the warnings and into the files one process
    writes, with the same record of which page renders which contribution and the same index entries."""
    serial_project = small_project(tmp_path / "serial", DATA)
    parallel_project = small_project(tmp_path / "parallel", DATA)
    for project in (serial_project, parallel_project):  # published: citations carry each contribution's page, and a sitemap
        with (project / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write('briefing_base_url = "https://briefing.example.org/"\n')
    serial, serial_warnings = build(serial_project)
    status = io.StringIO()
    parallel, parallel_warnings = build(parallel_project, status, parallel=2)
    assert serial.statuscode == parallel.statuscode == 0
    assert parallel_warnings.replace(str(parallel_project), str(serial_project)) == serial_warnings  # the small book's own
    log = re.sub(r"\x1b\[[0-9;]*m", "", status.getvalue())  # without the colours
    assert re.search(r"reading sources\.\.\. \[.*\] \S+ \.\. \S+", log) and "doing serial" not in parallel_warnings  # in chunks
    assert re.search(r"writing output\.\.\. \[.*\] \S+ \.\. \S+", log)
    assert parallel.env.briefing_rendered == serial.env.briefing_rendered and parallel.env.briefing_rendered
    assert parallel.env.get_domain("index").entries == serial.env.get_domain("index").entries
    assert built_files(parallel_project) == built_files(serial_project)


def test_briefing_sphinx_is_the_one_extension_of_the_package():
    """Only briefing.sphinx has a setup() Sphinx could load, and the book and the new-book template load only it of ours."""
    modules = pkgutil.iter_modules(briefing.sphinx.__path__, "briefing.sphinx.")
    assert [m.name for m in modules if hasattr(importlib.import_module(m.name), "setup")] == []
    for config in (PROJECT_ROOT / "_config.yml", PROJECT_ROOT / "src/briefing/editor/new/template/_config.yml"):
        extensions = yaml.safe_load(config.read_text(encoding="utf-8"))["sphinx"]["config"]["extensions"]
        assert [e for e in extensions if e.startswith("briefing")] == ["briefing.sphinx"], config


def test_part_pages_are_written_before_sphinx_looks_for_pages(tmp_path, counted_loads):
    """With fewer contributions a page than a perspective has, a first build writes the part pages' sources and builds
    them, without a general index."""
    project = small_project(tmp_path / "project", DATA)
    with (project / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("briefing_contributions_per_page = 2\n")
    app, warnings = build(project)
    assert app.statuscode == 0, warnings
    names = [part.docname for part in all_parts(load_dataset(DATA), 2)]
    assert names and all((project / "_build" / "html" / f"{name}.html").is_file() for name in names)
    assert not app.config.html_use_index and not (project / "_build" / "html" / "genindex.html").exists()


def subclasses(cls: type) -> list[type]:
    """Return a class's subclasses, theirs included."""
    return [sub for direct in cls.__subclasses__() for sub in [direct, *subclasses(direct)]]


def test_directives_build_their_nodes_and_the_base_marks_them_as_the_data_s():
    """No briefing directive has a run() of its own or is rewritten when it is defined: each builds its nodes in build(),
    and the one run(), the base class's, keeps their block text out of the chapters' catalogues (not inline text)."""
    for module in pkgutil.iter_modules(briefing.sphinx.__path__, "briefing.sphinx."):
        importlib.import_module(module.name)
    directives = subclasses(BriefingDirective)
    assert len(directives) >= 25 and "__init_subclass__" not in vars(BriefingDirective)
    assert [d.__name__ for d in directives if "run" in vars(d)] == []
    paragraph = nodes.paragraph("", "", nodes.Text("From the data, "), nodes.emphasis("", "emphasised"))
    section = nodes.section("", nodes.title("", "A heading"), paragraph)
    built = type("Built", (BriefingDirective,), {"build": lambda self: [section]})
    assert built.run(object.__new__(built)) == [section]
    assert [n.get("translatable") for n in section.findall(nodes.Element)] == [None, False, False, None]


def plain_log(status: io.StringIO) -> str:
    """Return Sphinx's status output without its colours."""
    return re.sub(r"\x1b\[[0-9;]*m", "", status.getvalue())


def preview_data(tmp_path: Path) -> tuple[Path, str]:
    """Return a copy of the data made a preview by a first change to a summary, and the changed contribution's id (the
    shipped data are a released edition: their first change puts the preview's announcement on every page)."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    first = load_dataset(data).contributions[0]
    edit_cell(data, "contributions.csv", {"id": first.id}, "summary", "According to the report, a first new summary.")
    return data, first.id


def test_a_changed_summary_rereads_only_the_pages_that_read_it_and_leaves_none_stale(tmp_path, counted_loads):
    """After a summary changes in a preview, the pages of other perspectives and pages that read no summary are not read
    again, and every file of the rebuilt book is the file a fresh build of the same data writes."""
    data, changed = preview_data(tmp_path)
    ds = load_dataset(data)
    project = small_project(tmp_path / "project", data)
    assert build(project)[0].statuscode == 0
    edit_cell(data, "contributions.csv", {"id": changed}, "summary", "According to the report, a second new summary.")
    status = io.StringIO()
    app, warnings = build(project, status)
    assert app.statuscode == 0, warnings
    read = set(re.findall(r"reading sources\.\.\. \[[ \d]+%\] (\S+)", plain_log(status)))
    own = ds.contribution[changed].perspective
    assert own in read
    assert not read & ({p.id for p in ds.perspectives if p.id != own} | {"legal", "themes", "layer"}), read
    assert "a second new summary" in (project / "_build" / "html" / f"{own}.html").read_text(encoding="utf-8")
    fresh = small_project(tmp_path / "fresh", data)
    assert build(fresh)[0].statuscode == 0
    assert built_files(project) == built_files(fresh)


def test_a_page_showing_a_changed_section_title_is_written_again(tmp_path, counted_loads):
    """A page that links to a contribution's section without words of its own (so shows its title) and reads nothing of
    the data is not read again when the talk's title changes, but written again with the new title."""
    data, changed = preview_data(tmp_path)
    project = small_project(tmp_path / "project", data)
    (project / "links.md").write_text(f"# Links\n\nSee {{ref}}`{changed}`.\n", encoding="utf-8")
    index = project / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("legal\n", "legal\nlinks\n"), encoding="utf-8")
    assert build(project)[0].statuscode == 0
    edit_cell(data, "contributions.csv", {"id": changed}, "topic", "A talk title no build has shown")
    status = io.StringIO()
    app, warnings = build(project, status)
    assert app.statuscode == 0, warnings
    log = plain_log(status)
    assert not re.search(r"reading sources\.\.\. \[[ \d]+%\] links\b", log)
    assert re.search(r"writing output\.\.\. \[[ \d]+%\] links\b", log)
    assert "A talk title no build has shown" in (project / "_build" / "html" / "links.html").read_text(encoding="utf-8")


def test_a_parallel_build_records_no_page_reads_and_rereads_every_page_on_a_data_change(tmp_path, counted_loads):
    """Under -j 2 no page keeps a record of what it read, so every page depends on every data file, as before."""
    data, changed = preview_data(tmp_path)
    project = small_project(tmp_path / "project", data)
    app, _ = build(project, parallel=2)
    assert app.statuscode == 0 and not (project / "_build" / "doctrees" / page_reads.RECORDS).exists()
    edit_cell(data, "contributions.csv", {"id": changed}, "summary", "According to the report, a second new summary.")
    status = io.StringIO()
    app, _ = build(project, status, parallel=2)
    pages = len(list(project.glob("*.md")))
    assert app.statuscode == 0 and f"0 added, {pages} changed, 0 removed" in plain_log(status)


def test_a_page_a_failed_build_cut_short_is_read_again_by_the_next(tmp_path, counted_loads, monkeypatch):
    """A page whose writing failed keeps no record of what it read, so the next build reads and writes it again (in this
    process: Sphinx kept its new doctree, and its old HTML page would otherwise stay)."""
    data, changed = preview_data(tmp_path)
    project = small_project(tmp_path / "project", data)
    assert build(project)[0].statuscode == 0
    own = load_dataset(data).contribution[changed].perspective
    edit_cell(data, "contributions.csv", {"id": changed}, "summary", "According to the report, a second new summary.")
    dropping = page_assets.drop_unused_assets

    def failing(app, pagename, *args):
        """Fail while the changed contribution's page is written, as a handler can."""
        if pagename == own:
            raise RuntimeError("stopped while writing")
        dropping(app, pagename, *args)

    with monkeypatch.context() as patched:
        patched.setattr(page_assets, "drop_unused_assets", failing)
        with pytest.raises(Exception, match="stopped while writing"):
            build(project)
    assert not (project / "_build" / "doctrees" / page_reads.RECORDS / f"{own}.json").exists()
    status = io.StringIO()
    app, warnings = build(project, status)
    assert app.statuscode == 0, warnings
    assert re.search(rf"reading sources\.\.\. \[[ \d]+%\] {own}\b", plain_log(status))
    assert "a second new summary" in (project / "_build" / "html" / f"{own}.html").read_text(encoding="utf-8")
