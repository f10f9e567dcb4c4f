"""Make a whole book project for another event (``briefing new``) from the event-neutral template, and keep its table of
contents and perspective chapters in step with its data (``briefing chapters``)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from briefing.core.model import Dataset
from briefing.core.paths import EDITIONS_FOLDER
from briefing.editor.new.files import check_out_dir, remove_partial, unwritable
from briefing.editor.new.parse import Parse
from briefing.editor.new.write import FIRST_PERSPECTIVE, read_report, write_folder

#: The event-neutral template of a book project, kept in the package.
TEMPLATE = Path(__file__).resolve().parent / "template"
#: The template's chapter that each perspective's chapter is made from, and the word in it that stands for the id.
PERSPECTIVE_TEMPLATE, PERSPECTIVE_ID = "perspective.md", "PERSPECTIVE_ID"
#: The generated chapters' names: chapters/perspective-<id>.md (only these are written and removed by `briefing chapters`).
PERSPECTIVE_PREFIX = "perspective-"
#: A perspective id as the schema allows it; re-checked here because it becomes part of a file name and a chapter's source.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: The template's files copied once into a new book, by their names in it ('gitignore' becomes '.gitignore').
TEMPLATE_FILES = {
    "_config.yml": "_config.yml",
    "Makefile": "Makefile",
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "jupytext.toml": "jupytext.toml",
    "lab-overrides.json5": "lab/overrides.json5",
    "package.json": "package.json",  # PurgeCSS, which `make book` installs to slim the pages (briefing.build.slim)
    "package-lock.json": "package-lock.json",
}
#: The chapters in reading order; None stands for the perspectives' chapters.
CHAPTER_ORDER = ("event", None, "themes", "context", "data-and-method", "revisions", "references", "imprint", "privacy")
TOC_HEADER = (
    "# Written from the data by `briefing chapters` (`make book` runs it): edit data/, not this file.\n"
    "format: jb-book\nroot: chapters/index\nchapters:\n"
)


class OwnChaptersError(ValueError):
    """A book whose table of contents is its own (such as the Ruhr briefing's): `briefing chapters` leaves it alone."""


def write_book(report: Path, out_dir: Path, today: dt.date | None = None) -> Parse:
    """Write a whole book (data/, chapters, configuration) into out_dir, new or empty; else ReportError, nothing left."""
    plain, parsed, raw = read_report(report)
    check_out_dir(out_dir)
    existed = out_dir.is_dir()
    try:
        write_folder(report, out_dir / "data", plain, parsed, raw, today or dt.date.today())
        copy_template(out_dir)
        write_chapters(out_dir, Contents([str(FIRST_PERSPECTIVE["id"])]))  # the draft's one perspective; no themes yet
    except OSError as exc:
        remove_partial(out_dir, existed)
        raise unwritable(out_dir, exc) from None
    except BaseException:
        remove_partial(out_dir, existed)  # nothing half-written is left behind, whatever stopped it
        raise
    return parsed


def copy_template(project: Path) -> None:
    """Copy the template's configuration, Makefile, README, JupyterLab settings and fixed chapters into a new project."""
    for source, target in TEMPLATE_FILES.items():
        (project / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(TEMPLATE / source, project / target)
    (project / EDITIONS_FOLDER).mkdir(exist_ok=True)  # its own editions: none yet, never this repository's
    shutil.copyfile(TEMPLATE / EDITIONS_FOLDER / "README.md", project / EDITIONS_FOLDER / "README.md")
    chapters = project / "chapters"
    chapters.mkdir(exist_ok=True)
    for path in sorted((TEMPLATE / "chapters").glob("*.md")):
        if path.name != PERSPECTIVE_TEMPLATE:
            shutil.copyfile(path, chapters / path.name)


def perspective_chapter(perspective_id: str) -> str:
    """Return the name of a perspective's chapter (without .md); refuse an id that is not a slug."""
    if not _SLUG.fullmatch(perspective_id):
        raise ValueError(f"not a perspective id: {perspective_id!r}")
    return PERSPECTIVE_PREFIX + perspective_id


@dataclass(frozen=True)
class Contents:
    """What of the data decides a book's chapters: its perspectives in order, and whether themes and context exist."""

    perspectives: list[str]
    themes: bool = False
    context: bool = False

    @classmethod
    def of(cls, ds: Dataset) -> Contents:
        """Return what a loaded dataset's chapters are."""
        return cls([p.id for p in ds.perspectives], bool(ds.themes), bool(ds.context))


def toc_chapters(contents: Contents) -> list[str]:
    """Return the book's chapters in reading order: one per perspective, themes and context once the data have them."""
    present = {"themes": contents.themes, "context": contents.context}
    out: list[str] = []
    for name in CHAPTER_ORDER:
        if name is None:
            out += [perspective_chapter(pid) for pid in contents.perspectives]
        elif present.get(name, True):
            out.append(name)
    return out


def _write_if_changed(path: Path, text: str) -> bool:
    """Write a file only if its text changes (an unchanged file keeps its time, so the build has nothing to redo)."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def write_chapters(project: Path, contents: Contents) -> list[str]:
    """Write _toc.yml and a chapter per perspective, remove dropped perspectives' chapters; return the files changed."""
    toc = project / "_toc.yml"
    if toc.is_file() and not toc.read_text(encoding="utf-8").startswith(TOC_HEADER.splitlines()[0]):
        raise OwnChaptersError(
            f"{toc} was not written by `briefing chapters`: this book's chapters are its own, left as they are."
        )
    chapters = project / "chapters"
    chapters.mkdir(exist_ok=True)
    template = (TEMPLATE / "chapters" / PERSPECTIVE_TEMPLATE).read_text(encoding="utf-8")
    changed = []
    wanted = {f"{perspective_chapter(pid)}.md": template.replace(PERSPECTIVE_ID, pid) for pid in contents.perspectives}
    for name, text in wanted.items():
        if _write_if_changed(chapters / name, text):
            changed.append(f"chapters/{name}")
    for stale in sorted(chapters.glob(f"{PERSPECTIVE_PREFIX}*.md")):
        if stale.name not in wanted:
            stale.unlink()
            changed.append(f"chapters/{stale.name}")
    if _write_if_changed(toc, TOC_HEADER + "".join(f"  - file: chapters/{name}\n" for name in toc_chapters(contents))):
        changed.append("_toc.yml")
    return changed
