"""The brief's Word file, written from docutils trees without a build: headings, lists, links, language, hostile text."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from docutils import nodes

from briefing.build.brief_print import brief_docx_name, brief_pdf_name, pages_phrase, without_page_count, write_page_count
from briefing.core.translations import localised
from briefing.i18n.messages import in_language
from briefing.publish.brief import cover_line, made_on
from briefing.publish.brief_docx import CHAPTER, CITES, PROPERTY_LIMIT, BriefWriter, Work, brief_docx, fit, web_link
from briefing.sections.docnodes import bullets, para, strong

#: The WordprocessingML namespace (its field instructions).
NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
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


def citation(label: str, anchor: str) -> nodes.inline:
    """Return an in-text citation as the resolved page has it ("[<a>label</a>]"), marked with its work as the build marks it."""
    ref = link(label, f"references.html#{anchor}")
    ref[CITES] = anchor
    return nodes.inline("", "", nodes.Text("["), ref, nodes.Text("]"), classes=["bibtex-citation"])


def chapter_link(text: str, uri: str, chapter: str) -> nodes.reference:
    """Return a link to another chapter, marked with its title as the build marks it for a file without a published address."""
    ref = link(text, uri)
    ref[CHAPTER] = chapter
    return ref


def source_tag(text: str) -> nodes.inline:
    """Return the label of the kind of source a statement rests on."""
    return nodes.inline(text, text, classes=["briefing-source"])


#: Two works of one body and year, as the reference list has them (a hostile note in the second).
WORKS = [
    Work(
        "id49",
        "EFRE.NRW, n.d.a",
        para("EFRE.NRW. Arbeitsausschuss. URL: ", link("https://example.org/a", "https://example.org/a"), "."),
    ),
    Work(
        "id50", "EFRE.NRW, n.d.b", para("EFRE.NRW. ", HOSTILE, " URL: ", link("javascript:alert(1)", "javascript:alert(1)"), ".")
    ),
]


def brief_tree() -> list[nodes.Element]:
    """Return a brief-shaped tree: the page with its sections and lists, then the key messages."""
    page = section(
        "The brief",
        para("Two pages for a decision: what is open, and options. Each\nstatement shows the kind of source it rests on."),
        para("Download this brief", classes=["briefing-brief-downloads", "screen-only"]),
        section(
            "Bottom line",
            para("The line, resting on ", link("a report", "https://example.org/report"), "."),
            para(source_tag("Organiser's report"), " Dr. X"),
            para(
                source_tag("Outside context"),
                " ",
                chapter_link("What came after", "what-it-means.html#context", "What it means"),
                ", ",
                citation("EFRE.NRW, n.d.b", "id50"),
                ", ",
                citation("EFRE.NRW, n.d.a", "id49"),
                "; fields named differently (see ",
                chapter_link("the\ncomparison", "what-it-means.html#comparison", "What it means"),
                ") and ",
                chapter_link("The EU perspective", "eu.html", "The EU perspective"),
                ".",
            ),
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
def written(preview_dataset):
    """A preview's cover line and a brief-shaped tree citing WORKS written as a Word file (published address known)."""
    from docx import Document

    cover = cover_line(preview_dataset, "https://briefing.example.org/", DAY)
    data = brief_docx(cover, brief_tree(), "en", PAGE, PROPERTIES, DAY, WORKS)
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
        ("Heading 1", "References"),
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
    links = {h.text: h.address for p in doc.paragraphs for h in p.hyperlinks if h.address}  # not those within the file
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


def test_cover_line_has_title_preview_edition_and_citation(written, preview_dataset):
    """The first paragraphs give the title, the preview's edition label and the day it was made, and the ready citation."""
    from briefing.publish import cite

    _, doc = written
    first = [p.text for p in doc.paragraphs[:3]]
    assert first[0] == preview_dataset.publication.title
    assert cite.edition_label(preview_dataset) in first[1] and "preview" in first[1] and "6 December 2026" in first[1]
    assert cite.book_reference(preview_dataset) in first[2]


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
        word = "Literaturangabe" if lang == "de" else "Cite as"
    lang_el = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang_el.get(qn("w:val")) == tag and doc.core_properties.language == lang
    assert doc.paragraphs[2].text.startswith(word)


def test_the_same_content_gives_the_same_file(dataset):
    """Two writes of the same content on the same day are byte for byte the same (no build reprints a changed file)."""
    write = lambda: brief_docx(cover_line(dataset, None, DAY), brief_tree(), "en", None, PROPERTIES, DAY)
    assert write() == write()


def test_names_are_stable_language_and_preview_marked(preview_dataset):
    """A preview's brief files are named like the whole PDF, marked as a preview and as the brief, in each language."""
    n = preview_dataset.edition_state.number
    assert brief_pdf_name(preview_dataset) == f"the-ruhr-smart-specialisation-briefing-edition-{n}-preview-brief.pdf"
    assert brief_docx_name(preview_dataset) == f"the-ruhr-smart-specialisation-briefing-edition-{n}-preview-brief.docx"
    with in_language("de"):
        name = brief_pdf_name(localised(preview_dataset, "de"))
    assert name == f"briefing-zur-intelligenten-spezialisierung-im-ruhrgebiet-ausgabe-{n}-vorschau-kurzfassung.pdf"


def test_a_released_editions_brief_is_named_as_kept(released_dataset):
    """A released edition's brief files take the names its kept PDFs have in editions/, without 'preview'."""
    n = released_dataset.edition_state.number
    assert brief_pdf_name(released_dataset) == f"the-ruhr-smart-specialisation-briefing-edition-{n}-brief.pdf"


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
    """The label saying which kind of source a statement rests on is italic and set apart as the PDF sets it, in
    brackets after words ("… (Organiser's report)") and with a colon before them ("Outside context: …"), so it never
    runs into the text ("… and where Editors' judgement")."""
    _, doc = written
    before = [r for p in doc.paragraphs for r in p.runs if r.text in {"Outside context:", "Organiser's report:"}]
    assert len(before) == 2 and all(r.italic for r in before)
    writer = BriefWriter("en", None)
    paragraph = writer.doc.add_paragraph()
    writer.inlines(
        paragraph, para("Each year, say which projects serve the six fields and where", source_tag("Editors' judgement"))
    )
    assert paragraph.text == "Each year, say which projects serve the six fields and where (Editors' judgement)"
    assert [r.text for r in paragraph.runs if r.italic] == [" (Editors' judgement)"]


def test_every_page_has_its_number_in_the_footer(written):
    """The footer of every section holds Word's PAGE field, so a printed brief has numbered pages."""
    _, doc = written
    for part in doc.sections:
        assert " PAGE " in [t.text for t in part.footer._element.iter(f"{{{NS}}}instrText")]


def test_the_pages_are_a4_with_margins(written):
    """Every section of the file is an A4 page (210 × 297 mm, not US Letter) with 25 mm margins."""
    _, doc = written
    for part in doc.sections:
        assert (round(part.page_width.mm), round(part.page_height.mm)) == (210, 297)
        assert {round(m.mm) for m in (part.left_margin, part.right_margin, part.top_margin, part.bottom_margin)} == {25}


def test_a_line_wrapped_in_the_source_is_one_paragraph_without_a_line_break(written):
    """A sentence the Markdown wraps over two lines reads "Each statement" with a space, as on the page, not a break."""
    data, doc = written
    assert any("options. Each statement shows" in p.text for p in doc.paragraphs)
    assert not [p.text for p in doc.paragraphs if "\n" in p.text]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert b"<w:br" not in z.read("word/document.xml")


def test_the_file_lists_the_works_it_cites_with_live_addresses(written):
    """After the key messages a References heading lists each cited work by its label, as the book's list formats it,
    with its web address a hyperlink (a javascript: address stays text, hostile markup stays text)."""
    _, doc = written
    texts = [p.text for p in doc.paragraphs]
    start = texts.index("References")
    assert doc.paragraphs[start].style.name == "Heading 1"
    entries = texts[start + 1 :]
    assert entries[0] == "[EFRE.NRW, n.d.a] EFRE.NRW. Arbeitsausschuss. URL: https://example.org/a."
    assert entries[1].startswith("[EFRE.NRW, n.d.b] EFRE.NRW. <script>") and "javascript:alert(1)" in entries[1]
    addresses = [h.address for p in doc.paragraphs[start + 1 :] for h in p.hyperlinks]
    assert addresses == ["https://example.org/a"]


def test_in_text_citations_link_to_their_entries(written):
    """Each in-text citation is an internal link to the bookmark on its work's entry, whose label it repeats exactly."""
    from docx.oxml.ns import qn

    _, doc = written
    bookmarks = {b.get(qn("w:name")): p.text for p in doc.paragraphs for b in p._p.findall(qn("w:bookmarkStart"))}
    cited = [(h.text, h.fragment) for p in doc.paragraphs for h in p.hyperlinks if h.fragment and not h.address]
    assert [text for text, _ in cited] == ["EFRE.NRW, n.d.b", "EFRE.NRW, n.d.a"]
    assert all(bookmarks[anchor].startswith(f"[{text}] ") for text, anchor in cited)


def test_source_tags_stay_visible_and_their_items_link_to_the_published_page(written):
    """A source tag keeps its words; the item after it links to its published page when the address is known."""
    _, doc = written
    line = next(p for p in doc.paragraphs if p.text.startswith("Outside context"))
    assert [r.text for r in line.runs if r.italic][:1] == ["Outside context:"]
    assert {h.text: h.address for h in line.hyperlinks}["What came after"] == (
        "https://briefing.example.org/chapters/what-it-means.html#context"
    )


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "the comparison in “What it means”"), ("de", "the comparison in „What it means“")]
)
def test_without_a_published_address_a_cross_reference_names_its_chapter(dataset, lang, said):
    """A link to another chapter that cannot lead anywhere names the chapter instead (unless its text is the title)."""
    from docx import Document

    with in_language(lang):
        data = brief_docx(cover_line(dataset, None, DAY), brief_tree(), lang, None, PROPERTIES, DAY, WORKS)
    line = next(p for p in Document(io.BytesIO(data)).paragraphs if "Outside context" in p.text)
    assert line.text.startswith(f"Outside context: {said.replace('the comparison', 'What came after')}, [EFRE.NRW, n.d.b]")
    assert f"(see {said}) and The EU perspective." in line.text
    assert [h.text for h in line.hyperlinks if h.address] == []  # no published address: no link to the book


# --- the Word file as a build writes it (a small book built in this process)

SMALL_CONF = """\
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinxext.opengraph", "sphinx_last_updated_by_git", "briefing.sphinx"]
myst_enable_extensions = ["attrs_inline"]
briefing_data_dir = {data!r}
briefing_base_url = {base!r}
bibtex_reference_style = "briefing_author_year"
bibtex_default_style = "briefing"
exclude_patterns = ["_build"]
suppress_warnings = ["git.subprocess_error", "git.command_not_found", "config.cache"]
"""
SMALL_PAGES = {
    "index": "# Front\n\n```{toctree}\nchapters/brief\nchapters/what-it-means\nchapters/references\n```\n",
    "chapters/brief": (
        "# The brief\n\n[Organiser's report]{.briefing-source .briefing-source-report} Mr Beck spoke first.\n\n"
        "Two pages for a decision. Each\nstatement shows its source: the programme"
        " {cite:p}`efrenrw-programme-2021` and its committee {cite:p}`efrenrw-arbeitsausschuss`; the fields are named differently"
        " (see {ref}`the comparison <comparison>`, {ref}`its sources <comparison>`).\n"
    ),
    "chapters/what-it-means": "# What it means\n\n(comparison)=\n## The comparison\n\nSide by side.\n",
    "chapters/references": "# References\n\n```{bibliography}\n:all:\n```\n",
}


@pytest.fixture(scope="module", params=["", "https://briefing.example.org/"], ids=["unpublished", "published"])
def small_book_docx(request, tmp_path_factory):
    """The Word file of a small English book whose brief cites two undated works of one body and refers to another
    chapter, built in this process without and with a published address; with that address."""
    from docx import Document
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    from briefing.core.paths import DATA_DIR_ENV
    from briefing.notebook.interactive import BOOK_BUILD_ENV, HTML_DIR_ENV
    from helpers import PROJECT_ROOT

    root = tmp_path_factory.mktemp("brief")
    (root / "conf.py").write_text(SMALL_CONF.format(data=str(PROJECT_ROOT / "data"), base=request.param), encoding="utf-8")
    chapters = "".join(f"  - file: {name}\n" for name in SMALL_PAGES if name != "index")
    (root / "_toc.yml").write_text(f"root: index\nchapters:\n{chapters}", encoding="utf-8")
    for name, text in SMALL_PAGES.items():
        (root / f"{name}.md").parent.mkdir(parents=True, exist_ok=True)
        (root / f"{name}.md").write_text(text, encoding="utf-8")
    warnings = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, in_language("en"), patch_docutils(root), docutils_namespace():
        for name in (DATA_DIR_ENV, BOOK_BUILD_ENV, HTML_DIR_ENV, "BRIEFING_BASE_URL"):
            patch.setenv(name, "")  # recorded as unset, so what the build sets goes again after it
            patch.delenv(name)
        app = Sphinx(root, root, root / "_build" / "html", root / "_build" / "doctrees", "html", status=None, warning=warnings)
        app.build()
    assert app.statuscode == 0, warnings.getvalue()
    found = list((root / "_build" / "html" / "downloads").glob("*.docx"))
    assert len(found) == 1, warnings.getvalue()
    return Document(io.BytesIO(found[0].read_bytes())), request.param


def test_a_built_brief_lists_its_works_and_links_its_citations_to_them(small_book_docx):
    """The built file is A4, ends with the cited works under References, lettered as the book's list letters them, with
    live web addresses, and each citation links to its entry; a wrapped sentence has no line break."""
    from docx.oxml.ns import qn

    doc, _base = small_book_docx
    assert (round(doc.sections[0].page_width.mm), round(doc.sections[0].page_height.mm)) == (210, 297)
    texts = [p.text for p in doc.paragraphs]
    works = [w for w in texts[texts.index("References") + 1 :] if w.startswith("[EFRE")]  # the report's entry aside
    labels = [w.split("]")[0].removeprefix("[") for w in works]  # lettered among all of the body's undated works
    assert len(labels) == 2 and labels == sorted(labels) and all(re.fullmatch(r"EFRE\.NRW, n\.d\.[a-z]", x) for x in labels)
    assert "Arbeitsausschuss" in works[0] and "EFRE/JTF-Programm" in works[1]
    addresses = [h.address for p in doc.paragraphs[texts.index("References") :] for h in p.hyperlinks]
    assert len(addresses) == 3 and sum(a.startswith("https://www.efre.nrw.de/") for a in addresses) == 2
    bookmarks = {b.get(qn("w:name")): p.text for p in doc.paragraphs for b in p._p.findall(qn("w:bookmarkStart"))}
    cited = [(h.text, h.fragment) for p in doc.paragraphs for h in p.hyperlinks if not h.address]
    assert [text for text, _ in cited] == [labels[1], labels[0]]  # the programme, then the committee, as the brief cites
    assert all(bookmarks[anchor].startswith(f"[{text}] ") for text, anchor in cited)
    assert any("decision. Each statement shows" in t for t in texts) and not [t for t in texts if "\n" in t]


def test_a_built_brief_refers_to_another_chapter_by_link_or_by_name(small_book_docx):
    """A cross-reference to another chapter links to its published page when the address is known, else names it (once
    after links in a row into the same chapter)."""
    doc, base = small_book_docx
    line = next(p for p in doc.paragraphs if "named differently" in p.text)
    links = {h.text: h.address for h in line.hyperlinks if h.address}
    if base:
        assert links == {
            "the comparison": f"{base}chapters/what-it-means.html#comparison",
            "its sources": f"{base}chapters/what-it-means.html#comparison",
        }
    else:  # a list of two links into one chapter: its name once, after the second
        assert "(see the comparison, its sources in “What it means”)" in line.text and links == {}


def test_a_built_brief_resting_on_the_report_lists_the_reports_entry_in_a_to_z_order(small_book_docx, dataset):
    """A statement labelled "Organiser's report" cites the report without a link: its entry (as the reference page
    formats it, with its note and address) is listed with the works cited, in the reference list's A–Z order."""
    doc, _base = small_book_docx
    texts = [p.text for p in doc.paragraphs]
    works = texts[texts.index("References") + 1 :]
    from pybtex.database import parse_file

    from briefing.core.bibliography import plain
    from briefing.core.schema import REFERENCES_FILE

    report = parse_file(str(dataset.data_dir / REFERENCES_FILE), bib_format="bibtex").entries[dataset.event.source_reference]
    assert len(works) == 3 and works[0].startswith(f"[{dataset.event.source_author}, ")  # before EFRE.NRW's two
    assert plain(report, "title") in works[0] and plain(report, "url") in works[0]


def test_only_a_part_labelled_as_resting_on_the_report_cites_it():
    """The report is among the works cited when a part holds the label "Organiser's report" (at any depth), not another."""
    from briefing.sections.docnodes import source_mark
    from briefing.sphinx.brief_downloads import rests_on_report

    with in_language("en"):
        resting = section("Bottom line", bullets([[para(source_mark("report"), " Dr. X")]]))
        other = section("Options", para(source_mark("context"), " ", source_mark("editors"), " The report, named."))
    assert rests_on_report(resting) and not rests_on_report(other)
