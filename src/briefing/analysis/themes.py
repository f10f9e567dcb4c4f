"""Theme tables: who raised what, by contribution and by perspective."""

from __future__ import annotations

import pandas as pd

from briefing.core.model import Dataset
from briefing.core.schema import based_in_label, in_region


def links_frame(ds: Dataset) -> pd.DataFrame:
    """Return one row per theme link, with speaker, perspective and theme labels."""
    contribution, perspective, theme = ds.contribution, ds.perspective, ds.theme
    rows = [
        {
            "contribution_id": c.id,
            "order": c.order,
            "speaker": c.display_name,
            "perspective_id": c.perspective,
            "perspective": perspective[c.perspective].label,
            "based_in": based_in_label(c.based_in, ds.event.region),
            "theme_id": link.theme_id,
            "theme": theme[link.theme_id].label,
            "evidence": link.evidence,
        }
        for link in ds.links
        for c in (contribution[link.contribution_id],)  # looked up once per link (16 tables at 13,000 contributions)
    ]
    columns = [
        "contribution_id",
        "order",
        "speaker",
        "perspective_id",
        "perspective",
        "based_in",
        "theme_id",
        "theme",
        "evidence",
    ]
    return pd.DataFrame(rows, columns=columns).sort_values(["order", "theme_id"], ignore_index=True)


def theme_perspective_counts(ds: Dataset) -> pd.DataFrame:
    """Return the number of contributions per theme (rows) and perspective (columns), in vocabulary order."""
    links = links_frame(ds)
    table = pd.crosstab(links["theme_id"], links["perspective_id"])
    table = table.reindex(index=[t.id for t in ds.themes], columns=[p.id for p in ds.perspectives], fill_value=0)
    return table.fillna(0).astype(int)


def theme_contribution_matrix(ds: Dataset) -> pd.DataFrame:
    """Return a boolean matrix: themes (rows) by contributions in running order (columns)."""
    links = links_frame(ds)
    matrix = pd.crosstab(links["theme_id"], links["contribution_id"]) > 0
    return matrix.reindex(index=[t.id for t in ds.themes], columns=[c.id for c in ds.contributions], fill_value=False)


def perspectives_per_theme(ds: Dataset) -> pd.Series:
    """Return, per theme id, the ordered list of perspective ids that raised it."""
    counts = theme_perspective_counts(ds)
    return counts.apply(lambda row: [p for p in counts.columns if row[p] > 0], axis=1)


def shared_by_all(ds: Dataset) -> list[str]:
    """Return the ids of themes raised in every perspective."""
    every = [p.id for p in ds.perspectives]
    return [t for t, ps in perspectives_per_theme(ds).items() if ps == every]


def single_perspective(ds: Dataset) -> dict[str, list[str]]:
    """Return, per perspective id, the themes raised in that perspective only."""
    reach = perspectives_per_theme(ds)
    return {p.id: [t for t, ps in reach.items() if ps == [p.id]] for p in ds.perspectives}


def shared_by_some(ds: Dataset) -> list[str]:
    """Return themes raised in more than one perspective but not in all."""
    every = len(ds.perspectives)
    return [t for t, ps in perspectives_per_theme(ds).items() if 1 < len(ps) < every]


def uncoded_themes(ds: Dataset) -> list[str]:
    """Return themes of the vocabulary that no contribution raises."""
    return [t for t, ps in perspectives_per_theme(ds).items() if not ps]


def raised_by_perspective(ds: Dataset, perspective_id: str) -> pd.DataFrame:
    """Return the themes one perspective raised, most frequent first, with the speakers."""
    links = links_frame(ds)
    own = links[links["perspective_id"] == perspective_id]
    rank = {t.id: i for i, t in enumerate(ds.themes)}
    grouped = own.groupby("theme_id").agg(
        contributions=("contribution_id", "nunique"), speakers=("speaker", lambda s: "; ".join(dict.fromkeys(s)))
    )
    grouped["rank"] = [rank[t] for t in grouped.index]
    grouped = grouped.sort_values(["contributions", "rank"], ascending=[False, True]).drop(columns="rank")
    grouped.insert(0, "theme", [ds.theme[t].label for t in grouped.index])
    return grouped


#: The regrouping the book tests its "raised only by" statements against: speakers based in the event's region
#: counted with the region's own actors, whichever block of talks the report lists them in. Which codes of
#: contributions.csv's based_in mean the region is decided in one place: schema.REGIONAL_BASES (in_region).

_LAST_REGIONAL: list[tuple[Dataset, str | None]] = []


def regional_perspective(ds: Dataset) -> str | None:
    """Return the perspective of the region's own actors, from the data: the one with the largest share of speakers based
    in the region, if more than half of its contributions are (None if no perspective has such a share, or two have)."""
    if _LAST_REGIONAL and _LAST_REGIONAL[0][0] is ds:
        return _LAST_REGIONAL[0][1]
    shares: dict[str, float] = {}
    for p in ds.perspectives:
        members = ds.contributions_in(p.id)
        if members:
            shares[p.id] = sum(in_region(c.based_in) for c in members) / len(members)
    best = max(shares.values(), default=0.0)
    leaders = [p for p, share in shares.items() if share == best]
    found = leaders[0] if best > 0.5 and len(leaders) == 1 else None
    _LAST_REGIONAL[:] = [(ds, found)]
    return found


def regrouped(ds: Dataset, contribution_id: str) -> str:
    """Return a contribution's perspective if speakers based in the region were counted with the region's own actors."""
    c = ds.contribution[contribution_id]
    own = regional_perspective(ds)
    return own if own is not None and in_region(c.based_in) else c.perspective


def moved_by_regrouping(ds: Dataset) -> list[str]:
    """Return the contributions, in running order, whose perspective the regrouping changes."""
    return [c.id for c in ds.contributions if regrouped(ds, c.id) != c.perspective]


def perspectives_per_theme_regrouped(ds: Dataset) -> dict[str, list[str]]:
    """Return, per theme id, the ordered perspective ids that raised it once speakers based in the region count as its
    own actors' voices (Ruhr-based speakers as Ruhr voices, in this book)."""
    order = [p.id for p in ds.perspectives]
    raised: dict[str, set[str]] = {t.id: set() for t in ds.themes}
    for link in ds.links:
        raised.setdefault(link.theme_id, set()).add(regrouped(ds, link.contribution_id))
    return {t: [p for p in order if p in ps] for t, ps in raised.items()}


def single_perspective_sensitivity(ds: Dataset) -> dict[str, tuple[list[str], list[str]]]:
    """Return, for every theme raised in one perspective only as grouped or as regrouped, its perspectives before and after.

    Themes whose perspectives the regrouping leaves unchanged are included, so a statement can say it holds either way.
    """
    before = perspectives_per_theme(ds)
    after = perspectives_per_theme_regrouped(ds)
    return {t: (list(before[t]), after[t]) for t in before.index if len(before[t]) == 1 or len(after[t]) == 1}
