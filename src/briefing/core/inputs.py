"""Reading the data folder's files as untrusted input: only regular files inside the folder, each below a size limit."""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath

from briefing.core.errors import DataError, Problem

#: Largest table, bibliography or translation catalogue accepted. The shipped tables are below 100 kB and a
#: briefing of 13,000 contributions stays below 4 MB, so only a wrong file (an export, a log, a database dump) hits it.
MAX_TABLE_BYTES = 5 * 1024 * 1024
#: Largest source report accepted: the shipped report is 15 kB; a conference report of 2 MB is a book.
MAX_REPORT_BYTES = 2 * 1024 * 1024
#: Largest metadata file (publication.yml, event.yml) accepted: the shipped ones are below 5 kB.
MAX_METADATA_BYTES = 256 * 1024


class UnreadableError(Exception):
    """A data file that may not or cannot be read; the message says why and what to do."""


def _refuse_outside(relative: str) -> None:
    """Refuse a path that is absolute or climbs out of the data folder with '..'."""
    posix, windows = PurePosixPath(relative), PureWindowsPath(relative)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or relative.startswith(("/", "\\", "~")):
        raise UnreadableError("the path must be relative to the data folder (e.g. 'sources/report.txt'), not an absolute path")
    if ".." in posix.parts or ".." in windows.parts:
        raise UnreadableError("the path must stay inside the data folder: it may not contain '..'")


def inside(folder: Path, relative: str) -> Path:
    """Return the file a relative path names inside the data folder, refusing one that leads outside it (also by a link)."""
    _refuse_outside(relative)
    root = Path(folder).resolve()
    try:
        path = (root / relative).resolve()
    except (RuntimeError, ValueError) as exc:  # a link that leads in a circle; a name no file system accepts
        raise UnreadableError(f"the file cannot be read: {exc}; put the file itself here") from exc
    if path != root and root not in path.parents:
        raise UnreadableError(
            "the file is a link to a place outside the data folder: copy the file itself into the data folder instead"
        )
    return path


def read_limited(folder: Path, relative: str, limit: int) -> bytes:
    """Return a data file's bytes: a regular file inside the folder and at most `limit` bytes, else raise UnreadableError.

    A missing file raises FileNotFoundError. The file is checked with stat before it is opened (a pipe or a device
    is never opened) and read with a cap, so a file that grows while it is read cannot exhaust memory.
    """
    path = inside(folder, relative)
    info = path.stat()  # FileNotFoundError for a missing file
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, pipe or other special file"
        raise UnreadableError(f"the file cannot be read: it is {kind}, not a regular file; put the file itself here")
    if info.st_size > limit:
        raise UnreadableError(_too_large(info.st_size, limit))
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as file:
        raw = file.read(limit + 1)
    if len(raw) > limit:
        raise UnreadableError(_too_large(len(raw), limit))
    return raw


def _too_large(size: int, limit: int) -> str:
    """Explain a file above its size limit."""
    return (
        f"the file is larger than the {limit:,} bytes a briefing's file of this kind can be ({size:,} bytes or more): "
        "check that it is the right file (an export or a cell that swallowed the rows below it can make it this large)"
    )


def read_kept_text(path: Path, limit: int = MAX_TABLE_BYTES) -> str:
    """Return a kept file's text (an edition's snapshot, a coder's table) read as untrusted data; raise DataError if not.

    The same rules as the data's own files: a regular file inside its folder, below the limit, UTF-8 (a BOM is dropped).
    """
    try:
        return read_limited(path.parent, path.name, limit).decode("utf-8-sig")
    except UnreadableError as exc:
        raise DataError([Problem(str(path), None, None, str(exc))]) from exc
    except UnicodeDecodeError as exc:
        raise DataError(
            [Problem(str(path), None, None, f"the file is not UTF-8 text (byte {exc.start}): save it as UTF-8")]
        ) from exc
