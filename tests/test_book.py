"""The strictly built book, checked from its HTML as a reader meets it."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from briefing.build.pdf import CHROMIUM
from briefing.core.revisions import history
from briefing.core.snapshots import read_snapshot, snapshot_dir
from briefing.sections.perspectives import based_in_place
from briefing.sphinx.revision_history import _COLUMN_NAME, _QUOTED_CODE, without_label
from helpers import CHAPTERS, PROJECT_ROOT, footer_edition, kept_pdf, preview_label, preview_label_de

pytestmark = pytest.mark.book

PAGE_OF = {"eu": "eu", "international-expert": "international-experts", "ruhr-stakeholder": "ruhr-stakeholders"}


def soup(book, name: str) -> BeautifulSoup:
    """Parse a built chapter page."""
    return BeautifulSoup(book.page(name), "html.parser")


def test_build_succeeded_without_warnings(book):
    """The strict build (-W -n --keep-going) succeeds, logs no Sphinx warning and reports its progress."""
    assert "build succeeded" in book.sphinx_log
    sphinx_warnings = [line for line in book.sphinx_log.splitlines() if "WARNING" in line and "[IPKernelApp]" not in line]
    assert sphinx_warnings == []
    assert "running the notebook of chapters/themes" in book.log and "notebooks executed)" in book.log


def test_every_contribution_once_in_its_perspective_chapter(book, dataset):
    """Each of the 13 contributions is a section on exactly one page: its perspective's chapter."""
    pages = {name: soup(book, name) for name in CHAPTERS}
    for c in dataset.contributions:
        found = [name for name, page in pages.items() if page.select(f"section#{c.id}")]
        assert found == [PAGE_OF[c.perspective]], (c.id, found)
        heading = pages[found[0]].select_one(f"section#{c.id} > h3").get_text()
        assert c.speaker in heading


def test_contributions_are_listed_in_the_page_contents(book, dataset):
    """Each contribution's anchor is listed in its page's 'on this page' navigation."""
    for c in dataset.contributions:
        nav = soup(book, PAGE_OF[c.perspective]).select_one("nav.bd-toc-nav, #bd-toc-nav, .bd-toc")
        assert nav is not None and nav.select_one(f'a[href="#{c.id}"]'), c.id


def test_search_index_finds_contributions_by_speaker(book, dataset):
    """The book's search index holds every contribution's title with its anchor."""
    text = (book.html / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    anchors = {anchor for entries in index["alltitles"].values() for _, anchor in entries}
    assert {c.id for c in dataset.contributions} <= anchors
    assert "gärtner" in index["terms"] and "engelmann" in index["terms"]


def test_evidence_quotations_appear_in_their_sections(book, dataset):
    """Every evidence quotation is shown, verbatim and in quotation marks, inside its contribution's section."""
    for c in dataset.contributions:
        section = soup(book, PAGE_OF[c.perspective]).select_one(f"section#{c.id}").get_text()
        for link in dataset.links_of(c.id):
            assert f"“{link.evidence}”" in section, (c.id, link.evidence)


def test_summaries_and_notes_are_shown(book, dataset):
    """Each summary is shown in its section, and contributions with an editorial note link to it."""
    for c in dataset.contributions:
        section = soup(book, PAGE_OF[c.perspective]).select_one(f"section#{c.id}")
        assert " ".join(c.summary.split()).replace("'", "’") in " ".join(section.get_text().split())
        for note in dataset.notes_on(c.id):
            assert section.select_one(f'a[href$="#note-{note.id}"]'), (c.id, note.id)


def test_key_messages_on_the_landing_page_link_to_contributions(book, dataset):
    """The landing page shows every key message, with links that reach the supporting sections."""
    page = soup(book, "index")
    items = page.select("ol.briefing-key-messages > li")
    assert len(items) == len(dataset.key_messages)
    for item, message in zip(items, dataset.key_messages, strict=True):
        targets = {a["href"].split("#")[1] for a in item.select("a[href*='#']")}
        assert set(message.contributions) <= targets


def test_key_messages_show_bold_headline_support_and_speaker_count(book, dataset):
    """Each key message shows its headline in bold, its one supporting sentence and how many speakers stand behind it."""
    from briefing.analysis.questions import speakers

    items = soup(book, "index").select("ol.briefing-key-messages > li")
    for item, message in zip(items, dataset.key_messages, strict=True):
        assert item.select_one("strong").get_text() == message.headline.replace("'", "’")
        assert " ".join(message.support.split()).replace("'", "’") in " ".join(item.get_text().split())
        n = len(speakers([dataset.contribution[c] for c in message.contributions]))
        assert f"Behind it: {n} speaker" in item.get_text()


def test_questions_and_crisis_count_on_the_landing_page(book, dataset):
    """The landing page quotes each of the report's questions in a section of its own and states the computed crisis count."""
    from briefing.analysis.questions import crisis_silence

    page = soup(book, "index")
    for q in dataset.questions:
        section = page.select_one(f"section#question-{q.id}")
        assert f"“{q.question}”" in section.select_one("h3").get_text()
        assert {a["href"].split("#")[1] for a in section.select("a[href*='#']")} >= set(q.contributions)
    text = " ".join(page.get_text().split())
    for sentence in crisis_silence(dataset).sentences():
        assert sentence.replace("'", "’") in text


def test_fields_context_and_comparison_page(book, dataset):
    """The page 'What it means for the Ruhr' has the fields table, the marked context box with citations and the comparison."""
    from briefing.analysis import fields

    page = soup(book, "what-it-means")
    tables = page.select("table")
    assert len(tables[0].select("tbody tr")) == len(fields.proposed_fields(dataset))
    box = page.select_one(".briefing-context")
    assert box.select_one(".admonition-title").get_text() == "Context from outside the report"
    assert len(box.select("a[href*='references.html#']")) >= sum(len(c.references) for c in dataset.context)
    assert len(page.select(".briefing-comparison > ul > li")) == len(dataset.field_comparison)


def test_every_local_link_and_resource_resolves(book):
    """On every page, each local link, script, style and image exists, and each anchor it names is on the target page."""
    from urllib.parse import unquote, urlsplit

    pages = [p for p in book.html.rglob("*.html") if p.parts[-2] != "_static"]
    ids = {p: {el["id"] for el in BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").select("[id]")} for p in pages}
    broken = []
    for page in pages:
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for el in html.select("a[href], link[href], script[src], img[src]"):
            url = urlsplit(el.get("href") or el.get("src"))
            if url.scheme or url.netloc or not (url.path or url.fragment):
                continue
            target = (page.parent / unquote(url.path)).resolve() if url.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                if target.suffix == ".pdf" and not CHROMIUM.exists():
                    continue  # the PDF is printed only where Debian's Chromium is installed (always under CI)
                broken.append((str(page.relative_to(book.html)), url.geturl()))
            elif url.fragment and target.suffix == ".html" and unquote(url.fragment) not in ids.get(target, set()):
                broken.append((str(page.relative_to(book.html)), url.geturl()))
    assert broken == []


def test_no_traceback_error_output_or_plumbing(book):
    """No page shows a traceback, error output or the plumbing code of hidden cells."""
    for name in CHAPTERS:
        html = book.page(name)
        assert "Traceback" not in html and "ansi-red-fg" not in html and "output stderr" not in html, name
        assert "load_dataset" not in html and "show_table(" not in html, name


def test_no_third_party_requests(book):
    """No page loads a script, style, image or frame from another host (a canonical or alternate link is an address)."""
    pattern = re.compile(
        r'<(?:script|link(?![^>]*rel="(?:canonical|alternate)")|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', re.I
    )
    for path in book.html.rglob("*.html"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path


def test_every_page_says_which_edition_it_is(book, dataset):
    """Each chapter's footer names the shipped data's edition (a release with its date, a preview as such), not the one
    before; only a preview's announcement bar says it is one."""
    state = dataset.edition_state
    for name in CHAPTERS:
        page = soup(book, name)
        footers = " ".join(f.get_text() for f in page.select("footer"))
        assert footer_edition(dataset) in footers and f"edition {state.number - 1}" not in footers, name
        bar = " ".join(b.get_text() for b in page.select(".bd-header-announcement"))
        assert preview_label(state.number) in bar if state.preview else "preview" not in bar.lower(), name
    german = BeautifulSoup((book.html / "de" / "chapters" / "themes.html").read_text(encoding="utf-8"), "html.parser")
    assert footer_edition(dataset, "de") in " ".join(f.get_text() for f in german.select("footer"))


def test_the_edition_statement_says_preview_and_links_the_preview_pdf(book, dataset):
    """The front page names the shipped data's edition as its state says: a release with its date and its kept PDF, a
    preview with the last release and the PDF printed with the pages; both link earlier editions' kept PDFs, as released,
    and the German front page likewise."""
    state, p = dataset.edition_state, dataset.publication
    n, last = state.number, state.last_release
    text = " ".join(soup(book, "index").get_text().split())
    index = book.page("index")
    german = (book.html / "de" / "chapters" / "index.html").read_text(encoding="utf-8")
    german_slug = "briefing-zur-intelligenten-spezialisierung-im-ruhrgebiet-ausgabe"
    if state.preview:
        assert f"{preview_label(n)}. Built from data that differ from the last released edition, edition {last}" in text
        assert f'href="../downloads/the-ruhr-smart-specialisation-briefing-edition-{n}-preview.pdf"' in index
        assert "PDF of this preview" in index and "Preview PDF" in index
        assert preview_label_de(n) in german and f"{german_slug}-{n}-vorschau.pdf" in german
    else:
        assert f"Edition {n}, released {p.release_date:%-d %B %Y}. Built from the data in this edition" in text
        assert f'href="../downloads/{kept_pdf(n)}"' in index and "Edition PDF" in index and "preview, not released" not in text
        assert f"Ausgabe {n}" in german and f"{german_slug}-{n}.pdf" in german and "Vorschau, nicht" not in german
    assert f'href="../downloads/{kept_pdf(n - 1)}"' in index  # as an earlier edition
    earlier = text.split("Earlier editions as cited:", 1)[1].split(".", 1)[0]  # whole books before this one, named
    assert f"Edition {n - 1} (PDF)" in earlier and f"Edition {n} (PDF)" not in earlier and ".pdf" not in earlier
    kept = [kept_pdf(e) for e in range(2, n + state.released)]  # edition 1 kept no PDF
    for folder in (book.html / "downloads", book.html / "de" / "downloads"):  # the kept PDFs, as released
        for name in kept:
            assert (folder / name).read_bytes() == (PROJECT_ROOT / "editions" / name).read_bytes(), name


def test_tables_have_captions_and_headers(book):
    """Every static table has a caption and column headers (interactive ones are checked in the browser)."""
    static = 0
    for name in CHAPTERS:
        for table in soup(book, name).select("article table"):
            interactive = table.has_attr("hidden") or table.find_parent(id=re.compile("_fallback$"))
            assert interactive or (table.select_one("caption") and table.select("th")), name
            static += not interactive
    assert static, "no static table found: the selector no longer matches the book's tables"


def test_german_terms_are_marked(book):
    """German terms in the glossary carry lang="de"."""
    marked = [el.get_text() for el in soup(book, "data-and-method").select('[lang="de"]')]
    assert "Metropole Ruhr" in marked


def test_limitations_and_editorial_notes_are_published(book, dataset):
    """The data and method chapter has the limitations and one section per editorial note."""
    page = soup(book, "data-and-method")
    assert page.select_one("section#limitations")
    text = page.get_text()
    for phrase in [
        "The source is short",
        "The coding is a judgement",
        "A theme not mentioned is not a disagreement",
        "perspectives differ in size",
    ]:
        assert phrase in text
    for note in dataset.editorial_notes:
        assert page.select_one(f"section#note-{note.id}"), note.id


def test_references_page_cites_the_report(book, dataset):
    """The references page lists the event report and shows a ready citation of this edition."""
    text = " ".join(soup(book, "references").get_text().split())
    p = dataset.publication
    state = dataset.edition_state
    released = f"{p.title}, edition {p.edition}, {p.release_date:%-d %B %Y}"
    assert "Business Metropole Ruhr GmbH" in text
    if state.preview:
        assert f"{p.title}, edition {state.number} — preview, not released." in text
        assert released not in text  # the preview does not claim the last release
    else:
        assert released in text and "preview, not released" not in text


def test_revision_page_says_this_is_the_first_edition(book, dataset):
    """The revision page says edition 1 is the first, and shows unreleased edits only if the data differ from its snapshot."""
    page = soup(book, "revisions")
    first = " ".join(page.select_one("section#edition-1").get_text().split())
    assert f"Edition 1 (released {read_snapshot(snapshot_dir(dataset.data_dir, 1)).release_date:%-d %B %Y})" in first
    assert "This is the first edition; there is no earlier edition to compare it with." in first
    assert bool(page.select_one("section#unreleased-changes")) == (history(dataset.data_dir).unreleased is not None)


def test_where_speakers_are_based_shows_in_sections_running_order_and_definitions(book, dataset):
    """Contribution sections and running order say where speakers are based; the expert definition counts Ruhr-based experts."""
    for c in dataset.contributions:
        chapter = {"eu": "eu", "international-expert": "international-experts", "ruhr-stakeholder": "ruhr-stakeholders"}[
            c.perspective
        ]
        meta = soup(book, chapter).select_one(f"section#{c.id} p.briefing-meta").get_text(" ")
        assert f"Based {based_in_place(c)}." in meta
    running = soup(book, "event").select("table")[1]
    assert "Based in" in [th.get_text(strip=True) for th in running.select("th")]
    experts = soup(book, "international-experts").find(id="perspective-international-expert").find_parent().get_text(" ")
    assert "4 by speakers based outside Germany, 2 by speakers based in the Ruhr" in experts


def test_revisions_page_gives_the_reason_beside_each_change(book, dataset):
    """Every reason recorded in changes.csv is shown on the 'What changed between editions' page, after a 'Why:' label."""
    page = soup(book, "revisions")
    text = re.sub(r"\s+", " ", page.get_text())  # no separator: marked German terms stay inside their sentence
    assert text.count("Why:") >= len(dataset.changes)
    shown = text.replace("'", "’")
    for change in dataset.changes:  # a theme's id or a column's name in a reason is shown as readers name it
        reason = re.sub(r"\s+", " ", without_label(change.reason)).replace("'", "’")  # a label the change has is not repeated
        pieces = _COLUMN_NAME.sub("\0", _QUOTED_CODE.sub("\0", reason)).split("\0")
        assert [p for p in pieces if p and len(p.strip()) > 3 and p.strip() not in shown] == [], change.reason
    assert "the key message transitions" not in text and "“One expert saw possible post-Covid opportunities" in shown
