"""This edition and how to cite it (front page and references page)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from briefing.build.pdf import pdf_name
from briefing.i18n.messages import _, format_date
from briefing.publish import cite
from briefing.publish.downloads import DOWNLOAD_DIR, archived_pdfs
from briefing.sphinx.base import BriefingDirective
from briefing.sphinx.docnodes import file_link, fill, joined, para, strong


class Edition(BriefingDirective):
    """``briefing-edition``: which edition this is and how to cite it."""

    def run(self) -> list[nodes.Node]:
        """Render the edition statement and a plain reference."""
        p, doc = self.ds.publication, self.env.docname
        pdf = pdf_name(self.ds)
        sentence = _(
            "{edition}, released {date}. Built from the data in this edition; a later edition may correct or extend it. {pdf}."
        )
        out = [
            para(
                *fill(
                    sentence,
                    edition=strong(_("Edition {number}").format(number=p.edition)),
                    date=format_date(p.release_date),
                    pdf=file_link(doc, f"{DOWNLOAD_DIR}/{pdf}", _("PDF of this edition")),
                )
            ),
        ]
        # By edition number: another language's edition names its PDF by its own title, but this edition is not "earlier".
        earlier = [path.name for path in archived_pdfs() if not path.name.endswith(f"-edition-{p.edition}.pdf")]
        if earlier:
            links = joined([file_link(doc, f"{DOWNLOAD_DIR}/{n}", n) for n in earlier])
            out.append(para(*fill(_("Earlier editions as cited: {editions}."), editions=links)))
        return out


class Citation(BriefingDirective):
    """``briefing-citation``: ready references to the briefing and to a contribution."""

    def run(self) -> list[nodes.Node]:
        """Render the book reference and an example contribution reference."""
        ds = self.ds
        out = [para(_("Cite this edition of the briefing as:")), nodes.block_quote("", para(cite.book_reference(ds)))]
        if ds.contributions:
            example = ds.contributions[1] if len(ds.contributions) > 1 else ds.contributions[0]
            sentence = _(
                "Cite one contribution by naming the speaker, the event and this briefing, and link to the "
                "contribution's own section. For example, for {speaker}:"
            )
            out += [
                para(*fill(sentence, speaker=self.contribution_link(example))),
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


def setup_edition(app: Sphinx) -> None:
    """Register this feature's directives."""
    app.add_directive("briefing-edition", Edition)
    app.add_directive("briefing-citation", Citation)
