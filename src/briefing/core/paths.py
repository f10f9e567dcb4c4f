"""Where the briefing finds its data: one setting, never the working directory."""

from __future__ import annotations

import os
from pathlib import Path

#: Environment variable that points the package and the book at another data folder.
DATA_DIR_ENV = "BRIEFING_DATA_DIR"
#: Environment variable with the address of the book's source repository (set by the deploy): the default of the
#: Sphinx setting ``briefing_repository_url``.
REPOSITORY_URL_ENV = "BRIEFING_REPOSITORY_URL"

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_ROOT = PACKAGE_DIR.parent.parent


def data_dir() -> Path:
    """Return the data folder: ``$BRIEFING_DATA_DIR`` if set, else the project's ``data/``."""
    configured = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(configured).expanduser().resolve() if configured else PROJECT_ROOT / "data"


def package_sources() -> list[Path]:
    """Return the package's own Python files and sentence catalogues, on which every executed chapter depends."""
    return sorted([*PACKAGE_DIR.rglob("*.py"), *PACKAGE_DIR.glob("locales/*/LC_MESSAGES/*.po")])
