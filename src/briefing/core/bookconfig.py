"""Settings of the book being built that name its event's particulars, read from its own ``_config.yml``.

They sit with Sphinx's settings (``sphinx: config:``), where the extension registers them, and are read from the file
itself so that a chapter's kernel, a notebook and the book's pages say the same: the book is the one
``$BRIEFING_PROJECT_DIR`` names (``briefing build`` and ``make lab`` set it), else the book around the current directory
(``briefing.core.paths.project_dir``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from briefing.core.paths import project_dir

#: The crisis the event's themes of category 'crisis' are about, as a sentence names it, per language
#: ({"en": "the … crisis", "de": "die …krise"}); a book without it says "the crisis".
CRISIS = "briefing_crisis"


def book_setting(name: str, project: Path | None = None) -> Any:
    """Return one of the book's ``sphinx: config:`` settings from its _config.yml, or None if it has none."""
    path = (project or project_dir()) / "_config.yml"
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return None
    sphinx = config.get("sphinx") if isinstance(config, dict) else None
    settings = sphinx.get("config") if isinstance(sphinx, dict) else None
    return settings.get(name) if isinstance(settings, dict) else None


def in_language(name: str, lang: str, project: Path | None = None) -> str | None:
    """Return a setting given per language ({"en": …, "de": …}) in one language, or None where it gives none."""
    value = book_setting(name, project)
    text = value.get(lang) if isinstance(value, dict) else None
    return text.strip() if isinstance(text, str) and text.strip() else None
