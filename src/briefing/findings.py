"""Sentences that sum up what a chapter shows, computed from the data."""

from __future__ import annotations

from briefing import themes
from briefing.model import Dataset


def _plural(n: int, word: str) -> str:
    """Return '1 word' or 'n words'."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _labels(ds: Dataset, theme_ids: list[str]) -> str:
    """Join theme labels for a sentence."""
    return "; ".join(ds.theme[t].label for t in theme_ids)


def perspective_findings(ds: Dataset, perspective_id: str) -> list[str]:
    """Return sentences summing up one perspective: size, frequent themes, own and shared themes."""
    members = ds.contributions_in(perspective_id)
    label = ds.perspective[perspective_id].label
    speakers = list(dict.fromkeys(c.display_name for c in members))
    sentences = [f"{label}: {_plural(len(members), 'contribution')} by {_plural(len(speakers), 'speaker')}."]
    table = themes.raised_by_perspective(ds, perspective_id)
    if table.empty:
        return [*sentences, "No theme is coded for this perspective."]
    top = int(table["contributions"].max())
    frequent = [t for t, n in table["contributions"].items() if n == top]
    if top > 1:
        sentences.append(f"Raised most often (by {top} contributions each): {_labels(ds, frequent)}.")
    else:
        sentences.append(f"Each theme here is raised by one contribution; {_plural(len(table), 'theme')} in all.")
    own = themes.single_perspective(ds)[perspective_id]
    sentences.append(f"Raised in this perspective only: {_labels(ds, own)}." if own else "No theme is raised in this perspective alone.")
    shared = [t for t in table.index if t not in own]
    if shared:
        sentences.append(f"Shared with at least one other perspective: {_labels(ds, shared)}.")
    return sentences


def theme_findings(ds: Dataset) -> list[str]:
    """Return sentences summing up the theme tables across perspectives."""
    reach = themes.perspectives_per_theme(ds)
    used = [t for t, ps in reach.items() if ps]
    sentences = [
        f"The {_plural(len(ds.contributions), 'contribution')} are coded with {_plural(len(ds.links), 'theme link')}, "
        f"covering {len(used)} of the {_plural(len(ds.themes), 'theme')} in the vocabulary."
    ]
    every = themes.shared_by_all(ds)
    n = len(ds.perspectives)
    sentences.append(
        f"Raised in all {n} perspectives: {_labels(ds, every)}." if every
        else f"No theme is raised in all {n} perspectives in the report's summary."
    )
    some = themes.shared_by_some(ds)
    if some:
        sentences.append(f"Raised in more than one perspective: {_labels(ds, some)}.")
    for pid, own in themes.single_perspective(ds).items():
        if own:
            sentences.append(f"Raised only in the perspective “{ds.perspective[pid].label}”: {_labels(ds, own)}.")
    unused = themes.uncoded_themes(ds)
    if unused:
        sentences.append(f"In the vocabulary but not coded for any contribution: {_labels(ds, unused)}.")
    return sentences
