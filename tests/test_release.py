"""A preview builds whatever the editorial record still lacks; a release stops on it, naming what to do."""

from __future__ import annotations

import io

import yaml

from briefing import load_dataset
from briefing.build.book import ExitCode, check_editions
from briefing.cli import main
from briefing.core.release import IMPRINT_FIELDS, imprint_gaps, release_todo
from helpers import edit_cell, give_reason

FILLED = {"publisher_address": "Musterstraße 1, 45127 Essen", "responsible_person": "Erika Mustermann", "contact_email": "a@b.de"}


def _set(folder, **values) -> None:
    """Set fields of a copied publication.yml."""
    path = folder / "publication.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump({**data, **values}, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_release_refuses_each_empty_imprint_field_by_name(data_copy):
    """A release build stops while the imprint's legally required fields are empty, naming each; a preview builds."""
    ds = load_dataset(data_copy)
    assert {p.column for p in imprint_gaps(ds)} == set(IMPRINT_FIELDS)  # the shipped data leave them to the publisher
    out, err = io.StringIO(), io.StringIO()
    assert check_editions(ds, ["en"], out, err, release=True) == ExitCode.DATA_INVALID
    assert all(f"'{field}:'" in err.getvalue() for field in IMPRINT_FIELDS)
    assert check_editions(ds, ["en"], io.StringIO(), io.StringIO(), release=False) == ExitCode.OK
    _set(data_copy, **FILLED)
    assert imprint_gaps(load_dataset(data_copy)) == []


def test_a_preview_builds_a_change_without_a_reason_and_a_release_refuses_it(data_copy):
    """A summary changed without a reason is a to-do for a preview and an error naming file, row and field for a release."""
    _set(data_copy, **FILLED)
    first = load_dataset(data_copy).contributions[2]  # one whose summary has no reason for this edition yet
    edit_cell(data_copy, "contributions.csv", {"id": first.id}, "summary", "According to the report, the speaker spoke.")
    ds = load_dataset(data_copy)  # loading no longer depends on the editorial record
    assert [(p.file, "contributions.csv" in p.message, first.id in p.message) for p in release_todo(ds)] == [
        ("changes.csv", True, True)
    ]
    out, err = io.StringIO(), io.StringIO()
    assert check_editions(ds, ["en"], out, err, release=False) == ExitCode.OK and "To do before a release: 1" in out.getvalue()
    assert check_editions(ds, ["en"], out, err, release=True) == ExitCode.DATA_INVALID and "field summary" in err.getvalue()
    give_reason(data_copy, "contributions.csv", first.id, "summary")
    assert release_todo(load_dataset(data_copy)) == []


def test_an_edition_is_kept_only_with_every_change_explained(data_copy, capsys):
    """`briefing snapshot` refuses a change without a reason (but not an empty imprint), and keeps the edition once given."""
    edition = load_dataset(data_copy).publication.edition + 1
    _set(data_copy, edition=edition)
    edit_cell(data_copy, "themes.csv", {"id": "clusters"}, "label", "Clusters")
    assert main(["snapshot", str(data_copy)]) == ExitCode.DATA_INVALID
    assert "themes.csv, row 'clusters'" in capsys.readouterr().err
    give_reason(data_copy, "themes.csv", "clusters", "label", edition)
    assert main(["snapshot", str(data_copy)]) == ExitCode.OK
    assert (data_copy / "editions" / f"edition-{edition}" / "themes.csv").is_file()
