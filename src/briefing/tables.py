"""Reader-facing tables for the chapters: labels instead of ids, marks instead of booleans."""

from __future__ import annotations

import pandas as pd

from briefing import themes
from briefing.model import Dataset
from briefing.schema import dictionary_rows

#: Mark for 'raised' in matrices: text, so meaning never rests on colour alone.
RAISED = "●"


#: A cell of the themes-by-perspective table names at most this many speakers, then says how many more.
SPEAKERS_SHOWN = 5


def named_few(names: list[str], limit: int = SPEAKERS_SHOWN) -> str:
    """Return names joined by semicolons; beyond the limit, the first few and how many more there are."""
    if len(names) <= limit:
        return "; ".join(names)
    return "; ".join(names[:limit]) + f"; and {len(names) - limit:,} more"


def theme_counts(ds: Dataset) -> pd.DataFrame:
    """Return themes by perspective: contributions per cell and (the first few) speakers, plus a total."""
    counts = themes.theme_perspective_counts(ds)
    links = themes.links_frame(ds)
    speakers = links.groupby(["theme_id", "perspective_id"])["speaker"].agg(lambda s: list(dict.fromkeys(s)))
    table = pd.DataFrame({"Theme": [ds.theme[t].label for t in counts.index]})
    for p in ds.perspectives:
        table[p.label] = [
            f"{n:,} ({named_few(speakers[t, p.id])})" if n else "–" for t, n in counts[p.id].items()
        ]
    table["Contributions in all"] = counts.sum(axis=1).to_list()
    based = links.groupby("theme_id")["based_in"].agg(lambda s: "; ".join(sorted(set(s))))
    table["Speakers based in"] = [based.get(t, "") for t in counts.index]
    table["Perspectives"] = (counts > 0).sum(axis=1).to_list()
    return table


def perspective_overview(ds: Dataset) -> pd.DataFrame:
    """Return per perspective: contributions, speakers, themes raised, themes raised there only, as grouped and if Ruhr-based speakers counted as Ruhr voices."""
    only = themes.single_perspective(ds)
    after = themes.perspectives_per_theme_regrouped(ds)
    rows = []
    for p in ds.perspectives:
        members = ds.contributions_in(p.id)
        raised = {link.theme_id for c in members for link in ds.links_of(c.id)}
        rows.append({
            "Perspective": p.label,
            "Contributions": len(members),
            "Speakers": len({c.display_name for c in members}),
            "Themes raised": len(raised),
            "Themes raised here only": len(only[p.id]),
            "Raised here only, Ruhr-based speakers counted as Ruhr": sum(ps == [p.id] for ps in after.values()),
        })
    return pd.DataFrame(rows)


def themes_for_perspective(ds: Dataset, perspective_id: str) -> pd.DataFrame:
    """Return the compact list of themes one perspective raised, with counts and speakers."""
    table = themes.raised_by_perspective(ds, perspective_id)
    return table.rename(columns={"theme": "Theme", "contributions": "Contributions", "speakers": "Speakers"}).reset_index(drop=True)


def theme_links(ds: Dataset) -> pd.DataFrame:
    """Return one row per theme link, with the speaker, perspective, theme and the report's words."""
    links = themes.links_frame(ds)
    return pd.DataFrame({
        "No.": links["order"],
        "Speaker": links["speaker"],
        "Based in": links["based_in"],
        "Perspective": links["perspective"],
        "Theme": links["theme"],
        "The report's words": links["evidence"],
    })


def contribution_matrix(ds: Dataset) -> pd.DataFrame:
    """Return contributions (rows) by themes (columns) with a mark where raised, and the evidence."""
    rows = []
    for c in ds.contributions:
        links = ds.links_of(c.id)
        raised = {link.theme_id for link in links}
        row = {"No.": c.order, "Speaker": c.display_name, "Based in": c.based_in_label, "Perspective": ds.perspective[c.perspective].label}
        row.update({t.label: RAISED if t.id in raised else "" for t in ds.themes})
        row["Evidence"] = " · ".join(f"{ds.theme[link.theme_id].label}: “{link.evidence}”" for link in links)
        rows.append(row)
    return pd.DataFrame(rows)


def data_dictionary() -> pd.DataFrame:
    """Return the data dictionary derived from the schema."""
    table = pd.DataFrame(dictionary_rows())
    return table.rename(columns=str.capitalize)
