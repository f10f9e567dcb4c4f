"""Make every page citable: a 'How to cite' box, BibTeX and RIS files, and citation meta tags."""

from __future__ import annotations

import html
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from briefing.core.model import Dataset
from briefing.i18n.messages import _
from briefing.publish import cite
from briefing.sections.docnodes import file_link, fill, para, strong
from briefing.text.typography import typographic

#: Folder of the built book that holds each page's BibTeX and RIS files.
CITE_DIR = "cite"
#: Pages no one cites as a chapter of the briefing: they get no 'How to cite' box.
UNCITED = frozenset({"chapters/imprint", "chapters/privacy"})
#: Pages that do not summarise the organiser's report (the method, the changes, the sources, the legal pages): their box
#: does not say that the chapter summarises the report.
NOT_FROM_THE_REPORT = UNCITED | {"chapters/data-and-method", "chapters/revisions", "chapters/references"}


def cite_file(docname: str, suffix: str) -> str:
    """Return the path, from the book's root, of a page's citation file."""
    return f"{CITE_DIR}/{docname.replace('/', '-')}.{suffix}"


def chapter_title(doctree: nodes.document) -> str:
    """Return the page's own title."""
    title = doctree.next_node(nodes.title)
    return title.astext() if title else ""


def add_cite_box(docname: str, doctree: nodes.document, ds: Dataset, base_url: str | None, notebook: bool = False) -> None:
    """Append a 'How to cite this chapter' section: a copyable reference, BibTeX/RIS links, a notebook's downloads; on a
    page that summarises the report, the reminder that its words are the report's, not the speakers'. None on UNCITED,
    whose box's address (published by earlier editions) is kept as a bare anchor."""
    top = doctree.next_node(nodes.section)
    if top is None:
        return
    if docname in UNCITED:  # no box, but the address an earlier edition published for it still lands on the page
        top["ids"].append("how-to-cite-this-chapter")  # the page's top: an alias of its own address
        return
    reference = cite.chapter_reference(ds, chapter_title(doctree), cite.url_under(base_url, f"{docname}.html"))
    box = nodes.section(ids=["how-to-cite-this-chapter"], names=["how to cite this chapter"], classes=["briefing-cite"])
    heading = _("How to cite this chapter")
    box += nodes.title(heading, heading)
    hint = _("; use the button to copy it")
    copy_hint = nodes.inline(hint, hint, classes=["screen-only"])
    reference_of = _("Reference ({title}, edition {edition})").format(title=ds.publication.title, edition=cite.edition_number(ds))
    box += para(reference_of, copy_hint, ":")
    block = nodes.literal_block(reference, reference, language="none", classes=["briefing-reference"])
    box += block
    links = [file_link(docname, cite_file(docname, suffix), label) for label, suffix in (("BibTeX", "bib"), ("RIS", "ris"))]
    box += para(strong(_("For your reference manager: ")), links[0], " · ", links[1], ".")
    if docname not in NOT_FROM_THE_REPORT:
        box += para(
            typographic(
                _(
                    "The chapter summarises the organiser's report of the event, not the speakers' own words; "
                    "please say so when you quote it."
                )
            )
        )
    if notebook:
        box += rerun_it(docname)
    top += box


def rerun_it(docname: str) -> nodes.paragraph:
    """Return the paragraph offering a notebook chapter as a Jupyter notebook and as its MyST source (screen only)."""
    sentence = typographic(
        _(
            "download the chapter as a {notebook} or as its {source}; "
            "the notebook's first cell says how to run it against the data."
        )
    )
    return para(
        strong(_("Rerun it: ")),
        *fill(
            sentence,
            notebook=file_link(docname, notebook_file(docname), _("Jupyter notebook (.ipynb)")),
            source=file_link(docname, f"_sources/{docname}.md", _("MyST source (.md)")),
        ),
        classes=["screen-only"],
    )


def notebook_file(docname: str) -> str:
    """Return the path, from the book's root, of a chapter's downloadable notebook."""
    return f"_sources/{docname}.ipynb"


def write_cite_files(outdir: Path, titles: dict[str, str], ds: Dataset, base_url: str | None) -> None:
    """Write each page's BibTeX and RIS file into the built book."""
    folder = outdir / CITE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for docname, title in titles.items():
        url = cite.url_under(base_url, f"{docname}.html")
        key = f"{cite.key_stem(ds)}{ds.publication.release_date.year}{docname.split('/')[-1].replace('-', '')}"
        (outdir / cite_file(docname, "bib")).write_text(cite.bibtex(ds, key, title, url), encoding="utf-8")
        (outdir / cite_file(docname, "ris")).write_text(cite.ris(ds, title, url), encoding="utf-8", newline="")


def meta_html(ds: Dataset, title: str, pagename: str, base_url: str | None) -> str:
    """Return the page's Highwire Press and Dublin Core meta tags as HTML."""
    tags = cite.meta_tags(ds, title, cite.url_under(base_url, f"{pagename}.html"))
    return "".join(f'<meta name="{html.escape(n)}" content="{html.escape(c)}">\n' for n, c in tags)


def page_title(app: Sphinx, pagename: str) -> str | None:
    """Return a document's title as Sphinx recorded it, or None for generated pages."""
    title = app.env.titles.get(pagename)
    return title.astext() if title is not None else None
