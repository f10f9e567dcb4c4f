"""The dataset `briefing build` checked is kept in a file; Sphinx and the kernels reuse it while the data are unchanged."""

from __future__ import annotations

import pytest

from briefing import load_dataset
from briefing.core import load
from briefing.core.load import DATASET_CACHE_ENV, _load_cached, keep_for_build
from helpers import edit_cell, give_reason


@pytest.fixture
def kept(data_copy, tmp_path, monkeypatch):
    """A kept copy of the data's dataset, announced to load_dataset as a build would."""
    path = tmp_path / "dataset.pickle"
    keep_for_build(load_dataset(data_copy, fresh=True), data_copy, path)
    monkeypatch.setenv(DATASET_CACHE_ENV, str(path))
    _load_cached.cache_clear()
    yield path
    _load_cached.cache_clear()


def test_unchanged_data_reuse_the_kept_dataset(data_copy, kept, monkeypatch):
    """With the data unchanged, load_dataset returns the kept dataset without reading a table again."""
    expected = [c.id for c in load_dataset(data_copy, fresh=True).contributions]

    def no_reading(*args, **kwargs):
        raise AssertionError("a table was read although the build kept the dataset")

    monkeypatch.setattr(load, "_read_table", no_reading)
    assert [c.id for c in load_dataset(data_copy).contributions] == expected


def test_edited_data_are_read_again(data_copy, kept):
    """After an edit, the kept dataset no longer matches and the folder is read and checked afresh."""
    first = load_dataset(data_copy).contributions[0].id
    edit_cell(data_copy, "contributions.csv", {"id": first}, "topic", "A topic edited after the build started")
    give_reason(data_copy, "contributions.csv", first, "topic")
    assert load_dataset(data_copy).contributions[0].topic == "A topic edited after the build started"


def test_a_damaged_kept_file_is_ignored(data_copy, kept):
    """A kept file that cannot be read is ignored: the data are loaded as usual."""
    kept.write_bytes(b"not a pickle")
    assert load_dataset(data_copy).contributions
