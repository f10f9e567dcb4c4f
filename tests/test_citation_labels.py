"""Works of one author and year told apart by letters ("n.d.a", "2022b"): in the reference list's labels, in the in-text
citations and in the German edition's words, built in this process on a small book with its own bibliography."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_string
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

from briefing.core.bibliography import letter, localised_bibtex, with_short_citations, years_as_cited
from briefing.core.translations import bibliography_translations, localised
from briefing.i18n.messages import in_language
from briefing.publish import cite
from briefing.sphinx.citations import register_label_style
from briefing.sphinx.reader import KeepCaseStyle

#: Two undated works and two of 2022 by one body, a work of another author, and one whose title is hostile markup.
BIB = r"""
@misc{second, author = {{EFRE.NRW}}, title = {Regionale Innovationsstrategie}, url = {https://example.org/ris}}
@misc{first, author = {{EFRE.NRW}}, title = {{EFRE/JTF}-Programm}, url = {https://example.org/programme}}
@misc{late, author = {{Regionalverband Ruhr}}, title = {Zweiter Bericht}, year = {2022}}
@misc{early, author = {{Regionalverband Ruhr}}, title = {Erster Bericht}, year = {2022}}
@misc{alone, author = {Kiese, Matthias}, title = {<script>alert(1)</script>}, year = {2021}}
"""

CONF = """\
extensions = ["myst_parser", "sphinxcontrib.bibtex"]
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "briefing_author_year"
bibtex_default_style = "briefing"
exclude_patterns = ["_build"]


def setup(app):
    from pybtex.plugin import register_plugin

    from briefing.sphinx.citations import setup_citations
    from briefing.sphinx.reader import BIB_STYLE, KeepCaseStyle

    setup_citations(app)
    register_plugin("pybtex.style.formatting", BIB_STYLE, KeepCaseStyle)
"""

PAGE = """\
# Sources

Programme {cite:p}`first`, strategy {cite:p}`second`, reports {cite:p}`late,early` and {cite:t}`alone`.

```{bibliography}
:all:
```
"""


@pytest.fixture(scope="module")
def small_book(tmp_path_factory) -> BeautifulSoup:
    """A one-page book citing every work of BIB above its reference list, built in English in this process."""
    root = tmp_path_factory.mktemp("labels")
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "index.md").write_text(PAGE, encoding="utf-8")
    (root / "references.bib").write_text(BIB, encoding="utf-8")
    warnings = io.StringIO()
    with in_language("en"), patch_docutils(root), docutils_namespace():
        app = Sphinx(root, root, root / "_build" / "html", root / "_build" / "doctrees", "html", status=None, warning=warnings)
        app.build()
    assert app.statuscode == 0 and "duplicate label" not in warnings.getvalue(), warnings.getvalue()
    return BeautifulSoup((Path(app.outdir) / "index.html").read_text(encoding="utf-8"), "html.parser")


def labels(soup: BeautifulSoup) -> list[str]:
    """Return the reference list's labels in its order, without their brackets."""
    return [span.get_text().strip("[]") for span in soup.select("div.citation > span.label")]


def test_the_reference_list_tells_works_of_one_author_and_year_apart(small_book):
    """Two undated works of one body are "n.d.a" and "n.d.b", two of one year "2022a" and "2022b", by their titles."""
    assert labels(small_book) == [
        "EFRE.NRW, n.d.a",  # EFRE/JTF-Programm (braces in a title do not count in the order)
        "EFRE.NRW, n.d.b",  # Regionale Innovationsstrategie
        "Kiese, 2021",  # people and bodies in one alphabet
        "Regionalverband Ruhr, 2022a",  # Erster Bericht
        "Regionalverband Ruhr, 2022b",  # Zweiter Bericht
    ]


def test_in_text_citations_carry_the_letters_of_their_entries(small_book):
    """Each in-text citation names its work as the reference list's label does and links to that entry."""
    entries = {div["id"]: div.select_one("span.label").get_text().strip("[]") for div in small_book.select("div.citation")}
    cited = [(a.get_text(), a["href"].split("#")[1]) for a in small_book.select("span.bibtex-citation a")]
    assert [text for text, _ in cited] == [
        "EFRE.NRW, n.d.a",
        "EFRE.NRW, n.d.b",
        "Regionalverband Ruhr, 2022a",  # one citation of both: in the list's order
        "Regionalverband Ruhr, 2022b",
        "2021",  # a textual citation links its year
    ]
    assert all(entries[target].endswith(text) for text, target in cited)
    assert "<script>" not in str(small_book.select_one("div.citation-list"))  # a hostile title stays text


def test_the_german_labels_say_o_j_with_the_letter():
    """In the German edition an undated work's label is "o. J." with its letter."""
    bib = parse_string(BIB, "bibtex")
    register_label_style()
    with in_language("de"):
        style = KeepCaseStyle()
        found = list(style.format_labels(style.sort(bib.entries.values())))
    undated = "o.\u00a0J."  # kept together on one line
    assert found[:3] == [f"EFRE.NRW, {undated}a", f"EFRE.NRW, {undated}b", "Kiese, 2021"] and found[3].endswith(", 2022a")


def test_letters_go_on_after_z():
    """The 27th work of one author and year gets "aa", as the 1st gets "a"."""
    assert [letter(0), letter(25), letter(26), letter(27)] == ["a", "z", "aa", "ab"]


def test_people_and_bodies_share_one_alphabet_that_ignores_case_and_accents():
    """A lower-case body, a person and an umlauted body are filed in one A–Z order, as a reader looks them up."""
    bib = parse_string(
        r"""
@misc{z, author = {Zeller, Anna}, title = {Z}, year = {2020}}
@misc{o, author = {{{\"O}ko-Institut}}, title = {O}, year = {2020}}
@misc{a, author = {{aerospace.nrw}}, title = {A}, year = {2020}}
@misc{b, author = {Beck, Rasmus}, title = {B}, year = {2020}}
@misc{n, title = {Niemandes Werk}, year = {2020}}
""",
        "bibtex",
    )
    register_label_style()
    with in_language("en"):
        style = KeepCaseStyle()
        found = list(style.format_labels(style.sort(bib.entries.values())))
    assert found == ["aerospace.nrw, 2020", "Beck, 2020", "Niemandes Werk, 2020", "Öko-Institut, 2020", "Zeller, 2020"]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_an_entry_dated_by_how_it_was_published_does_not_repeat_its_year(lang):
    """A work whose publication line already has its year ("News of 28 July 2022") does not add ", 2022" after it."""
    bib = parse_string(
        """
@misc{news, author = {{Emscher-Lippe}}, title = {Strategie}, howpublished = {News of 28 July 2022, emscher-lippe.de},
       year = {2022}}
@misc{page, author = {{Emscher-Lippe}}, title = {Seite}, howpublished = {Web page, emscher-lippe.de}, year = {2021}}
""",
        "bibtex",
    )
    register_label_style()
    with in_language(lang):
        entries = {e.key: e.text.render_as("text") for e in KeepCaseStyle().format_entries(bib.entries.values())}
    assert "News of 28 July 2022, emscher-lippe.de." in entries["news"] and "2022, 2022" not in entries["news"]
    assert "Web page, emscher-lippe.de, 2021." in entries["page"]  # a year said nowhere else stays


@pytest.mark.parametrize("lang", ["en", "de"])
def test_years_cited_outside_the_list_carry_the_lists_letters(dataset, lang):
    """Every work's year as cite boxes, figure sources and notes give it is the year its reference-list label ends in."""
    text = (dataset.data_dir / "references.bib").read_text(encoding="utf-8-sig")
    register_label_style()
    with in_language(lang):
        ds = localised(dataset, lang) if lang != "en" else dataset
        if lang != "en":
            text = localised_bibtex(text, bibliography_translations(ds, lang), lang)
        style = KeepCaseStyle()
        entries = style.sort(parse_string(text, "bibtex").entries.values())
        labels = {entry.key: label for entry, label in zip(entries, style.format_labels(entries), strict=True)}
        years = years_as_cited(parse_string(text, "bibtex"))
        title = cite.contribution_title(ds, ds.contributions[0])
    assert all(labels[key].endswith(f", {years[key]}") for key in labels), {k: (labels[k], years[k]) for k in labels}
    report = labels[ds.event.source_reference]
    assert report[-1].isalpha()  # the report shares its author and year with another work: it has a letter
    separator = ", " if lang == "de" else " "  # German author-year citations put a comma before the year, as its list does
    assert f"{ds.event.source_author}{separator}{years[ds.event.source_reference]})" in title


def test_a_note_naming_another_work_cites_it_with_its_letter():
    """A note that names a work by key reads as that work's citation, with the letter its label has ("n.d.b")."""
    data = parse_string(BIB + "@misc{see, author = {Other, Anne}, title = {T}, year = {2020}, note = {As second.}}\n", "bibtex")
    with in_language("en"):
        with_short_citations(data)
    assert data.entries["see"].fields["note"] == "As [EFRE.NRW, n.d.b]."


def test_a_citation_of_several_works_separates_them_by_semicolons(small_book):
    """A parenthetical citation of several works separates the works by semicolons, as the comma separates author and year."""
    texts = [span.get_text() for span in small_book.select("span.bibtex-citation")]
    assert any("Regionalverband Ruhr, 2022a; Regionalverband Ruhr, 2022b" in text for text in texts), texts
