"""Checks of the briefing layer: key messages, the report's questions, outside context and the later strategy."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from briefing.core.drafts import is_gap
from briefing.core.errors import Problem, unknown_references
from briefing.core.evidence import unknown_evidence
from briefing.core.slides import slides_problems
from briefing.core.source import closest_hint, sentence_count, shared_run, word_count

if TYPE_CHECKING:
    from briefing.core.model import Dataset

#: Same limit as for summaries: no run of this many words may be copied from the report.
COPIED_RUN = 7
#: A key message's headline is read at a glance: at most this many words.
MAX_HEADLINE_WORDS = 20
#: A question's answer has one or two sentences.
MAX_ANSWER_SENTENCES = 2
#: Theme category of the fields a strategy can specialise in (themes.csv, column 'category').
FIELD = "field"


def check_layer(ds: Dataset) -> list[Problem]:
    """Run every check of the briefing layer; return all problems found."""
    return [
        *_unique(ds),
        *_key_messages(ds),
        *_questions(ds),
        *_context(ds),
        *_strategy_fields(ds),
        *_brief(ds),
        *_comparison(ds),
        *slides_problems(ds),
    ]


def _unique(ds: Dataset) -> Iterator[Problem]:
    """Ids and positions of the layer's tables must not repeat."""
    for file, column in (
        ("key_messages.csv", "id"),
        ("questions.csv", "id"),
        ("questions.csv", "order"),
        ("context.csv", "id"),
        ("context.csv", "order"),
        ("strategy_fields.csv", "id"),
        ("strategy_fields.csv", "order"),
        ("brief.csv", "id"),
        ("brief.csv", "order"),
        ("options.csv", "id"),
        ("options.csv", "order"),
        ("field_comparison.csv", "id"),
        ("field_comparison.csv", "order"),
        ("slides.csv", "contribution_id"),
        ("slide_quotes.csv", "id"),
    ):
        rows = ds.rows.get(file, ())
        counts = Counter(getattr(r, column) for r in rows)
        for row, number in zip(rows, ds.row_numbers.get(file, ()), strict=True):
            if counts[getattr(row, column)] > 1:
                yield Problem(
                    file, number, column, "this value must be unique but appears more than once", str(getattr(row, column))
                )


def _copied(ds: Dataset, file: str, row: int | None, column: str, text: str) -> Iterator[Problem]:
    """Report text that copies a run of words from the report instead of saying it in our words."""
    copied = shared_run(text, ds.source_text, COPIED_RUN)
    if copied:
        yield Problem(
            file,
            row,
            column,
            f"copies {COPIED_RUN} or more consecutive words from the report ({copied!r}): write it in our own words",
            text,
        )


def _attributed(file: str, row: int | None, column: str, text: str) -> Iterator[Problem]:
    """Report a text about what speakers said that does not name the report as its source (a draft's gap is a to-do)."""
    if "report" not in text.lower() and not is_gap(text):
        yield Problem(
            file,
            row,
            column,
            "attribute it to the report (e.g. 'According to the report, ...'): "
            "the report is the organiser's summary, not the speakers' words",
            text,
        )


def _ids_exist(ds: Dataset, file: str, row: int | None, column: str, ids: Iterable[str], table: str) -> Iterator[Problem]:
    """Report ids that no row of contributions.csv or themes.csv has."""
    known = ds.contribution if table == "contributions.csv" else ds.theme
    kind = "contribution" if table == "contributions.csv" else "theme"
    for value in ids:
        if value not in known:
            yield Problem(file, row, column, f"no {kind} has this id in {table}", value)


def _backed(ds: Dataset, file: str, row: int | None, contributions: list[str], themes: list[str], what: str) -> Iterator[Problem]:
    """Report listed contributions that are coded with none of the row's themes, so nothing supports them."""
    coded = {(link.contribution_id, link.theme_id) for link in ds.links}
    for cid in contributions:
        if cid in ds.contribution and not any((cid, tid) in coded for tid in themes):
            yield Problem(
                file,
                row,
                "contributions",
                f"this contribution is not linked to any of the {what}'s themes in contribution_themes.csv, "
                "so nothing in the data supports it",
                cid,
            )


def _key_messages(ds: Dataset) -> Iterator[Problem]:
    """A key message: a headline of at most 20 words, one attributed supporting sentence, existing and coded support."""
    file = "key_messages.csv"
    for m in ds.key_messages:
        n = ds.row_number(file, m)
        yield from _ids_exist(ds, file, n, "contributions", m.contributions, "contributions.csv")
        yield from _ids_exist(ds, file, n, "themes", m.themes, "themes.csv")
        words = word_count(m.headline)
        if words > MAX_HEADLINE_WORDS:
            yield Problem(file, n, "headline", f"has {words} words; a headline has at most {MAX_HEADLINE_WORDS}", m.headline)
        sentences = sentence_count(m.support)
        if sentences != 1:
            yield Problem(file, n, "support", f"expected exactly one sentence, found {sentences}", m.support)
        yield from _attributed(file, n, "support", m.support)
        yield from _copied(ds, file, n, "headline", m.headline)
        yield from _copied(ds, file, n, "support", m.support)
        yield from _backed(ds, file, n, m.contributions, m.themes, "message")


def _questions(ds: Dataset) -> Iterator[Problem]:
    """A question is verbatim in the report; its answer is ours, attributed, short and backed by coded contributions."""
    file = "questions.csv"
    for q in ds.questions:
        n = ds.row_number(file, q)
        if q.question not in ds.source_text:
            yield Problem(
                file,
                n,
                "question",
                f"the question is not verbatim in the report: {closest_hint(q.question, ds.source_text)}",
                q.question,
            )
        yield from _ids_exist(ds, file, n, "contributions", q.contributions, "contributions.csv")
        yield from _ids_exist(ds, file, n, "themes", q.themes, "themes.csv")
        yield from _backed(ds, file, n, q.contributions, q.themes, "question")
        sentences = sentence_count(q.answer)
        if not 1 <= sentences <= MAX_ANSWER_SENTENCES:
            yield Problem(file, n, "answer", f"expected one or two sentences, found {sentences}", q.answer)
        yield from _attributed(file, n, "answer", q.answer)
        yield from _copied(ds, file, n, "answer", q.answer)
        yield from _copied(ds, file, n, "open", q.open)


def _context(ds: Dataset) -> Iterator[Problem]:
    """Every context statement cites works that references.bib holds, and bears on known themes."""
    file = "context.csv"
    for c in ds.context:
        n = ds.row_number(file, c)
        why = "a statement from outside the report must cite a work listed there"
        yield from unknown_references(ds.references, file, n, "references", c.references, why)
        yield from _ids_exist(ds, file, n, "relates_to", c.relates_to, "themes.csv")


def _strategy_fields(ds: Dataset) -> Iterator[Problem]:
    """A later strategy's field names the context statement that cites it, and cites works references.bib holds."""
    file = "strategy_fields.csv"
    statements = {c.id for c in ds.context}
    for f in ds.strategy_fields:
        n = ds.row_number(file, f)
        if f.context not in statements:
            yield Problem(
                file,
                n,
                "context",
                "no statement has this id in context.csv (the strategy must be reported and cited there)",
                f.context,
            )
        why = "a field from outside the report must cite a work listed there"
        yield from unknown_references(ds.references, file, n, "references", f.references, why)


#: The brief's bottom line has two or three sentences.
MAX_BOTTOM_LINE_SENTENCES = 3


def _evidence(ds: Dataset, file: str, row: int | None, evidence: list[str]) -> Iterator[Problem]:
    """Report evidence items that name nothing in the data (contribution, kept slides, context, field or reference)."""
    for item in unknown_evidence(ds, evidence):
        yield Problem(
            file,
            row,
            "evidence",
            "nothing in the data has this id: report:<contribution id or 'event'>, slides:<contribution with a checked "
            "copy in slides.csv>, context:<context.csv id>, field:<strategy_fields.csv id>, ref:<references.bib key> "
            "or editors:search-YYYY-MM-DD or editors:inference",
            item,
        )


def _brief(ds: Dataset) -> Iterator[Problem]:
    """The brief and its options rest on evidence the data hold, and say it in our words (no run copied from the report)."""
    file = "brief.csv"
    bottom = [p for p in ds.brief if p.section == "bottom-line"]
    for p in ds.brief:
        n = ds.row_number(file, p)
        yield from _evidence(ds, file, n, p.evidence)
        yield from _copied(ds, file, n, "text", p.text)
    if len(bottom) > 1:
        yield Problem(file, ds.row_number(file, bottom[1]), "section", "the brief has one bottom line", bottom[1].section)
    for p in bottom:
        if sentence_count(p.text) > MAX_BOTTOM_LINE_SENTENCES:
            yield Problem(
                file, ds.row_number(file, p), "text", f"the bottom line has at most {MAX_BOTTOM_LINE_SENTENCES} sentences", p.text
            )
    file = "options.csv"
    for o in ds.options:
        n = ds.row_number(file, o)
        yield from _evidence(ds, file, n, o.evidence)
        for column in ("headline", "text", "limits"):
            yield from _copied(ds, file, n, column, getattr(o, column))


def _comparison(ds: Dataset) -> Iterator[Problem]:
    """Each line of the comparison rests on the report's passages and names known fields, at most one per strategy."""
    file = "field_comparison.csv"
    fields = {f.id: f for f in ds.strategy_fields}
    for line in ds.field_comparison:
        n = ds.row_number(file, line)
        yield from _evidence(ds, file, n, line.evidence)
        for item in line.evidence:
            if not item.startswith("report:"):
                yield Problem(file, n, "evidence", "a statement of the event rests on the report: report:<contribution id>", item)
        if bool(line.statement) != bool(line.evidence):
            yield Problem(file, n, "evidence", "give the report's passages for a statement, and none without one")
        if line.statement:
            yield from _copied(ds, file, n, "statement", line.statement)
        for fid in line.fields:
            if fid not in fields:
                yield Problem(file, n, "fields", "no field has this id in strategy_fields.csv", fid)
        strategies = Counter(fields[f].context for f in line.fields if f in fields)
        for strategy, count in strategies.items():
            if count > 1:
                yield Problem(file, n, "fields", f"line up at most one field of each strategy ({count} of {strategy})")
