"""The brief's short PDF and Word file in the session's built book, in English and German, and the brief page's links."""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from briefing.build.brief_print import MAX_PAGES, brief_docx_name, brief_is_current, brief_pdf_name, write_page_count
from briefing.build.pdf import CHROMIUM
from briefing.core.translations import localised
from briefing.i18n.messages import in_language
from briefing.publish import cite
from helpers import BASE_URL

pytestmark = pytest.mark.book

#: Each edition's folder in the built site and the brief's headings on its page (by level), as the Word file has them,
#: then its list of the works it cites.
HEADINGS = {
    "en": [
        ("Heading 1", "The brief"),
        ("Heading 2", "Bottom line"),
        ("Heading 2", "What is open now"),
        ("Heading 2", "Options"),
        ("Heading 2", "Where to read on"),
        ("Heading 1", "Key messages"),
        ("Heading 1", "References"),
    ],
    "de": [
        ("Heading 1", "Das Briefing in Kürze"),
        ("Heading 2", "Fazit"),
        ("Heading 2", "Was heute offen ist"),
        ("Heading 2", "Optionen"),
        ("Heading 2", "Wo es weitergeht"),
        ("Heading 1", "Kernaussagen"),
        ("Heading 1", "Literatur"),
    ],
}
FOLDER = {"en": "", "de": "de/"}


def _text(text: str) -> str:
    """Return extracted PDF text with ligatures undone, apostrophes straightened and whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u00ad", "").split())


def _squashed(text: str) -> str:
    """Return text as _text() has it, without any white space: for finding a passage across line breaks."""
    return "".join(_text(text).split())


@pytest.fixture(scope="module", params=["en", "de"])
def edition(request, dataset):
    """One edition's language and its dataset as its build has it."""
    lang = request.param
    with in_language(lang):
        yield lang, localised(dataset, lang) if lang != "en" else dataset


@pytest.fixture(scope="module")
def printed(book, dataset, preview_book, preview_dataset):
    """The build whose brief PDFs this run printed, and its data: the shipped book while its data are a preview, else the
    preview build (a released edition's build prints no brief but offers the kept one, which test_book compares)."""
    return (book, dataset) if dataset.edition_state.preview else (preview_book, preview_dataset)


@pytest.fixture(scope="module")
def printed_edition(printed, edition):
    """One edition's language and the printed build's dataset as that edition has it."""
    lang = edition[0]
    return lang, localised(printed[1], lang) if lang != "en" else printed[1]


@pytest.fixture(scope="module")
def brief_pdf(printed, printed_edition):
    """The edition's brief PDF as this run printed it, from the built site's downloads, opened with pypdf, and the text of
    each page."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is needed to print the PDF")
    from pypdf import PdfReader

    lang, ds = printed_edition
    path = printed[0].html / FOLDER[lang] / "downloads" / brief_pdf_name(ds)
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return reader, [_text(page.extract_text()) for page in reader.pages]


@pytest.fixture(scope="module")
def brief_doc(book, edition):
    """The edition's brief Word file from the built site's downloads, opened with python-docx."""
    from docx import Document

    lang, ds = edition
    return Document(io.BytesIO((book.html / FOLDER[lang] / "downloads" / brief_docx_name(ds)).read_bytes()))


def test_brief_pdf_has_at_most_six_pages(brief_pdf):
    """The brief's PDF is a short A4 document: one to six pages (four for the brief and its key messages, up to two for
    the list of the works they cite)."""
    reader, _ = brief_pdf
    assert 1 <= len(reader.pages) <= MAX_PAGES
    assert all(round(float(p.mediabox.width)) == 595 and round(float(p.mediabox.height)) == 842 for p in reader.pages)


def test_brief_pdf_first_page_has_title_edition_and_citation(brief_pdf, printed_edition):
    """The first page opens with the title, the edition as this build labels it, and the ready citation with the address."""
    _, pages = brief_pdf
    lang, ds = printed_edition
    first = pages[0]
    assert _text(ds.publication.title) in first and _text(cite.edition_label(ds)) in first
    assert _text(cite.book_reference(ds)) in first and BASE_URL + FOLDER[lang] in first


def test_brief_pdf_has_the_briefs_headings_then_the_key_messages(brief_pdf, edition, dataset):
    """The PDF holds the brief's headings in order, then every key message's headline, and nothing web-only."""
    _, pages = brief_pdf
    lang, ds = edition
    text = _squashed(" ".join(pages))  # a line may break after a hyphen ("cutting-" / "edge")
    place = 0
    for _, title in HEADINGS[lang]:  # each after the one before ("Optionen" is also a word of the introduction)
        place = text.find(_squashed(title), place)
        assert place != -1, title
    assert [m.headline for m in ds.key_messages if _squashed(m.headline) not in text] == []
    assert "Download" not in text and "herunterladen" not in text  # the page's download line is screen-only


def test_brief_pdf_lists_every_work_it_cites_and_links_each_citation_to_it(brief_pdf):
    """Each label the brief's text cites ("[EFRE.NRW, n.d.c]") opens an entry of the PDF's own reference list, and its
    citations are links within the file, so that a reader on paper can trace every source."""
    reader, pages = brief_pdf
    text = " ".join(pages)
    heading = max(text.rfind(" References "), text.rfind(" Literatur "))
    body, listed = text[:heading], text[heading:]
    # a line may break after the hyphen of a long label ("Nordrhein-" / "Westfalen"): compare without that break
    norm = lambda s: re.sub(r"(?<=\w-) (?=\w)", "", " ".join(s.split()))
    cited = {norm(c) for c in re.findall(r"\[[^\[\]]+?, (?:\d{4}|n\.d\.|o\. J\.)[a-z]?\]", body)}
    listed = norm(listed)
    assert cited and {label for label in cited if label not in listed} == set()
    internal = [a for p in reader.pages for a in (p.get("/Annots") or []) if "/Dest" in a.get_object()]
    assert len(internal) >= len(cited)


def test_brief_pdf_says_what_it_is(brief_pdf, edition):
    """The PDF's document title (information and XMP) names the brief and its language is the edition's."""
    reader, _ = brief_pdf
    lang, ds = edition
    brief_word = "brief" if lang == "en" else "Briefing in Kürze"
    assert brief_word in reader.metadata.title and ds.publication.title in reader.metadata.title
    assert reader.xmp_metadata is not None and brief_word in str(reader.xmp_metadata.dc_title)
    assert str(reader.trailer["/Root"]["/Lang"]) == lang


def test_brief_docx_headings_are_the_briefs(brief_doc, edition):
    """The Word file's headings (by Word style) are the cover's title, the brief's sections and the key messages."""
    lang, ds = edition
    headings = [(p.style.name, p.text) for p in brief_doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == [("Title", ds.publication.title), *HEADINGS[lang]]


def test_brief_docx_has_lists_and_only_web_links(brief_doc, edition):
    """Open points and options are Word lists, every key message a numbered item; links are http(s) or mail only."""
    _, ds = edition
    styles = [p.style.name for p in brief_doc.paragraphs]
    assert styles.count("List Number") >= len(ds.options) + len(ds.key_messages) and "List Bullet" in styles
    links = [h.address for p in brief_doc.paragraphs for h in p.hyperlinks if h.address]  # not those to its own entries
    assert links and all(urlsplit(url).scheme in {"http", "https", "mailto"} for url in links), links
    assert any(url.startswith(BASE_URL) for url in links)  # the book's own pages at their published address


def test_brief_docx_is_in_the_editions_language(brief_doc, edition):
    """The Word file's language is the edition's and its cover line is written in it."""
    lang, ds = edition
    assert brief_doc.core_properties.language == lang
    assert cite.edition_label(ds) in brief_doc.paragraphs[1].text
    assert brief_doc.paragraphs[2].text.startswith("Literaturangabe" if lang == "de" else "Cite as")


def test_brief_docx_is_a4_and_every_citation_leads_to_its_entry(brief_doc):
    """The Word file's pages are A4; each in-text citation links to the entry of the works listed at its end, no two
    entries share a label, and no paragraph holds a line break."""
    from docx.oxml.ns import qn

    assert all((round(s.page_width.mm), round(s.page_height.mm)) == (210, 297) for s in brief_doc.sections)
    bookmarks = {b.get(qn("w:name")): p.text for p in brief_doc.paragraphs for b in p._p.findall(qn("w:bookmarkStart"))}
    labels = [text.split("] ")[0] for text in bookmarks.values()]
    assert labels and len(labels) == len(set(labels))
    cited = [(h.text, h.fragment) for p in brief_doc.paragraphs for h in p.hyperlinks if not h.address]
    assert cited and all(bookmarks[anchor].startswith(f"[{text}] ") for text, anchor in cited)
    assert not [p.text for p in brief_doc.paragraphs if "\n" in p.text]


def test_brief_docx_lists_its_works_in_the_reference_pages_order(book, edition, brief_doc):
    """The Word file's reference list follows the book's reference page (one A–Z order), not the order of citation."""
    lang, _ds = edition
    page = BeautifulSoup((book.html / FOLDER[lang] / "chapters" / "references.html").read_text(encoding="utf-8"), "html.parser")
    order = [span.get_text().strip("[]") for span in page.select("div.citation > span.label")]
    start = next(
        i for i, p in enumerate(brief_doc.paragraphs) if p.style.name == "Heading 1" and p.text in {"References", "Literatur"}
    )
    labels = [p.text.split("] ")[0].lstrip("[") for p in brief_doc.paragraphs[start + 1 :] if p.text.startswith("[")]
    assert labels and labels == sorted(labels, key=order.index)


def test_brief_page_links_both_files_and_they_resolve(book, edition, brief_pdf):
    """The brief's page offers its PDF with the page count and its Word file, and both links lead to files of the site."""
    lang, ds = edition
    page = book.html / FOLDER[lang] / "chapters" / "brief.html"
    line = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(".briefing-brief-downloads")
    assert line is not None and "screen-only" in line["class"]
    hrefs = {a.get_text(" ", strip=True): a["href"] for a in line.find_all("a")}
    pdf_label = next(label for label in hrefs if label.startswith("PDF"))
    from pypdf import PdfReader

    count = len(PdfReader(book.html / FOLDER[lang] / "downloads" / brief_pdf_name(ds)).pages)  # the file this page offers
    assert re.search(rf"\b{count} (pages|Seiten)\b", pdf_label), pdf_label
    targets = {urljoin(page.as_uri(), href) for href in hrefs.values()}
    names = {brief_pdf_name(ds), brief_docx_name(ds)}
    assert {t.rsplit("/", 1)[1] for t in targets} == names
    assert all(urlsplit(t).path and (book.html / FOLDER[lang] / "downloads" / t.rsplit("/", 1)[1]).is_file() for t in targets)


def test_download_menu_offers_the_brief(book, dataset):
    """Every page's download menu lists the brief's PDF and Word file after the whole book's PDF."""
    html = book.page("eu")
    whole = "Preview PDF" if dataset.edition_state.preview else "Edition PDF"
    assert "Brief (PDF)" in html and "Brief (Word)" in html and html.index(whole) < html.index("Brief (PDF)")


def test_brief_pdf_is_reprinted_only_when_its_pages_change(printed, tmp_path):
    """The brief's PDF stays current when only its own page count is written in, and not when its page changes."""
    build, ds = printed
    html = tmp_path / "html"
    shutil.copytree(build.html, html)
    with in_language("en"):  # the module's edition fixture may have left the German edition's language set
        target = build.project / "_build" / "pdf" / brief_pdf_name(ds)
        assert brief_is_current(html, target, BASE_URL)
        write_page_count(html, 9)
        assert brief_is_current(html, target, BASE_URL)
        page = html / "chapters" / "brief.html"
        page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<p>New.</p></article>"), encoding="utf-8")
        assert not brief_is_current(html, target, BASE_URL)


def test_brief_files_leave_out_the_german_abstract_and_its_announcement(brief_pdf, brief_doc):
    """Neither the brief's PDF nor its Word file has the overview's German abstract or the English line announcing it."""
    _, pages = brief_pdf
    words = " ".join(pages) + " ".join(p.text for p in brief_doc.paragraphs)
    assert "A summary of this briefing in German" not in words and "Kurzfassung." not in words


def test_brief_pdf_pages_run_on_without_a_half_empty_page(book, edition, brief_pdf):
    """Every page of the brief's PDF but the last is at least 70% full: no option is pushed whole to the next page."""
    from pdf_checks import page_fills

    lang, ds = edition
    fills = page_fills(book.html / FOLDER[lang] / "downloads" / brief_pdf_name(ds))
    assert [(n, round(f, 2)) for n, f in enumerate(fills[:-1], 1) if f < 0.7] == []
