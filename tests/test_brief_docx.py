"""The brief's Word file, written from docutils trees without a build: headings, lists, links, language, hostile text."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from docutils import nodes

from briefing.build.brief_print import brief_docx_name, brief_pdf_name, pages_phrase, without_page_count, write_page_count
from briefing.core.translations import localised
from briefing.i18n.messages import in_language
from briefing.publish.brief import cover_line, made_on
from briefing.publish.brief_docx import PROPERTY_LIMIT, brief_docx, fit, web_link
from briefing.sections.docnodes import bullets, para, strong

DAY = dt.date(2026, 12, 6)
PROPERTIES = {"title": "T", "author": "A", "subject": "S", "keywords": "K"}
PAGE = "https://briefing.example.org/chapters/brief.html"
HOSTILE = '<script>alert(1)</script> & ]]> \x00\x0b "quotes" {{braces}}'


def section(title: str, *children: nodes.Node, ids: tuple[str, ...] = ()) -> nodes.section:
    """Return a section with a title and children."""
    out = nodes.section(ids=list(ids))
    out += nodes.title(title, title)
    out += list(children)
    return out


def link(text: str, uri: str) -> nodes.reference:
    """Return a link node as the page has it."""
    return nodes.reference(text, text, refuri=uri)


def brief_tree() -> list[nodes.Element]:
    """Return a brief-shaped tree: the page with its sections and lists, then the key messages."""
    page = section(
        "The brief",
        para("Two pages for a decision."),
        para("Download this brief", classes=["briefing-brief-downloads", "screen-only"]),
        section(
            "Bottom line",
            para("The line, resting on ", link("a report", "https://example.org/report"), "."),
            para(nodes.inline("Organiser's report", "Organiser's report", classes=["briefing-source"]), " Dr. X"),
        ),
        section(
            "What is open now",
            bullets([[para(strong("Delivery:"), " open.")], [para("Monitoring"), para("continued")]]),
        ),
        section(
            "Options",
            bullets(
                [
                    [para(link("bad", "javascript:alert(1)"), " and ", link("inside", "eu.html#engelmann"))],
                    [para("second", link(" mail", "mailto:editors@example.org"))],
                ],
                enumerated=True,
            ),
        ),
        section("How to cite this chapter", para("cite box"), ids=("how-to-cite-this-chapter",)),
    )
    page.children[-1]["classes"] = ["briefing-cite"]
    messages = section("Key messages", bullets([para("first"), para("second")], enumerated=True), ids=("key-messages",))
    return [page, messages]


@pytest.fixture(scope="module")
def written(dataset):
    """The shipped data's cover line and a brief-shaped tree written as a Word file (published address known)."""
    from docx import Document

    data = brief_docx(cover_line(dataset, "https://briefing.example.org/", DAY), brief_tree(), "en", PAGE, PROPERTIES, DAY)
    return data, Document(io.BytesIO(data))


def test_headings_are_word_headings_in_the_page_order(written):
    """The cover's title is in Word's Title style, the page and key messages Heading 1, their sections Heading 2."""
    _, doc = written
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0][0] == "Title"
    assert headings[1:] == [
        ("Heading 1", "The brief"),
        ("Heading 2", "Bottom line"),
        ("Heading 2", "What is open now"),
        ("Heading 2", "Options"),
        ("Heading 1", "Key messages"),
    ]


def test_lists_are_word_lists_and_each_numbered_list_starts_at_one(written):
    """Bullets and numbers use Word's list styles, later paragraphs continue the item, each numbered list counts anew."""
    _, doc = written
    styles = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("List")]
    assert ("List Bullet", "Delivery: open.") in styles and ("List Continue", "continued") in styles
    numbered = [p for p in doc.paragraphs if p.style.name == "List Number"]
    num_ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert len(numbered) == 4 and num_ids[0] == num_ids[1] and num_ids[2] == num_ids[3] and num_ids[0] != num_ids[2]
    assert all(p.runs[0].bold for p in doc.paragraphs if p.text == "Delivery: open.")


def test_only_web_and_mail_addresses_become_links(written):
    """A javascript: link stays text, a link within the book leads to its published page, mail and https stay links."""
    _, doc = written
    links = {h.text: h.address for p in doc.paragraphs for h in p.hyperlinks}
    assert links["a report"] == "https://example.org/report"
    assert links["inside"] == "https://briefing.example.org/chapters/eu.html#engelmann"
    assert links[" mail"] == "mailto:editors@example.org"
    assert "bad" not in links and all(url.startswith(("https://", "mailto:")) for url in links.values())


def test_without_a_published_address_book_links_stay_text():
    """Without a base URL a link within the book cannot lead anywhere, so it is plain text; web links stay."""
    assert web_link("eu.html#engelmann", None) is None
    assert web_link("https://example.org/x", None) == "https://example.org/x"
    assert web_link("data:text/html,x", PAGE) is None


def test_screen_only_lines_and_the_cite_box_are_left_out(written):
    """The page's download line and its cite box are not in the file; the cover line gives the citation."""
    _, doc = written
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Download this brief" not in text and "cite box" not in text
    assert "Cite as: " in text and "https://briefing.example.org/" in text


def test_cover_line_has_title_preview_edition_and_citation(written, dataset):
    """The first paragraphs give the title, the preview's edition label and date, and the ready citation."""
    from briefing.publish import cite

    _, doc = written
    first = [p.text for p in doc.paragraphs[:3]]
    assert first[0] == dataset.publication.title
    assert cite.edition_label(dataset) in first[1] and "6 December 2026" in first[1]
    assert cite.book_reference(dataset) in first[2]


def test_hostile_text_is_written_as_text(dataset):
    """Markup, XML specials and control characters from the data end up as plain text in a file Word can open."""
    from docx import Document

    tree = [section(HOSTILE, para(HOSTILE, link(HOSTILE, 'https://example.org/a"b')))]
    data = brief_docx(cover_line(dataset, None, DAY), tree, "en", None, PROPERTIES, DAY)
    doc = Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    assert '<script>alert(1)</script> & ]]>  "quotes" {{braces}}' in texts
    assert not [h for p in doc.paragraphs for h in p.hyperlinks]  # the quote in the address makes it no link
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert b"<script>" not in z.read("word/document.xml")


@pytest.mark.parametrize(("lang", "tag"), [("en", "en-GB"), ("de", "de-DE")])
def test_the_file_is_in_the_editions_language(dataset, lang, tag):
    """Word's default language and the document's language are the edition's; the German cover is German."""
    from docx import Document
    from docx.oxml.ns import qn

    with in_language(lang):
        ds = localised(dataset, lang) if lang != "en" else dataset
        doc = Document(io.BytesIO(brief_docx(cover_line(ds, None, DAY), brief_tree(), lang, None, PROPERTIES, DAY)))
        word = "Zitiervorschlag" if lang == "de" else "Cite as"
    lang_el = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang_el.get(qn("w:val")) == tag and doc.core_properties.language == lang
    assert doc.paragraphs[2].text.startswith(word)


def test_the_same_content_gives_the_same_file(dataset):
    """Two writes of the same content on the same day are byte for byte the same (no build reprints a changed file)."""
    write = lambda: brief_docx(cover_line(dataset, None, DAY), brief_tree(), "en", None, PROPERTIES, DAY)
    assert write() == write()


def test_names_are_stable_language_and_preview_marked(dataset):
    """The brief's files are named like the whole PDF, marked as a preview and as the brief, in each language."""
    assert brief_pdf_name(dataset) == "the-ruhr-smart-specialisation-briefing-edition-3-preview-brief.pdf"
    assert brief_docx_name(dataset) == "the-ruhr-smart-specialisation-briefing-edition-3-preview-brief.docx"
    with in_language("de"):
        name = brief_pdf_name(localised(dataset, "de"))
    assert name == "briefing-zur-intelligenten-spezialisierung-im-ruhrgebiet-ausgabe-3-vorschau-kurzfassung.pdf"


def test_a_released_edition_dates_its_brief_by_its_release(released_dataset):
    """A released edition's brief gives its release date, not the day it was made."""
    line = cover_line(released_dataset, None, DAY)
    assert made_on(released_dataset, DAY) == released_dataset.publication.release_date
    assert "released" in line.date and "preview" not in line.edition


def test_page_count_is_written_into_the_page_and_left_out_of_its_fingerprint(tmp_path):
    """The brief's page gets its PDF's page count in its language; the page's fingerprint text does not change with it."""
    page = tmp_path / "chapters" / "brief.html"
    page.parent.mkdir()
    page.write_text('<a href="x.pdf">PDF<span class="briefing-brief-pages"></span></a>', encoding="utf-8")
    write_page_count(tmp_path, 3)
    written = page.read_text(encoding="utf-8")
    assert 'PDF<span class="briefing-brief-pages"> (3 pages)</span>' in written
    assert without_page_count(written) == '<a href="x.pdf">PDF<span class="briefing-brief-pages"></span></a>'
    with in_language("de"):
        assert pages_phrase(4) == " (4 Seiten)"


def test_long_document_properties_are_cut_to_words_limit():
    """A property longer than Word's 255 characters (the keywords of many themes) is cut at a list separator."""
    keywords = "; ".join(f"theme number {i}" for i in range(40))
    cut = fit(keywords)
    assert len(cut) <= PROPERTY_LIMIT and keywords.startswith(cut) and not cut.endswith(";")
    assert len(fit("x" * 600)) <= PROPERTY_LIMIT


def test_source_labels_are_set_apart_in_italics(written):
    """The label saying which kind of source a statement rests on is italic, so it does not run into the names after it."""
    _, doc = written
    runs = [r for p in doc.paragraphs for r in p.runs if r.text == "Organiser's report"]
    assert runs and all(r.italic for r in runs)
