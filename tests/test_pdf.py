"""The print edition: the PDF read back with pypdf (links, outline, tags, order, contents, text), tables checked in Chromium."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata

import pytest

from briefing.build.pdf import CHROMIUM, edition_base, is_current, pdf_name, serve
from briefing.build.print_edition import LANDSCAPE_MM, PORTRAIT_MM
from briefing.core.translations import localised
from briefing.i18n.messages import format_date, in_language
from briefing.publish import cite
from helpers import BASE_URL, preview_label, preview_label_de
from pdf_checks import (
    PdfReading,
    artifact_problems,
    chapter_starts,
    document_text,
    heading_last_on_a_page,
    language_tags,
    numbered_without_source,
    page_fills,
    read_pdf,
)

pytestmark = pytest.mark.book

#: Text that only makes sense on screen and must not be printed.
WEB_ONLY = [
    "use the button",
    "Rerun it",
    "Click a theme",
    "The button above",
    "search box",
    "Jupyter notebook (.ipynb)",
    "Show or hide",
    "Copy",
    "Search:",
]
LOCAL = re.compile(r"127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0|file:|/_print/|/tmp/", re.I)


def _text(text: str) -> str:
    """Return extracted PDF text with ligatures undone, words hyphenated at a line break joined, whitespace collapsed."""
    joined = re.sub(r"\u2010\s+", "", text)  # the hyphen Chromium shows where a soft hyphen breaks a word
    return " ".join(unicodedata.normalize("NFKC", joined).replace("\u2019", "'").split())


@pytest.fixture(scope="module")
def german_edition(preview_dataset):
    """The German edition's dataset and its PDF's file name."""
    with in_language("de"):
        ds = localised(preview_dataset, "de")
        return ds, pdf_name(ds)


@pytest.fixture(scope="module")
def readings(preview_book, preview_dataset, german_edition) -> dict[str, PdfReading]:
    """Both PDFs the preview book printed, by language, each read once (pypdf takes seconds a PDF) for every check here."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is needed to print the PDF")
    paths = {
        "en": preview_book.html / "downloads" / pdf_name(preview_dataset),
        "de": preview_book.html / "de" / "downloads" / german_edition[1],
    }
    return {lang: read_pdf(path) for lang, path in paths.items()}


@pytest.fixture(scope="module")
def pdf(readings):
    """The preview book's PDF (printed by its build), opened with pypdf, and the text of each page."""
    return readings["en"].reader, [_text(text) for text in readings["en"].texts]


@pytest.fixture(scope="module")
def pdf_de(readings):
    """The preview book's German PDF, opened with pypdf, and the text of each page."""
    return readings["de"].reader, [_text(text) for text in readings["de"].texts]


def _outline(reader) -> list[tuple[str, int, int]]:
    """Return every outline entry as (title, depth, page counted from 1)."""
    entries = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((_text(item.title), depth, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return entries


def test_cover_then_key_messages_and_the_brief_as_first_chapter(preview_book, pdf, preview_dataset):
    """Page 1 is the cover (title, subtitle, edition, date, publisher, licence, citation, address); page 2 starts the key
    messages; the brief is the first chapter after the contents."""
    _, pages = pdf
    p, state = preview_dataset.publication, preview_dataset.edition_state
    for fact in [
        p.title,
        p.subtitle,
        preview_label(state.number),  # not the last release, and no release date
        p.publisher,
        cite.licence_name(p.licence_text),  # "CC BY 4.0"
        "Suggested citation",
        BASE_URL,
    ]:
        assert _text(fact) in pages[0], fact
    assert f'href="../downloads/{pdf_name(preview_dataset)}"' in preview_book.page("index")
    first = min(preview_dataset.key_messages, key=lambda m: m.order)
    assert f"{p.release_date:%-d %B %Y}" not in pages[0] and f"edition {state.last_release}" not in pages[0].lower()
    assert pages[1].startswith(f"{p.title} · {preview_label(state.number)}") and "Key messages" in pages[1][:120]
    assert _text(first.headline) in pages[1]
    bottom_line = _text(next(b for b in preview_dataset.brief if b.section == "bottom-line").text)[:80]
    brief = next(i for i, page in enumerate(pages) if bottom_line in page)
    event = next(i for i, page in enumerate(pages) if i > 3 and "The event and its running order" in page[:300])
    assert brief < event, (brief, event)


def test_running_header_and_page_x_of_y(pdf, preview_dataset):
    """Every page after the cover carries the title and edition at the top and 'page X of Y' at the bottom."""
    _, pages = pdf
    p, label = preview_dataset.publication, preview_label(preview_dataset.edition_state.number)
    total = len(pages)
    assert f"{p.title} · {label}" not in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert f"{p.title} · {label}" in text, number
        assert f"page {number} of {total}" in text, number


def test_contents_give_real_start_pages(pdf, preview_dataset):
    """The contents list every chapter, annex and contribution with the page on which its heading really is."""
    reader, pages = pdf
    contents = next(p for p in pages[1:5] if "Contents" in p[:120])
    outline = _outline(reader)
    chapters = [(title, page) for title, depth, page in outline if depth == 0][3:]  # after cover, key messages, contents
    contributions = [
        (t, page)
        for t, _, page in outline
        if any(t.startswith(f"{c.honorific or ''} {c.speaker}".strip()) for c in preview_dataset.contributions)
    ]
    assert len(chapters) >= 7 and len(contributions) == len(preview_dataset.contributions)
    positions = []
    for title, page in chapters + contributions:
        listed = re.search(re.escape(title) + r" (\d+)\b", contents)
        assert listed, f"{title} is not in the contents"
        assert int(listed.group(1)) == page, (title, listed.group(1), page)
        assert title[:40] in pages[page - 1], (title, page)
        positions.append(listed.start())
    assert positions[: len(chapters)] == sorted(positions[: len(chapters)]), "chapters are listed in reading order"


def test_outline_has_every_chapter_and_contribution(pdf, preview_dataset):
    """The outline (bookmarks) has an entry for every chapter and every contribution."""
    reader, _ = pdf
    titles = [title for title, _, _ in _outline(reader)]
    assert titles[0] == preview_dataset.publication.title, "a heading broken over lines keeps its spaces in the outline"
    for heading in [
        "Key messages",
        "Contents",
        "The EU perspective",
        "The international experts",
        "The Ruhr stakeholders",
        "Themes across perspectives",
        "Data and method",
    ]:
        assert heading in titles, heading
    for c in preview_dataset.contributions:
        assert any(c.speaker in t and _text(c.topic) in t for t in titles), c.id
    assert any(t.startswith("Annex") for t in titles)


def test_tagged_with_language_and_metadata(pdf, preview_dataset):
    """The PDF is tagged (structure tree, marked content), names its language and has title, authors, subject and keywords."""
    reader, _ = pdf
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == preview_dataset.publication.language
    meta = reader.metadata
    assert preview_dataset.publication.title in meta["/Title"]
    assert meta["/Author"] == "; ".join(preview_dataset.publication.authors)
    assert meta["/Subject"] == preview_dataset.publication.subtitle
    assert "smart specialisation" in meta["/Keywords"] and preview_dataset.themes[0].label in meta["/Keywords"]


def test_links_go_to_the_published_address_or_inside_the_pdf(pdf):
    """No link goes to a local or temporary address; web links go to the base URL or elsewhere; cross-references jump inside."""
    reader, _ = pdf
    uris, internal = [], 0
    for page in reader.pages:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            action = annot.get("/A")
            if action is not None and action.get("/S") == "/URI":
                uris.append(str(action["/URI"]))
            elif "/Dest" in annot or (action is not None and action.get("/S") == "/GoTo"):
                internal += 1
    assert uris and not [u for u in uris if LOCAL.search(u)]
    assert all(re.match(r"(https?://|mailto:)", u) for u in uris), uris
    assert any(u.startswith(BASE_URL) for u in uris)
    assert internal >= 30  # the contents, the key messages' supporting contributions and the chapters' cross-references


def test_no_web_only_text(pdf):
    """Nothing that only makes sense on screen is printed: buttons, copy and download instructions, the 'Rerun it' line."""
    _, pages = pdf
    text = " ".join(pages)
    for phrase in WEB_ONLY:
        assert phrase not in text, phrase


def test_every_contribution_and_table_row(pdf, preview_dataset):
    """Every contribution, every theme link's evidence and every theme of the vocabulary is printed."""
    _, pages = pdf
    text = " ".join(pages)
    for c in preview_dataset.contributions:
        assert c.speaker in text and _text(c.topic) in text, c.id
    for link in preview_dataset.links:
        assert _text(link.evidence) in text, link.evidence
    for theme in preview_dataset.themes:
        assert _text(theme.label) in text, theme.id


def test_main_part_length(pdf):
    """The main part (cover to the end of the last chapter) takes 42 pages or fewer: about 30, plus the brief (three
    pages since its after-2027 point and ranked options) and the comparison of the later strategies that edition 3 added."""
    reader, _ = pdf
    first_annex = min(page for title, _, page in _outline(reader) if title.startswith("Annex"))
    assert first_annex - 1 <= 42, first_annex


def test_no_printed_table_cell_narrower_than_its_longest_word(preview_book, preview_dataset, browser):
    """In the laid-out print edition, no word in a table cell is broken or wider than its cell, and every table fits its page."""
    laid_out = (
        (preview_book.project / "_build" / "pdf" / pdf_name(preview_dataset)).with_suffix(".html").read_text(encoding="utf-8")
    )
    with serve(preview_book.html) as base:
        page = browser.new_page(viewport={"width": round(PORTRAIT_MM * 96 / 25.4), "height": 1100})
        page.emulate_media(media="print")
        page.goto(f"{base}/chapters/index.html")
        page.set_content(laid_out.replace("<head>", f'<head><base href="{base}/_print/">', 1), wait_until="networkidle")
        problems = page.evaluate(
            """([portrait, landscape]) => {
              const MM = 96 / 25.4, problems = [];
              document.querySelectorAll('.pdf-book table').forEach(t => {
                const limit = (t.closest('.pdf-landscape') ? landscape : portrait) * MM + 1;
                if (t.getBoundingClientRect().width > limit)
                  problems.push(`table wider than its page: ${t.caption?.textContent}`);
                t.querySelectorAll('td, th').forEach(cell => {
                  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                  const box = cell.getBoundingClientRect();
                  for (let node; (node = walker.nextNode());) {
                    for (const m of node.textContent.matchAll(/\\S+/g)) {
                      const range = document.createRange();
                      range.setStart(node, m.index);
                      range.setEnd(node, m.index + m[0].length);
                      const rects = [...range.getClientRects()].filter(r => r.width > 0);
                      // the whole word, even when a hyphen ends a line; a word hyphenated at a soft hyphen: its widest part
                      const width = /\u00ad/.test(m[0]) ? Math.max(...rects.map(r => r.width))
                        : rects.reduce((w, r) => w + r.width, 0);
                      const broken = rects.length > 1 && !/[-\u2010-\u2014/\u00ad]/.test(m[0]);
                      if (broken || width > box.width + 0.5)
                        problems.push(`${m[0]} (${Math.round(width)} px in ${Math.round(box.width)} px)`);
                    }
                  }
                });
              });
              return problems;
            }""",
            [PORTRAIT_MM, LANDSCAPE_MM],
        )
        page.close()
    assert problems == []


def test_unchanged_pages_are_not_reprinted(preview_book, preview_dataset, tmp_path):
    """The PDF counts as current only while every built page, asset and the base URL that go into it are unchanged."""
    html = tmp_path / "html"
    shutil.copytree(preview_book.html, html)
    shutil.copytree(preview_book.project / "_build" / "pdf", tmp_path / "pdf")
    target = tmp_path / "pdf" / pdf_name(preview_dataset)
    assert is_current(html, target, BASE_URL)
    assert not is_current(html, target, None)
    page = html / "chapters" / "eu.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<p>New sentence.</p></article>"), encoding="utf-8")
    assert not is_current(html, target, BASE_URL)


def test_book_links_the_print_stylesheet(preview_book):
    """Every page links the print design, so a chapter printed from the browser looks like the print edition."""
    for name in ["index", "eu", "themes"]:
        assert re.search(r'<link(?=[^>]*briefing-print\.css)(?=[^>]*media="print")[^>]*>', preview_book.page(name)), name
    assert (preview_book.html / "_static" / "briefing-print.css").is_file()


def test_without_base_url_links_become_plain_text(preview_book, preview_dataset, tmp_path):
    """Printed with no base URL, a link to a page left out of the PDF becomes plain text and no link leads to a local address."""
    from pypdf import PdfReader

    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is needed to print the PDF")
    html = tmp_path / "html"
    # The English edition's pages alone: the checks read its PDF, and the German one would be printed too (half the time).
    shutil.copytree(preview_book.html, html, ignore=lambda folder, names: ["de"] if folder == str(preview_book.html) else [])
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_BASE_URL"}  # a separate process: the session's browser runs here
    env["BRIEFING_DATA_DIR"] = str(preview_dataset.data_dir)  # the preview's data, as the book was built from
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "pdf", str(html), "--force"], check=False, capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    reader = PdfReader(tmp_path / "pdf" / pdf_name(preview_dataset))
    uris = [
        str(a.get_object()["/A"]["/URI"])
        for p in reader.pages
        for a in p.get("/Annots", [])
        if a.get_object().get("/A", {}).get("/S") == "/URI"
    ]
    assert not [u for u in uris if LOCAL.search(u) or u.startswith(BASE_URL)], uris
    text = _text(" ".join(p.extract_text() for p in reader.pages))
    assert "The privacy statement of the website: in the online edition." in text
    assert "no web address was set for this build" in _text(reader.pages[0].extract_text())


def test_a_chapter_printed_from_the_browser(site, browser):
    """A chapter printed from the browser gets the print design: 'page X of Y', no controls and no web-only instructions."""
    from pypdf import PdfReader

    page = browser.new_page()
    page.goto(site.url("themes"), wait_until="networkidle")
    page.wait_for_function("() => !document.querySelector('table[hidden][id]')")
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    page.close()
    pages = [_text(p.extract_text()) for p in reader.pages]
    assert f"page 1 of {len(pages)}" in pages[0] and "Themes across perspectives This chapter" in pages[0]
    for phrase in WEB_ONLY:
        assert phrase not in " ".join(pages), phrase


def test_german_pdf_has_its_own_name_in_the_german_downloads(preview_book, preview_dataset, german_edition):
    """The German PDF has an ASCII file name of its German title, distinct from the English, offered by the German book only."""
    _, name = german_edition
    n = preview_dataset.edition_state.number
    assert name == f"briefing-zur-intelligenten-spezialisierung-im-ruhrgebiet-ausgabe-{n}-vorschau.pdf"
    assert name != pdf_name(preview_dataset) and name.isascii()
    assert (preview_book.project / "_build" / "pdf" / name).is_file() and not (preview_book.html / "pdf").exists()
    german_index = (preview_book.html / "de" / "chapters" / "index.html").read_text(encoding="utf-8")
    assert f'href="../downloads/{name}"' in german_index and name not in preview_book.page("index")
    assert not (preview_book.html / "downloads" / name).exists()


def test_german_cover_then_german_key_messages(pdf_de, german_edition, preview_dataset):
    """The German PDF's cover is German (title, edition, date, licence, citation, address); page 2: key messages."""
    _, pages = pdf_de
    ds, _ = german_edition
    p = ds.publication
    for fact in [
        p.title,
        p.subtitle,
        preview_label_de(ds.edition_state.number),
        "Herausgeber",
        "Text und Daten: CC BY 4.0; Code: MIT",  # the licence as readers know it (its SPDX id stays in the metadata)
        "Literaturangabe",
        f"{BASE_URL}de/",
        "Die Zusammenfassungen geben wieder, wie die Redaktion den Bericht",
    ]:
        assert _text(fact) in pages[0], fact
    first = min(ds.key_messages, key=lambda m: m.order)
    english = min(preview_dataset.key_messages, key=lambda m: m.order)
    assert format_date(p.release_date, "de") not in pages[0] and pages[1].startswith(
        f"{p.title} · {preview_label_de(ds.edition_state.number)}"
    )
    assert _text(first.headline) in pages[1] and _text(english.headline) not in pages[1]


def test_german_pages_say_seite_x_von_y(pdf_de, german_edition):
    """Every page of the German PDF after the cover carries the German running header and 'Seite X von Y'."""
    _, pages = pdf_de
    p, label = german_edition[0].publication, preview_label_de(german_edition[0].edition_state.number)
    for number, text in enumerate(pages[1:], start=2):
        assert f"{p.title} · {label}" in text, number
        assert f"Seite {number} von {len(pages)}" in text and f"page {number} of" not in text, number


def test_german_contents_annexes_and_left_out_lines(pdf_de, german_edition):
    """The German PDF lists its contents under 'Inhalt', names annexes 'Anhang', points left-out parts to de/."""
    reader, pages = pdf_de
    text = " ".join(pages)
    assert any("Inhalt" in p[:200] for p in pages[1:5])
    titles = [title for title, _, _ in _outline(reader)]
    assert "Anhang A: Datenwörterbuch" in titles and not [t for t in titles if t.startswith("Annex")]
    assert f"Die Datenschutzerklärung der Website: in der Online-Ausgabe unter {BASE_URL}de/chapters/privacy.html." in text
    assert "in the online edition" not in text


def test_german_pdf_says_it_is_german(pdf_de, german_edition):
    """The German PDF names its language de (tagged) and has a German title and keywords in its document information."""
    reader, _ = pdf_de
    p = german_edition[0].publication
    assert reader.trailer["/Root"]["/Lang"] == "de"
    assert reader.metadata["/Title"] == f"{p.title} ({preview_label_de(german_edition[0].edition_state.number)})"
    assert reader.metadata["/Subject"] == p.subtitle and "intelligente Spezialisierung" in reader.metadata["/Keywords"]


def test_each_edition_is_reprinted_only_for_its_own_changes(preview_book, preview_dataset, german_edition, tmp_path):
    """A changed German page makes only the German PDF out of date; the English PDF's inputs leave out the German pages."""
    html = tmp_path / "html"
    shutil.copytree(preview_book.html, html)
    shutil.copytree(preview_book.project / "_build" / "pdf", tmp_path / "pdf")
    english = tmp_path / "pdf" / pdf_name(preview_dataset)
    with in_language("de"):
        assert is_current(html / "de", tmp_path / "pdf" / german_edition[1], edition_base(BASE_URL))
    page = html / "de" / "chapters" / "eu.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<p>Neuer Satz.</p></article>"), encoding="utf-8")
    with in_language("de"):
        assert not is_current(html / "de", tmp_path / "pdf" / german_edition[1], edition_base(BASE_URL))
    assert is_current(html, english, BASE_URL)


def test_a_planned_part_missing_from_the_book_is_an_error(preview_book, preview_dataset, tmp_path):
    """If the print plan names a section the built book no longer has, printing fails with a message naming it."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is needed to print the PDF")
    html = tmp_path / "html"
    shutil.copytree(preview_book.html, html)
    script = (
        "import sys; from pathlib import Path; from briefing import load_dataset\n"
        "from briefing.build import book as build, print_edition\n"
        "planned = print_edition.annexes\n"
        "print_edition.annexes = lambda: [*planned(), print_edition.Part('chapters/themes.html', 'no-such-section', 'Gone')]\n"
        "sys.exit(build.print_pdf(Path(sys.argv[1]), load_dataset(), sys.stdout, required=True, force=True))\n"
    )
    env = {**os.environ, "BRIEFING_DATA_DIR": str(preview_dataset.data_dir)}  # the preview's data, as the book was built from
    result = subprocess.run([sys.executable, "-c", script, str(html)], check=False, capture_output=True, text=True, env=env)
    assert result.returncode == 4, result.stdout + result.stderr
    assert "chapters/themes.html#no-such-section" in result.stdout


def test_no_banned_phrase_in_the_pdf_before_its_change_log(pdf):
    """None of the over-claiming phrases edition 3 removed is printed anywhere before the change log (which may quote
    the old wording it replaced)."""
    from test_brief import BANNED

    _, pages = pdf
    end = next((i for i, page in enumerate(pages) if i > 10 and "What changed between editions" in page), len(pages))
    text = " ".join(pages[:end])
    assert end > 10 and not [phrase for phrase in BANNED if phrase in text]


@pytest.fixture(scope="module")
def printed(readings, pdf, pdf_de):
    """Both PDFs of the preview book by language: its path and its pages' text."""
    return {"en": (readings["en"].path, pdf[1]), "de": (readings["de"].path, pdf_de[1])}


#: Text meant for the screen or for the book's maintainers, in each language's PDF.
WEB_ONLY_BY_LANGUAGE = {
    "en": [
        "Scroll sideways",
        "click a perspective",
        "data/publication.yml",
        "How to update the data and rebuild",
        "How theme links are suggested",
        "PDF of this preview",
    ],
    "de": [
        "Seitlich scrollen",
        "click a perspective",
        "data/publication.yml",
        "Wie die Daten aktualisiert und das Buch",
        "Wie Themenverknüpfungen für das nächste Briefing",
        "PDF dieser Vorschau",
    ],
}


@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_web_only_or_maintainers_text_on_paper(printed, lang):
    """Neither PDF prints scrolling or clicking hints, notes for maintainers, the link to itself or button labels."""
    text = " ".join(printed[lang][1])
    assert [phrase for phrase in WEB_ONLY_BY_LANGUAGE[lang] if phrase in text] == []


@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_type_under_7_5_pt(readings, lang):
    """No text in either PDF is set smaller than 7.5 pt (read from the PDF's text matrices)."""
    size, where = readings[lang].smallest
    assert size >= 7.45, (size, where)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_running_header_and_footer_are_artifacts(printed, lang):
    """Every drawing outside the tagged content (running header, footer, backgrounds) is marked as an artifact."""
    assert artifact_problems(printed[lang][0]) == []


@pytest.mark.parametrize("lang", ["en", "de"])
def test_xmp_metadata_and_pdf_ua_identifier(printed, lang, preview_dataset, german_edition):
    """Both PDFs carry XMP metadata (title, authors, language) with the PDF/UA-1 identifier, and show their title."""
    import pikepdf

    publication = (preview_dataset if lang == "en" else german_edition[0]).publication
    with pikepdf.open(printed[lang][0]) as pdf:
        meta = pdf.open_metadata()
        assert meta.get("pdfuaid:part") == "1"
        assert publication.title in str(meta.get("dc:title")) and lang in str(meta.get("dc:language"))
        assert list(meta.get("dc:creator")) == list(publication.authors)
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) and pdf.pdf_version >= "1.7"


def test_passages_in_the_other_language_carry_their_own_tag(printed):
    """The German PDF tags the report's English quotations 'en', the English PDF German terms 'de'; every figure has alt text."""
    english_in_german, figures_de = language_tags(printed["de"][0], "en")
    german_in_english, figures_en = language_tags(printed["en"][0], "de")
    assert english_in_german >= 100 and german_in_english >= 10, (english_in_german, german_in_english)
    assert figures_de and figures_en and all(figures_de + figures_en), "a figure without alt text"


@pytest.mark.parametrize("lang", ["en", "de"])
def test_tables_and_figures_numbered_with_a_source_line(printed, lang):
    """Tables and figures are numbered 1, 2, … through the book, each followed by its 'Source:' line."""
    words = {"en": ("Table", "Figure", "Source:"), "de": ("Tabelle", "Abbildung", "Quelle:")}[lang]
    numbers, missing = numbered_without_source(document_text(printed[lang][0]), *words)
    assert numbers["table"] == list(range(1, len(numbers["table"]) + 1)) and len(numbers["table"]) >= 10, numbers
    assert numbers["figure"] == [1], numbers
    assert missing == []


@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_page_under_40_percent_full_except_before_a_chapter(printed, lang):
    """Every page is at least 40% full, except the cover, the last page and a page before a chapter starts."""
    path = printed[lang][0]
    starts = chapter_starts(path)
    fills = page_fills(path)
    low = [(n, round(f, 2)) for n, f in enumerate(fills, 1) if f < 0.4 and n not in {1, len(fills)} and n + 1 not in starts]
    assert low == []


@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_heading_last_on_a_page(printed, lang):
    """No heading (an entry of the outline) is the last line of its page or broken over two pages."""
    assert heading_last_on_a_page(printed[lang][0]) == []
