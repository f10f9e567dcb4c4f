"""Where the briefing finds its data: one setting, never the working directory."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.core.environ import environment

#: Environment variable that points the package and the book at another data folder.
DATA_DIR_ENV = "BRIEFING_DATA_DIR"
#: Environment variable with the address of the book's source repository (set by the deploy): the default of the
#: Sphinx setting ``briefing_repository_url``.
REPOSITORY_URL_ENV = "BRIEFING_REPOSITORY_URL"

#: Environment variable naming the book's folder while `briefing build` builds it (for Sphinx and the chapters' kernels).
PROJECT_DIR_ENV = "BRIEFING_PROJECT_DIR"
#: A book's folder of released editions' PDFs and redirects of moved pages.
EDITIONS_FOLDER = "editions"

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_ROOT = PACKAGE_DIR.parent.parent


def data_dir() -> Path:
    """Return the data folder: ``$BRIEFING_DATA_DIR`` if set, else the data/ of the book named by ``$BRIEFING_PROJECT_DIR``
    (a new book's `make lab` and build name it, so its notebooks read its own data), else this repository's ``data/``."""
    configured = os.environ.get(DATA_DIR_ENV, "").strip()
    if configured:
        return Path(configured).expanduser().resolve()
    book = os.environ.get(PROJECT_DIR_ENV, "").strip()
    return Path(book).expanduser().resolve() / "data" if book else PROJECT_ROOT / "data"


def package_sources() -> list[Path]:
    """Return the package's own Python files and sentence catalogues, on which every executed chapter depends."""
    return sorted([*PACKAGE_DIR.rglob("*.py"), *PACKAGE_DIR.glob("locales/*/LC_MESSAGES/*.po")])


def book_folder(data: Path | None, given: Path | None = None) -> Path:
    """Return the book a data folder builds into: the one given, else the book folder around it, else this repository."""
    if given is not None:
        return given
    around = data.expanduser().resolve().parent if data is not None else None
    return around if around is not None and (around / "_config.yml").is_file() else PROJECT_ROOT


def project_dir() -> Path:
    """Return the folder of the book being built: ``$BRIEFING_PROJECT_DIR`` (set by `briefing build`), else this repository."""
    configured = os.environ.get(PROJECT_DIR_ENV, "").strip()
    return Path(configured).expanduser().resolve() if configured else PROJECT_ROOT


def editions_dir() -> Path:
    """Return the folder of released editions: the built book's own editions/ if it has one, else this repository's."""
    own = project_dir() / EDITIONS_FOLDER
    return own if own.is_dir() else PROJECT_ROOT / EDITIONS_FOLDER


@contextmanager
def building(project: Path) -> Iterator[None]:
    """Name a book's folder as the one being built while the block runs (and for the processes it starts), then restore."""
    with environment({PROJECT_DIR_ENV: str(project.resolve())}):
        yield
