"""Read the organiser's report and prepare the draft folder safely: a bounded regular file in, a new or empty folder out."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from briefing.editor.new.parse import ReportError

#: The largest report `briefing new` reads. An organiser's report is text of a few pages (the book's own is 5 kB,
#: a long one with a saved web page's markup some hundred kB); 5 MB is far beyond that, so only a wrong file
#: (a video, a database dump, a whole website) is refused, before it is read into memory.
MAX_REPORT_FILE_BYTES = 5 * 1024 * 1024
_SAVE_AS = "save the report as plain text (.txt), Markdown (.md) or HTML, in UTF-8"


def _megabytes(size: int) -> str:
    """Return a size in MB as a person reads it ('5 MB', '100.2 MB')."""
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0") + " MB"


def _kind(mode: int) -> str:
    """Return what a file that is not a regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _check_report(path: Path, info: os.stat_result) -> None:
    """Refuse a report that is not a regular file or is larger than MAX_REPORT_FILE_BYTES."""
    if not stat.S_ISREG(info.st_mode):
        raise ReportError(f"{path} is {_kind(info.st_mode)}, not a report file: give the path of the report's file.")
    if info.st_size > MAX_REPORT_FILE_BYTES:
        raise ReportError(
            f"{path} is {_megabytes(info.st_size)}, but a report may be at most {_megabytes(MAX_REPORT_FILE_BYTES)}: "
            f"is it the right file? If so, {_SAVE_AS}, without images."
        )


def read_report_bytes(path: Path) -> bytes:
    """Return a report's bytes: only a regular file (never a pipe or device is opened) of at most MAX_REPORT_FILE_BYTES."""
    try:
        _check_report(path, path.stat())
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise ReportError(f"{path} cannot be read ({exc.strerror or exc}).") from None
    with os.fdopen(fd, "rb") as handle:
        _check_report(path, os.fstat(fd))  # the file opened is the one checked (not swapped for a pipe meanwhile)
        try:
            raw = handle.read(MAX_REPORT_FILE_BYTES + 1)
        except OSError as exc:
            raise ReportError(f"{path} cannot be read ({exc.strerror or exc}).") from None
    if len(raw) > MAX_REPORT_FILE_BYTES:  # it grew after the check
        raise ReportError(f"{path} is larger than {_megabytes(MAX_REPORT_FILE_BYTES)}, the most a report may be: {_SAVE_AS}.")
    return raw


def _not_a_folder(out_dir: Path) -> Path | None:
    """Return the first of out_dir and its parents that exists but is not a folder, or None."""
    for path in (out_dir, *out_dir.parents):
        if path.exists() or path.is_symlink():
            return None if path.is_dir() else path
    return None


def check_out_dir(out_dir: Path) -> None:
    """Refuse an output path that is a file, lies under a file, or is a folder that already holds files."""
    try:
        blocking = _not_a_folder(out_dir)
        holds_files = blocking is None and out_dir.is_dir() and any(out_dir.iterdir())
    except OSError as exc:
        raise ReportError(f"{out_dir} cannot be read ({exc.strerror or exc}): choose a folder you may write to.") from None
    if blocking == out_dir:
        raise ReportError(f"{out_dir} is a file, not a folder: give the name of a new folder for the draft.")
    if blocking is not None:
        raise ReportError(f"{blocking} is a file, so {out_dir} cannot be made inside it: give the name of a new folder.")
    if holds_files:
        raise ReportError(f"{out_dir} already exists and is not empty: choose a new folder, so no one's work is overwritten.")


def unwritable(out_dir: Path, exc: OSError) -> ReportError:
    """Return the error for a draft folder that could not be written (a read-only or full disk, no permission)."""
    where = f" ({exc.filename})" if exc.filename else ""
    return ReportError(
        f"{out_dir} cannot be written: {exc.strerror or exc}{where}. Choose a folder you may write to (or free some space)."
    )


def remove_partial(out_dir: Path, existed: bool) -> None:
    """Remove what an interrupted `briefing new` wrote: the folder it made, or the contents of the empty one it was given."""
    if not existed:
        shutil.rmtree(out_dir, ignore_errors=True)
        return
    for child in out_dir.iterdir() if out_dir.is_dir() else ():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
