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


def _perspective_labels(ds: Dataset, perspective_ids: list[str]) -> str:
    """Join perspective labels for a sentence."""
    return " and ".join(f"“{ds.perspective[p].label}”" for p in perspective_ids)


def regrouping_note(ds: Dataset, theme_ids: list[str]) -> str | None:
    """Return how "raised only by" statements about these themes would change if Ruhr-based speakers counted as Ruhr voices.

    None when no contribution would move (nothing to say); computed from the data, never written by hand.
    """
    moved = themes.moved_by_regrouping(ds)
    if not moved or not theme_ids:
        return None
    who = ", ".join(ds.contribution[c].display_name for c in dict.fromkeys(moved))
    target = ds.perspective[themes.REGIONAL_PERSPECTIVE].label
    shift = themes.single_perspective_sensitivity(ds)
    same = [t for t in theme_ids if shift[t][0] == shift[t][1]]
    parts = [f"{_labels(ds, same)}: unchanged"] if same else []
    for t in theme_ids:
        before, after = shift[t]
        if before == after:
            continue
        if len(after) == 1:
            parts.append(f"{ds.theme[t].label}: raised only in {_perspective_labels(ds, after)} instead")
        else:
            parts.append(f"{ds.theme[t].label}: shared by {_perspective_labels(ds, after)}")
    return f"If the Ruhr-based speakers grouped elsewhere ({who}) were counted with “{target}”: " + "; ".join(parts) + "."


def newly_single(ds: Dataset) -> dict[str, list[str]]:
    """Return, per perspective id, themes that would be raised there only after the regrouping but are not now."""
    shift = themes.single_perspective_sensitivity(ds)
    out: dict[str, list[str]] = {p.id: [] for p in ds.perspectives}
    for t, (before, after) in shift.items():
        if len(after) == 1 and before != after:
            out[after[0]].append(t)
    return out


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
    sentences.append(
        f"Raised in this perspective only: {_labels(ds, own)}." if own else "No theme is raised in this perspective alone."
    )
    sentences += _regrouped(ds, own, newly_single(ds)[perspective_id], "in this perspective")
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
        f"Raised in all {n} perspectives: {_labels(ds, every)}."
        if every
        else f"No theme is raised in all {n} perspectives in the report's summary."
    )
    some = themes.shared_by_some(ds)
    if some:
        sentences.append(f"Raised in more than one perspective: {_labels(ds, some)}.")
    new = newly_single(ds)
    for pid, own in themes.single_perspective(ds).items():
        if own:
            sentences.append(f"Raised only in the perspective “{ds.perspective[pid].label}”: {_labels(ds, own)}.")
        sentences += _regrouped(ds, own, new[pid], f"only in the perspective “{ds.perspective[pid].label}”")
    unused = themes.uncoded_themes(ds)
    if unused:
        sentences.append(f"In the vocabulary but not coded for any contribution: {_labels(ds, unused)}.")
    return sentences


def _regrouped(ds: Dataset, own: list[str], new: list[str], where: str) -> list[str]:
    """Return the sentences that test a "raised only" statement against the regrouping by where speakers are based."""
    out = []
    note = regrouping_note(ds, own)
    if note:
        out.append(note)
    if new and themes.moved_by_regrouping(ds):
        out.append(f"With that regrouping, also raised {where}: {_labels(ds, new)}.")
    return out
