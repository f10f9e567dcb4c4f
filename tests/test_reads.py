"""What a chapter's code reads is recorded, and the fingerprint of those parts follows exactly them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from briefing.core.load import load_dataset
from briefing.core.paths import DATA_DIR_ENV, package_sources
from briefing.core.reads import READS_ENV, Reads, captured, fingerprint, package_digest, recorded, replay, start, stop
from helpers import PROJECT_ROOT, edit_cell

DATA = PROJECT_ROOT / "data"


def test_the_fields_code_reads_are_recorded_and_the_loaders_are_not():
    """Reading a theme's label records that field and the themes table; loading the data inside the block records no field."""
    with recorded(DATA) as reads:
        ds = load_dataset(DATA, fresh=True)
        assert not reads.fields
        label = ds.themes[0].label
    assert label and ("Theme", "label") in reads.fields and "themes" in reads.attributes
    assert ("Contribution", "summary") not in reads.fields
    assert ds.contributions[0].summary and ("Contribution", "summary") not in reads.fields  # after the block: not recorded


def test_a_data_file_opened_for_reading_is_recorded_and_one_written_is_not(tmp_path):
    """A file of the data folder opened for reading is recorded, a file written there is not."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "notes.txt").write_text("a note", encoding="utf-8")
    with recorded(data) as reads:
        (data / "notes.txt").read_text(encoding="utf-8")
        (data / "written.txt").write_text("out", encoding="utf-8")
        (tmp_path / "outside.txt").write_text("out", encoding="utf-8")
        (tmp_path / "outside.txt").read_text(encoding="utf-8")
    assert reads.files == {str(data / "notes.txt")}


def test_the_fingerprint_changes_with_what_was_read_and_only_with_it(tmp_path):
    """Changing a field the code read changes the fingerprint; changing a field it did not read leaves it as it was."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    reads = Reads(fields={("Theme", "label"), ("Contribution", "speaker")}, attributes={"themes"})
    package = package_digest()
    first = fingerprint([load_dataset(data, fresh=True)], reads, package)
    edit_cell(data, "contributions.csv", {"id": "engelmann"}, "summary", "According to the report, a new summary.")
    assert fingerprint([load_dataset(data, fresh=True)], reads, package) == first
    edit_cell(data, "themes.csv", {"id": "s3-in-europe"}, "label", "Smart specialisation in Europe, relabelled")
    assert fingerprint([load_dataset(data, fresh=True)], reads, package) != first
    assert fingerprint([load_dataset(data, fresh=True)], reads, "other code") != fingerprint(
        [load_dataset(data, fresh=True)], reads, package
    )


def test_a_field_read_in_a_row_of_the_given_datasets_is_recorded_with_the_rows_place(tmp_path):
    """With the dataset given, reading one contribution's summary records that row alone, and the fingerprint changes
    with that row's summary, not with another's."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    ds = load_dataset(data, fresh=True)
    third = ds.contributions[2]
    before = start(data, (ds,))
    assert third.summary
    reads = stop(before)
    assert reads.cells == {("Contribution", "summary", 2)} and not reads.fields
    assert ds.contributions[0].summary and reads.cells == {("Contribution", "summary", 2)}  # stopped: not recorded
    package = package_digest()
    first = fingerprint([load_dataset(data, fresh=True)], reads, package)
    edit_cell(data, "contributions.csv", {"id": ds.contributions[0].id}, "summary", "According to the report, another.")
    assert fingerprint([load_dataset(data, fresh=True)], reads, package) == first
    edit_cell(data, "contributions.csv", {"id": third.id}, "summary", "According to the report, a new one.")
    assert fingerprint([load_dataset(data, fresh=True)], reads, package) != first


def test_a_field_read_in_many_rows_is_kept_as_read_in_every_row():
    """A record whose field was read in more rows than the limit keeps that field once, as read in every row."""
    reads = Reads(cells={("Contribution", "summary", i) for i in range(5)} | {("Theme", "label", 0)})
    reads.compact(3)
    assert reads.fields == {("Contribution", "summary")} and reads.cells == {("Theme", "label", 0)}


def test_what_making_a_kept_value_read_is_read_again_by_each_later_reader():
    """A value made once under captured() (outside any page) hands what making it read to every record it is used in."""
    ds = load_dataset(DATA)
    with captured(DATA) as made:
        label = ds.themes[0].label
    assert label and ("Theme", "label") in made.fields
    for _ in range(2):  # two pages using the kept value
        before = start(DATA)
        replay(made)
        assert ("Theme", "label") in stop(before).fields


def test_a_kernel_of_a_book_build_writes_what_its_chapter_read(tmp_path):
    """A process importing the package with the record file named (as a chapter's kernel is) writes what its code read."""
    record = tmp_path / "reads.json"
    code = "from briefing import load_dataset\nds = load_dataset()\nprint(ds.themes[0].label)\n"
    env = {**os.environ, READS_ENV: str(record), DATA_DIR_ENV: str(DATA)}
    done = subprocess.run([sys.executable, "-c", code], check=False, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    written = Reads.from_json(json.loads(record.read_text(encoding="utf-8")))
    assert ("Theme", "label") in written.fields and ("Contribution", "summary") not in written.fields
    assert not written.files  # loading the data folder records none of its files: the fields read stand for them


def test_no_process_records_unless_a_build_names_the_record_file():
    """Importing the package outside a chapter's kernel records nothing."""
    code = "import briefing.core.reads as r, briefing\nprint(r._recording is None)\n"
    env = {k: v for k, v in os.environ.items() if k != READS_ENV}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "True"


def test_loading_another_data_folder_records_its_files(tmp_path):
    """Loading a data folder other than the recorded one (an earlier edition's) records the files it read."""
    other = tmp_path / "edition"
    shutil.copytree(DATA, other, ignore=shutil.ignore_patterns("editions"))
    with recorded(tmp_path) as reads:
        load_dataset(other, fresh=True)
    assert str(other / "contributions.csv") in reads.files
    with recorded(other) as reads:
        load_dataset(other, fresh=True)
    assert not reads.files


def test_a_data_file_opened_through_a_symbolic_link_is_recorded(tmp_path):
    """A data file opened by a path through a symbolic link is recorded under the data folder's real path."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "notes.txt").write_text("a note", encoding="utf-8")
    (tmp_path / "link").symlink_to(data, target_is_directory=True)
    with recorded(data) as reads:
        (tmp_path / "link" / "notes.txt").read_text(encoding="utf-8")
    assert reads.files == {str(data.resolve() / "notes.txt")}


def test_the_packages_catalogues_are_among_the_files_pages_depend_on():
    """The package's German sentence catalogues are among its sources, so a changed translation re-reads the pages."""
    sources = set(package_sources())
    catalogues = set((PROJECT_ROOT / "src" / "briefing" / "i18n" / "catalogues").rglob("*.po"))
    assert catalogues and catalogues <= sources
