"""Execute a chapter's notebook again only when what its code read changed.

myst-nb's "cache" mode keeps each executed notebook in jupyter-cache, keyed on its code alone; data are not code, so a
cached notebook could show old data. Each chapter's kernel records what the chapter read (briefing.core.reads); before
Sphinx reads a chapter again, its cached outputs are dropped when a fingerprint of exactly those parts of the data (with
the package's code and the build's settings) differs from the one taken when the notebook last ran. A chapter with no
record is executed. With any other execution mode this module does nothing.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

from docutils import nodes
from jupyter_cache import get_cache
from sphinx.application import Sphinx
from sphinx.util import logging

from briefing.core.environ import EnvironmentChanges
from briefing.core.load import as_written
from briefing.core.reads import READS_ENV, Reads, fingerprint, package_digest
from briefing.sphinx.data import build_dataset

logger = logging.getLogger(__name__)
#: The record file named for the kernel of the chapter being read, put back as it was once the chapter is read.
_NAMED = EnvironmentChanges()
#: The folder, in the build's doctrees, of each chapter's record of what it read and the fingerprint taken.
RECORDS = "briefing-reads"


def _caching(app: Sphinx) -> bool:
    """Tell whether notebooks are executed through jupyter-cache in this build."""
    return getattr(app.config, "nb_execution_mode", None) == "cache"  # None: a project without myst-nb


def record_path(app: Sphinx, docname: str) -> Path:
    """Return where a chapter's record of what it read is kept."""
    return Path(app.doctreedir) / RECORDS / f"{docname}.json"


def current_fingerprint(app: Sphinx, reads: Reads, unlike: Collection[str] = ()) -> str:
    """Return the fingerprint of what a chapter read, in this build's data (in the edition's language and as written);
    ``unlike``: settings left out (see briefing.core.reads.fingerprint)."""
    ds = build_dataset(app.env)
    written = as_written(ds)
    return fingerprint([ds] if written is ds else [ds, written], reads, package_digest(), unlike)


def load_record(path: Path) -> dict[str, Any] | None:
    """Return a record kept as JSON beside the doctrees (a chapter's here, a page's in page_reads), or None if none is."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _record(path: Path) -> tuple[Reads, str | None] | None:
    """Return a chapter's record (what it read, and the fingerprint taken after it ran), or None if it has none."""
    data = load_record(path)
    return (Reads.from_json(data), data.get("fingerprint")) if data is not None else None


def _drop_cached(app: Sphinx, docname: str) -> None:
    """Remove a chapter's executed notebook from jupyter-cache, so myst-nb executes it again."""
    folder = getattr(getattr(app.env, "mystnb_config", None), "execution_cache_path", "")  # myst-nb sets it at builder-inited
    if not folder or not Path(folder).is_dir():
        return
    cache = get_cache(folder)
    source = str(app.env.doc2path(docname))
    for record in cache.list_cache_records():
        if record.uri == source:
            cache.remove_cache(record.pk)


def _before_reading(app: Sphinx, docname: str, source: list[str]) -> None:
    """Keep a chapter's cached outputs only if what it read is unchanged; name the file its kernel records reads in."""
    if not _caching(app):
        return
    path = record_path(app, docname)
    record = _record(path)
    if record is None or record[1] != current_fingerprint(app, record[0]):
        _drop_cached(app, docname)
        path.unlink(missing_ok=True)
        logger.verbose("%s: what its code reads changed (or was never recorded): it runs again", docname)
    path.parent.mkdir(parents=True, exist_ok=True)
    _NAMED.set(READS_ENV, str(path))


def _after_reading(app: Sphinx, doctree: nodes.document) -> None:
    """Take the fingerprint of what the chapter read, as its kernel has just recorded it (a record kept with its
    fingerprint was checked before the chapter was read)."""
    _NAMED.restore()
    if not _caching(app):
        return
    path = record_path(app, app.env.docname)
    record = _record(path)
    if record is None or record[1] is not None:  # none, or kept with its fingerprint checked before reading
        return
    reads = record[0]
    path.write_text(json.dumps({**reads.as_json(), "fingerprint": current_fingerprint(app, reads)}), encoding="utf-8")


def _forget_on_exit(app: Sphinx, exception: Exception | None) -> None:
    """Leave no record file named in the environment after the build (one that failed while reading included)."""
    _NAMED.restore()


def register(app: Sphinx) -> None:
    """Connect the checks before and after Sphinx reads each page."""
    app.connect("source-read", _before_reading)
    app.connect("doctree-read", _after_reading)
    app.connect("build-finished", _forget_on_exit)
