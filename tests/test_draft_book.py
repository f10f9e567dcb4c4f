"""A draft book made by `briefing new`: a banner on every page and every unwritten text a marked gap."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from pygments import highlight
from pygments.lexers import TextLexer

from briefing.cli import main
from briefing.core.drafts import BANNER, GAP_PATTERN
from briefing.sphinx.draft_banner import GapMarkingFormatter, finish_page, gap_marks, mark_gap_nodes, mark_gaps
from helpers import PROJECT_ROOT, Pending, background, pending_new_book

REPORT = PROJECT_ROOT / "tests" / "fixtures" / "reports" / "sandbank-2027.txt"


@background("draft_book")
def ready_draft_book(root: Path) -> Pending:
    """Make ready the build of the book `briefing new` makes from a made-up report, as it comes, with its own command."""
    assert main(["new", str(REPORT), str(root / "book")]) == 0
    return pending_new_book(root / "book")


@pytest.fixture(scope="module")
def draft_book(builds):
    """The book `briefing new` made from a made-up report, built as it comes with its own command."""
    built = builds.result("draft_book")
    assert built.returncode == 0, built.log[-5000:]
    return built


def pages(build) -> list:
    """Return every HTML page of a built book (not the theme's template fragments, not the redirecting root page)."""
    return [p for p in sorted(build.html.rglob("*.html")) if "_static" not in p.parts and p != build.html / "index.html"]


def test_every_page_of_a_draft_carries_the_banner(draft_book):
    """Each page of the draft book, the search and 404 pages included, shows 'Draft — not for publication'."""
    found = pages(draft_book)
    assert len(found) >= 11
    missing = [p.name for p in found if BANNER not in p.read_text(encoding="utf-8")]
    assert not missing


def test_every_unwritten_text_is_a_marked_gap(draft_book):
    """Every gap in a page's visible text is inside a marked span; none shows unmarked."""
    marked = 0
    for path in pages(draft_book):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for text in soup.find_all(string=GAP_PATTERN):
            if text.parent.name in {"title", "script", "style"}:
                continue
            assert "briefing-draft-gap" in (text.parent.get("class") or []), f"{path.name}: {text.strip()[:80]}"
            marked += 1
    assert marked > 50


def test_draft_book_shows_the_parsed_contributions_and_their_gaps(draft_book):
    """The draft shows the report's names and roles, summaries as gaps, and says a perspective is not yet assigned."""
    html = draft_book.page("perspective-contributions")
    soup = BeautifulSoup(html, "html.parser")
    section = soup.find(id="oydegard-2")
    assert section is not None and "Head of Strategy, Nordic Invented Council" in section.get_text()
    assert section.find(class_="briefing-draft-gap", string=GAP_PATTERN) is not None
    assert "perspective not yet written" in section.get_text()


def test_the_shipped_book_has_no_draft_banner(book):
    """A final book (the shipped one) shows no draft banner and no gap."""
    assert not any(BANNER in p.read_text(encoding="utf-8") for p in pages(book))


def test_gap_marks_stay_out_of_titles_and_attributes_and_are_idempotent():
    """Marking wraps gaps in text only, never inside a title or an attribute, and marking twice changes nothing."""
    page = (
        "<html><head><title>[draft gap: title not yet written]</title></head><body>"
        '<meta content="[draft gap: title not yet written]"><p>[draft gap: summary not yet written]</p></body></html>'
    )
    once = finish_page(page)
    assert once.count("briefing-draft-gap") == 1 and "<title>[draft gap" in once and BANNER in once
    assert finish_page(once) == once and mark_gaps(once) == once


def test_gaps_are_marked_in_the_doctree_in_highlighted_code_and_in_template_values():
    """A gap in a page's text becomes a marked inline (once, not in raw HTML or comments); highlighted code and the
    templates' briefing_gaps filter mark it the same way, escaping the rest."""
    gap = "[draft gap: summary not yet written]"
    paragraph = nodes.paragraph("", "", nodes.Text(f"Summary: {gap}."))
    doctree = nodes.section("", paragraph, nodes.raw("", f"<p>{gap}</p>", format="html"), nodes.comment("", gap))
    mark_gap_nodes(doctree)
    mark_gap_nodes(doctree)
    marks = list(doctree.findall(nodes.inline))
    assert [(m.astext(), m["classes"]) for m in marks] == [(gap, ["briefing-gap", "briefing-draft-gap"])]
    assert paragraph.astext() == f"Summary: {gap}." and doctree[1].astext() == f"<p>{gap}</p>"
    code = highlight(f"{gap} & more\n", TextLexer(), GapMarkingFormatter())
    assert f'<span class="briefing-gap briefing-draft-gap">{gap}</span> &amp; more' in code
    assert gap_marks(f"<b>{gap}</b>") == f'&lt;b&gt;<span class="briefing-gap briefing-draft-gap">{gap}</span>&lt;/b&gt;'
