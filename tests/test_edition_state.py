"""Released edition or preview: the edition state of a data folder, the preview's PDF name, and the PDF the pages link to."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from briefing import load_dataset
from briefing.build import pdf as printing
from briefing.build.book import ExitCode, settle_pdfs
from briefing.core.load import in_build_language
from briefing.core.revisions import edition_state, history
from briefing.core.schema import OPTIONAL_FILES
from briefing.core.snapshots import snapshot_dir
from briefing.i18n.messages import in_language
from briefing.publish import cite
from briefing.publish.downloads import DOWNLOAD_DIR, earlier_editions, zip_name
from helpers import (
    DATA,
    PROJECT_ROOT,
    edit_cell,
    kept_pdf,
    preview_label,
    preview_label_de,
    read_rows,
    released_copy,
    write_rows,
)

#: The kept PDF of edition 2 (English), which no later build may replace.
EDITION_2_PDF = kept_pdf(2)


def kept_pdf_de(edition: int) -> str:
    """Return the name of a released edition's German PDF, as kept in editions/ (from edition 3 on)."""
    return f"briefing-zur-intelligenten-spezialisierung-im-ruhrgebiet-ausgabe-{edition}.pdf"


def state_of(folder: Path):
    """Return the edition state of a data folder, as a build works it out."""
    return edition_state(folder, load_dataset(folder).changes)


def back_to_edition_2(folder: Path) -> Path:
    """Put edition 2's kept data back into a data folder, as if nothing had changed since its release."""
    kept = snapshot_dir(folder, 2)
    for path in kept.iterdir():
        shutil.copyfile(path, folder / path.name)
    for name in OPTIONAL_FILES:  # the tables edition 2 did not have yet
        if not (kept / name).exists():
            (folder / name).unlink(missing_ok=True)
    return folder


def test_the_shipped_data_are_the_edition_publication_yml_names_or_the_preview_of_the_next(dataset):
    """The shipped data are publication.yml's edition as released (equal to its snapshot), or the preview of the next one,
    with publication.yml's edition and date the last release either way."""
    state, p = dataset.edition_state, dataset.publication
    assert (state.number, state.last_release) == (p.edition + state.preview, p.edition)
    assert state.last_release_date == p.release_date
    assert state.released == (history(DATA).unreleased is None)


def test_data_equal_to_their_snapshot_are_that_released_edition(data_copy):
    """Data equal to edition 2's snapshot, with no reason recorded for a later edition, are edition 2 as released."""
    state = state_of(back_to_edition_2(data_copy))
    assert (state.number, state.released, state.last_release) == (2, True, 2)


def test_a_reason_for_a_later_edition_makes_a_preview(data_copy):
    """Unchanged data with a changes.csv row for edition 3 are a preview of edition 3: that change is on its way."""
    folder = back_to_edition_2(data_copy)
    rows = read_rows(folder / "changes.csv")
    write_rows(folder / "changes.csv", [*rows, {**rows[0], "edition": "3"}])
    state = state_of(folder)
    assert (state.number, state.preview, state.last_release) == (3, True, 2)


def test_an_edit_after_a_release_makes_a_preview_of_the_next_edition(data_copy):
    """After the shipped edition N is released (snapshot kept, publication.yml says N), unchanged data are edition N; one
    edit makes the preview of edition N+1, and the revisions page's comparison then lists it as not yet released."""
    folder = released_copy(data_copy)
    n = state_of(folder).number
    assert state_of(folder).released and history(folder).unreleased is None
    edit_cell(folder, "contributions.csv", {"id": "engelmann"}, "topic", "A topic edited after the release")
    state = state_of(folder)
    assert (state.number, state.preview, state.last_release) == (n + 1, True, n) and history(folder).unreleased is not None


def test_an_edition_whose_data_were_never_kept_is_a_preview_of_itself(data_copy):
    """Without a kept snapshot, publication.yml's edition is not released yet: the data are its preview, no last release."""
    shutil.rmtree(data_copy / "editions")
    state = state_of(data_copy)
    edition = load_dataset(data_copy).publication.edition
    assert (state.number, state.preview, state.last_release, state.last_release_date) == (edition, True, None, None)


def test_the_label_says_preview_in_english_and_german(preview_dataset, released_dataset):
    """A preview's label is 'Edition N — preview, not released' (German: 'Ausgabe N – Vorschau, …'); a release's is plain."""
    n, released = preview_dataset.edition_state.number, released_dataset.edition_state.number
    assert n == released + 1
    assert cite.edition_label(preview_dataset) == preview_label(n)
    assert cite.edition_label(released_dataset) == f"Edition {released}"
    with in_language("de"):
        assert cite.edition_label(in_build_language(preview_dataset)) == preview_label_de(n)
        assert cite.edition_label(in_build_language(released_dataset)) == f"Ausgabe {released}"


def test_a_preview_pdf_is_named_as_a_preview_in_both_languages(dataset, preview_dataset, released_dataset):
    """A preview's PDFs end in -edition-N-preview.pdf and -ausgabe-N-vorschau.pdf: neither takes a released edition's name."""
    n, released = preview_dataset.edition_state.number, released_dataset.edition_state.number
    assert printing.pdf_name(preview_dataset) == f"the-ruhr-smart-specialisation-briefing-edition-{n}-preview.pdf"
    assert printing.pdf_name(released_dataset) == kept_pdf(released)
    with in_language("de"):
        assert printing.pdf_name(in_build_language(preview_dataset)).endswith(f"-ausgabe-{n}-vorschau.pdf")
    archived = {path.name for path in printing.archived_pdfs()}
    last_kept = dataset.publication.edition  # the shipped data's last release, kept in editions/
    assert kept_pdf(last_kept) in archived and printing.pdf_name(preview_dataset) not in archived
    assert not any("preview" in name or "vorschau" in name for name in archived)


def test_a_preview_offers_its_own_data_zip_and_the_last_release_as_earlier(preview_dataset):
    """A preview's data zip is named as a preview, and the last release's data, as released, are offered as an earlier edition."""
    n = preview_dataset.edition_state.number
    assert zip_name(preview_dataset) == f"briefing-data-edition-{n}-preview.zip"
    assert earlier_editions(preview_dataset) == list(range(1, n))


def test_the_pages_link_the_printed_pdf_or_the_last_release_named_as_such(dataset, preview_dataset, data_copy):
    """A preview's printing build links its own PDF; without printing, each language links the last release's kept PDF as
    that edition's, in German where one was kept (edition 3 on), else the English one (edition 2)."""
    preview = dataset if dataset.edition_state.preview else preview_dataset  # a preview whose last release kept its PDFs
    last = preview.edition_state.last_release
    own = printing.pdf_link(preview, printing=True)
    assert own == printing.PdfLink(printing.pdf_name(preview), None, "en")
    assert printing.pdf_link(preview, printing=False) == printing.PdfLink(kept_pdf(last), last, "en")
    german_kept = (PROJECT_ROOT / "editions" / kept_pdf_de(last)).exists()
    with in_language("de"):
        linked = printing.pdf_link(in_build_language(preview), printing=False)
        assert linked == (
            printing.PdfLink(kept_pdf_de(last), last, "de") if german_kept else printing.PdfLink(kept_pdf(last), last, "en")
        )
    after_2 = back_to_edition_2(data_copy)  # the preview of edition 3 as it was: edition 2 kept no German PDF
    edit_cell(after_2, "contributions.csv", {"id": "engelmann"}, "topic", "A topic edited after edition 2")
    ds = load_dataset(after_2)
    assert ds.edition_state.last_release == 2 and not (PROJECT_ROOT / "editions" / kept_pdf_de(2)).exists()
    with in_language("de"):
        assert printing.pdf_link(in_build_language(ds), printing=False) == printing.PdfLink(EDITION_2_PDF, 2, "en")


def test_without_a_kept_pdf_of_the_last_release_the_pages_link_no_pdf(data_copy):
    """A preview built without printing whose last release kept no PDF links none (no PDF shown as current, no 404)."""
    for edition in range(2, load_dataset(data_copy).publication.edition + 1):
        shutil.rmtree(snapshot_dir(data_copy, edition))  # edition 1 is then the last release, and no PDF of it was kept
    ds = load_dataset(data_copy)
    assert ds.edition_state.last_release == 1 and printing.pdf_link(ds, printing=False) is None


def test_a_released_edition_links_its_kept_pdf_even_without_printing(data_copy):
    """Released edition 2 links its kept PDF as its own, printing or not."""
    ds = load_dataset(back_to_edition_2(data_copy))
    for printed in (True, False):
        assert printing.pdf_link(ds, printing=printed) == printing.PdfLink(EDITION_2_PDF, None, "en")


def test_a_kept_edition_pdf_is_never_printed_over(data_copy, tmp_path, monkeypatch):
    """Settling the PDFs of released edition 2 prints nothing and puts the kept PDF, as released, into both downloads folders."""
    ds = load_dataset(back_to_edition_2(data_copy))
    build = tmp_path / "_build"
    for pages in (build / "html", build / "html" / "de"):
        (pages / DOWNLOAD_DIR).mkdir(parents=True)
        (pages / DOWNLOAD_DIR / EDITION_2_PDF).write_bytes(b"%PDF a later print with unreleased changes")
    printed: list[Path] = []
    monkeypatch.setattr(printing, "make_pdf", lambda html_dir, *args: printed.append(html_dir))
    assert settle_pdfs(build, ds, ["en"], io.StringIO(), printing=True) == ExitCode.OK
    kept = (PROJECT_ROOT / "editions" / EDITION_2_PDF).read_bytes()
    assert printed == [] and (build / "html" / DOWNLOAD_DIR / EDITION_2_PDF).read_bytes() == kept


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_print_cover_and_running_header_say_preview(preview_dataset, lang):
    """The PDF's cover, running header and document title of a preview carry its label and no release date."""
    from briefing.build.print_edition import cover, metadata, running_header

    n = preview_dataset.edition_state.number
    with in_language(lang):
        ds = in_build_language(preview_dataset)
        label = preview_label(n) if lang == "en" else preview_label_de(n)
        front = cover(ds, None)
        assert f'<p class="pdf-edition">{label}</p>' in front and label in running_header(ds)
        assert label.split(" ", 1)[1] in metadata(ds)["/Title"]
