"""The dataset as the build sees it: loaded once per build, or the build stops with every problem listed."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError

from briefing.core import reads
from briefing.core.errors import DataError
from briefing.core.load import load_dataset
from briefing.core.model import Dataset
from briefing.core.reads import Reads
from briefing.core.translations import originals, rendering, renderings


class BriefingDataError(SphinxError):
    """The data folder is invalid, so the build stops before any page is written."""

    category = "Invalid briefing data (nothing was built; the last good build is unchanged)"


def checked_dataset(folder: Path) -> Dataset:
    """Load the data or stop the build with every problem listed."""
    try:
        return load_dataset(folder)
    except DataError as error:
        raise BriefingDataError(error.report()) from None


@dataclass
class BuildData:
    """The data of the running build (see build_data)."""

    folder: Path
    dataset: Dataset

    def __getstate__(self) -> dict[str, Any]:
        """Leave the dataset out of environment.pickle: every build loads it afresh, and pages that did not
        change keep what they rendered (Sphinx re-reads a page when a data file it depends on changes)."""
        return {"folder": self.folder, "dataset": None}

    @property
    def translated(self) -> dict[str, str]:
        """Return the editors' checked translations of the data's texts by context, in the build's language ({} in English)."""
        value, record = self._translated
        reads.replay(record)  # a page using them read what they were made from (briefing.sphinx.page_reads)
        return value

    @cached_property
    def _translated(self) -> tuple[dict[str, str], Reads]:
        """Make the translations once, with a record of what making them read."""
        with reads.captured(self.folder) as record:
            return renderings(self.dataset), record

    @property
    def originals(self) -> dict[str, str]:
        """Return the English of each text of the data's catalogue by context ({} in English, or without a catalogue)."""
        value, record = self._originals
        reads.replay(record)
        return value

    @cached_property
    def _originals(self) -> tuple[dict[str, str], Reads]:
        """Read the catalogue's English once, with a record of what reading it read."""
        with reads.captured(self.folder) as record:
            return originals(self.folder), record


# The one place that keeps the build's data, read through build_data(): by application from config-inited, before Sphinx
# makes the environment, and on the environment from builder-inited, for what sees only the environment (directives,
# collectors, forked readers).

#: The data of each running build, by application (weakly: it goes with the application).
_LOADED: weakref.WeakKeyDictionary[Sphinx, BuildData] = weakref.WeakKeyDictionary()
#: The environment's attribute with the same data; its pickle keeps the folder alone (BuildData.__getstate__).
_ON_ENVIRONMENT = "briefing_data"


def load_build_data(app: Sphinx, folder: Path) -> BuildData:
    """Load and check the data for the application's build (config-inited), or stop the build with every problem listed."""
    data = _LOADED[app] = BuildData(folder, checked_dataset(folder))
    return data


def keep_on_environment(app: Sphinx) -> None:
    """Hand the build's data to its environment (builder-inited), where directives, transforms and collectors read it."""
    setattr(app.env, _ON_ENVIRONMENT, _LOADED[app])


def build_data(where: Sphinx | BuildEnvironment) -> BuildData:
    """Return the data of the running build, from its application (from config-inited) or environment (from builder-inited)."""
    if isinstance(where, Sphinx):
        return _LOADED[where]
    data: BuildData = getattr(where, _ON_ENVIRONMENT)
    return data


def build_dataset(where: Sphinx | BuildEnvironment) -> Dataset:
    """Return the dataset loaded for this build."""
    return build_data(where).dataset


def quotation_rendering(env: BuildEnvironment, contribution_id: str, theme_id: str) -> str | None:
    """Return the editors' rendering of a theme link's quotation in the build's language (None in English or if missing)."""
    return rendering(build_data(env).translated, contribution_id, theme_id)


def original_text(env: BuildEnvironment, context: str) -> str | None:
    """Return the English of a translated text of the data ('file|row|field'), or None in English or if unknown."""
    return build_data(env).originals.get(context)
