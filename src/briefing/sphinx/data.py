"""The dataset as the build sees it: loaded once per build, or the build stops with every problem listed."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError

from briefing.core.errors import DataError
from briefing.core.load import load_dataset
from briefing.core.model import Dataset
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
    """The data of the running build, kept on the environment as ``env.briefing_data``."""

    folder: Path
    dataset: Dataset

    def __getstate__(self) -> dict:
        """Leave the dataset out of environment.pickle: every build loads it afresh, and pages that did not
        change keep what they rendered (Sphinx re-reads a page when a data file it depends on changes)."""
        return {"folder": self.folder, "dataset": None}

    @cached_property
    def translated(self) -> dict[str, str]:
        """Return the editors' checked translations of the data's texts by context, in the build's language ({} in English)."""
        return renderings(self.dataset)

    @cached_property
    def originals(self) -> dict[str, str]:
        """Return the English of each text of the data's catalogue by context ({} in English, or without a catalogue)."""
        return originals(self.folder)


def build_dataset(env: BuildEnvironment) -> Dataset:
    """Return the dataset loaded for this build."""
    return env.briefing_data.dataset


def quotation_rendering(env: BuildEnvironment, contribution_id: str, theme_id: str) -> str | None:
    """Return the editors' rendering of a theme link's quotation in the build's language (None in English or if missing)."""
    return rendering(env.briefing_data.translated, contribution_id, theme_id)


def original_text(env: BuildEnvironment, context: str) -> str | None:
    """Return the English of a translated text of the data ('file|row|field'), or None in English or if unknown."""
    return env.briefing_data.originals.get(context)
