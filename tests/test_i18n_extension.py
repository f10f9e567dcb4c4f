"""The German edition of what the Sphinx extension writes: citations, quotations, language marks, dates, its catalogue."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from babel.messages.pofile import read_po
from docutils import nodes
from docutils.core import publish_from_doctree
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from pybtex.database import parse_string

from briefing.core.drafts import BANNER
from briefing.core.load import load_dataset
from briefing.core.schema import BASED_IN, BASED_IN_PHRASE
from briefing.core.translations import checked_translations
from briefing.i18n import messages as i18n
from briefing.publish import cite
from briefing.sections.docnodes import fill, lang, quote
from briefing.sections.perspectives import BASED_IN_CONTEXT, BASED_IN_PHRASE_CONTEXT
from briefing.sphinx import redirect_template
from briefing.sphinx.data import BuildData, quotation_rendering
from briefing.sphinx.draft_banner import BANNER_CONTEXT
from briefing.sphinx.revision_history import ANCHORS, headings
from helpers import preview_label_de

URL = "https://briefing.example.org/de/chapters/eu.html"


@pytest.fixture
def english(monkeypatch):
    """Write in English for one test, whatever the environment says."""
    monkeypatch.delenv(i18n.LANGUAGE_ENV, raising=False)
    i18n.set_language(None)


@pytest.fixture
def german_preview(german, preview_dataset):
    """Return a preview (the shipped data with one edit after their release) as the German build loads it."""
    return load_dataset(preview_dataset.data_dir)


@pytest.fixture(scope="module")
def german_title(dataset) -> str:
    """Return the German title of the publication, as the editors' catalogue gives it."""
    return checked_translations(dataset, "de")["publication.yml|*|title"]


def html_of(node: nodes.Node) -> str:
    """Return the HTML docutils writes for an inline node in a paragraph."""
    document = new_document("<test>", get_default_settings(Parser))
    document += nodes.paragraph("", "", node)
    body = publish_from_doctree(document, writer_name="html5", settings_overrides={"output_encoding": "unicode"})
    return body.split("<p>", 1)[1].split("</p>", 1)[0]


def test_german_chapter_reference_names_the_german_edition(german_preview, german_title):
    """A chapter's reference in the German preview gives the German title, 'Ausgabe N – Vorschau, …', the year it was built
    (not „o. J.“) and the de/ URL."""
    reference = cite.chapter_reference(german_preview, "Die EU-Perspektive", URL, today=dt.date(2027, 3, 1))
    label = preview_label_de(german_preview.edition_state.number)
    assert f"(2027). Die EU-Perspektive. In: {german_title}, {label}." in reference
    assert reference.endswith(f" {URL}") and "edition" not in reference


def test_german_bibtex_carries_german_title_and_language(german_dataset, german_title):
    """The German edition's BibTeX entry has the German book title, a German note and language german / langid ngerman."""
    entry = parse_string(cite.bibtex(german_dataset, "k", "Die EU-Perspektive", URL), "bibtex").entries["k"]
    assert entry.fields["booktitle"] == german_title
    assert entry.fields["language"] == "german" and entry.fields["langid"] == "ngerman"
    assert entry.fields["note"].startswith("Fasst den Bericht des Veranstalters") and entry.fields["url"] == URL


def test_german_ris_carries_german_title_and_language(german_dataset, german_title):
    """The German edition's RIS record has the German book title, LA de and the German edition's URL."""
    record = cite.ris(german_dataset, "Die EU-Perspektive", URL)
    assert f"T2  - {german_title}\r\n" in record and "LA  - de\r\n" in record and f"UR  - {URL}\r\n" in record


def test_german_meta_tags_carry_german_title_and_language(german_dataset, german_preview, german_title):
    """The German pages' Highwire and Dublin Core tags name the German book (a preview's with its label) and the language de."""
    tags = dict(cite.meta_tags(german_dataset, "Die EU-Perspektive", URL))
    preview_tags = dict(cite.meta_tags(german_preview, "Die EU-Perspektive", URL))
    label = preview_label_de(german_preview.edition_state.number)
    assert preview_tags["citation_inbook_title"] == f"{german_title} ({label})"
    shipped = german_dataset.edition_state  # a release names the book alone, a preview with its label
    named = german_title if shipped.released else f"{german_title} ({cite.edition_label(german_dataset)})"
    assert tags["citation_inbook_title"] == named
    assert tags["citation_language"] == "de" and tags["DC.language"] == "de" and tags["DC.identifier"] == URL


def test_english_citations_keep_the_publication_language(english, dataset):
    """The English edition's citations say English as before and get no language field in BibTeX."""
    entry = parse_string(cite.bibtex(dataset, "k", "The EU perspective", None), "bibtex").entries["k"]
    assert "language" not in entry.fields and "langid" not in entry.fields
    assert "LA  - en\r\n" in cite.ris(dataset, "The EU perspective", None)
    assert dict(cite.meta_tags(dataset, "The EU perspective", None))["citation_language"] == "en"


def test_german_contribution_citation_is_german(german_dataset):
    """A contribution's citation in German says 'Beitrag zu' and keeps the German event format as written (a noun)."""
    c, e = german_dataset.contributions[0], german_dataset.event
    reference = cite.contribution_reference(german_dataset, c)
    assert reference.startswith(f"{c.display_name}: {c.topic}. Beitrag zu „{e.title}“ ({e.format}, ")
    assert "zusammengefasst nach dem Bericht des Veranstalters" in reference and ". In: " in reference
    ending = f"zusammengefasst nach dem Bericht des Veranstalters ({e.source_author}, 2020b)"  # as the list labels it
    assert cite.contribution_title(german_dataset, c).endswith(ending)


def test_german_quote_stays_english_and_adds_the_editors_rendering(german):
    """In the German build a quotation stays verbatim, marked lang="en" in German marks, then the editors' translation."""
    written = html_of(quote("clusters enable entrepreneurial discovery", "Cluster ermöglichen unternehmerische Entdeckung"))
    assert '<span class="briefing-evidence">„<span lang="en">clusters enable entrepreneurial discovery</span>“</span>' in written
    assert "(Übersetzung der Redaktion: „Cluster ermöglichen unternehmerische Entdeckung“)" in written
    assert written.index('lang="en"') < written.index("Übersetzung der Redaktion")


def test_english_quote_is_unchanged(english):
    """In the English build a quotation is the plain marked-up quotation it always was, with no language mark."""
    assert html_of(quote("clusters", "Cluster")) == '<span class="briefing-evidence">“clusters”</span>'


def test_lang_marks_only_a_language_other_than_the_page(german):
    """On a German page an English term gets lang="en" and a German term no mark."""
    assert 'lang="en"' in html_of(lang("cluster policy", "en"))
    assert "lang=" not in html_of(lang("Clusterpolitik", "de"))


def test_lang_marks_german_on_an_english_page(english):
    """On an English page a German term gets lang="de" and an English one no mark."""
    assert 'lang="de"' in html_of(lang("Clusterpolitik", "de")) and "lang=" not in html_of(lang("cluster policy", "en"))


def test_format_date_in_german(german):
    """Dates in the German edition read '18. Juni 2020', in the English one '18 June 2020'."""
    assert i18n.format_date(dt.date(2020, 6, 18)) == "18. Juni 2020"
    assert i18n.format_date(dt.date(2020, 6, 18), "en") == "18 June 2020"


def test_every_theme_link_has_the_editors_rendering(german, dataset):
    """The German build finds the editors' rendering of every quotation a theme link shows."""
    env = SimpleNamespace(briefing_data=BuildData(dataset.data_dir, load_dataset(dataset.data_dir)))
    links = env.briefing_data.dataset.links
    missing = [link for link in links if not quotation_rendering(env, link.contribution_id, link.theme_id)]
    assert links and not missing


def test_fill_puts_nodes_where_the_sentence_has_them():
    """A translated sentence's fields become the given nodes and text, in the sentence's own order."""
    link = nodes.reference("", "Quelle", refuri="x.html")
    parts = fill("{b}, dann {a}.", a=link, b=["eins", nodes.Text(" zwei")])
    assert [p.astext() for p in parts] == ["eins", " zwei", ", dann ", "Quelle", "."] and parts[3] is link


def test_constants_the_extension_shows_have_german(german):
    """Every place a speaker is based, its phrase after a count and the draft banner have a German translation."""
    untranslated = [
        english
        for context, english in [
            *((BASED_IN_CONTEXT, label) for label, _meaning in BASED_IN.values()),
            *((BASED_IN_PHRASE_CONTEXT, phrase) for phrase in BASED_IN_PHRASE.values()),
            (BANNER_CONTEXT, BANNER),
        ]
        if i18n.pgettext(context, english) == english
    ]
    assert not untranslated


def test_revision_anchors_are_the_english_headings(english):
    """The revisions page's subsection anchors are the English headings as before, in every language's edition."""
    assert {file: heading.lower().replace(" ", "-") for file, heading in headings().items()} == ANCHORS


def test_german_redirect_page(german, tmp_path):
    """The forwarding page of the German edition is in German and says so (lang="de")."""
    page = redirect_template(tmp_path).read_text(encoding="utf-8")
    assert '<html lang="de">' in page and "<title>Seite verschoben</title>" in page
    assert 'Diese Seite befindet sich jetzt unter <a href="{{ rel_url|e }}">{{ to_url|e }}</a>.' in page


def test_nothing_of_the_extension_is_untranslated():
    """Every sentence the extension and briefing.publish.cite write has a checked German translation."""
    assert not [line for line in i18n.untranslated("de") if "/sphinx/" in line or "/cite.py" in line]


def test_german_sentences_keep_every_field():
    """Each German sentence of the extension's catalogue has the same {fields} as its English (so no value is lost)."""
    with (i18n.CATALOGUES / "de" / "LC_MESSAGES" / "extension.po").open("rb") as file:
        catalogue = read_po(file)
    fields = lambda text: sorted(name.lower() for name in re.findall(r"\{(\w+)\}", text))
    forms = lambda m: zip(m.id, m.string, strict=True) if isinstance(m.id, tuple) else [(m.id, m.string)]  # each form
    assert [m.id for m in catalogue if m.id and any(fields(str(e)) != fields(str(g)) for e, g in forms(m))] == []
