"""The brief's shared parts as sections: evidence items as links, and the comparison of the 2020 statements with the
later strategies' fields (one entry per line, not a table of four narrow columns: it reads the same on a phone, a
desktop and paper)."""

from __future__ import annotations

from docutils import nodes

from briefing.analysis.fields import comparison_caption, event_terms, field_names, strategies
from briefing.core.evidence import EDITORS_INFERENCE, EvidenceItem, evidence_items, search_date, search_record
from briefing.core.schema import StrategyField
from briefing.i18n.messages import _, format_date, format_dates, language, pgettext
from briefing.sections.docnodes import bullets, joined, lang, para, source_mark, strong, target
from briefing.sections.page import Page, context_label, slides_label


def evidence_item(page: Page, item: EvidenceItem, cite_record: bool = True) -> list[nodes.Node]:
    """Return one evidence item as a link to where the book shows it (or a citation of an outside work); an editors'
    search cites the editors' record of its month unless cite_record is False (a later search of the line cites it)."""
    ds = page.ds
    if item.prefix == "report":
        if item.key == "event":
            return [nodes.inline("", _("the report as a whole")), nodes.Text(" "), *page.cite(ds.event.source_reference)]
        return [page.contribution_link(ds.contribution[item.key])]
    if item.prefix == "slides":
        c = ds.contribution[item.key]
        return [page.link(slides_label(c.id), _("{speaker}'s slides").format(speaker=c.display_name))]
    if item.prefix == "context":
        statement = next(s for s in ds.context if s.id == item.key)
        return [page.link(context_label(statement.id), statement.topic)]
    if item.prefix == "editors" and item.key == EDITORS_INFERENCE:
        inferred = _("the editors' inference in this paragraph")
        return [nodes.inline(inferred, inferred)]
    if item.prefix == "editors":
        day = search_date(item.key)
        searched = _("the editors' search of public sources on {date}").format(date=format_date(day) if day else "")
        record = search_record(day, ds.references) if day and cite_record else None
        return [nodes.inline(searched, searched), *([nodes.Text(" "), *page.cite(record)] if record else [])]
    if item.prefix == "field":
        field = next(f for f in ds.strategy_fields if f.id == item.key)
        name = field.label_de if language() == "de" else field.label
        return [nodes.inline(name, name), nodes.Text(" "), *page.cite(*field.references)]
    return page.cite(item.key)


def merged_searches(items: list[EvidenceItem]) -> list[EvidenceItem | list[EvidenceItem]]:
    """Return the items with the editors' searches of several days as one group, in the place of the first of them, so
    a source line names 'the editors' searches of public sources on 6 and 7 December 2026' once, not once a day."""
    searches = [i for i in items if i.prefix == "editors" and search_date(i.key)]
    if len(searches) < 2:
        return list(items)
    out: list[EvidenceItem | list[EvidenceItem]] = []
    for item in items:
        if item is searches[0]:
            out.append(searches)
        elif item not in searches:
            out.append(item)
    return out


def searches_item(page: Page, searches: list[EvidenceItem], cite_record: bool = True) -> list[nodes.Node]:
    """Return the editors' searches of several days as one item, citing the editors' record of the last day's month
    once unless cite_record is False."""
    days = [d for i in searches if (d := search_date(i.key))]
    searched = _("the editors' searches of public sources on {dates}").format(dates=format_dates(days))
    record = search_record(max(days), page.ds.references) if cite_record else None
    return [nodes.inline(searched, searched), *([nodes.Text(" "), *page.cite(record)] if record else [])]


def strategy_comparison(page: Page) -> list[nodes.Node]:
    """Return the 2020 statements lined up with each later strategy's fields, each part sourced, line by line
    (``briefing-strategy-comparison``)."""
    ds = page.ds
    kept = strategies(ds)
    if not ds.field_comparison or not kept:
        return [para(_("No comparison with later strategies is recorded."))]
    topics = {c.id: c.topic for c in ds.context}
    region, year = event_terms(ds)
    said_label = _("Said in the {region} in {year}").format(region=region, year=year)
    fields = {f.id: f for f in ds.strategy_fields}
    entries = []
    for line in ds.field_comparison:
        said: list[nodes.Node | str] = ["—"]
        if line.statement:
            links = joined([x for item in evidence_items(line.evidence) for x in evidence_item(page, item)])
            said = [line.statement, " ", source_mark("report"), " ", *links]
        entry = [target(page.document, f"comparison-{line.id}"), para(strong(f"{said_label}: "), *said)]
        for strategy in kept:
            chosen = [fields[f] for f in line.fields if fields[f].context == strategy]
            cell = [x for f in chosen for x in _field_cell(page, f)] or ["—"]
            entry.append(para(strong(f"{topics[strategy]}: "), *cell))
        entry.append(
            para(
                strong(pgettext("comparison", "Why lined up") + ": "),
                line.note,
                " ",
                source_mark("editors"),
                classes=["briefing-meta"],
            )
        )
        entries.append(entry)
    caption = comparison_caption(ds)
    box = nodes.container(classes=["briefing-comparison"])
    box += para(strong(caption))
    box += bullets(entries)
    return [box]


def _field_cell(page: Page, field: StrategyField) -> list[nodes.Node | str]:
    """Return a field's name in the page's language (the sources' name in brackets where theirs is another), cited."""
    name, original = field_names(field)
    out: list[nodes.Node | str] = [name]
    if original:
        out += [" (", _("editors' translation; in the sources: "), lang(original, field.named_in), ")"]
    return [*out, " ", *page.cite(*field.references), " ", source_mark("context")]
