"""Load, check and present the data of the Ruhr smart specialisation briefing."""

from briefing.core.errors import DataError, Problem
from briefing.core.load import load_dataset
from briefing.core.model import Dataset

__all__ = ["DataError", "Dataset", "Problem", "load_dataset"]
