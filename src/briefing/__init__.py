"""Load, check and present the data of the Ruhr smart specialisation briefing."""

from briefing.core.errors import DataError, Problem
from briefing.core.load import load_dataset
from briefing.core.model import Dataset
from briefing.core.reads import record_if_asked

record_if_asked()  # in a chapter's kernel during a book build: note what the chapter reads (briefing.core.reads)

__all__ = ["DataError", "Dataset", "Problem", "load_dataset"]
