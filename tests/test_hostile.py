"""Hostile input: one book built with a script payload in every free-text field of every file, in both languages."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from briefing.build.pdf import serve
from briefing.core.schema import EVENT_FILE, PUBLICATION_FILE, TABLES, Event, Publication
from briefing.text.urls import is_web_address, link_target
from helpers import BASE_URL, DATA, EVERY_PAGE, Build, Pending, background, make_project, pending_build
from hostile import CHECKED, FLAG, TEXT_PAYLOAD, free_text_fields, hostile_data

#: An address that runs script when followed, however it is written (case, leading space, entities decoded).
SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript|data):", re.IGNORECASE)
#: The same for an image's source, where the book's own figures are data: images (a PNG cannot run script).
SCRIPT_SRC = re.compile(r"^\s*(?:(?:javascript|vbscript):|data:(?!image/png;base64,))", re.IGNORECASE)


@background("hostile_book")
def ready_hostile_book(root: Path) -> Pending:
    """Make ready the build of the book, both editions, from data with a payload in every free-text field (the report aside)."""
    project = make_project(root / "project", hostile_data(DATA, root / "data"))
    return pending_build(project, BASE_URL, editions=None)


@pytest.fixture(scope="session")
def hostile_book(builds) -> Build:
    """The book built once, both editions, from data with a payload in every free-text field (the report aside)."""
    built = builds.result("hostile_book")
    assert built.returncode == 0, built.log[-5000:]
    return built


def test_every_free_text_field_of_the_schema_is_poisoned(tmp_path):
    """The hostile data put the payload into every free-text column of every table and metadata file, the bibliography and
    the German catalogue."""
    data = hostile_data(DATA, tmp_path / "data")
    for spec in TABLES:
        text = (data / spec.file).read_text(encoding="utf-8")
        header = text.splitlines()[0].split(",")
        for column in free_text_fields(spec.model):
            if column in header and column not in CHECKED.get(spec.file, set()):
                cells = [row[header.index(column)] for row in _rows(data / spec.file)]
                assert any(FLAG in cell for cell in cells), f"{spec.file}, column {column} carries no payload"
    for file, model in ((PUBLICATION_FILE, Publication), (EVENT_FILE, Event)):
        assert FLAG in (data / file).read_text(encoding="utf-8"), file
        assert len(free_text_fields(model)) > 3
    bib = (data / "references.bib").read_text(encoding="utf-8")
    assert bib.count(FLAG) >= 2 * bib.count("\n@")  # every entry's title and its authors at least
    german = (data / "translations" / "de.po").read_text(encoding="utf-8")
    assert german.count(FLAG) > 250  # every German text, translations of the metadata included


def _rows(path):
    """Read a CSV file's rows as lists."""
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.reader(file))[1:]


def test_no_page_holds_markup_from_the_data(hostile_book):
    """No built page of either edition has an element, attribute, link or script made from the data's text."""
    pages = sorted(hostile_book.html.rglob("*.html"))
    assert len(pages) >= len(EVERY_PAGE)
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(hostile_book.html)
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                value = " ".join(value) if isinstance(value, list) else value
                assert not (name.lower().startswith("on") and FLAG in value), f"{where}: <{element.name} {name}=…> from data"
                pattern = SCRIPT_SRC if name.lower() == "src" else SCRIPT_URL
                if name.lower() in {"href", "src", "action", "formaction"}:
                    assert not pattern.match(value), f"{where}: <{element.name} {name}={value[:60]!r}>"
            assert not (element.name == "img" and element.get("src") == "x"), f"{where}: an <img> element came from the data"
        for script in soup.find_all("script"):
            code = script.get_text()
            if FLAG in code:  # the data inside a script (table rows, JSON-LD): escaped, so it can neither end nor open one
                assert not re.search(r"<\s*/?\s*(?:script|img|b)\b", code, re.IGNORECASE), f"{where}: raw markup in a script"
                if script.get("type") == "application/ld+json":
                    json.loads(code)  # still valid JSON: the text is a string inside it


def test_no_injected_script_runs_and_the_payload_reads_as_text(hostile_book, browser):
    """In Chromium no page of either edition runs the data's script or links to javascript:, and the text shows as written."""
    shown = "<script>" + f"{FLAG}=1</script>"
    with serve(hostile_book.html) as base:
        context = browser.new_context()
        try:
            page = context.new_page()
            for name in EVERY_PAGE:
                page.goto(f"{base}/{name}", wait_until="networkidle")
                page.mouse.move(200, 300)
                assert page.evaluate(f"typeof {FLAG}") == "undefined", f"script from the data ran on {name}"
                links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
                assert not [link for link in links if SCRIPT_URL.match(link)], name
            for name in ("chapters/eu.html", "de/chapters/eu.html"):
                page.goto(f"{base}/{name}", wait_until="networkidle")
                assert shown in page.inner_text("main"), f"{name} does not show the data's text as written"
        finally:
            context.close()


def test_only_web_and_mail_addresses_become_links():
    """An address from the data becomes a link only as http(s) or mailto; javascript:, data: and others do not."""
    assert link_target("https://example.org/x?y=1") == "https://example.org/x?y=1"
    assert link_target("briefing@example.org") == "mailto:briefing@example.org"
    for hostile in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,<script>",
        "vbscript:x",
        "//evil.example",
        'https://example.org/"onmouseover=x',
        "mailto:a@b.c?bcc=x",
        "a@b",
    ):
        assert link_target(hostile) is None, hostile
    assert not is_web_address(TEXT_PAYLOAD)


def test_a_citation_file_keeps_hostile_text_inside_its_fields(dataset):
    """A title that closes a BibTeX field stays inside it: the chapter's BibTeX has no url but the book's own."""
    import dataclasses

    from pybtex.database import parse_string

    from briefing.publish import cite

    hostile = "X}, url = {javascript:alert(1)}, howpublished = {x @misc{y, title={z}}"
    publication = dataset.publication.model_copy(update={"title": hostile, "authors": [hostile]})
    ds = dataclasses.replace(dataset, publication=publication)
    entries = parse_string(cite.bibtex(ds, "key", hostile, "https://example.org/"), "bibtex").entries
    assert list(entries) == ["key"]
    fields = entries["key"].fields
    assert fields["url"] == "https://example.org/" and "howpublished" not in fields
    assert "javascript" in fields["title"] and "javascript" in fields["booktitle"]


def test_the_theme_writes_the_title_and_authors_as_text(hostile_book):
    """The navbar's title, the footer's authors and og:site_name read exactly as the data wrote them, in both editions."""
    from briefing import load_dataset
    from briefing.core.translations import localised

    english = load_dataset(hostile_book.project / "data", fresh=True)
    for prefix, ds in (("", english), ("de/", localised(english, "de"))):
        title, authors = ds.publication.title, ds.publication.authors
        assert FLAG in title
        for name in ("chapters/eu.html", "chapters/imprint.html", "search.html"):
            soup = BeautifulSoup((hostile_book.html / f"{prefix}{name}").read_text(encoding="utf-8"), "html.parser")
            assert soup.select_one(".logo__title").get_text(strip=True) == title, f"{prefix}{name}"
            preview = soup.find("meta", attrs={"property": "og:site_name"})  # the search page has no social preview
            assert preview is None if name == "search.html" else preview["content"] == title, f"{prefix}{name}"
            byline = soup.select_one(".component-author")
            assert byline is None or all(a in byline.get_text() for a in authors), f"{prefix}{name}"
