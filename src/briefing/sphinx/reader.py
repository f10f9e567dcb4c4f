"""The reader's side of the book: table and copy scripts and styles, a citation kit per contribution, light pages."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from pybtex.database import Entry
from pybtex.plugin import register_plugin
from pybtex.richtext import Tag
from pybtex.richtext import Text as RichText
from pybtex.style import FormattedEntry
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import (
    FieldIsMissing,
    Node,
    _format_list,
    field,
    join,
    names,
    node,
    optional,
    optional_field,
    sentence,
    words,
)
from pybtex_docutils import Backend as DocutilsBackend
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from briefing.build.pdf import BRIEF_PAGE, PdfLink, pdf_link
from briefing.core.bibliography import (
    DESCRIPTIONS,
    WORK,
    editors_language,
    english_fields,
    guess_language,
    name_language,
    plain,
    work_language,
)
from briefing.i18n.messages import DEFAULT, _, format_date, language, pgettext
from briefing.publish import cite
from briefing.publish.downloads import DOWNLOAD_DIR
from briefing.sections.docnodes import file_link
from briefing.sphinx import draft_banner as draft
from briefing.sphinx import search, settings
from briefing.sphinx.brief_downloads import menu_entries
from briefing.sphinx.citations import LABEL_STYLE, SORTING_STYLE, register_label_style
from briefing.sphinx.cite_boxes import CITE_DIR, cite_file
from briefing.sphinx.coverage import rendered
from briefing.sphinx.data import build_dataset
from briefing.sphinx.page_assets import setup_page_assets
from briefing.text.urls import is_web_address

if TYPE_CHECKING:
    from sphinx.config import Config


def contribution_cite_file(contribution_id: str, suffix: str) -> str:
    """Return the path, from the book's root, of one contribution's BibTeX or RIS file."""
    return cite_file(f"contribution-{contribution_id}", suffix)


def contribution_cite_links(docname: str, contribution_id: str) -> list[nodes.Node | str]:
    """Return the links to one contribution's BibTeX and RIS files, for its section."""
    return [
        file_link(docname, contribution_cite_file(contribution_id, "bib"), "BibTeX"),
        " · ",
        file_link(docname, contribution_cite_file(contribution_id, "ris"), "RIS"),
    ]


def write_contribution_cite_files(app: Sphinx, exception: Exception | None) -> None:
    """Write a BibTeX and an RIS file for every contribution's section; remove those of contributions and pages now gone."""
    if exception is not None or app.builder.format != "html":
        return
    ds = build_dataset(app.env)
    pages = rendered(app.env)
    where = {cid: doc for doc, ids in pages.items() for cid in ids}
    expected = {contribution_cite_file(c.id, suffix) for c in ds.contributions for suffix in ("bib", "ris")}
    expected |= {cite_file(doc, suffix) for doc in app.env.found_docs for suffix in ("bib", "ris")}
    for stale in (Path(app.outdir) / CITE_DIR).glob("*.*"):  # the build starts from a copy of the last one
        if f"{CITE_DIR}/{stale.name}" not in expected:  # a contribution or page no longer in the book
            stale.unlink()
    for c in ds.contributions:
        url = settings.page_url(app.config, f"{where.get(c.id, 'chapters/index')}.html#{c.id}")
        title = cite.contribution_title(ds, c)
        bib = Path(app.outdir) / contribution_cite_file(c.id, "bib")
        bib.parent.mkdir(parents=True, exist_ok=True)
        bib.write_text(cite.contribution_bibtex(ds, c, url), encoding="utf-8")
        (Path(app.outdir) / contribution_cite_file(c.id, "ris")).write_text(
            cite.ris(ds, title, url), encoding="utf-8", newline=""
        )


#: A link to a BibTeX or RIS file of the book's cite folder, from any page.
_CITE_FILE = re.compile(r'(?:\.\./)*cite/[^"]+\.(?:bib|ris)')


def saves_its_file(node: nodes.reference) -> bool:
    """Tell whether a link is a plain link to a BibTeX or RIS file, which saves the file instead of opening raw text."""
    refuri = node.get("refuri", "")
    return not node.get("internal") and isinstance(node.parent, nodes.TextElement) and bool(_CITE_FILE.fullmatch(refuri))


def visit_reference(self: HTML5Translator, node: nodes.reference) -> None:
    """Write a link as Sphinx does, a link to a BibTeX or RIS file with ``download`` (saves_its_file)."""
    if saves_its_file(node):
        self.body.append(self.starttag(node, "a", "", CLASS="reference external", download="", href=node["refuri"]))
    else:
        type(self).visit_reference(self, node)


def depart_reference(self: HTML5Translator, node: nodes.reference) -> None:
    """Close a link as Sphinx does."""
    type(self).depart_reference(self, node)


def pdf_button(url: str, link: PdfLink, preview: bool) -> dict[str, str]:
    """Return the download menu's PDF entry, saying which edition (or preview) the file is of."""
    if link.edition is not None:
        text = _("PDF of edition {number}").format(number=link.edition)
        tooltip = _("The last released edition as PDF, without the changes since")
    elif preview:
        text, tooltip = _("Preview PDF"), _("The whole briefing, this preview (not released), as PDF")
    else:
        text, tooltip = _("Edition PDF"), _("The whole briefing, this edition, as PDF")
    return {
        "type": "link",
        "url": url,
        "text": text,
        "tooltip": tooltip,
        "icon": "fas fa-file-pdf",
        "label": "download-pdf-button",
    }


def header_buttons(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Offer the edition's PDF and the chapter's notebook in the download menu (not a web-page print); no full-screen button."""
    buttons = context.get("header_buttons")
    if not buttons:
        return
    ds = build_dataset(app.env)
    link = pdf_link(ds, settings.printing(app.config))
    kept = []
    for button in buttons:
        if "fullscreen" in button.get("label", ""):
            continue
        if button.get("label") == "download-buttons":
            items = [b for b in button["buttons"] if b.get("type") != "javascript"]
            for item in items:
                if item.get("label") == "download-notebook-button":
                    item["text"] = _("Notebook (.ipynb)")
                elif item.get("label") == "download-source-button":
                    item["text"] = _("Source ({file})").format(file=item["text"])
            if link is not None:  # the PDF that matches the pages, or the last release's kept one, named as such
                items.insert(0, pdf_button(context["pathto"](f"{DOWNLOAD_DIR}/{link.name}", 1), link, ds.edition_state.preview))
            if BRIEF_PAGE in app.env.found_docs:  # the brief on its own, after the whole book's PDF
                at = int(link is not None)
                items[at:at] = menu_entries(ds, context["pathto"], settings.printing(app.config))
            button = {**button, "buttons": items}
        kept.append(button)
    context["header_buttons"] = kept


def reader_words() -> dict[str, str]:
    """Return the words reader.js writes into pages (buttons, labels, hints), in the edition's language.

    ``{what}`` is a table column's heading with its first letter made lower case, ``{What}`` the heading as it is.
    """
    return {
        "show": _("Show {what}"),
        "hide": _("Hide {what}"),
        "filterOptions": _("{filter} options"),
        "filter": _("Filter"),
        "copied": _("Copied"),
        "copyLink": _("Copy link"),
        "copyLinkTo": _("Copy link to {heading}"),
        "copyReference": _("Copy reference"),
        "missChapters": _(
            "This briefing summarises the organiser's report of one event, so it covers only what that report says. "
            "Its chapters: {chapters}. Try a speaker's surname, an organisation or a theme."
        ),
        "noMatch": search.no_match(),
        "table": _("Table"),
        "scrollSideways": _("Scroll sideways to see all {columns} columns →"),
        "scrollFigure": _("Scroll sideways to see the whole figure →"),
    }


def _words_for_the_script(app: Sphinx, config: Config) -> None:
    """Give reader.js its words in the edition's language, on every page, before it runs.

    At config-inited: the language is known (settings.normalise) and the builder not yet made, which takes the script
    from the registry once; added at builder-inited, Sphinx 7.4 writes a script without a file twice on every page.
    """
    words = json.dumps(reader_words(), ensure_ascii=False).replace("</", "<\\/")
    app.add_js_file(None, body=f"window.briefingWords = {words};")


_PREVIEW_TAGS = re.compile(r'<meta (?:property="og:[^"]+"|name="(?:description|twitter:[^"]+)")[^>]*>')


def root_page(app: Sphinx, exception: Exception | None) -> None:
    """Give the site root the landing page's title, description and link-preview tags, then forward to the landing page."""
    if exception is not None or app.builder.format != "html":
        return
    landing_name = f"{app.config.root_doc}.html"
    landing = Path(app.outdir) / landing_name
    if not landing.is_file() or landing_name == "index.html":  # a landing page at the root already is the site's root
        return
    head = landing.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", head, re.S)
    lang = re.search(r'<html[^>]*\blang="([^"]+)"', head)
    tags = "\n".join(dict.fromkeys(_PREVIEW_TAGS.findall(head)))
    name = title.group(1).strip() if title else html.escape(_("Open the briefing"))
    url = settings.page_url(app.config, landing_name)
    canonical = f'<link rel="canonical" href="{html.escape(url)}">' if url else ""
    page = (
        f'<!doctype html><html lang="{lang.group(1) if lang else "en"}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title.group(1).strip() if title else ''}</title>\n"
        f'{tags}\n{canonical}<meta http-equiv="refresh" content="0; url={landing_name}"></head>'
        f'<body><main><p><a href="{landing_name}">{name}</a></p>'
        "</main></body></html>\n"
    )
    (Path(app.outdir) / "index.html").write_text(draft.finished(app, page), encoding="utf-8")  # a draft's banner and gaps


def drop_icon_script(app: Sphinx, exception: Exception | None) -> None:
    """Remove the theme's 1.5 MB icon script from the site: no page loads it (templates/static/webpack-macros.html), as the
    theme's stylesheet draws the same icons from its font."""
    if exception is not None or app.builder.format != "html":
        return
    for unused in (Path(app.outdir) / "_static" / "scripts").glob("fontawesome.js*"):  # the script, its map, its licence
        unused.unlink()


def field_language(entry: Entry, name: str) -> str | None:
    """Return the language of one field of an entry (None for a field neither the work's nor the editors').

    The editors' descriptions are English, or in a localised copy's language unless it keeps them in English; there a
    translated description that is an English name ("Orkestra – Basque Institute of Competitiveness") is English.
    """
    if name in WORK:
        own = guess_language(plain(entry, name))
        return own if name == "journal" and own else work_language(entry)
    if name in DESCRIPTIONS:
        if name in english_fields(entry):
            return DEFAULT
        return guess_language(plain(entry, name)) or editors_language(entry)
    return None


class Marked(Tag):
    """Rich text in another language than the page's: a docutils inline marked with its language (plain elsewhere)."""

    def render(self, backend: Any) -> Any:
        """Return the text, inside an inline with the class language-xx in docutils."""
        text = super(Tag, self).render(backend)
        if isinstance(backend, DocutilsBackend):
            return [nodes.inline("", "", *text, classes=[self.name])]
        return text


@node
def marked(children: list[Any], data: dict[str, Any], name: str) -> Any:
    """Render a field's template, marked with the field's language where it is not the page's."""
    parts = list(_format_list(children, data))
    code = field_language(data["entry"], name)
    return Marked(f"language-{code}", *parts) if code and code != language() else RichText(*parts)


@node
def marked_names(children: list[Any], data: dict[str, Any], role: str, **join_with: str) -> Any:
    """Render the names of a role as pybtex's names does, each marked with its language where it is not the page's."""
    entry, style = data["entry"], data["style"]
    if role not in entry.persons:
        raise FieldIsMissing(role, entry)
    formatted = []
    for person in entry.persons[role]:
        name = style.format_name(person, style.abbreviate_names).format_data(data)
        code = name_language(entry, person)
        formatted.append(Marked(f"language-{code}", name) if code != language() else name)
    return join(**join_with)[formatted].format_data(data)


def style_words() -> dict[str, str]:
    """Return the words pybtex's templates write themselves, in the page's language."""
    return {
        "In": pgettext("bibliography", "In"),
        "editor": pgettext("bibliography", "editor"),
        "editors": pgettext("bibliography", "editors"),
        "pages": pgettext("bibliography", "pages"),
        "Volume": pgettext("bibliography", "Volume"),
        "volume": pgettext("bibliography", "volume"),
        "Number": pgettext("bibliography", "Number"),
        "number": pgettext("bibliography", "number"),
        "of": pgettext("bibliography", "of"),
        "in": pgettext("bibliography", "in"),
        "chapter": pgettext("bibliography", "chapter"),
        "edition": pgettext("bibliography", "edition"),
        "Technical Report": pgettext("bibliography", "Technical Report"),
        "PhD thesis": pgettext("bibliography", "PhD thesis"),
        "Master's thesis": pgettext("bibliography", "Master's thesis"),
    }


def in_page_language(template: Any, words: dict[str, str]) -> Any:
    """Return a pybtex template with its own words in the page's language and each field marked with its language."""
    if isinstance(template, str):
        return words.get(template, template)
    if not isinstance(template, Node):
        return template
    copy = template._clone()
    copy.children = [in_page_language(child, words) for child in template.children]
    if template.name in {"field", "optional_field"} and template.args and template.args[0] in (*WORK, *DESCRIPTIONS):
        return marked(template.args[0])[copy]
    if template.name == "names" and template.args:
        return marked_names(*template.args, **template.kwargs)
    return copy


def visited(urldate: str) -> str:
    """Return when a web page was visited, as the page's language writes a date ("visited on 27 November 2026")."""
    try:
        day = format_date(dt.date.fromisoformat(urldate.strip()))
    except ValueError:
        day = urldate
    return pgettext("bibliography", "visited on {date}").format(date=day)


#: The class of an entry's editors' note in the reference list.
NOTE_CLASS = "briefing-bib-note"


#: The class of the date an entry's web address was visited (the brief's PDF leaves it out).
VISITED_CLASS = "briefing-bib-visited"


@node
def classed(children: list[Any], data: dict[str, Any], name: str) -> Any:
    """Render a part of an entry marked with a class (name), or nothing when it is empty."""
    parts = list(_format_list(children, data))
    return Marked(name, *parts) if any(parts) else RichText()


@node
def noted(children: list[Any], data: dict[str, Any]) -> Any:
    """Render an entry's note sentence, marked with NOTE_CLASS."""
    return classed(NOTE_CLASS)[children].format_data(data)


def with_note_marked(template: Any) -> Any:
    """Return a pybtex template whose sentence of the note field alone is marked as the editors' note (noted)."""
    if not isinstance(template, Node):
        return template
    if template.name == "sentence" and len(template.children) == 1:
        only = template.children[0]
        if isinstance(only, Node) and only.name in {"field", "optional_field"} and only.args and only.args[0] == "note":
            return noted[template]
    copy = template._clone()
    copy.children = [with_note_marked(child) for child in template.children]
    return copy


def year_given(entry: Entry) -> bool:
    """Tell whether an entry's 'howpublished' already names its year ("Meldung vom 28. Juli 2022", "December 2020")."""
    year = entry.fields.get("year", "").strip()
    return bool(year) and re.search(rf"(?<!\d){re.escape(year)}(?!\d)", entry.fields.get("howpublished", "")) is not None


class KeepCaseStyle(PlainStyle):
    """pybtex's "plain" style without lower-casing titles, so proper nouns keep their capitals ("Ruhr", "June").

    In a translated edition its own words ("and", "visited on") are in the edition's language, and each field in
    another language (an English title, the editors' English notes) is marked with its language. Its labels are the
    works' author-year citations (briefing.sphinx.citations.AuthorYearLabels), not numbers, in the order of their
    titles as read (TitleAsRead).
    """

    default_label_style = LABEL_STYLE
    default_sorting_style = SORTING_STYLE

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Start the style with the label and sorting styles it names registered with pybtex (in a build or outside one)."""
        register_label_style()
        super().__init__(*args, **kwargs)

    def format_title(self, e: Entry, which_field: str, as_sentence: bool = True) -> Any:
        """Return the title as written in the .bib file."""
        title = field(which_field)
        return sentence[title] if as_sentence else title

    def get_misc_template(self, e: Entry) -> Any:
        """Return pybtex's template of a web page or other work, without its year where the way it was published already
        dates it ("News of 28 July 2022, emscher-lippe.de", not "…, emscher-lippe.de, 2022")."""
        if not year_given(e):
            return super().get_misc_template(e)
        return toplevel[
            optional[sentence[self.format_names("author")]],
            optional[self.format_title(e, "title")],
            sentence[optional[field("howpublished")]],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]

    def format_url(self, e: Entry) -> Any:
        """Return the address as a link only if it is an http(s) address; any other (javascript:, data:) stays inert text."""
        if is_web_address(e.fields.get("url", "")):
            return super().format_url(e)
        return words["URL:", field("url", raw=True)]

    def format_names(self, role: str, as_sentence: bool = True) -> Any:
        """Return the names of a role, joined with the page's "and"."""
        if language() == DEFAULT:
            return super().format_names(role, as_sentence)
        joined = names(
            role,
            sep=", ",
            sep2=pgettext("bibliography: between two names", " and "),
            last_sep=pgettext("bibliography: before the last of several names", ", and "),
        )
        return sentence[joined] if as_sentence else joined

    def format_web_refs(self, e: Entry) -> Any:
        """Return the address, the date it was visited (marked VISITED_CLASS) and the DOI, in the page's language."""
        if language() == DEFAULT:
            when = optional[classed(VISITED_CLASS)[" (visited on ", field("urldate"), ")"]]
        else:
            when = optional[classed(VISITED_CLASS)[" (", field("urldate", raw=True, apply_func=visited), ")"]]
        return sentence[
            optional[self.format_url(e), when],
            optional[self.format_eprint(e)],
            optional[self.format_pubmed(e)],
            optional[self.format_doi(e)],
        ]

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        """Format an entry, its editors' note marked (NOTE_CLASS); in a translated edition with the style's words
        translated and its fields marked with their language."""
        template = with_note_marked(getattr(self, f"get_{entry.type}_template")(entry))
        if language() != DEFAULT:
            template = in_page_language(template, style_words())
        text = template.format_data({"entry": entry, "style": self, "bib_data": bib_data})
        return FormattedEntry(entry.key, text, label)


#: The name of that style for `bibtex_default_style` in _config.yml.
BIB_STYLE = "briefing"


def _theme_options(app: Sphinx, config: Config) -> None:
    """Put the book's title beside the sidebar button in the header (visible when the sidebar is hidden).

    A setting, so it is set when the configuration is read (config-inited), after the extension's own theme options.
    """
    config.html_theme_options = {
        **config.html_theme_options,
        "article_header_start": ["toggle-primary-sidebar.html", "briefing-header-title.html"],
    }


def register(app: Sphinx) -> None:
    """Register the reader's scripts, styles, files, reference style and search."""
    app.connect("config-inited", _theme_options, priority=600)  # after the briefing extension's own theme options
    app.connect("config-inited", _words_for_the_script, priority=600)  # after the language is known (settings.normalise)
    register_label_style()
    register_plugin("pybtex.style.formatting", BIB_STYLE, KeepCaseStyle)
    search.register(app)
    app.add_css_file("reader.css")
    app.add_js_file("reader.js", loading_method="defer")
    app.add_node(nodes.reference, override=True, html=(visit_reference, depart_reference))
    app.connect("html-page-context", header_buttons, priority=600)  # after the theme builds its buttons (501)
    app.connect("build-finished", write_contribution_cite_files)
    app.connect("build-finished", root_page, priority=800)
    app.connect("build-finished", drop_icon_script)  # a file no page loads (the theme copies it with its static files)
    setup_page_assets(app)
