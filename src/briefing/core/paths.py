"""Where the briefing finds its book and data: the folder named, else the book around the current directory; never the
package's own location, so an installed package builds any book folder."""

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

#: Environment variable naming the book's folder (set by `briefing build` for Sphinx and the chapters' kernels, and by
#: `make lab` for JupyterLab's).
PROJECT_DIR_ENV = "BRIEFING_PROJECT_DIR"
#: The file that makes a folder a book's folder (Jupyter Book's configuration).
CONFIG_FILE = "_config.yml"
#: A book's folder of released editions' PDFs and redirects of moved pages.
EDITIONS_FOLDER = "editions"

PACKAGE_DIR = Path(__file__).resolve().parent.parent


class BookNotFoundError(LookupError):
    """No book folder was named, and the current directory is not inside one."""

    def __init__(self, where: Path) -> None:
        super().__init__(
            f"No book folder found: {where} is not inside a book's folder (one that holds {CONFIG_FILE}), and no book "
            f"was named. Run the command inside the book's folder, or name the folder: with --project FOLDER "
            f"(briefing build and briefing release take it), or by setting {PROJECT_DIR_ENV}=FOLDER "
            f"(or {DATA_DIR_ENV}=FOLDER/data for its data alone)."
        )


def find_book(start: Path | None = None) -> Path | None:
    """Return the nearest folder at or above ``start`` (the current directory) that holds _config.yml, or None."""
    here = (start or Path.cwd()).expanduser().resolve()
    return next((folder for folder in (here, *here.parents) if (folder / CONFIG_FILE).is_file()), None)


def project_dir() -> Path:
    """Return the book's folder: ``$BRIEFING_PROJECT_DIR`` if set, else the book around the current directory; raise
    BookNotFoundError if there is none."""
    configured = os.environ.get(PROJECT_DIR_ENV, "").strip()
    if configured:
        return Path(configured).expanduser().resolve()
    found = find_book()
    if found is None:
        raise BookNotFoundError(Path.cwd())
    return found


def data_dir() -> Path:
    """Return the data folder: ``$BRIEFING_DATA_DIR`` if set, else the data/ of the book (see project_dir: the one
    ``$BRIEFING_PROJECT_DIR`` names, which a book's `make lab` and build set, else the one around the current directory)."""
    configured = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(configured).expanduser().resolve() if configured else project_dir() / "data"


def package_sources() -> list[Path]:
    """Return the package's own Python files and sentence catalogues, on which every executed chapter depends."""
    return sorted([*PACKAGE_DIR.rglob("*.py"), *PACKAGE_DIR.glob("i18n/catalogues/*/LC_MESSAGES/*.po")])


def book_folder(data: Path | None, given: Path | None = None) -> Path:
    """Return the book a data folder builds into: the one given, else the book folder around the data, else the book
    (see project_dir)."""
    if given is not None:
        return given
    around = data.expanduser().resolve().parent if data is not None else None
    return around if around is not None and (around / CONFIG_FILE).is_file() else project_dir()


def editions_dir() -> Path:
    """Return the book's folder of released editions (see project_dir); it may not exist (a book with no release yet)."""
    return project_dir() / EDITIONS_FOLDER


@contextmanager
def building(project: Path) -> Iterator[None]:
    """Name a book's folder as the one being built while the block runs (and for the processes it starts), then restore."""
    with environment({PROJECT_DIR_ENV: str(project.resolve())}):
        yield
