"""The published data carry standard metadata: a valid Frictionless Data Package and a schema.org Dataset description."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from briefing import DataError, load_dataset
from briefing.core.schema import DATA_FILES, FOREIGN_KEYS, PRIMARY_KEYS, TABLES
from briefing.core.snapshots import translation_files
from briefing.publish.downloads import MADE_FILES, download_files, write_downloads, zip_name
from briefing.publish.opendata import DATAPACKAGE_FILE, data_package, data_package_json, dataset_jsonld, jsonld_text
from helpers import BASE_URL, DATA, edit_cell, give_reason, preview_copy, read_rows, released_copy, write_rows

FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def frictionless_errors(descriptor: Path) -> tuple[bool, list[dict]]:
    """Validate a data package with the pinned `frictionless validate`; return whether it is valid, and its errors."""
    result = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", descriptor.name],
        check=False,
        cwd=descriptor.parent,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    errors = [{"resource": task["name"], **error} for task in report["tasks"] for error in task["errors"]]
    assert report["valid"] == (result.returncode == 0) == (not errors), result.stdout[-3000:] + result.stderr
    return report["valid"], errors


@pytest.fixture(scope="module")
def downloads(tmp_path_factory, dataset) -> Path:
    """The downloads folder as the build writes it, for the shipped data."""
    target = tmp_path_factory.mktemp("downloads") / "downloads"
    write_downloads(dataset, target)
    return target


def test_published_data_package_validates(downloads):
    """`frictionless validate` finds every table, key and hash of the published data package in order."""
    valid, errors = frictionless_errors(downloads / DATAPACKAGE_FILE)
    assert valid and not errors, errors
    package = json.loads((downloads / DATAPACKAGE_FILE).read_text(encoding="utf-8"))
    assert {r["path"] for r in package["resources"]} == {*DATA_FILES, *translation_files(DATA), "data-dictionary.csv"}


def test_zip_holds_the_package_and_a_readme_and_validates_unpacked(downloads, dataset, tmp_path):
    """The data zip carries datapackage.json and a README, and the unpacked folder validates as it is."""
    with zipfile.ZipFile(downloads / zip_name(dataset)) as archive:
        names = {n.removeprefix("briefing-data/") for n in archive.namelist()}
        archive.extractall(tmp_path)
    assert set(download_files(dataset)) == names
    readme = (tmp_path / "briefing-data" / "README.md").read_text(encoding="utf-8")
    state, released = dataset.edition_state, dataset.publication.release_date.isoformat()
    edition = f"edition {state.number} — preview, not released" if state.preview else f"edition {state.number} ({released})"
    assert f"data, {edition}" in readme and "frictionless validate datapackage.json" in readme
    assert all(f"`{spec.file}`" in readme for spec in TABLES)
    valid, errors = frictionless_errors(tmp_path / "briefing-data" / DATAPACKAGE_FILE)
    assert valid, errors


def test_a_broken_foreign_key_is_reported(downloads, tmp_path):
    """A theme link to a theme that does not exist is reported by frictionless as a foreign-key error in that column."""
    folder = tmp_path / "edited"
    folder.mkdir()
    for path in downloads.iterdir():
        if path.is_file() and path.suffix != ".zip":
            (folder / path.name).write_bytes(path.read_bytes())
    edit_cell(
        folder, "contribution_themes.csv", {"contribution_id": "engelmann", "theme_id": "clusters"}, "theme_id", "no-such-theme"
    )
    ds = load_dataset()
    (folder / DATAPACKAGE_FILE).write_text(data_package_json(ds, folder), encoding="utf-8")  # hashes of the edited file
    valid, errors = frictionless_errors(folder / DATAPACKAGE_FILE)
    assert not valid
    assert [(e["resource"], e["type"]) for e in errors] == [("contribution-themes", "foreign-key")], errors
    assert "no-such-theme" in errors[0]["note"] and "theme_id" in errors[0]["note"]


def test_an_edited_file_fails_its_hash(downloads, tmp_path):
    """A file changed after publication no longer matches the hash and size the package records for it."""
    folder = tmp_path / "tampered"
    folder.mkdir()
    for name in [*DATA_FILES, *translation_files(DATA), "data-dictionary.csv", DATAPACKAGE_FILE]:
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_bytes((downloads / name).read_bytes())
    rows = read_rows(folder / "themes.csv")
    rows[0]["label"] += " (edited)"
    write_rows(folder / "themes.csv", rows)
    valid, errors = frictionless_errors(folder / DATAPACKAGE_FILE)
    assert (
        not valid
        and {e["type"] for e in errors} == {"hash-count", "byte-count"}
        and {e["resource"] for e in errors} == {"themes"}
    )


def test_descriptor_follows_the_schema(downloads, dataset, preview_dataset):
    """Every column of every table is described from the schema: types, keys, categories, licence and edition (a preview's
    version marked as such, with no creation date)."""
    package = data_package(dataset, downloads)
    tables = {r["path"]: r for r in package["resources"]}
    for spec in TABLES:
        schema = tables[spec.file]["schema"]
        assert [f["name"] for f in schema["fields"]] == list(spec.model.model_fields), spec.file
        assert all(f["description"] for f in schema["fields"]), spec.file
        assert schema["primaryKey"] == list(PRIMARY_KEYS[spec.file])
        assert tables[spec.file]["hash"].startswith("sha256:")
    fields = {(r["path"], f["name"]): f for r in package["resources"] if "schema" in r for f in r["schema"]["fields"]}
    assert fields[("editorial_notes.csv", "kind")]["categories"] == ["error", "inconsistency"]
    assert fields[("contributions.csv", "presentation_offered")]["type"] == "boolean"
    assert fields[("key_messages.csv", "themes")] | {"type": "list", "delimiter": ";"} == fields[("key_messages.csv", "themes")]
    assert fields[("contributions.csv", "order")]["type"] == "integer"
    state = dataset.edition_state
    if state.released:
        assert package["version"] == str(state.number)
        assert package["created"] == f"{dataset.publication.release_date.isoformat()}T00:00:00Z"
    preview = data_package(preview_dataset, downloads)
    assert preview["version"] == f"{preview_dataset.edition_state.number}-preview" and "created" not in preview  # not released
    if state.preview:
        assert package["version"] == f"{state.number}-preview" and "created" not in package
    assert package["licenses"][0]["name"] == dataset.publication.licence_text
    assert {c["title"] for c in package["contributors"]} == {*dataset.publication.authors, dataset.publication.publisher}
    assert package["sources"][0]["title"].startswith(dataset.event.source_author)


def test_every_table_has_keys_that_validation_enforces(data_copy):
    """Each table has a primary key, and breaking any declared primary or foreign key is also reported by the briefing's check."""
    assert set(PRIMARY_KEYS) == {spec.file for spec in TABLES}
    for (file, column), (target, target_column) in FOREIGN_KEYS.items():
        original = (data_copy / file).read_bytes()
        rows = read_rows(data_copy / file)
        rows[0][column] = "no-such-id"
        write_rows(data_copy / file, rows)
        with pytest.raises(DataError) as caught:
            load_dataset(data_copy)
        assert any(p.file == file and p.column == column for p in caught.value.problems), (file, column, target, target_column)
        (data_copy / file).write_bytes(original)
    for file, key in PRIMARY_KEYS.items():
        original = (data_copy / file).read_bytes()
        rows = read_rows(data_copy / file)
        write_rows(data_copy / file, [*rows, rows[0]])
        with pytest.raises(DataError) as caught:
            load_dataset(data_copy)
        assert any(p.file == file and p.column in key and "unique" in p.message for p in caught.value.problems), (file, key)
        (data_copy / file).write_bytes(original)


def test_dataset_jsonld_names_licence_version_and_downloads(dataset, preview_dataset, released_dataset):
    """The schema.org Dataset names licence, edition (a preview's marked, unpublished) and creators, and links the downloads
    only when the base URL is known."""
    page = "chapters/data-and-method.html"
    preview = dataset_jsonld(preview_dataset, BASE_URL, page, DATA_FILES + MADE_FILES, zip_name(preview_dataset))
    assert preview["version"] == f"{preview_dataset.edition_state.number}-preview" and "datePublished" not in preview
    release = dataset_jsonld(released_dataset, BASE_URL, page, DATA_FILES + MADE_FILES, zip_name(released_dataset))
    assert release["version"] == str(released_dataset.edition_state.number)
    assert release["datePublished"] == released_dataset.publication.release_date.isoformat()
    published = dataset_jsonld(dataset, BASE_URL, page, DATA_FILES + MADE_FILES, zip_name(dataset))
    state = dataset.edition_state
    assert published["@type"] == "Dataset" and published["version"] == f"{state.number}{'-preview' if state.preview else ''}"
    assert published["license"] == "https://creativecommons.org/licenses/by/4.0/" and published["url"] == BASE_URL + page
    urls = {d["contentUrl"] for d in published["distribution"]}
    assert f"{BASE_URL}downloads/{zip_name(dataset)}" in urls and f"{BASE_URL}downloads/{DATAPACKAGE_FILE}" in urls
    local = dataset_jsonld(dataset, None, page, DATA_FILES + MADE_FILES, zip_name(dataset))
    assert "distribution" not in local and "url" not in local


def test_jsonld_script_cannot_end_early():
    """Text containing '</script>' cannot close the inline JSON-LD element early."""
    body = jsonld_text({"name": "a </script><script>alert(1)</script>"})
    assert "</script>" not in body and json.loads(body)["name"].endswith("</script>")


def test_descriptor_follows_a_data_change(data_copy, tmp_path):
    """A changed summary (and its reason) changes the published hashes of just those files, so the descriptor follows the data."""
    first = data_package(load_dataset(data_copy), _written(data_copy, tmp_path / "a"))
    edit_cell(data_copy, "contributions.csv", {"id": "meyer"}, "topic", "A new heading")
    give_reason(data_copy, "contributions.csv", "meyer", "topic")
    second = data_package(load_dataset(data_copy), _written(data_copy, tmp_path / "b"))
    hashes = [{r["path"]: r["hash"] for r in p["resources"]} for p in (first, second)]
    assert {path for path in hashes[0] if hashes[0][path] != hashes[1][path]} == {"contributions.csv", "changes.csv"}


def _written(data: Path, target: Path) -> Path:
    """Write the downloads of a data folder and return their folder."""
    write_downloads(load_dataset(data), target)
    return target


def test_the_descriptor_names_the_place_column_as_the_file_has_it():
    """datapackage.json names the theme links' place column about_region where the file does, else about_ruhr."""
    from briefing.core.schema import ThemeLink
    from briefing.publish.opendata import table_schema

    names = lambda header: [f["name"] for f in table_schema("contribution_themes.csv", ThemeLink, header)["fields"]]
    assert names(["contribution_id", "theme_id", "evidence", "about_region"])[-1] == "about_region"
    assert names(["contribution_id", "theme_id", "evidence", "about_ruhr"])[-1] == names([])[-1] == "about_ruhr"


def test_a_release_built_over_its_preview_leaves_no_preview_zip(data_copy, tmp_path):
    """Downloads written for an edition's release into the folder of its preview keep no zip named for the preview."""
    preview = load_dataset(preview_copy(data_copy))
    write_downloads(preview, tmp_path)
    assert (tmp_path / zip_name(preview)).is_file() and zip_name(preview).endswith("-preview.zip")
    released = load_dataset(released_copy(data_copy))
    write_downloads(released, tmp_path)
    zips = sorted(p.name for p in tmp_path.glob("*.zip"))
    assert zip_name(released) in zips and not [name for name in zips if name.endswith("-preview.zip")]
