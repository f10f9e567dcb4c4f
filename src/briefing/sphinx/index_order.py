"""The general index in alphabetical order as German (DIN 5007, rule 1) and English both file it: a letter with a mark
files as the letter without it ("Köder" as "Koder", before "Konzentration"), case ignored.

Sphinx 7.4 sorts the index by the decomposed (NFD) lower-case entry, so a combining mark compares as a character after
every letter and "Köder" files after all of "Ko…". Its sort keys are module functions of
sphinx.environment.adapters.indexentries that create_index looks up when it runs; setup() puts keys in their place that
compare the letters first, marks stripped, and Sphinx's own key after them (so "Koder" and "Köder" keep one order).
The briefing extension's setup() calls register().
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment.adapters import indexentries

from briefing.text.typography import folded

_SPHINX_ENTRY_KEY = indexentries._key_func_1
_SPHINX_SUBENTRY_KEY = indexentries._key_func_2


def entry_key(entry: tuple[str, Any]) -> tuple[Any, ...]:
    """Sort an index entry by its letters without marks, within Sphinx's groups (symbols first), then as Sphinx does."""
    (group, sphinx_key), word = _SPHINX_ENTRY_KEY(entry)
    return (group, folded(sphinx_key)), sphinx_key, word


def subentry_key(entry: tuple[str, Any]) -> tuple[Any, ...]:
    """Sort an entry's subentries by their letters without marks, then as Sphinx does."""
    sphinx_key = _SPHINX_SUBENTRY_KEY(entry)
    return folded(sphinx_key), sphinx_key


def register(app: Sphinx) -> None:
    """Put the index's sort keys in place of Sphinx's (for every build in this process: the keys are module functions)."""
    indexentries._key_func_1 = entry_key
    indexentries._key_func_2 = subentry_key  # type: ignore[assignment]  # Sphinx types its own key narrower than it sorts
