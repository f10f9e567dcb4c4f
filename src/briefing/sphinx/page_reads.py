"""Read a page again when what it read of the data changed, not whenever a data file changed.

Every page depends on the package's code and on the data folder's other files (sources, bibliography, translations,
snapshots of earlier editions) as files, through Sphinx's own dependencies. The tables' rows reach the pages only
through the dataset, so for them a page depends on exactly what it read: while Sphinx reads a page and again while it
writes it, the rows' fields and the dataset's attributes it touches are recorded (briefing.core.reads), with any data
file it opens; a fingerprint of those parts is kept beside the doctrees. Before a build reads anything, a page whose
fingerprint differs in the new data, or that has none, is read again.

Pages that are not read again still show what other pages define: their titles (navigation, links without their own
text), their labels' places and the labels of the works they cite. When a page read again changes a title or its table
of contents, every page is written again; when it changes a label or a citation's label, the pages that refer to it
(Sphinx's event env-get-updated).

A build with parallel readers or writers (-j) records nothing: its pages depend on every data file, as before.
"""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from briefing.core import reads
from briefing.core.load import as_written
from briefing.core.paths import package_sources
from briefing.core.reads import Reads
from briefing.core.schema import TABLES
from briefing.sphinx import settings
from briefing.sphinx.data import build_dataset
from briefing.sphinx.execution import current_fingerprint, load_record

logger = logging.getLogger(__name__)
#: The folder, in the build's doctrees, of each page's record: what it read and wrote from, and their fingerprint.
RECORDS = "briefing-page-reads"
#: A field read in more rows than this is recorded as read in every row (see briefing.core.reads.Reads.compact).
CELLS_PER_FIELD = 50
#: The environment's attribute holding each page's cross-references, as (domain, type, target) (see _references).
_REFERENCES = "briefing_references"


@dataclass
class _Tracking:
    """What the running build is recording: the page and its phase, and what other pages defined before they were read."""

    docname: str | None = None
    phase: str = ""
    before: reads.Before | None = None
    read_now: set[str] = field(default_factory=set)
    written_now: set[str] = field(default_factory=set)
    writing: bool = False
    added_or_removed: bool = False
    defined_before: dict[str, Any] = field(default_factory=dict)


_STATE: weakref.WeakKeyDictionary[Sphinx, _Tracking] = weakref.WeakKeyDictionary()


def tracking(app: Sphinx) -> bool:
    """Tell whether this build records what its pages read (one process reads and writes)."""
    return app.parallel <= 1


def _state(app: Sphinx) -> _Tracking:
    """Return the running build's tracking state."""
    return _STATE.setdefault(app, _Tracking())


def record_path(app: Sphinx, docname: str) -> Path:
    """Return where a page's record of what it read is kept."""
    return Path(app.doctreedir) / RECORDS / f"{docname}.json"


def table_files(folder: Path) -> set[Path]:
    """Return the data folder's tables, whose rows reach the pages only through the dataset's fields."""
    return {folder / spec.file for spec in TABLES}


def note_dependencies(app: Sphinx, docname: str, source: list[str]) -> None:
    """Make the page depend on the package and on the data files (on the tables only through what it reads, when
    recorded); start recording what it reads."""
    folder = settings.data_folder(app.config)
    skipped = table_files(folder) if tracking(app) else set()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p not in skipped):
        app.env.note_dependency(str(path))
    for path in package_sources():
        app.env.note_dependency(str(path))
    if tracking(app):
        _begin(app, docname, "read")


def _begin(app: Sphinx, docname: str, phase: str) -> None:
    """Start recording what a page reads in a phase (read or write), ending what was being recorded."""
    _end(app)
    state = _state(app)
    state.docname, state.phase = docname, phase
    ds = build_dataset(app.env)
    state.before = reads.start(settings.data_folder(app.config), (ds, as_written(ds)))


def _end(app: Sphinx, keep: bool = True) -> None:
    """Stop recording and keep what the page read in its record (with the fingerprint, once it is written); or, if the
    page was cut short (``keep`` false), remove its record, so that the next build reads it again."""
    state = _state(app)
    if state.docname is None:
        return
    docname, phase = state.docname, state.phase
    record = reads.stop(state.before) if state.before is not None else Reads()
    record.compact(CELLS_PER_FIELD)
    state.docname, state.phase, state.before = None, "", None
    if not keep:
        record_path(app, docname).unlink(missing_ok=True)
        return
    path = record_path(app, docname)
    kept: dict[str, Any] = {"read": record.as_json()}
    if phase == "write":
        state.written_now.add(docname)
        kept = {**(load_record(path) or {}), "written": record.as_json()}
        kept["fingerprint"] = page_fingerprint(app, _what_it_read(kept))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(kept), encoding="utf-8")


def page_fingerprint(app: Sphinx, read: Reads) -> str:
    """Return the fingerprint of what a page read (the settings the build hands its kernels part-way left out: they
    follow the configuration, whose changes Sphinx answers itself)."""
    return current_fingerprint(app, read, unlike=settings.for_kernels(app).keys())


def _what_it_read(record: dict[str, Any]) -> Reads:
    """Return everything a record says its page read, while read and while written."""
    both = Reads.from_json(record.get("read", {}))
    reads.replay_into(both, Reads.from_json(record.get("written", {})))
    both.compact(CELLS_PER_FIELD)
    return both


def _after_reading(app: Sphinx, doctree: nodes.document) -> None:
    """Keep what the page read, and the cross-references it makes (for env-get-updated)."""
    if not tracking(app):
        return
    docname = app.env.docname
    _end(app)
    _state(app).read_now.add(docname)
    references = getattr(app.env, _REFERENCES, None)
    if references is None:
        references = {}
        setattr(app.env, _REFERENCES, references)
    references[docname] = sorted(
        {
            (str(x.get("refdomain", "")), str(x.get("reftype", "")), str(x.get("reftarget", "")))
            for x in doctree.findall(addnodes.pending_xref)
        }
    )


def _outdated(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """Return the pages whose data changed: what they read differs now, or they have no record of it."""
    if not tracking(app):
        return []
    state = _state(app)
    state.added_or_removed = bool(added or removed)
    state.defined_before = _defined(env)  # before any page is purged or read again
    found = []
    for docname in sorted(env.found_docs - added - changed - removed):
        record = load_record(record_path(app, docname))
        if record is None or record.get("fingerprint") != page_fingerprint(app, _what_it_read(record)):
            found.append(docname)
    logger.verbose("read again, as what they read of the data changed: %s", found)
    return found


def _defined(env: BuildEnvironment) -> dict[str, Any]:
    """Return what pages define for other pages to show: titles, tables of contents, labels and citations, as text."""
    std: Any = env.domains["std"]
    cite: Any = env.domains.get("cite")
    citations = getattr(cite, "citations", []) if cite is not None else []
    return {
        "titles": {d: node.astext() for d, node in env.titles.items()},
        "tocs": {d: node.astext() for d, node in env.tocs.items()},
        "labels": {k: list(v) for k, v in std.labels.items()},
        "anonlabels": {k: list(v) for k, v in std.anonlabels.items()},
        # sphinxcontrib-bibtex: where each cited work's entry is, and the label (author and year) a citation shows
        "citations": {c.key: [c.citation_id, list(c.bibliography_key), str(c.formatted_entry.label)] for c in citations},
    }


def _changed(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    """Return the keys whose values differ between two mappings (added and removed ones included)."""
    return {key for key in set(before) | set(after) if before.get(key) != after.get(key)}


def _to_write(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Return the pages not read again that show a title, table of contents, label or citation that changed."""
    state = _state(app)
    if not tracking(app) or not state.read_now:
        return []
    before, after = state.defined_before, _defined(env)
    navigation = _changed(before.get("titles", {}), after["titles"]) | _changed(before.get("tocs", {}), after["tocs"])
    if state.added_or_removed or navigation:
        return sorted(env.found_docs - state.read_now)  # every page's navigation shows the titles
    labels = _changed(before.get("labels", {}), after["labels"]) | _changed(before.get("anonlabels", {}), after["anonlabels"])
    cited = _changed(before.get("citations", {}), after["citations"])
    references: dict[str, list[tuple[str, str, str]]] = getattr(env, _REFERENCES, {})
    found = []
    for docname in sorted(env.found_docs - state.read_now):
        made = references.get(docname)
        if made is None or any(_shows(ref, labels, cited) for ref in made):
            found.append(docname)
    if found:
        logger.verbose(
            "written again, as they show what changed (labels %s, citations %s): %s", sorted(labels), sorted(cited), found
        )
    return found


def _shows(reference: tuple[str, str, str] | list[str], labels: set[str], cited: set[str]) -> bool:
    """Tell whether a cross-reference may show a label or citation that changed (a page's own address never changes,
    and titles that change rewrite every page)."""
    domain, kind, target = reference
    if domain == "std" and kind == "doc":
        return False
    if domain == "std" and kind in {"ref", "numref"}:
        return target.lower() in labels or target in labels
    if domain == "cite":
        return any(key.strip() in cited for key in target.split(","))
    return True  # any other kind: assume it may


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    """Forget a removed or re-read page's cross-references."""
    getattr(env, _REFERENCES, {}).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    """Take the cross-references a forked reader noted (none are noted under -j, but keep the environment whole)."""
    mine = getattr(env, _REFERENCES, None)
    theirs = getattr(other, _REFERENCES, {})
    if mine is not None:
        mine.update({d: theirs[d] for d in docnames if d in theirs})


def _writing_starts(app: Sphinx, builder: Any) -> None:
    """Note that the builder writes the pages now (a doctree resolved before or after is not a page written)."""
    _state(app).writing = True


def _written(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Start recording what the page reads while it is written (until the next page, or the end of writing)."""
    if tracking(app) and _state(app).writing:
        _begin(app, docname, "write")


def _writing_done(app: Sphinx) -> list[Any]:
    """Keep what the last page written read (Sphinx collects its extra pages after writing the documents)."""
    _end(app)
    _state(app).writing = False
    return []


def written(app: Sphinx) -> set[str] | None:
    """Return the pages this build wrote, or None when it does not know (a parallel build)."""
    return set(_state(app).written_now) if tracking(app) else None


def _build_done(app: Sphinx, exception: Exception | None) -> None:
    """Stop recording at the end of the build; a page a failure cut short loses its record, so the next build reads it."""
    _end(app, keep=exception is None)


def register(app: Sphinx) -> None:
    """Connect the recording of what each page reads and the checks of which pages to read or write again."""
    app.connect("source-read", note_dependencies)
    app.connect("doctree-read", _after_reading)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-get-updated", _to_write)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("write-started", _writing_starts)
    app.connect("doctree-resolved", _written, priority=100)
    app.connect("html-collect-pages", _writing_done, priority=100)
    app.connect("build-finished", _build_done, priority=999)  # after what writes files from pages' doctrees
