"""Checks across tables and against the source report, each returning Problems."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Set
from typing import TYPE_CHECKING

from briefing.core.coding import resolution_problems
from briefing.core.drafts import is_gap
from briefing.core.errors import Problem, unknown_references
from briefing.core.layer_checks import check_layer
from briefing.core.revisions import COMPARED_FILES
from briefing.core.source import closest_hint, sentence_count, shared_run, word_count

if TYPE_CHECKING:
    from briefing.core.model import Dataset
from collections.abc import Callable, Hashable
from typing import Any

#: A summary may not share this many consecutive words with the report.
COPIED_RUN = 7
MAX_SUMMARY_SENTENCES = 3


def check_dataset(
    ds: Dataset, missing_starts: list[tuple[str, str]], broken: Set[str] = frozenset(), complete: bool = True
) -> list[Problem]:
    """Run every cross-table and source check; return all problems found.

    `broken` holds ids of rows already reported as invalid: references to them are not reported again.
    `complete` is False when a contributions row was invalid: its passage then merges into the one
    before, so the presentation flags, which that would make stricter, are checked once it is fixed.
    """
    checks = (
        _unique(ds),
        (p for p in _references_between_tables(ds) if p.value not in broken),
        _passages(ds, missing_starts, complete),
        _evidence(ds),
        _summaries(ds),
        (p for p in check_layer(ds) if not _names_broken(p.value, broken)),
        _editorial_notes(ds),
        _bibliography(ds),
        _former_theme_ids(ds),
        resolution_problems(ds),
        _changes(ds),
    )
    return [problem for check in checks for problem in check]


def _duplicates(ds: Dataset, file: str, column: str, key: Callable[[Any], Hashable]) -> Iterator[Problem]:
    """Report values that occur more than once in one column, on every row that has them."""
    rows = ds.rows.get(file, ())
    counts = Counter(key(r) for r in rows)
    for row, number in zip(rows, ds.row_numbers.get(file, ()), strict=True):
        if counts[key(row)] > 1:
            yield Problem(file, number, column, "this value must be unique but appears more than once", str(key(row)))


def _unique(ds: Dataset) -> Iterator[Problem]:
    """Ids, orders and links must not repeat."""
    yield from _duplicates(ds, "perspectives.csv", "id", lambda r: r.id)
    yield from _duplicates(ds, "perspectives.csv", "order", lambda r: r.order)
    yield from _duplicates(ds, "contributions.csv", "id", lambda r: r.id)
    yield from _duplicates(ds, "contributions.csv", "order", lambda r: r.order)
    yield from _duplicates(ds, "themes.csv", "id", lambda r: r.id)
    yield from _duplicates(ds, "themes.csv", "label", lambda r: r.label)
    yield from _duplicates(ds, "contribution_themes.csv", "theme_id", lambda r: (r.contribution_id, r.theme_id))
    yield from _duplicates(ds, "editorial_notes.csv", "id", lambda r: r.id)
    yield from _duplicates(ds, "glossary.csv", "term", lambda r: r.term)
    for file in ("questions.csv", "context.csv", "strategy_fields.csv"):
        yield from _duplicates(ds, file, "id", lambda r: r.id)
    yield from _duplicates(ds, "changes.csv", "field", lambda r: (r.edition, r.file, r.row, tuple(r.field)))
    clash = {c.id for c in ds.contributions} & {f"note-{n.id}" for n in ds.editorial_notes}
    for cid in sorted(clash):
        yield Problem("contributions.csv", None, "id", "an id may not begin with 'note-' followed by an editorial note's id", cid)


def _names_broken(value: str | None, broken: Set[str]) -> bool:
    """Return whether a problem's value names a row already reported as invalid, as an id or as evidence (kind:id)."""
    return value in broken or (value is not None and value.partition(":")[2] in broken)


def _references_between_tables(ds: Dataset) -> Iterator[Problem]:
    """Every id that points to another table must exist there."""
    perspectives, themes = set(ds.perspective), set(ds.theme)
    contributions = set(ds.contribution)
    for c in ds.contributions:
        if c.perspective not in perspectives:
            yield Problem(
                "contributions.csv",
                ds.row_number("contributions.csv", c),
                "perspective",
                f"unknown perspective; expected one of: {', '.join(sorted(perspectives))}",
                c.perspective,
            )
    for link in ds.links:
        n = ds.row_number("contribution_themes.csv", link)
        if link.contribution_id not in contributions:
            yield Problem(
                "contribution_themes.csv",
                n,
                "contribution_id",
                "no contribution has this id in contributions.csv",
                link.contribution_id,
            )
        if link.theme_id not in themes:
            yield Problem("contribution_themes.csv", n, "theme_id", "no theme has this id in themes.csv", link.theme_id)
    for note in ds.editorial_notes:
        n = ds.row_number("editorial_notes.csv", note)
        if note.contribution_id and note.contribution_id not in contributions:
            yield Problem(
                "editorial_notes.csv",
                n,
                "contribution_id",
                "no contribution has this id in contributions.csv",
                note.contribution_id,
            )


def _passages(ds: Dataset, missing_starts: list[tuple[str, str]], complete: bool = True) -> Iterator[Problem]:
    """Each contribution's passage must be found, and the presentation flag must match the report."""
    for cid, words in missing_starts:
        row = ds.row_number("contributions.csv", ds.contribution[cid])
        yield Problem(
            "contributions.csv",
            row,
            "source_start",
            "these words were not found in the report after the previous "
            "contribution's passage (check spelling and running order)",
            words,
        )
    for c in ds.contributions:
        passage = ds.passages.get(c.id)
        for keyword in c.keywords if passage else []:
            if passage and keyword.casefold() not in passage.text.casefold():
                yield Problem(
                    "contributions.csv",
                    ds.row_number("contributions.csv", c),
                    "keywords",
                    "each keyword must occur in the contribution's passage of the report",
                    keyword,
                )
        if complete and passage and passage.offers_presentation != c.presentation_offered:
            says = "offers" if passage.offers_presentation else "does not offer"
            yield Problem(
                "contributions.csv",
                ds.row_number("contributions.csv", c),
                "presentation_offered",
                f"the report {says} a presentation for download in this passage",
                "yes" if c.presentation_offered else "no",
            )


def _evidence(ds: Dataset) -> Iterator[Problem]:
    """Evidence must be verbatim in the report and inside its own contribution's passage."""
    for link in ds.links:
        n = ds.row_number("contribution_themes.csv", link)
        passage = ds.passages.get(link.contribution_id)
        if passage is None or passage.contains(link.evidence):
            continue
        owners = [cid for cid, p in ds.passages.items() if p.contains(link.evidence)]
        if owners:
            names = ", ".join(ds.contribution[o].display_name + f" ({o})" for o in owners)
            message = f"the quotation is in another contribution's passage ({names}), not in '{link.contribution_id}'"
        elif link.evidence in ds.source_text:
            message = "the quotation is in the report but outside every contribution's passage"
        else:
            message = f"the quotation is not verbatim in the report: {closest_hint(link.evidence, ds.source_text)}"
        yield Problem("contribution_themes.csv", n, "evidence", message, link.evidence)


def _summaries(ds: Dataset) -> Iterator[Problem]:
    """Summaries: 1-3 sentences, attributed to the report, no longer than the passage, not copied."""
    for c in ds.contributions:
        if is_gap(c.summary):  # a draft's summary not yet written: on the editor's to-do list, not a problem
            continue
        row = ds.row_number("contributions.csv", c)
        sentences = sentence_count(c.summary)
        if sentences > MAX_SUMMARY_SENTENCES:
            yield Problem("contributions.csv", row, "summary", f"expected 1-3 sentences, found {sentences}", c.summary)
        if "report" not in c.summary.lower():
            yield Problem(
                "contributions.csv",
                row,
                "summary",
                "attribute the summary to the report (e.g. 'According to the report, "
                "...'): the report is the organiser's summary, not the speaker's words",
                c.summary,
            )
        passage = ds.passages.get(c.id)
        if passage is None:
            continue
        limit = word_count(passage.body)
        if word_count(c.summary) > limit:
            yield Problem(
                "contributions.csv",
                row,
                "summary",
                f"longer than the report's own passage: {word_count(c.summary)} words, at most {limit}",
                c.summary,
            )
        copied = shared_run(c.summary, ds.source_text, COPIED_RUN)
        if copied:
            yield Problem(
                "contributions.csv",
                row,
                "summary",
                f"copies {COPIED_RUN} or more consecutive words from the report "
                f"({copied!r}): write it in our own words or quote it as evidence",
                c.summary,
            )


def _editorial_notes(ds: Dataset) -> Iterator[Problem]:
    """What a note says the report says must be verbatim; a cited note needs a reference."""
    for note in ds.editorial_notes:
        n = ds.row_number("editorial_notes.csv", note)
        passage = ds.passages.get(note.contribution_id or "")
        where = passage.text if passage else ds.source_text
        if note.source_says not in where:
            scope = f"the passage of '{note.contribution_id}'" if passage else "the report"
            yield Problem(
                "editorial_notes.csv",
                n,
                "source_says",
                f"not found verbatim in {scope}: {closest_hint(note.source_says, where)}",
                note.source_says,
            )
        if note.basis == "cited" and not note.reference:
            yield Problem(
                "editorial_notes.csv", n, "reference", "a note whose basis is 'cited' needs a reference key from references.bib"
            )


def _bibliography(ds: Dataset) -> Iterator[Problem]:
    """Every reference key used in the data must exist in references.bib."""
    if ds.event.source_reference not in ds.references:
        yield Problem(
            "event.yml", None, "source_reference", "no entry with this key in references.bib", ds.event.source_reference
        )
    for note in ds.editorial_notes:
        n = ds.row_number("editorial_notes.csv", note)
        yield from unknown_references(ds.references, "editorial_notes.csv", n, "reference", note.reference)
    for entry in ds.glossary:
        n = ds.row_number("glossary.csv", entry)
        yield from unknown_references(ds.references, "glossary.csv", n, "reference", entry.reference)
    for theme in ds.themes:
        n = ds.row_number("themes.csv", theme)
        yield from unknown_references(ds.references, "themes.csv", n, "references", theme.references)


def _former_theme_ids(ds: Dataset) -> Iterator[Problem]:
    """A former theme id keeps an old address alive: it may not be a current id or belong to two themes."""
    current = {t.id for t in ds.themes}
    counts = Counter(f for t in ds.themes for f in t.former_ids)
    for theme in ds.themes:
        n = ds.row_number("themes.csv", theme)
        for former in theme.former_ids:
            if former in current:
                yield Problem(
                    "themes.csv",
                    n,
                    "former_ids",
                    "a former id may not be the id of a current theme (its address would lead to two places)",
                    former,
                )
            elif counts[former] > 1:
                yield Problem("themes.csv", n, "former_ids", "this former id is given for more than one theme", former)


def _changes(ds: Dataset) -> Iterator[Problem]:
    """Each reason row names a table the revisions page compares and, where given, one of its columns."""
    for change in ds.changes:
        n = ds.row_number("changes.csv", change)
        if change.file not in COMPARED_FILES:
            yield Problem(
                "changes.csv",
                n,
                "file",
                f"not a table the revisions page compares; expected one of: {', '.join(COMPARED_FILES)}",
                change.file,
            )
