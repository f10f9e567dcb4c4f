"""The dataset as the build sees it: loaded once per build, or the build stops with every problem listed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError

from briefing.errors import DataError
from briefing.load import load_dataset
from briefing.model import Dataset


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


def build_dataset(env: BuildEnvironment) -> Dataset:
    """Return the dataset loaded for this build."""
    return env.briefing_data.dataset
