"""The synthetic data generator: valid data in the real schema, clearly marked as made up."""

from __future__ import annotations

from briefing import load_dataset
from briefing.cli import main
from briefing.core.schema import TABLES
from briefing.testing.synthetic import MARK, write_synthetic_dataset


def test_synthetic_data_pass_every_check(tmp_path):
    """A generated folder of 40 contributions loads and passes every validation rule."""
    ds = load_dataset(write_synthetic_dataset(40, tmp_path / "data"))
    assert len(ds.contributions) == 40 and len(ds.links) >= 80


def test_synthetic_data_are_marked_where_readers_see_them(tmp_path):
    """Title, abstract, event name and the source document all say the data are synthetic."""
    ds = load_dataset(write_synthetic_dataset(5, tmp_path / "data"))
    for text in (ds.publication.title, ds.publication.abstract, ds.event.title, ds.source_text[:200]):
        assert MARK in text


def test_every_quotation_is_in_its_own_passage(tmp_path):
    """Every evidence quotation is verbatim in the passage of the contribution it belongs to."""
    ds = load_dataset(write_synthetic_dataset(30, tmp_path / "data"))
    assert all(ds.passages[link.contribution_id].contains(link.evidence) for link in ds.links)


def test_same_seed_same_data(tmp_path):
    """The same size and seed write the same files, so benchmark runs compare like with like."""
    a, b = write_synthetic_dataset(20, tmp_path / "a"), write_synthetic_dataset(20, tmp_path / "b")
    written = sorted(b.glob("*.csv"))
    assert len(written) == len(TABLES) and all((a / f.name).read_bytes() == f.read_bytes() for f in written)


def test_cli_writes_a_valid_folder(tmp_path, capsys):
    """`python -m briefing synth N OUT_DIR` writes a folder that `validate` accepts."""
    assert main(["synth", "7", str(tmp_path / "s")]) == 0
    assert main(["validate", str(tmp_path / "s")]) == 0
    assert "7 contributions" in capsys.readouterr().out
