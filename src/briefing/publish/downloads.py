"""The data offered for download: the tables, the dictionary, the data package, a README and the licence, as files and one zip."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
import zipfile
from pathlib import Path
from typing import get_origin

from briefing.core.load import load_dataset
from briefing.core.model import Dataset
from briefing.core.paths import editions_dir
from briefing.core.revisions import key_of, key_text
from briefing.core.schema import DATA_FILES, TABLES, dictionary_rows, present_data_files
from briefing.core.snapshots import kept_editions, read_snapshot, snapshot_dir, translation_files
from briefing.core.translations import checked_translations
from briefing.i18n.messages import DEFAULT, in_language, language, pgettext
from briefing.publish.cite import base_url
from briefing.publish.columns import dictionary_rows_here, spreadsheet_header
from briefing.publish.opendata import DATAPACKAGE_FILE, data_edition, data_package_json, data_readme
from briefing.text.safecsv import defused_csv, excel_csv

#: The folder of the built book that holds the downloads.
DOWNLOAD_DIR = "downloads"


def licence_notice(ds: Dataset, edition: int | None = None) -> str:
    """Return the licence notice that goes with the downloaded data (of this edition, or of a kept earlier one)."""
    p = ds.publication
    if edition is not None:
        which = f"data files of edition {edition}, kept as released for readers who cited them."
    elif ds.edition_state.preview:
        which = f"{data_edition(ds)}: data files that no edition has released yet."
    else:
        which = f"edition {p.edition} ({p.release_date.isoformat()}): data files."
    return (
        f"{p.title}, {which}\n\n"
        f"Licence: {p.licence_text} (https://creativecommons.org/licenses/by/4.0/ for CC-BY-4.0).\n"
        f"Attribution: {'; '.join(p.authors)}, {p.title}, {f'edition {edition}' if edition else data_edition(ds)}.\n\n"
        "In the CSV files, a cell that begins with =, +, - or @ has an apostrophe (') in front, so that\n"
        "spreadsheet programs show it as text instead of running it as a formula. The briefing's own\n"
        "loader removes that apostrophe when the files are used as a data folder again.\n\n"
        "The summaries, themes, key messages, notes and glossary are the editors' work. Evidence quotations are\n"
        f"short attributed passages from the organiser's report ({ds.event.source_author}), which is not\n"
        "republished here; its rights remain with the organiser.\n"
    )


def dictionary_csv(here: bool = False) -> str:
    """Return the data dictionary as CSV text: as the data have it (English), or (here) in the edition's language."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["file", "column", "required", "description", "example"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(dictionary_rows_here() if here else dictionary_rows())
    return buffer.getvalue()


def archived_pdfs() -> list[Path]:
    """Return the PDFs of released editions kept with the book (its editions/ folder), so a reader opens the one they cited."""
    return sorted(editions_dir().glob("*.pdf"))


def kept_pdf(name: str) -> Path | None:
    """Return the kept PDF of a released edition with this file name, or None if no edition kept one."""
    return next((path for path in archived_pdfs() if path.name == name), None)


def zip_name(ds: Dataset, edition: int | None = None) -> str:
    """Return the file name of the data zip of this edition or preview (or of another, released edition)."""
    if edition is None and ds.edition_state.preview:
        return f"briefing-data-edition-{ds.edition_state.number}-preview.zip"
    return f"briefing-data-edition-{edition or ds.edition_state.number}.zip"


def earlier_editions(ds: Dataset) -> list[int]:
    """Return the earlier editions whose data the dataset keeps, so their cited zips stay available (for a preview, the
    last released edition too: its data are not the preview's)."""
    return [n for n in kept_editions(ds.data_dir) if n < ds.edition_state.number]


#: Files made for the download: the dictionary, the licence notice, the data package and the zip's README.
MADE_FILES = ["data-dictionary.csv", "LICENSE.txt", DATAPACKAGE_FILE, "README.md"]


def download_files(ds: Dataset) -> list[str]:
    """Return the files offered for download, as paths in the downloads folder: data, translations, made files."""
    return [*present_data_files(ds.data_dir), *translation_files(ds.data_dir), *MADE_FILES]


#: The ending of a table's copy for German Excel and LibreOffice (``contributions.excel-de.csv``): beside the standard
#: file and sorted next to it, a ``.csv`` that a double-click opens, named for the program and locale it is made for.
EXCEL_SUFFIX = ".excel-de.csv"
#: The data dictionary's file name.
DICTIONARY_FILE = MADE_FILES[0]


def excel_name(name: str) -> str:
    """Return the name of a CSV file's copy for German Excel ('contributions.csv' -> 'contributions.excel-de.csv')."""
    return name.removesuffix(".csv") + EXCEL_SUFFIX


def excel_sources(ds: Dataset) -> list[str]:
    """Return the CSV files offered with a copy for German Excel: every data table and the data dictionary."""
    return [name for name in [*present_data_files(ds.data_dir), DICTIONARY_FILE] if name.endswith(".csv")]


#: Columns that quote the report verbatim and that the data's catalogue renders: in a copy for a spreadsheet the quotation
#: stays the report's English words, and the editors' rendering goes into a column of its own right after it.
QUOTATION_COLUMNS: dict[str, tuple[str, ...]] = {
    "contribution_themes.csv": ("evidence",),
    "questions.csv": ("question",),
    "slide_quotes.csv": ("quote",),
}


def added_column(file: str, column: str) -> str:
    """Return the heading of the column a spreadsheet adds after a quotation (the editors' translation) or after a row's
    key that the catalogue translates (a glossary term, kept English with its language code so the row's key holds)."""
    if column in QUOTATION_COLUMNS.get(file, ()):
        return pgettext("spreadsheet column", "Editors' translation")
    return pgettext("spreadsheet column", "Term in this edition's language")


def _csv_row_key(name: str, row: dict[str, str]) -> str:
    """Return a CSV row's key as the catalogue's contexts write it: a list column's items (changes.csv's field,
    'basis;reason') joined by '+' as the loaded data's are."""
    model = next((t.model for t in TABLES if t.file == name), None)
    values: list[object] = []
    for column in key_of(name):
        field = model.model_fields.get(column) if model else None
        listed = field is not None and get_origin(field.annotation) is list
        values.append([v.strip() for v in row[column].split(";") if v.strip()] if listed else row[column])
    return key_text(tuple(values))


def translated_cells(name: str, text: str, translated: dict[str, str]) -> str:
    """Return a data table's CSV text with each cell that has a checked translation (its context 'file|row|column' in
    the data's catalogue) in that translation; every other cell (ids, codes, texts without a translation) as it is.

    A quotation of the report (QUOTATION_COLUMNS) and a row's key (a glossary term) stay as the data have them, and
    their translation goes into a column added after them (added_column), empty where there is none. A table the
    catalogue does not cover comes back unchanged.
    """
    if not translated or not any(context.startswith(f"{name}|") for context in translated):
        return text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        return text
    header, out = rows[0], io.StringIO(newline="")
    keys = key_of(name)
    kept = {c for c in header if c in QUOTATION_COLUMNS.get(name, ()) or c in keys}
    beside = [c for c in header if c in kept and any(k.startswith(f"{name}|") and k.endswith(f"|{c}") for k in translated)]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([h for c in header for h in ([c, added_column(name, c)] if c in beside else [c])])
    for cells in rows[1:]:
        try:
            key = _csv_row_key(name, dict(zip(header, cells, strict=False)))
        except KeyError:
            key = None
        found = lambda column, cell: translated.get(f"{name}|{key}|{column}") if key is not None and cell else None
        line: list[str] = []
        for column, cell in zip(header, cells, strict=False):
            if column in beside:
                line += [cell, found(column, cell) or ""]
            else:
                line.append(cell if column in kept else found(column, cell) or cell)
        writer.writerow(line)
    return out.getvalue()


def write_excel_copy(text: str, target: Path, translated: dict[str, str] | None = None) -> Path:
    """Write CSV text (as the data have it, not yet defused) as a copy for German Excel, headed in the edition's language,
    its texts in that language where the data's catalogue has a checked translation (translated, by context)."""
    name = target.name.removesuffix(EXCEL_SUFFIX) + ".csv"
    if translated:
        text = translated_cells(name, text, translated)
    header = next(csv.reader(io.StringIO(text, newline="")), [])
    target.write_bytes(excel_csv(text, spreadsheet_header(header, name) if header else None))
    return target


def in_data_language(ds: Dataset) -> Dataset:
    """Return the dataset in the data's own language (English), so every edition offers the very same files."""
    if language() == DEFAULT:
        return ds

    with in_language(DEFAULT):
        return load_dataset(ds.data_dir)


def _copy_data_file(source: Path, target: Path) -> Path:
    """Copy one data file for download; in CSV files, cells that would run as formulas get an apostrophe."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.suffix == ".csv":
        target.write_text(defused_csv(source.read_text(encoding="utf-8-sig")), encoding="utf-8")
    else:
        target.write_bytes(source.read_bytes())
    return target


def _zip(path: Path, root: Path, files: list[Path], day: dt.date | None) -> Path:
    """Write files (in root or below it) into one zip under a briefing-data/ folder, placed as the data folder has them.

    Every entry is dated the edition's release day, so the same data give the same zip in every edition and build.
    """
    stamp = (day.year, day.month, day.day, 0, 0, 0) if day else (1980, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            entry = zipfile.ZipInfo(f"briefing-data/{file.relative_to(root).as_posix()}", date_time=stamp)
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, file.read_bytes(), compress_type=zipfile.ZIP_DEFLATED)
    return path


def write_downloads(ds: Dataset, target: Path) -> list[Path]:
    """Write the data files, translations, dictionary, licence, data package, README and one zip into target.

    Plus earlier editions' zips, and beside each CSV file a copy for German Excel (``excel_name``), which the zip and
    the data package leave out: they stay standard. Every language's edition writes the same data (the data's own, in
    English); the German edition's copies for Excel have German column headings and, where the data's catalogue has a
    checked German translation of a text, the German text.
    """
    ds = in_data_language(ds)
    target.mkdir(parents=True, exist_ok=True)
    shipped = [*present_data_files(ds.data_dir), *translation_files(ds.data_dir)]
    written = [_copy_data_file(ds.data_dir / name, target / name) for name in shipped]
    dictionary, licence, package, readme = (target / name for name in MADE_FILES)
    dictionary.write_text(defused_csv(dictionary_csv()), encoding="utf-8")
    licence.write_text(licence_notice(ds), encoding="utf-8")
    package.write_text(data_package_json(ds, target, base_url()), encoding="utf-8")  # after the files it describes
    readme.write_text(data_readme(ds, zip_name(ds)), encoding="utf-8")
    written += [dictionary, licence, package, readme]
    lang = language()
    here = lang != DEFAULT  # the dictionary's descriptions and examples as the edition's data dictionary shows them
    read = lambda name: dictionary_csv(here) if name == DICTIONARY_FILE else (ds.data_dir / name).read_text(encoding="utf-8-sig")
    sources = {name: read(name) for name in excel_sources(ds)}
    translated = {} if lang == DEFAULT else checked_translations(ds, lang)
    excel = [write_excel_copy(text, target / excel_name(name), translated) for name, text in sources.items()]
    for pdf in archived_pdfs():
        (target / pdf.name).write_bytes(pdf.read_bytes())
    zips = [_zip(target / zip_name(ds), target, written, ds.publication.release_date)]
    for edition in earlier_editions(ds):
        with tempfile.TemporaryDirectory() as scratch:
            folder = snapshot_dir(ds.data_dir, edition)
            kept = [
                _copy_data_file(folder / name, Path(scratch) / name)
                for name in [*DATA_FILES, *translation_files(folder)]
                if (folder / name).is_file()
            ]
            (Path(scratch) / "LICENSE.txt").write_text(licence_notice(ds, edition), encoding="utf-8")
            files = [*kept, Path(scratch) / "LICENSE.txt"]
            zips.append(_zip(target / zip_name(ds, edition), Path(scratch), files, read_snapshot(folder).release_date))
    for stale in target.glob("briefing-data-edition-*.zip"):  # a preview's zip, left by the build before its release
        if stale not in zips:
            stale.unlink()
    return [*written, *excel, *zips]
