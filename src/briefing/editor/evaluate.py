"""Evaluate theme suggestions honestly: leave-one-out on the curated links (``briefing evaluate``).

Each contribution's links are hidden in turn: the theme profiles are built without them, and the
threshold is chosen (best F2) on the other contributions only, each of them scored without its own
links too. The held-out contribution is then scored at that threshold. Precision, recall and F1 are
counted per theme and overall, and a suggested evidence span "matches" the curated evidence when
the two overlap in the passage by at least half of the shorter one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.core.load import as_written
from briefing.core.model import Dataset
from briefing.editor.suggest import Suggestion, choose_threshold, held_out_scores, vectoriser_for
from briefing.i18n.messages import _, ngettext, pgettext
from briefing.text.render import decimal, show_table

if TYPE_CHECKING:
    import pandas as pd
    from IPython.display import HTML
from typing import Any

#: Share of the shorter span two spans must share to count as the same evidence.
OVERLAP = 0.5
#: Most contributions for which the book's data and method chapter runs the evaluation while building.
BOOK_LIMIT = 100
#: The fewest curated links, and contributions with links, from which precision and recall are given: below them one
#: link found or missed moves a figure by five points or more, so the figures would say more than the data can.
MIN_LINKS, MIN_CONTRIBUTIONS = 20, 5


def linked_contributions(ds: Dataset) -> int:
    """Return how many contributions have curated theme links."""
    return len({link.contribution_id for link in ds.links})


def too_few_links(ds: Dataset) -> bool:
    """Return whether the curated links are too few for precision and recall to mean anything."""
    return len(ds.links) < MIN_LINKS or linked_contributions(ds) < MIN_CONTRIBUTIONS


def refusal(ds: Dataset) -> str:
    """Return why `briefing evaluate` gives no precision and recall for these data, and what to do instead."""
    return (
        f"Not evaluated: {len(ds.links)} curated theme link{'s' if len(ds.links) != 1 else ''} in "
        f"{linked_contributions(ds)} contribution{'s' if linked_contributions(ds) != 1 else ''} are too few for "
        f"precision and recall to mean anything (one link found or missed would move them by five points or more). "
        f"The evaluation needs at least {MIN_LINKS} curated links in {MIN_CONTRIBUTIONS} contributions: accept or write "
        "more links (`briefing suggest-themes`, then `briefing accept-themes`) and run it again."
    )


@dataclass
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def figures(self) -> dict[str, float | int]:
        """Return precision, recall and F1 with the counts (precision is 0 when nothing was suggested)."""
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class Evaluation:
    """The figures of one leave-one-out run."""

    overall: Counts = field(default_factory=Counts)
    themes: dict[str, Counts] = field(default_factory=dict)
    thresholds: list[float] = field(default_factory=list)
    evidence_matched: int = 0

    def as_dict(self) -> dict[str, Any]:
        """Return the figures as plain data (for JSON and the benchmark)."""
        return {
            "method": "leave-one-out over contributions; threshold chosen per fold on the other contributions (best F2)",
            "overall": self.overall.figures(),
            "evidence_spans_matching": round(self.evidence_matched / self.overall.tp, 3) if self.overall.tp else 0.0,
            "evidence_spans_compared": self.overall.tp,
            "thresholds": {
                "min": min(self.thresholds, default=0),
                "max": max(self.thresholds, default=0),
                "mean": round(sum(self.thresholds) / len(self.thresholds), 3) if self.thresholds else 0,
            },
            "themes": {tid: counts.figures() for tid, counts in self.themes.items()},
        }


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Return whether two spans share at least OVERLAP of the shorter one."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared >= OVERLAP * min(a[1] - a[0], b[1] - b[0])


def _matches(ds: Dataset, s: Suggestion) -> bool:
    """Return whether a suggested span matches the curated evidence of the same contribution and theme."""
    text = ds.passages[s.contribution_id].text
    for link in ds.links:
        same = (link.contribution_id, link.theme_id) == (s.contribution_id, s.theme_id)
        if (
            same
            and (at := text.find(link.evidence)) >= 0
            and overlaps((s.evidence.start, s.evidence.end), (at, at + len(link.evidence)))
        ):
            return True
    return False


def evaluate(ds: Dataset) -> Evaluation:
    """Run leave-one-out over every contribution that has curated links and count the outcome."""
    result = Evaluation(themes={t.id: Counts() for t in ds.themes})
    truth = {(link.contribution_id, link.theme_id) for link in ds.links}
    linked = sorted({cid for cid, _ in truth if cid in ds.passages})
    vectoriser = vectoriser_for(ds)
    for held in linked:
        others = [cid for cid in linked if cid != held]
        inner = held_out_scores(ds, vectoriser, [], frozenset({held}), others)
        threshold = choose_threshold(inner, {pair for pair in truth if pair[0] != held})
        result.thresholds.append(threshold)
        scored = held_out_scores(ds, vectoriser, [], frozenset(), [held])[held]
        chosen = {s.theme_id: s for s in scored if s.score >= threshold}
        actual = {tid for cid, tid in truth if cid == held}
        for tid in set(chosen) | actual:
            counts = result.themes.setdefault(tid, Counts())
            if tid in chosen and tid in actual:
                counts.tp += 1
                result.overall.tp += 1
                result.evidence_matched += _matches(ds, chosen[tid])
            elif tid in chosen:
                counts.fp += 1
                result.overall.fp += 1
            else:
                counts.fn += 1
                result.overall.fn += 1
    return result


def report(ds: Dataset, evaluation: Evaluation) -> str:
    """Return the figures as a plain-text table: overall first, then per theme."""
    figures = evaluation.as_dict()
    o = figures["overall"]
    t = figures["thresholds"]
    met = o["recall"] >= 0.7 and o["precision"] >= 0.5
    lines = [
        f"Theme suggestions, leave-one-out on {len({link.contribution_id for link in ds.links})} contributions "
        f"and {len(ds.links)} curated links "
        f"(threshold chosen per fold on the other contributions: {t['min']}-{t['max']}, mean {t['mean']}):",
        f"  overall: precision {o['precision']:.2f}, recall {o['recall']:.2f}, F1 {o['f1']:.2f} "
        f"({o['tp']} right, {o['fp']} wrong, {o['fn']} missed)",
        f"  evidence spans matching the curated evidence: {figures['evidence_spans_matching']:.0%} "
        f"of {figures['evidence_spans_compared']} right suggestions",
        f"  target: recall >= 0.70 at precision >= 0.50: {'met' if met else 'not met'}",
        "",
        f"  {'theme':<28}{'precision':>10}{'recall':>8}{'F1':>6}{'right':>7}{'wrong':>7}{'missed':>8}",
    ]
    for tid, f in figures["themes"].items():
        lines.append(f"  {tid:<28}{f['precision']:>10.2f}{f['recall']:>8.2f}{f['f1']:>6.2f}{f['tp']:>7}{f['fp']:>7}{f['fn']:>8}")
    return "\n".join(lines)


def figures_table(ds: Dataset) -> pd.DataFrame:
    """Return the overall figures as a two-column table for the data and method chapter."""
    import pandas as pd

    figure, value = pgettext("column", "Figure"), pgettext("column", "Value")
    if not ds.links:
        return pd.DataFrame({figure: [_("Curated theme links to evaluate")], value: [_("none yet")]})
    if too_few_links(ds):
        n = linked_contributions(ds)
        note = ngettext(
            "{links} from {count} contribution: too few for precision and recall "
            "(at least {min_links} links from {min_contributions} contributions)",
            "{links} from {count} contributions: too few for precision and recall "
            "(at least {min_links} links from {min_contributions} contributions)",
            n,
        ).format(links=len(ds.links), count=n, min_links=MIN_LINKS, min_contributions=MIN_CONTRIBUTIONS)
        return pd.DataFrame({figure: [_("Curated theme links to evaluate")], value: [note]})
    if len(ds.contributions) > BOOK_LIMIT:  # the nested leave-one-out grows with the square of the contributions
        note = _("not computed in the book for more than {limit} contributions: run `briefing evaluate`").format(limit=BOOK_LIMIT)
        return pd.DataFrame({figure: [_("Leave-one-out evaluation")], value: [note]})
    figures = evaluate(as_written(ds)).as_dict()  # the suggester reads the report's language: one set of figures
    o = figures["overall"]
    t = figures["thresholds"]
    return pd.DataFrame(
        {
            figure: [
                _("Contributions held out in turn"),
                _("Curated links"),
                _("Precision"),
                _("Recall"),
                _("F1"),
                _("Suggested evidence matching the curated evidence"),
                _("Threshold chosen per fold"),
            ],
            value: [
                str(len({link.contribution_id for link in ds.links})),
                str(len(ds.links)),
                decimal(o["precision"]),
                decimal(o["recall"]),
                decimal(o["f1"]),
                _("{share}% of {compared}").format(
                    share=f"{100 * figures['evidence_spans_matching']:.0f}", compared=figures["evidence_spans_compared"]
                ),
                f"{decimal(t['min'], _places(t['min']))}–{decimal(t['max'], _places(t['max']))}",
            ],
        }
    )


def _places(value: float) -> int:
    """Return how many decimals a number is written with as Python writes it ('0.3' has 1, '0' has 0)."""
    text = str(value)
    return len(text.split(".")[1]) if "." in text else 0


def show_figures(ds: Dataset) -> HTML:
    """Return the evaluation's figures as a table with its caption, for the data and method chapter's notebook cell."""
    return show_table(figures_table(ds), _("Theme suggestions evaluated by leaving out one contribution at a time"))
