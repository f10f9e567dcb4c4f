"""Citing the briefing: references, BibTeX and RIS, meta tags, CITATION.cff, downloads, stable addresses, the PDF."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from pybtex.database import parse_string

from briefing import load_dataset
from briefing.build.print_edition import cover
from briefing.i18n.messages import format_date, in_language
from briefing.publish import cite
from briefing.publish.downloads import write_downloads, zip_name
from briefing.sphinx.cite_boxes import UNCITED, add_cite_box
from helpers import BASE_URL, CHAPTERS, PROJECT_ROOT, reference_edition

REPORT_SENTENCE = "In recent years, smart specialisation has become a guiding concept"


def test_base_url_is_optional_and_checked(monkeypatch):
    """Without BRIEFING_BASE_URL no URL is made up; a set one gets a trailing slash; a bad one is refused."""
    monkeypatch.delenv(cite.BASE_URL_ENV, raising=False)
    assert cite.page_url("chapters/eu.html") is None
    monkeypatch.setenv(cite.BASE_URL_ENV, "https://briefing.example.org")
    assert cite.page_url("chapters/eu.html") == "https://briefing.example.org/chapters/eu.html"
    monkeypatch.setenv(cite.BASE_URL_ENV, "briefing.example.org")
    with pytest.raises(ValueError):
        cite.base_url()


def test_bibtex_keeps_the_corporate_author_whole(released_dataset):
    """The BibTeX entry of a released edition parses, gives its edition and year, and keeps the corporate author whole."""
    dataset = released_dataset
    entry = parse_string(cite.bibtex(dataset, "k", "The EU perspective", None), "bibtex").entries["k"]
    assert [str(p) for p in entry.persons["author"]] == ["{Editors of the Ruhr Smart Specialisation Briefing}"]
    assert (
        entry.fields["edition"] == str(dataset.publication.edition)
        and entry.fields["year"] == str(dataset.publication.release_date.year)
        and entry.fields["booktitle"] == "The Ruhr Smart Specialisation Briefing"
    )


def test_ris_record(released_dataset):
    """The RIS record of a released edition is a book chapter with author, titles, edition, date and (when known) the URL."""
    dataset = released_dataset
    record = cite.ris(dataset, "The EU perspective", "https://briefing.example.org/chapters/eu.html")
    assert record.startswith("TY  - CHAP\r\n") and record.endswith("ER  -\r\n")
    assert (
        f"ET  - {dataset.publication.edition}\r\n" in record
        and f"DA  - {dataset.publication.release_date:%Y/%m/%d}\r\n" in record
        and "UR  - https://briefing.example.org/chapters/eu.html\r\n" in record
    )


def test_preview_citations_say_preview_not_the_last_edition(preview_dataset):
    """A preview's reference, BibTeX, RIS and meta tags name the next edition as a preview and claim neither the last
    release nor a release date; its reference gives the year it was built, as its cover says the day (German review 2,
    finding 60)."""
    ds, state = preview_dataset, preview_dataset.edition_state
    assert state.preview and ds.publication.edition == state.last_release == state.number - 1
    n = state.number
    book = cite.book_reference(ds, today=dt.date(2027, 3, 1))
    assert book.endswith(f"The Ruhr Smart Specialisation Briefing, edition {n} — preview, not released.") and "(2027)" in book
    assert "(n.d.)" not in book and f"{ds.publication.release_date:%-d %B %Y}" not in book
    entry = parse_string(cite.bibtex(ds, "k", "The EU perspective", None), "bibtex").entries["k"]
    assert entry.fields["edition"] == f"{n} (preview, not released)" and "year" not in entry.fields
    record = cite.ris(ds, "The EU perspective", None)
    assert f"ET  - {n} (preview, not released)\r\n" in record and "DA  -" not in record and "PY  -" not in record
    tags = dict(cite.meta_tags(ds, "The EU perspective", None))
    assert tags["citation_inbook_title"].endswith(f"(Edition {n} — preview, not released)")
    assert "citation_publication_date" not in tags and "DC.date" not in tags


def test_citation_files_describe_the_last_release_during_a_preview(preview_dataset):
    """CITATION.cff and .zenodo.json of a preview describe the released edition publication.yml names, not the preview."""
    last = preview_dataset.edition_state.last_release
    assert f"version: edition {last}\n" in cite.citation_cff(preview_dataset) and "preview" not in cite.citation_cff(
        preview_dataset
    )
    assert f'"version": "edition {last}"' in cite.zenodo_json(preview_dataset)


def test_citation_cff_is_generated_and_valid(dataset):
    """CITATION.cff equals what the metadata generate and validates against the CFF 1.2.0 schema."""
    import jsonschema

    text = (PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert text == cite.citation_cff(dataset), "regenerate with: .venv/bin/python -m briefing cff > CITATION.cff"
    schema = json.loads((PROJECT_ROOT / "tests" / "schemas" / "citation-file-format-1.2.0.schema.json").read_text())
    jsonschema.validate(yaml.safe_load(text), schema, format_checker=jsonschema.FormatChecker())
    assert "doi" not in text.lower()


def test_downloads_hold_the_data_but_not_the_report(dataset, tmp_path):
    """The data download has every table, the dictionary and the licence, in files and one zip, without the report."""
    written = write_downloads(dataset, tmp_path)
    names = {p.name for p in written}
    assert {"contributions.csv", "contribution_themes.csv", "data-dictionary.csv", "LICENSE.txt", zip_name(dataset)} <= names
    archive = zipfile.ZipFile(tmp_path / zip_name(dataset))
    assert "briefing-data/contributions.csv" in archive.namelist()
    assert not any(n.endswith(".txt") and "report" in n for n in archive.namelist())
    assert all(REPORT_SENTENCE not in archive.read(n).decode("utf-8") for n in archive.namelist())
    assert "CC-BY-4.0" in (tmp_path / "LICENSE.txt").read_text()


@pytest.mark.book
@pytest.mark.parametrize("name", [n for n in CHAPTERS if f"chapters/{n}" not in UNCITED])
def test_every_chapter_has_a_cite_box_with_files(book, dataset, name):
    """Each chapter but the imprint and privacy page ends with a copyable reference (its edition as the data's state says,
    URL) and working BibTeX and RIS downloads."""
    page = BeautifulSoup(book.page(name), "html.parser")
    box = page.select_one("section#how-to-cite-this-chapter")
    title = page.select_one("h1").get_text().rstrip("#")
    reference = box.select_one("pre").get_text().strip()
    p, state = dataset.publication, dataset.edition_state
    number = f"{state.number} — preview, not released" if state.preview else str(state.number)
    assert f"{title}. In: The Ruhr Smart Specialisation Briefing, {reference_edition(dataset)}. {p.publisher}." in reference
    assert f"Reference (The Ruhr Smart Specialisation Briefing, edition {number})" in box.get_text()
    assert reference.endswith(f"{BASE_URL}chapters/{name}.html")
    assert page.select_one('a[href="#how-to-cite-this-chapter"]'), "listed in the page contents"
    bib = book.html / "cite" / f"chapters-{name}.bib"
    entry = next(iter(parse_string(bib.read_text(encoding="utf-8"), "bibtex").entries.values()))
    assert entry.fields["title"] == title and entry.fields["url"] == f"{BASE_URL}chapters/{name}.html"
    assert entry.fields["edition"] == (f"{state.number} (preview, not released)" if state.preview else str(state.number))
    ris = (book.html / "cite" / f"chapters-{name}.ris").read_text(encoding="utf-8")
    assert f"TI  - {title}" in ris
    links = {a["href"] for a in box.select("a[href]")}
    assert {f"../cite/chapters-{name}.bib", f"../cite/chapters-{name}.ris"} <= links


@pytest.mark.book
@pytest.mark.parametrize("name", CHAPTERS)
def test_every_page_carries_citation_meta_tags(book, dataset, name):
    """Highwire Press and Dublin Core tags name the chapter, the author, the book (a preview's: labelled, no date; a
    release's: its title and date) and the page's URL."""
    page = BeautifulSoup(book.page(name), "html.parser")
    meta = {}
    for tag in page.select("meta[name]"):
        meta.setdefault(tag["name"], []).append(tag["content"])
    title = page.select_one("h1").get_text().rstrip("#")
    assert meta["citation_title"] == [title] and meta["DC.title"] == [title]
    assert meta["citation_author"] == ["Editors of the Ruhr Smart Specialisation Briefing"]
    state, released = dataset.edition_state, dataset.publication.release_date
    if state.preview:
        assert "citation_publication_date" not in meta and "DC.date" not in meta  # a preview is not published
        label = f"Edition {state.number} — preview, not released"
        assert meta["citation_inbook_title"] == [f"The Ruhr Smart Specialisation Briefing ({label})"]
    else:
        assert meta["citation_publication_date"] == [f"{released:%Y/%m/%d}"] and meta["DC.date"] == [released.isoformat()]
        assert meta["citation_inbook_title"] == ["The Ruhr Smart Specialisation Briefing"]
    assert meta["citation_public_url"] == [f"{BASE_URL}chapters/{name}.html"]
    assert "citation_pdf_url" not in meta  # the PDF is the whole book's, not this page's
    assert meta["DC.rights"] == ["CC-BY-4.0"] and meta["citation_publisher"]


@pytest.mark.book
def test_every_contribution_has_its_own_citation(book, dataset):
    """Each contribution section cites the speaker, the event, this briefing and its own anchor, as a summary of the report."""
    pages = {p: BeautifulSoup(book.page(p), "html.parser") for p in ["eu", "international-experts", "ruhr-stakeholders"]}
    edition = reference_edition(dataset)
    for c in dataset.contributions:
        section = next(pg.select_one(f"section#{c.id}") for pg in pages.values() if pg.select_one(f"section#{c.id}"))
        text = " ".join(section.get_text().split()).replace("’", "'")
        assert f"Cite this contribution: {c.display_name}: {c.topic}. Contribution to" in text
        assert "as summarised from the organiser's report" in text and f"#{c.id}" in text
        assert edition in text


@pytest.mark.book
def test_report_is_cited_not_republished(book):
    """The report is in the references, but no built file carries its full text or offers it for download."""
    assert "Business Metropole Ruhr GmbH" in book.page("references")
    for path in book.html.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".txt", ".csv", ".js", ".md", ".ipynb"}:
            assert REPORT_SENTENCE not in path.read_text(encoding="utf-8", errors="ignore"), path
    assert not list(book.html.rglob("event-report-2020-06-18.txt"))


@pytest.mark.book
def test_published_anchors_still_exist(book):
    """Every page and anchor that an earlier edition published is still in the book."""
    from briefing.publish.anchors import follow, published_anchors

    current = set(published_anchors(book.html))
    listings = sorted((PROJECT_ROOT / "editions").glob("published-anchors-*.txt"))
    assert listings, "no published-anchors file in editions/"
    for listing in listings:
        wanted = [line for line in listing.read_text().splitlines() if line and not line.startswith("#")]
        missing = sorted(a for a in wanted if follow(a) not in current)
        assert wanted and not missing, (listing.name, missing)


def test_moved_pages_keep_their_anchors(tmp_path, monkeypatch):
    """A page in editions/redirects.yml counts its anchors as kept at the new address (its forwarding page: test_extension)."""
    from briefing.publish import anchors

    redirects = tmp_path / "redirects.yml"
    redirects.write_text("chapters/eu-perspective.html: chapters/eu.html\n", encoding="utf-8")
    monkeypatch.setattr(anchors, "redirects_file", lambda: redirects)
    assert anchors.follow("chapters/eu-perspective.html#engelmann") == "chapters/eu.html#engelmann"


@pytest.mark.book
def test_no_url_is_invented_without_a_base_url(unpublished_book):
    """Built without BRIEFING_BASE_URL, the pages carry no absolute URL of their own and no citation_public_url."""
    built = unpublished_book
    for name in CHAPTERS:
        html = built.page(name)
        assert "citation_public_url" not in html and BASE_URL not in html, name
    assert "UR  -" not in (built.html / "cite" / "chapters-eu.ris").read_text()


def test_deposit_metadata_is_generated_and_claims_no_doi(dataset):
    """.zenodo.json equals what the metadata generate: a report, open, licensed by SPDX id, with no DOI claimed."""
    text = (PROJECT_ROOT / ".zenodo.json").read_text(encoding="utf-8")
    assert text == cite.zenodo_json(dataset), "regenerate with: .venv/bin/python -m briefing zenodo > .zenodo.json"
    record = json.loads(text)
    assert {record["upload_type"], record["publication_type"], record["access_right"]} == {"publication", "report", "open"}
    assert record["license"] == dataset.publication.licence_text and "doi" not in record
    assert record["version"] == f"edition {dataset.publication.edition}" and record["language"] == "eng"
    assert [c["name"] for c in record["creators"]] == list(dataset.publication.authors)


def _anchors_of_one_page(root: Path, html: str) -> list[str]:
    """Write one chapter page chapters/x.html with this HTML under root and return the book's published anchors."""
    from briefing.publish.anchors import published_anchors

    (root / "chapters").mkdir()
    (root / "chapters" / "x.html").write_text(html, encoding="utf-8")
    return published_anchors(root)


def test_an_old_anchor_kept_as_an_alias_counts_as_published(tmp_path):
    """A renamed section that keeps its old id as an alias target (an empty span at its start) keeps that address."""
    html = '<section id="new-name">\n<span id="old-name"></span><h2>New name</h2><p><span id="not-an-alias"></span></p></section>'
    assert _anchors_of_one_page(tmp_path, html) == ["chapters/x.html", "chapters/x.html#new-name", "chapters/x.html#old-name"]


def test_docutils_numbered_ids_are_not_published_addresses(tmp_path):
    """An id docutils numbers itself (id32) at a section's start shifts with the page, so it is not listed as published."""
    html = '<section id="options">\n<span id="id32"></span><span id="old-options"></span><h2>Options</h2></section>'
    assert _anchors_of_one_page(tmp_path, html) == ["chapters/x.html", "chapters/x.html#options", "chapters/x.html#old-options"]


def test_the_german_editions_pages_are_published_addresses_too(tmp_path):
    """A built German edition's chapter pages and sections (de/chapters/…) are listed beside the English ones."""
    from briefing.publish.anchors import published_anchors

    for folder in ("chapters", "de/chapters"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "eu.html").write_text('<section id="engelmann"><h2>Engelmann</h2></section>', encoding="utf-8")
    assert published_anchors(tmp_path) == [
        "chapters/eu.html",
        "chapters/eu.html#engelmann",
        "de/chapters/eu.html",
        "de/chapters/eu.html#engelmann",
    ]


#: The Highwire Press tags that decide a page's item type in Zotero's Embedded Metadata translator (its hwType; the
#: last one found wins) and in Google Scholar's inclusion guidelines: one page, one of these types.
ITEM_TYPE_TAGS = {
    "citation_journal_title": "journalArticle",
    "citation_technical_report_institution": "report",
    "citation_technical_report_number": "report",
    "citation_conference_title": "conferencePaper",
    "citation_conference": "conferencePaper",
    "citation_book_title": "bookSection",
    "citation_inbook_title": "bookSection",
    "citation_dissertation_institution": "thesis",
}


def item_types(names: list[str]) -> set[str]:
    """Return the item types a page's meta tag names claim."""
    return {ITEM_TYPE_TAGS[n] for n in names if n in ITEM_TYPE_TAGS}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_meta_tags_describe_one_item_type_a_part_of_the_book(dataset, released_dataset, lang):
    """A page's meta tags, of a preview or a release, in English or German, claim one item type: a part of the book."""
    with in_language(lang):
        for ds in (dataset, released_dataset):
            tags = cite.meta_tags(ds, "The EU perspective", f"{BASE_URL}chapters/eu.html")
            assert item_types([name for name, _ in tags]) == {"bookSection"}, tags


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_contribution_is_cited_as_a_part_with_its_talk_in_text_and_bibtex_alike(released_dataset, lang):
    """Every contribution's copied reference names the speaker and the talk's title (no bracketed event), then 'In:' this
    edition with its date and the section's URL, and its BibTeX holds the same title, book, edition, date and URL."""
    with in_language(lang):
        ds = load_dataset(released_dataset.data_dir)
        p = ds.publication
        for c in ds.contributions:
            url = f"{BASE_URL}chapters/eu.html#{c.id}"
            reference, title = cite.contribution_reference(ds, c, url), cite.contribution_title(ds, c)
            assert title.startswith(f"{c.display_name}: {c.topic}. ") and ds.event.title in title and "[" not in title
            assert reference == f"{title}. In: {cite.book_reference(ds)} {url}"
            assert f"{p.title}, " in reference and format_date(p.release_date) in reference
            entry = parse_string(cite.contribution_bibtex(ds, c, url), "bibtex").entries[cite.contribution_key(ds, c)]
            assert entry.type == "incollection" and entry.fields["booktitle"] == p.title
            assert entry.fields["edition"] == str(p.edition) and entry.fields["date"] == p.release_date.isoformat()
            assert entry.fields["url"] == url and c.display_name in entry.fields["title"]
            assert entry.fields["title"].replace("\\&", "&") == title.replace("’", "'")


@pytest.mark.book
def test_every_built_page_claims_one_item_type(book):
    """Every page of both editions that carries citation meta tags claims exactly one item type, a part of the book."""
    pages = [p for p in book.html.rglob("*.html") if "_static" not in p.parts]
    checked = 0
    for path in pages:
        names = [m["name"] for m in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select("meta[name]")]
        if "citation_title" in names:
            assert item_types(names) == {"bookSection"}, path
            checked += 1
    assert checked >= 2 * len(CHAPTERS)


@pytest.mark.book
@pytest.mark.parametrize("edition", ["", "de/"])
def test_each_contribution_shows_its_bibtex_as_its_file_holds_it(book, dataset, edition):
    """Each contribution's section shows its BibTeX record (to read and copy) exactly as its downloadable .bib file,
    beside a copied reference that starts with the speaker and the talk's title and ends with the section's URL."""
    pages = {
        name: BeautifulSoup(book.html.joinpath(edition, "chapters", f"{name}.html").read_text("utf-8"), "html.parser")
        for name in CHAPTERS
    }
    for c in dataset.contributions:
        name, section = next(
            (n, page.select_one(f"section#{c.id}")) for n, page in pages.items() if page.select_one(f"section#{c.id}")
        )
        shown = section.select_one("details.briefing-bibtex pre").get_text()
        assert shown == (book.html / edition / "cite" / f"contribution-{c.id}.bib").read_text(encoding="utf-8")
        reference = " ".join(section.select_one("p.briefing-contribution-cite").get_text().split())
        assert f": {c.display_name}: " in reference and "[" not in reference
        assert reference.endswith(f" {BASE_URL}{edition}chapters/{name}.html#{c.id}")


def _page_with_box(dataset, docname: str) -> nodes.document:
    """Return a one-section page after add_cite_box has run on it as the given page."""
    document = new_document(docname, get_default_settings(Parser))
    section = nodes.section(ids=["page"])
    section += nodes.title("Page", "Page")
    document += section
    with in_language("en"):
        add_cite_box(docname, document, dataset, None)
    return document


@pytest.mark.parametrize(
    ("docname", "box", "from_report"),
    [
        ("chapters/eu", True, True),
        ("chapters/references", True, False),
        ("chapters/data-and-method", True, False),
        ("chapters/revisions", True, False),
        ("chapters/imprint", False, False),
        ("chapters/privacy", False, False),
    ],
)
def test_the_cite_box_says_only_what_is_true_of_its_page(dataset, docname, box, from_report):
    """The imprint and privacy page get no cite box; only a page that summarises the report says it does."""
    document = _page_with_box(dataset, docname)
    found = [s for s in document.findall(nodes.section) if "briefing-cite" in s["classes"]]
    assert bool(found) == box
    assert [n for n in document.findall(nodes.Element) if "how-to-cite-this-chapter" in n["ids"]]  # old links still land
    assert ("summarises the organiser’s report" in document.astext()) == from_report


@pytest.mark.parametrize(
    ("spdx", "shown"),
    [("CC-BY-4.0", "CC BY 4.0"), ("CC-BY-SA-4.0", "CC BY-SA 4.0"), ("CC-BY-NC-ND-4.0", "CC BY-NC-ND 4.0"), ("MIT", "MIT")],
)
def test_a_licence_is_shown_to_readers_as_its_licensor_writes_it(spdx, shown):
    """A Creative Commons SPDX id reads as Creative Commons writes it; any other id stays as it is."""
    assert cite.licence_name(spdx) == shown


def test_the_print_cover_names_the_licences_as_readers_know_them(dataset):
    """The print cover names the licences as the web footer does (readers' names, one semicolon); metadata the SPDX id."""
    with in_language("en"):
        page = cover(dataset, None)
        meta = dict(cite.meta_tags(dataset, "The EU perspective", None))
    assert "Text and data: CC BY 4.0; code: MIT" in page and "CC-BY-4.0" not in page
    assert meta["DC.rights"] == "CC-BY-4.0"
