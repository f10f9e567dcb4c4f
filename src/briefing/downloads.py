"""The data offered for download: the tables, the dictionary and the licence, as files and one zip."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from briefing.model import Dataset
from briefing.paths import PROJECT_ROOT
from briefing.safecsv import defused_csv
from briefing.schema import EVENT_FILE, PUBLICATION_FILE, REFERENCES_FILE, TABLES, dictionary_rows

#: The folder of the built book that holds the downloads.
DOWNLOAD_DIR = "downloads"


def licence_notice(ds: Dataset) -> str:
    """Return the licence notice that goes with the downloaded data."""
    p = ds.publication
    return (
        f"{p.title}, edition {p.edition} ({p.release_date.isoformat()}): data files.\n\n"
        f"Licence: {p.licence_text} (https://creativecommons.org/licenses/by/4.0/ for CC-BY-4.0).\n"
        f"Attribution: {'; '.join(p.authors)}, {p.title}, edition {p.edition}.\n\n"
        "In the CSV files, a cell that begins with =, +, - or @ has an apostrophe (') in front, so that\n"
        "spreadsheet programs show it as text instead of running it as a formula. The briefing's own\n"
        "loader removes that apostrophe when the files are used as a data folder again.\n\n"
        "The summaries, themes, key messages, notes and glossary are the editors' work. Evidence quotations are\n"
        f"short attributed passages from the organiser's report ({ds.event.source_author}), which is not\n"
        "republished here; its rights remain with the organiser.\n"
    )


def dictionary_csv() -> str:
    """Return the data dictionary as CSV text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["file", "column", "required", "description", "example"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(dictionary_rows())
    return buffer.getvalue()


#: Released editions' PDFs are kept here so that a reader can open the edition they cited.
EDITIONS_DIR = PROJECT_ROOT / "editions"


def archived_pdfs() -> list[Path]:
    """Return the PDFs of released editions kept in the repository."""
    return sorted(EDITIONS_DIR.glob("*.pdf"))


def zip_name(ds: Dataset) -> str:
    """Return the file name of the data zip for this edition."""
    return f"briefing-data-edition-{ds.publication.edition}.zip"


#: The data files offered as they are (the source report is deliberately not among them).
DATA_FILES = [spec.file for spec in TABLES] + [EVENT_FILE, PUBLICATION_FILE, REFERENCES_FILE]
#: Files made for the download: the dictionary and the licence notice.
MADE_FILES = ["data-dictionary.csv", "LICENSE.txt"]


def write_downloads(ds: Dataset, target: Path) -> list[Path]:
    """Write the data files, dictionary, licence and one zip into target; the source report is not included."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in DATA_FILES:
        source = ds.data_dir / name
        if source.suffix == ".csv":  # cells that would run as formulas in a spreadsheet get an apostrophe
            (target / name).write_text(defused_csv(source.read_text(encoding="utf-8-sig")), encoding="utf-8")
        else:
            (target / name).write_bytes(source.read_bytes())
        written.append(target / name)
    dictionary, licence = (target / name for name in MADE_FILES)
    dictionary.write_text(defused_csv(dictionary_csv()), encoding="utf-8")
    licence.write_text(licence_notice(ds), encoding="utf-8")
    written += [dictionary, licence]
    for pdf in archived_pdfs():
        (target / pdf.name).write_bytes(pdf.read_bytes())
    with zipfile.ZipFile(target / zip_name(ds), "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in written:
            archive.write(path, arcname=f"briefing-data/{path.name}")
    return [*written, target / zip_name(ds)]
