"""The brief's PDF around layout (brief_links.js before it, brief.js after it, on small documents in Chromium): its own
list of the works it cites (the organiser's report with them when a statement rests on it), links that lead nowhere on
paper, without a published address, left as text, and the chapter named after each link that leaves the brief."""

from __future__ import annotations

import pytest

from briefing.build.brief_print import BRIEF_JS, BRIEF_LINKS_JS, brief_js_args

pytestmark = pytest.mark.book  # Chromium

#: A laid-out brief as layout.js leaves it: the brief with two citations (one work twice), a link into the book, the
#: hidden reference page with three works in its order, and the empty list the brief's document holds for them.
DOCUMENT = """<!doctype html><html><body><article class="pdf-book pdf-brief">
<div class="pdf-main"><section class="pdf-chapter" data-page="chapters/brief.html">
<p>Rests on <a href="#chapters-references--b">[Beck, 2020]</a>, <a href="#chapters-references--a">[Aranguren, 2019]</a>,
<a href="#chapters-references--b">[Beck, 2020]</a> and
<a href="#chapters-eu--engelmann" data-web="chapters/eu.html#engelmann">Mr Engelmann</a>.</p>
</section></div>
<section id="pdf-key-messages"></section>
<section id="pdf-brief-references"><h1>References</h1><div role="list" class="citation-list"></div></section>
<div id="pdf-brief-sources" hidden><section class="pdf-chapter" data-page="chapters/references.html"><div class="citation-list">
<div class="citation" id="chapters-references--a"><span class="label">[Aranguren, 2019]</span><p>A.</p></div>
<div class="citation" id="chapters-references--b"><span class="label">[Beck, 2020]</span><p>B.</p></div>
<div class="citation" id="chapters-references--c"><span class="label">[Cooke, 2001]</span><p>C.</p></div>
</div></section></div>
<nav id="pdf-contents" hidden></nav></article></body></html>"""


@pytest.fixture
def laid_out(browser):
    """Run brief.js on DOCUMENT with a base URL (or None) and return the page."""
    pages = []

    def run(base: str | None):
        page = browser.new_page()
        pages.append(page)
        page.set_content(DOCUMENT)
        page.evaluate(BRIEF_JS.read_text(encoding="utf-8"), brief_js_args(base))
        return page

    yield run
    for page in pages:
        page.close()


def test_the_brief_lists_each_work_it_cites_once_in_the_reference_pages_order(laid_out):
    """The works cited move into the brief's list once each, in the list's order; uncited ones and the sources go."""
    page = laid_out(None)
    labels = page.eval_on_selector_all("#pdf-brief-references .citation .label", "ls => ls.map(l => l.textContent)")
    assert labels == ["[Aranguren, 2019]", "[Beck, 2020]"]
    assert page.query_selector("#pdf-brief-sources") is None and page.query_selector("#chapters-references--c") is None
    targets = page.eval_on_selector_all(".pdf-main a", "as => as.map(a => document.getElementById(a.hash.slice(1)) !== null)")
    assert targets == [True, True, True]  # every citation leads to its entry on paper


def test_without_a_published_address_a_link_into_the_book_becomes_text(laid_out):
    """Built without a base URL, a link to a part of the book the PDF does not hold is plain text, not a made-up host."""
    page = laid_out(None)
    assert page.eval_on_selector_all("a", "as => as.map(a => a.getAttribute('href')).filter(h => !h.startsWith('#'))") == []
    assert "Mr Engelmann" in page.inner_text(".pdf-main")


def test_with_a_published_address_a_link_into_the_book_leads_there(laid_out):
    """Built with a base URL, the same link leads to the chapter's published address."""
    page = laid_out("https://briefing.example.net/")
    hrefs = page.eval_on_selector_all("a", "as => as.map(a => a.getAttribute('href')).filter(h => !h.startsWith('#'))")
    assert hrefs == ["https://briefing.example.net/chapters/eu.html#engelmann"]


def test_a_brief_that_cites_nothing_prints_no_empty_list(browser):
    """Without a citation the brief's PDF has no reference heading."""
    page = browser.new_page()
    page.set_content(DOCUMENT.replace('href="#chapters-references--', 'href="#gone-'))
    page.evaluate(BRIEF_JS.read_text(encoding="utf-8"), brief_js_args(None))
    assert page.query_selector("#pdf-brief-references") is None
    page.close()


#: DOCUMENT with the organiser's report's entry (marked as the build marks it) on the reference page, between the others
#: in its A–Z order, and a statement of the brief labelled as resting on the report (the label cites it without a link).
WITH_REPORT = DOCUMENT.replace(
    '<div class="citation" id="chapters-references--c">',
    '<div class="citation briefing-report-entry" id="chapters-references--r"><span class="label">[BMR, 2020b]</span>'
    '<p>Report.</p></div>\n<div class="citation" id="chapters-references--c">',
).replace(
    "<p>Rests on <a",
    '<p><span class="briefing-source briefing-source-report">Organiser’s report</span> Mr Beck.</p>\n<p>Rests on <a',
)


def test_a_brief_resting_on_the_report_lists_the_reports_entry_in_its_place(browser):
    """A statement labelled "Organiser's report" cites the report without a link: its entry joins the list in A–Z order."""
    page = browser.new_page()
    page.set_content(WITH_REPORT)
    page.evaluate(BRIEF_JS.read_text(encoding="utf-8"), brief_js_args(None))
    labels = page.eval_on_selector_all("#pdf-brief-references .citation .label", "ls => ls.map(l => l.textContent)")
    assert labels == ["[Aranguren, 2019]", "[Beck, 2020]", "[BMR, 2020b]"]
    page.close()


def test_the_reports_entry_is_left_out_when_no_statement_rests_on_the_report(browser):
    """Without the label (only the hidden reference page holds the report's entry), the report is not listed."""
    page = browser.new_page()
    page.set_content(WITH_REPORT.replace("briefing-source-report", "briefing-source-context"))
    page.evaluate(BRIEF_JS.read_text(encoding="utf-8"), brief_js_args(None))
    labels = page.eval_on_selector_all("#pdf-brief-references .citation .label", "ls => ls.map(l => l.textContent)")
    assert labels == ["[Aranguren, 2019]", "[Beck, 2020]"]
    page.close()


#: The brief's print document before layout, as extract.js leaves its links (data-web, no href): links to another
#: chapter, two in a row into one chapter, one whose words are the chapter's title, one to a part the PDF prints (its own
#: section), one to the overview as a whole, a citation, and the key messages (printed) with a link of their own; the
#: overview's other sections are not printed.
BEFORE_LAYOUT = """<!doctype html><html><body><article class="pdf-book pdf-brief">
<div class="pdf-main"><section class="pdf-chapter" data-page="chapters/brief.html"><section data-webid="options">
<p id="rests">Rests on: <span><a data-web="chapters/ruhr-stakeholders.html#beck">Rasmus C. Beck (contribution 1)</a></span>;
<a data-web="chapters/what-it-means.html#comparison">the comparison</a>, <a data-web="chapters/what-it-means.html#why">its
reasons</a> and <a data-web="chapters/eu.html">The EU perspective</a>.</p>
<p id="inside">See <a data-web="chapters/brief.html#options">the options</a>, <a data-web="chapters/index.html">the key
messages</a>, <a data-web="chapters/index.html#other">the landing page's other part</a> and
<a data-web="chapters/references.html#id2">[Beck, 2020]</a>.</p></section></section></div>
<div id="pdf-brief-sources" hidden><section class="pdf-chapter" data-page="chapters/index.html">
<section data-webid="key-messages"><p id="messages">Behind it: <a data-web="chapters/eu.html#engelmann">Dr. Engelmann</a>.</p>
</section><section data-webid="other"><p id="unprinted"><a data-web="chapters/eu.html#x">not printed</a></p></section></section>
<section class="pdf-chapter" data-page="chapters/references.html"><div class="citation" data-webid="id2">B.</div></section>
</div></article></body></html>"""
TITLES = {
    "chapters/brief.html": "The brief",
    "chapters/index.html": "Overview and key messages",
    "chapters/ruhr-stakeholders.html": "The Ruhr stakeholders",
    "chapters/what-it-means.html": "What it means for the region",
    "chapters/eu.html": "The EU perspective",
    "chapters/references.html": "References",
}


@pytest.mark.parametrize(("lang", "mark"), [("en", "in “{chapter}”"), ("de", "in „{chapter}“")], ids=["en", "de"])
def test_a_link_that_leaves_the_brief_names_its_chapter(browser, lang, mark):
    """Before layout each printed link to a part the PDF does not hold is followed by its chapter's title, in the
    edition's words, once after a row of links into one chapter; links within the PDF, to a page it prints from as a
    whole, to a cited work, or whose words are the title, and the overview's unprinted parts, are left alone."""
    said = lambda title: mark.format(chapter=title)
    page = browser.new_page()
    page.set_content(BEFORE_LAYOUT)
    args = {
        "titles": TITLES,
        "pages": ["chapters/brief.html", "chapters/index.html"],
        "printed": [".pdf-main", '.pdf-chapter[data-page="chapters/index.html"] [data-webid="key-messages"]'],
        "words": {"in": mark},
    }
    page.evaluate(BRIEF_LINKS_JS.read_text(encoding="utf-8"), args)
    text = {i: " ".join(page.text_content(f"#{i}").split()) for i in ("rests", "inside", "messages", "unprinted")}
    assert text["rests"] == (
        f"Rests on: Rasmus C. Beck (contribution 1) {said('The Ruhr stakeholders')}; the comparison, its reasons "
        f"{said('What it means for the region')} and The EU perspective."
    )
    assert text["inside"] == (
        f"See the options, the key messages, the landing page's other part {said('Overview and key messages')} and [Beck, 2020]."
    )
    assert text["messages"] == f"Behind it: Dr. Engelmann {said('The EU perspective')}."
    assert text["unprinted"] == "not printed"
    assert page.eval_on_selector_all("a", "as => as.length") == 10  # the links themselves stay, for layout.js
    page.close()


def test_the_print_names_chapters_by_the_built_pages_titles(tmp_path, monkeypatch):
    """The titles brief_links.js names are the built pages' first headings as plain text, in the edition's words."""
    from briefing.build import brief_print

    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "eu.html").write_text(
        '<h1>Die <span class="x">EU</span>-Perspektive &amp; mehr<a class="headerlink" href="#a">#</a></h1><h1>Other</h1>',
        encoding="utf-8",
    )
    monkeypatch.setattr(brief_print, "book_pages", lambda: ["chapters/eu.html", "chapters/missing.html"])
    assert brief_print.page_titles(tmp_path) == {"chapters/eu.html": "Die EU-Perspektive & mehr"}
