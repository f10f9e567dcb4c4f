"""The dataset as the build sees it: loaded once, or the build stops with every problem listed."""

from __future__ import annotations

from sphinx.errors import SphinxError

from briefing.errors import DataError
from briefing.load import load_dataset
from briefing.model import Dataset


class BriefingDataError(SphinxError):
    """The data folder is invalid, so the build stops before any page is written."""

    category = "Invalid briefing data (nothing was built; the last good build is unchanged)"


def checked_dataset() -> Dataset:
    """Load the data or stop the build with every problem listed."""
    try:
        return load_dataset()
    except DataError as error:
        raise BriefingDataError(error.report()) from None
