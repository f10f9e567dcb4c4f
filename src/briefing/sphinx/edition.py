"""This edition and how to cite it (front page and references page)."""

from __future__ import annotations

import html
import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from briefing.build.pdf import PdfLink, archived_pdf, pdf_link
from briefing.core.drafts import DRAFT
from briefing.core.model import Dataset
from briefing.i18n.messages import _, format_date, language
from briefing.publish import cite
from briefing.publish.downloads import DOWNLOAD_DIR
from briefing.sections.docnodes import file_link, fill, joined, para, strong
from briefing.sphinx import settings
from briefing.sphinx.base import BriefingDirective
from briefing.sphinx.data import build_dataset


class EditionStatement(nodes.General, nodes.Element):
    """Where the edition statement goes: filled in when the page is written, as its PDF link depends on the build's printing."""


class Edition(BriefingDirective):
    """``briefing-edition``: which edition this is and how to cite it."""

    def build(self) -> list[nodes.Node]:
        """Leave a placeholder that edition_statement() fills in when the page is written."""
        return [EditionStatement()]


def pdf_sentence(doc: str, link: PdfLink | None, preview: bool) -> list[nodes.Node | str]:
    """Return the link to the PDF the pages offer, labelled with the edition it is of, or nothing."""
    if link is None:
        return []
    if link.edition is None:
        label = _("PDF of this preview") if preview else _("PDF of this edition")
    else:
        label = _("PDF of edition {number}, the last release (without the changes since)").format(number=link.edition)
    if link.lang != language():
        label = _("{label}, in English").format(label=label)
    return [file_link(doc, f"{DOWNLOAD_DIR}/{link.name}", label)]


def statement(ds: Dataset, doc: str, link: PdfLink | None) -> list[nodes.Node]:
    """Return the edition statement: which edition (or preview) this is, its PDF and earlier editions' PDFs."""
    p, state = ds.publication, ds.edition_state
    pdf = pdf_sentence(doc, link, state.preview)
    if state.released:
        sentence = _(
            "{edition}, released {date}. Built from the data in this edition; a later edition may correct or extend it. {pdf}."
        )
        if not pdf:
            sentence = _(
                "{edition}, released {date}. Built from the data in this edition; a later edition may correct or extend it."
            )
        out = [para(*fill(sentence, edition=strong(cite.edition_label(ds)), date=format_date(p.release_date), pdf=pdf))]
    else:
        if state.last_release and state.last_release_date:
            sentence = _(
                "{edition}. Built from data that differ from the last released edition, edition {last} ({date}); "
                "the changes are not released yet and may still change, so cite edition {last} where you can."
            )
        else:
            sentence = _("{edition}. Built from data that no edition has released yet; they may still change.")
        date = format_date(state.last_release_date) if state.last_release_date else ""
        out = [para(*fill(sentence, edition=strong(cite.edition_label(ds)), last=str(state.last_release), date=date))]
        if pdf:
            out.append(para(*pdf, "."))
    # One whole-book PDF per released edition before this one (or, for a preview, up to its last release, unless the
    # pages already link it), in the page's language where one was kept: never this edition's, nor a brief's.
    shown = {link.name} if link else set()
    found = [archived_pdf(n) for n in range(state.number - 1, 0, -1)]  # newest first
    earlier = [kept[0] for kept in found if kept is not None and kept[0] not in shown]
    if earlier:
        links = joined([file_link(doc, f"{DOWNLOAD_DIR}/{n}", earlier_label(n)) for n in earlier])
        out.append(para(*fill(_("Earlier editions as cited: {editions}."), editions=links)))
    return out


#: A kept edition's PDF ends in its edition's number ("…-edition-2.pdf", "…-ausgabe-2.pdf").
_EDITION_NUMBER = re.compile(r"-(\d+)\.pdf$")


def earlier_label(name: str) -> str:
    """Return how the pages name an earlier edition's PDF: "Edition 2 (PDF)", and in another language's edition that
    it was published in English only ("Ausgabe 2 (nur auf Englisch erschienen, PDF)"); readers get no file names."""
    number = _EDITION_NUMBER.search(name)
    if number is None:
        return name
    found = archived_pdf(int(number.group(1)))
    if found is None or found[0] != name or found[1] == language():
        return _("Edition {number} (PDF)").format(number=number.group(1))
    return _("Edition {number} (published in English only, PDF)").format(number=number.group(1))


def edition_statement(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill in each edition statement of a page being written, with the PDF this build offers."""
    placeholders = list(doctree.findall(EditionStatement))
    if not placeholders:
        return
    ds = build_dataset(app.env)
    link = pdf_link(ds, settings.printing(app.config))
    for placeholder in placeholders:
        placeholder.replace_self(statement(ds, docname, link))


class Citation(BriefingDirective):
    """``briefing-citation``: ready references to the briefing and to a contribution."""

    def build(self) -> list[nodes.Node]:
        """Render the book reference and an example contribution reference."""
        ds = self.ds
        out = [para(_("Cite this edition of the briefing as:")), nodes.block_quote("", para(cite.book_reference(ds)))]
        if ds.contributions:
            example = ds.contributions[1] if len(ds.contributions) > 1 else ds.contributions[0]
            sentence = _(
                "Cite one contribution as a part of this briefing: the speaker, the talk's title, the event, then this "
                "edition, and link to the contribution's own section. For example, for {speaker}:"
            )
            out += [
                para(*fill(sentence, speaker=self.page.contribution_link(example))),
                nodes.block_quote("", para(cite.contribution_reference(ds, example))),
            ]
        out.append(
            para(
                _(
                    "The contributions are summaries of the organiser's report, not the speakers' own words; "
                    "please say so when you quote them."
                )
            )
        )
        return out


def announce_preview(app: Sphinx, config: Config) -> None:
    """Say on every page, in the theme's announcement bar, that a preview is not a released edition (a draft has its own)."""
    ds = build_dataset(app)
    if ds.edition_state.released or ds.publication.status == DRAFT or config.html_theme_options.get("announcement"):
        return
    words = _("these pages show changes that no edition has released yet.")
    announcement = f"<strong>{html.escape(cite.edition_label(ds))}</strong>: {html.escape(words)}"
    config.html_theme_options = {**config.html_theme_options, "announcement": announcement}


def setup_edition(app: Sphinx) -> None:
    """Register this feature's directives."""
    app.add_node(EditionStatement)
    app.add_directive("briefing-edition", Edition)
    app.connect("doctree-resolved", edition_statement)
    app.connect("config-inited", announce_preview, priority=650)  # after the extension's configuration and a draft's banner
    app.add_directive("briefing-citation", Citation)
