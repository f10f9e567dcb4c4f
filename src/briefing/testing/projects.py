"""Benchmark helpers: timed builds of a copy of the book, page weights and the theme tables' cost."""

from __future__ import annotations

import csv
import gzip
import itertools
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefing.core.load import load_dataset
from briefing.core.model import Dataset
from briefing.notebook import tables
from briefing.notebook.interactive import BUNDLE_DIR

#: What a copy of the book needs besides its data folder (locales: the German edition's chapter prose).
BOOK_FILES = ["_config.yml", "_toc.yml", "chapters", "locales", "Makefile"]
#: What a copy also takes from its book when the book has it: the released editions (kept PDFs, published addresses,
#: moved pages), which a build reads from its own folder.
EDITIONS = "editions"
#: The Node packages `npm ci` installed in the book (PurgeCSS slims the pages): linked, not copied, into each copy.
NODE_MODULES = "node_modules"
#: myst-nb logs this line once for every notebook it executes.
EXECUTED = "Executing notebook"
#: Local files a page loads (not those it only links to): scripts, styles, images, its tables' rows.
_REFERENCE = re.compile(
    r'<(?:script|link|img)\b[^>]*?\b(?:src|href)="([^"#?:]+)[^"]*"|"ajax": "([^"]+)"|import [^;]*? from \'([^\']+)\''
)


@dataclass
class BuildRun:
    """One `make book` of a project copy: time, notebooks executed, when each phase began, and the log."""

    seconds: float
    notebooks: int
    returncode: int
    log: str
    #: Seconds from the start at which each phase began (see PHASES).
    marks: dict[str, float] = field(default_factory=dict)

    @property
    def execution_seconds(self) -> float:
        """Return the seconds myst-nb reports for executing notebooks (kernel start-up included)."""
        return sum(float(s) for s in re.findall(r"Executed notebook in ([0-9.]+) seconds", self.log))

    def phases(self) -> dict[str, float]:
        """Return the seconds spent in each phase: checks, Sphinx start-up, reading (with execution), writing, swap."""
        points = [("start", 0.0), *((name, self.marks[name]) for name in PHASES if name in self.marks), ("end", self.seconds)]
        return {f"{a}->{b}": round(tb - ta, 2) for (a, ta), (b, tb) in itertools.pairwise(points)}


#: Log lines that start each phase of `make book`, in order.
PHASES = {
    "jupyter-book": "Running Jupyter-Book",
    "reading": "reading sources... [",
    "writing": "writing output... [",
    "succeeded": "build succeeded",
}
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: Sphinx's progress lines for a page read and a page written (verbose log).
_READ = re.compile(r"reading sources\.\.\. \[[ \d]+%\] (\S+)")
_WRITTEN = re.compile(r"writing output\.\.\. \[[ \d]+%\] (\S+)")


def copy_project(root: Path, data: Path, book: Path) -> Path:
    """Copy a book folder's sources (and editions, with its Node packages linked) and a data folder into a fresh project
    folder (no build, no caches), which then builds as that book does."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for name in BOOK_FILES:
        src = book / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    if (book / EDITIONS).is_dir():
        shutil.copytree(book / EDITIONS, root / EDITIONS)
    link_node_packages(book, root)
    shutil.copytree(data, root / "data")
    return root


def link_node_packages(book: Path, project: Path) -> None:
    """Give a project the Node packages `npm ci` installed in a book (PurgeCSS, which slims the pages), linked, not
    copied, unless it has its own."""
    if (book / NODE_MODULES).is_dir() and not (project / NODE_MODULES).exists():
        (project / NODE_MODULES).symlink_to((book / NODE_MODULES).resolve(), target_is_directory=True)


def timed_build(project: Path, timeout: float = 3600, pdf: bool = False, editions: str | None = None) -> BuildRun:
    """Run the README's `make book` (PDF included if asked) on a project copy with this environment; time it and its phases.

    Every edition the data have, as `make book` builds them, unless ``editions`` names some ('en').
    """
    # Unbuffered, so each log line arrives when it is written and marks its phase at the right time.
    env = {**os.environ, "BRIEFING_DATA_DIR": str(project / "data"), "PYTHONHASHSEED": "0", "PYTHONUNBUFFERED": "1"}
    env.pop("BRIEFING_BASE_URL", None)
    venv = Path(sys.executable).parent.parent
    command = ["make", "-C", str(project), "book", "INSTALL=", f"VENV={venv}", f"PDF={int(pdf)}", "BUILD_OPTS=--verbose"]
    command += [f"EDITIONS={editions}"] if editions else []
    start = time.perf_counter()
    lines, marks = [], {}
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env) as process:
        for line in process.stdout or ():
            lines.append(line)
            plain = _ANSI.sub("", line)
            for name, marker in PHASES.items():
                if name not in marks and marker in plain:
                    marks[name] = time.perf_counter() - start
            if time.perf_counter() - start > timeout:
                process.kill()
                break
    log = "".join(lines)
    return BuildRun(time.perf_counter() - start, log.count(EXECUTED), process.returncode, log, marks)


def data_notebooks(project: Path) -> int:
    """Return how many chapters read the data in their code (each must re-run when the data change)."""
    return sum("load_dataset(" in p.read_text(encoding="utf-8") for p in (project / "chapters").glob("*.md"))


def pages_read(log: str) -> list[str]:
    """Return the pages a build's verbose log says Sphinx read (briefing.sphinx.page_reads decides which)."""
    return _READ.findall(_ANSI.sub("", log))


def pages_written(log: str) -> list[str]:
    """Return the pages a build's verbose log says Sphinx wrote."""
    return _WRITTEN.findall(_ANSI.sub("", log))


def change_one_summary(data: Path, text: str) -> str:
    """Replace the first contribution's summary with a new valid one; return the old summary."""
    path = data / "contributions.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    old, rows[0]["summary"] = rows[0]["summary"], text
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return old  # a preview builds a change without a recorded reason (only a release needs one)


def pages(html_dir: Path) -> list[Path]:
    """Return the book's HTML pages (not the theme's templates under _static)."""
    return sorted(p for p in html_dir.rglob("*.html") if "_static" not in p.relative_to(html_dir).parts)


def references(html_dir: Path, page: Path) -> set[Path]:
    """Return the local files a page loads (resolved), that exist in the built book."""
    found = set()
    for match in _REFERENCE.finditer(page.read_text(encoding="utf-8")):
        target = (page.parent / next(g for g in match.groups() if g)).resolve()
        if target.is_file() and target.suffix != ".html" and html_dir.resolve() in target.parents:
            found.add(target)
    return found


def own_weights(html_dir: Path) -> dict[str, dict[str, int]]:
    """Return per page: its HTML bytes, and the bytes of files that only it loads (e.g. its tables' rows).

    The DataTables bundle is shared by every page that has an interactive table, even when only one page has one (in
    each language edition).
    """
    loads = {p: references(html_dir, p) for p in pages(html_dir)}
    users: dict[Path, int] = {}
    for files in loads.values():
        for f in files:
            users[f] = users.get(f, 0) + 1
    # Each language edition (html/de/) serves its own copy of the bundle, shared by that edition's pages.
    bundles = [(folder / BUNDLE_DIR).resolve() for folder in (html_dir, *html_dir.iterdir()) if (folder / BUNDLE_DIR).is_dir()]
    return {
        str(p.relative_to(html_dir)): {
            "html": p.stat().st_size,
            "own_files": sum(f.stat().st_size for f in files if users[f] == 1 and not any(f.is_relative_to(b) for b in bundles)),
        }
        for p, files in loads.items()
    }


def site_weight(html_dir: Path) -> int:
    """Return the bytes of every file of the built site."""
    return sum(p.stat().st_size for p in html_dir.rglob("*") if p.is_file())


def table_data_bytes(html_dir: Path, page: str, compressed: bool = False) -> int:
    """Return the bytes of the table rows a page loads from the book's static JSON files (gzip-compressed, if asked,
    as hosts such as GitHub Pages send them)."""
    files = [f for f in references(html_dir, html_dir / page) if f.suffix == ".json"]
    return sum(len(gzip.compress(f.read_bytes(), 6)) if compressed else f.stat().st_size for f in files)


def timed(function: Callable[..., object], *args: object) -> tuple[float, object]:
    """Return the seconds a call took and its result."""
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def data_figures(data: Path) -> dict[str, float | int]:
    """Return validation time and the time to compute the themes page's three tables, in-process."""
    seconds, ds = timed(load_dataset, data)
    assert isinstance(ds, Dataset)
    table_seconds = sum(timed(f, ds)[0] for f in (tables.theme_links, tables.theme_table))
    return {
        "contributions": len(ds.contributions),
        "links": len(ds.links),
        "validation_s": seconds,
        "theme_tables_s": table_seconds,
    }


def kernel_startup_seconds() -> float:
    """Return the seconds to start a Python kernel, run one trivial cell and stop it (paid once per notebook)."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    return timed(NotebookClient(notebook, kernel_name="python3").execute)[0]


def import_seconds() -> float:
    """Return the seconds a fresh Python takes to import what the themes chapter imports (paid in each kernel)."""
    code = "import briefing.notebook.tables, briefing.notebook.charts, briefing.notebook.interactive, briefing.notebook.explorer"
    return timed(subprocess.run, [sys.executable, "-c", code])[0]
