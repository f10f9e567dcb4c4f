"""The book's data-driven sections (its ``briefing-*`` directives) as HTML for a live notebook.

In the book, the Sphinx directives build these sections with anchors, cross-references and citations;
in a notebook, the cell that replaces a directive calls :func:`show_section`, which renders the same
content from the same data with links left as plain names. Directives that only make sense in the built
book (downloads, the edition and its PDF, citation files, the imprint) are listed in :data:`BOOK_ONLY`.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable

from IPython.display import HTML

from briefing.analysis import fields, findings, questions, themes
from briefing.analysis.quotations import quotation_html
from briefing.core.evidence import source_kind_label
from briefing.core.load import load_dataset
from briefing.core.model import Dataset
from briefing.core.schema import Contribution
from briefing.core.slides import not_found_sentence, provenance_template
from briefing.core.translations import rendering, renderings
from briefing.i18n.messages import _, count_words, format_date, format_number, ngettext
from briefing.publish import cite
from briefing.text.render import table_html

#: What each book-only directive shows in the book, for the note that stands in for it in a notebook.
BOOK_ONLY = {
    "briefing-introduction": "the opening paragraph, with links to the perspectives and a citation of the report",
    "briefing-edition": "the edition statement with links to this edition's PDF and earlier editions' PDFs",
    "briefing-abstract-de": "the German abstract (Kurzfassung), marked as German for screen readers",
    "briefing-downloads": "the links to the data files, the data dictionary and the data zip written by the build",
    "briefing-citation": "how to cite the book, with its BibTeX and RIS files written by the build",
    "briefing-revisions": "the list of changes between editions, from the editions kept with the book",
    "briefing-imprint": "the publisher's details (imprint)",
    "briefing-corrections": "how to report a correction to the publisher",
    "briefing-hosting": "where the book is hosted and what the host records",
    "briefing-event": "the table of the event's facts and this edition",
    "briefing-running-order": "the table of contributions in the report's running order, with links to their sections",
    "briefing-perspectives": "the list of perspectives, each linked to its chapter",
    "briefing-coding-rules": "the written coding rules, from coding/rules.md in the data folder (open that file to read them)",
}


def _e(text: object) -> str:
    """Escape a value from the data for HTML."""
    return html.escape(str(text))


def _p(text: str) -> str:
    """Return a paragraph of text, escaped."""
    return f"<p>{_e(text)}</p>"


def _strong(text: str) -> str:
    """Return text in bold, escaped."""
    return f"<strong>{_e(text)}</strong>"


def _items(items: list[str], ordered: bool = False) -> str:
    """Return an HTML list of already escaped items."""
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def _speaker_names(ds: Dataset) -> Callable:
    """Return a function naming a contribution by its speaker (and number, if they spoke twice), as the book links it."""
    counts = Counter(c.speaker for c in ds.contributions)
    twice = _("{speaker} (contribution {number})")
    return lambda c: twice.format(speaker=c.display_name, number=c.order) if counts[c.speaker] > 1 else c.display_name


def _sources(keys: list[str]) -> str:
    """Return bibliography keys as text (the book formats them from data/references.bib)."""
    return _e(_("(references: {keys})").format(keys=", ".join(keys)))


def perspective(ds: Dataset, perspective: str) -> str:
    """Return a perspective's definition and size (``briefing-perspective``)."""
    p = ds.perspective[perspective]
    n = len(ds.contributions_in(p.id))
    size = ngettext(
        "This perspective has {count} contribution in the report.", "This perspective has {count} contributions in the report.", n
    ).format(count=count_words(n))
    return f"<p><strong>{_e(p.label)}.</strong> {_e(p.definition)} {_e(size)}</p>"


def contributions(ds: Dataset, perspective: str, page: str = "") -> str:
    """Return one section per contribution of a perspective (``briefing-contributions``)."""
    members = ds.contributions_in(perspective)
    if not members:
        return _p(_("The report has no contribution in this perspective."))
    found = renderings(ds)
    out = []
    for c in members:
        place = _("Based in: {place}. Contribution {number} of {total} in the report's running order.").format(
            place=themes.based_in_label(c.based_in), number=c.order, total=len(ds.contributions)
        )
        part = [
            f'<h3 id="{_e(c.id)}">{_e(c.display_name)}: {_e(c.topic)}</h3>',
            f"<p><em>{_e(c.role)}, {_e(c.organisation)}. {_e(place)}</em></p>",
            f"<p>{_mark('report')} {_e(c.summary)}</p>",
        ]
        if c.perspective_rationale:
            why = _strong(_("Why in this perspective:"))
            part.append(f"<p>{why} {_e(c.perspective_rationale)}</p>")
        links = ds.links_of(c.id)
        if links:
            evidence = _("Themes, with the report's words as evidence:")
            part.append(f"<p><strong>{_e(evidence)}</strong></p>")
            part.append(
                _items(
                    [
                        f"{_e(ds.theme[link.theme_id].label)}: "
                        f"{quotation_html(link.evidence, rendering(found, c.id, link.theme_id))}"
                        for link in links
                    ]
                )
            )
        else:
            part.append(_p(_("No theme is coded for this contribution.")))
        part.append(_slides(ds, c))
        url = cite.page_url(f"{page}.html#{c.id}") if page else None
        cite_this = _e(_("Cite this contribution:"))
        part.append(f"<p><em><strong>{cite_this}</strong> {_e(cite.contribution_reference(ds, c, url))}</em></p>")
        for note in ds.notes_on(c.id):
            note_title = _strong(_("Editorial note:"))
            said = _(
                "the report says {quotation}; probably right: {correction} (see the editorial notes in the data and method "
                "chapter)."
            ).format(quotation=quotation_html(note.source_says), correction=_e(note.probably_right))
            part.append(f"<p>{note_title} {said}</p>")
        out.append("".join(part))
    return "".join(out)


def _mark(kind: str) -> str:
    """Return the label of a statement's kind of source (briefing.core.evidence), as the book shows it."""
    return f'<span class="briefing-source briefing-source-{_e(kind)}">{_e(source_kind_label(kind))}</span>'


def _slides(ds: Dataset, c: Contribution) -> str:
    """Return the layer 'From the speaker's slides' of a contribution, or that no copy was found, or ''."""
    found = ds.slides_of(c.id)
    if found is None:
        offered = _("The report offers the presentation for download; this briefing does not reproduce it.")
        return _p(offered) if c.presentation_offered else ""
    checked = format_date(found.checked)
    if found.status == "not-found":
        return _p(not_found_sentence(checked))
    quotes = [
        f"{quotation_html(q.quote)} {_e(_('(slide {number})').format(number=q.slide))}" for q in ds.quotes_from_slides(c.id)
    ]
    source = provenance_template().format(source=f"[{found.reference}]", date=checked)
    heading = _strong(_("From the speaker's slides"))
    return (
        f"<p>{heading} {_mark('slides')}</p>"
        + _p(found.summary or "")
        + (_items(quotes) if quotes else "")
        + f"<p><em>{_e(source)}</em></p>"
    )


def perspective_findings(ds: Dataset, perspective: str) -> str:
    """Return what a perspective's chapter showed (``briefing-perspective-findings``)."""
    return _items([_e(s) for s in findings.perspective_findings(ds, perspective)])


def theme_findings(ds: Dataset) -> str:
    """Return what the theme tables show (``briefing-theme-findings``)."""
    return _items([_e(s) for s in findings.theme_findings(ds)])


def key_messages(ds: Dataset) -> str:
    """Return the numbered key messages: headline, supporting sentence, the speakers behind each (``briefing-key-messages``)."""
    name = _speaker_names(ds)
    items = []
    for m in ds.key_messages:
        backing = [ds.contribution[cid] for cid in m.contributions]
        people = questions.speakers(backing)
        support = ", ".join(
            _e(name(cs[0]))
            if len(cs) == 1
            else _e(
                _("{speaker} (contributions {numbers})").format(
                    speaker=cs[0].display_name, numbers=", ".join(str(c.order) for c in cs)
                )
            )
            for cs in questions.by_speaker(backing)
        )
        labels = "; ".join(_e(ds.theme[t].label) for t in m.themes)
        behind = ngettext(
            "Behind it: {count} speaker of {total} ({contributions}). Themes: {themes}.",
            "Behind it: {count} speakers of {total} ({contributions}). Themes: {themes}.",
            len(people),
        ).format(
            count=count_words(len(people), one="person"),
            total=count_words(len(ds.speakers)),
            contributions=support,
            themes=labels,
        )
        items.append(f"<p><strong>{_e(m.headline)}</strong></p><p>{_e(m.support)}</p><p><em>{behind}</em></p>")
    return _items(items, ordered=True)


def report_questions(ds: Dataset) -> str:
    """Return the report's questions verbatim, who speaks to them, our answer and what stays open (``briefing-questions``)."""
    if not ds.questions:
        return _p(_("The report poses no questions of its own."))
    name = _speaker_names(ds)
    out = []
    for q in ds.questions:
        who = ", ".join(_e(name(ds.contribution[cid])) for cid in q.contributions) or _e(_("no contribution in the report"))
        heading = _("Question {number}: “{question}”").format(number=q.order, question=q.question)
        who_title, open_title = _strong(_("Who speaks to it:")), _strong(_("What stays open:"))
        out.append(
            f"<h3>{_e(heading)}</h3><p>{who_title} {who}.</p>"
            f"<p>{_e(q.answer)}</p><p>{open_title} {_e(q.open)}</p>"
            f"<p><em>{_e(questions.question_reach(ds, q))}</em></p>"
        )
    return "".join(out)


def crisis_silence(ds: Dataset) -> str:
    """Return how many passages mention the crisis and whether the region's own actors do (``briefing-crisis-silence``)."""
    title = _e(_("Where the report is silent."))
    return f"<p><strong>{title}</strong> {_e(' '.join(questions.crisis_silence(ds).sentences()))}</p>"


def region_fields(ds: Dataset) -> str:
    """Return the table of fields and strengths speakers named for the region (``briefing-region-fields``)."""
    caption = _("Fields and strengths speakers named in sentences the report places in the {region}").format(
        region=ds.event.region
    )
    return table_html(fields.proposed_fields_table(ds), caption)


def context(ds: Dataset) -> str:
    """Return the facts from outside the report, marked as such, with their reference keys (``briefing-context``)."""
    items = [f"<strong>{_e(c.topic)}.</strong> {_e(c.statement)} {_sources(c.references)}" for c in ds.context]
    body = _items(items) if items else _p(_("No context from outside the report is recorded."))
    title, note = _("Context from outside the report."), _("Nothing here comes from the event report.")
    return f"<p><strong>{_e(title)}</strong> <em>{_e(note)}</em></p>" + body


def strategy_comparison(ds: Dataset) -> str:
    """Return the 2020 statements lined up with the later strategies' fields (``briefing-strategy-comparison``)."""
    if not ds.field_comparison or not ds.strategy_fields:
        return _p(_("No comparison with later strategies is recorded."))
    caption = fields.comparison_caption(ds)
    return table_html(fields.comparison_table(ds), caption)


#: The vocabulary names at most this many contributions per theme (as in the book).
VOCABULARY_NAMES = 10


def vocabulary(ds: Dataset) -> str:
    """Return the themes with their definitions and who raised them (``briefing-vocabulary``)."""
    name = _speaker_names(ds)
    reach = themes.perspectives_per_theme(ds)
    entries = []
    for t in ds.themes:
        raised_by = [c for c in ds.contributions if any(link.theme_id == t.id for link in ds.links_of(c.id))]
        who = ", ".join(_e(name(c)) for c in raised_by[:VOCABULARY_NAMES]) or _e(_("no contribution"))
        if len(raised_by) > VOCABULARY_NAMES:
            more = format_number(len(raised_by) - VOCABULARY_NAMES)
            who = _("{names} and {count} more (see the table of theme links)").format(names=who, count=more)
        raised = ngettext(
            "Raised in {count} perspective, by: {names}.", "Raised in {count} perspectives, by: {names}.", len(reach[t.id])
        ).format(count=count_words(len(reach[t.id]), one="dative feminine"), names=who)
        entries.append(f"<dt><strong>{_e(t.label)}</strong></dt><dd><p>{_e(t.definition)}</p><p><em>{raised}</em></p></dd>")
    return "<dl>" + "".join(entries) + "</dl>"


def editorial_notes(ds: Dataset) -> str:
    """Return one section per error or inconsistency in the report (``briefing-editorial-notes``)."""
    if not ds.editorial_notes:
        return _p(_("No errors or inconsistencies in the report are recorded."))
    name = _speaker_names(ds)
    out = []
    for note in ds.editorial_notes:
        kind = _("Error") if note.kind == "error" else _("Inconsistency")
        where = _e(name(ds.contribution[note.contribution_id])) if note.contribution_id else _e(_("the report as a whole"))
        basis = _("cited.") if note.basis == "cited" else _("probable, not confirmed by a cited source.")
        source = f" {_sources(note.reference)}" if note.reference else ""
        quoted = quotation_html(note.source_says)
        right_title, basis_title = _strong(_("Probably right:")), _strong(_("Basis:"))
        says = _("The report says {quotation} (concerning {where}).").format(quotation=quoted, where=where)
        out.append(
            f"<h3>{_e(kind)}: {quoted}</h3><p>{says}</p>"
            f"<p>{right_title} {_e(note.probably_right)}</p>"
            f"<p>{basis_title} {_e(basis)} {_e(note.reason)}{source}</p>"
        )
    return "".join(out)


def glossary(ds: Dataset) -> str:
    """Return the glossary's terms with explanations and sources (``briefing-glossary``)."""
    entries = []
    for entry in sorted(ds.glossary, key=lambda g: g.term.casefold()):
        origin = (
            _("Source: the event report") if entry.reference == [ds.event.source_reference] else _("Outside context; source:")
        )
        entries.append(
            f'<dt lang="{_e(entry.lang)}"><strong>{_e(entry.term)}</strong></dt>'
            f"<dd>{_e(entry.definition)} <em>{_e(origin)}</em> {_sources(entry.reference)}</dd>"
        )
    return "<dl>" + "".join(entries) + "</dl>"


#: The directives a notebook renders through the package, by name.
RENDERERS: dict[str, Callable[..., str]] = {
    "briefing-perspective": perspective,
    "briefing-contributions": contributions,
    "briefing-perspective-findings": perspective_findings,
    "briefing-theme-findings": theme_findings,
    "briefing-key-messages": key_messages,
    "briefing-vocabulary": vocabulary,
    "briefing-editorial-notes": editorial_notes,
    "briefing-glossary": glossary,
    "briefing-questions": report_questions,
    "briefing-crisis-silence": crisis_silence,
    "briefing-region-fields": region_fields,
    "briefing-context": context,
    "briefing-strategy-comparison": strategy_comparison,
}


def show_section(directive: str, page: str = "", **options: str) -> HTML:
    """Render a book section in a notebook from the current data (what the directive of that name shows in the book)."""
    render = RENDERERS[directive]
    ds = load_dataset()
    if "page" in render.__code__.co_varnames:
        options["page"] = page
    return HTML(f'<div class="briefing-section">{render(ds, **options)}</div>')
