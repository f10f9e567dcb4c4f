"""The brief's PDF after layout (brief.js on a small laid-out document in Chromium): its own list of the works it cites,
and links that lead nowhere on paper, without a published address, left as text."""

from __future__ import annotations

import pytest

from briefing.build.brief_print import BRIEF_JS

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
        page.evaluate(BRIEF_JS.read_text(encoding="utf-8"), base)
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
    page.evaluate(BRIEF_JS.read_text(encoding="utf-8"), None)
    assert page.query_selector("#pdf-brief-references") is None
    page.close()
