"""Load, check and present the data of the Ruhr smart specialisation briefing."""

from briefing.errors import DataError, Problem
from briefing.load import load_dataset
from briefing.model import Dataset

__all__ = ["DataError", "Dataset", "Problem", "load_dataset"]
