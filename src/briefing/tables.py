"""Reader-facing tables for the chapters: labels instead of ids, marks instead of booleans."""

from __future__ import annotations

import pandas as pd

from briefing import themes
from briefing.model import Dataset
from briefing.schema import dictionary_rows

#: Mark for 'raised' in matrices: text, so meaning never rests on colour alone.
RAISED = "●"


def theme_counts(ds: Dataset) -> pd.DataFrame:
    """Return themes by perspective: contributions per cell and the speakers, plus a total."""
    counts = themes.theme_perspective_counts(ds)
    speakers = themes.speakers_by_theme_and_perspective(ds)
    table = pd.DataFrame({"Theme": [ds.theme[t].label for t in counts.index]})
    for p in ds.perspectives:
        table[p.label] = [
            f"{n} ({speakers.loc[t, p.id]})" if n else "–" for t, n in counts[p.id].items()
        ]
    table["Contributions in all"] = counts.sum(axis=1).to_list()
    table["Perspectives"] = (counts > 0).sum(axis=1).to_list()
    return table


def surname(name: str) -> str:
    """Return a speaker's surname with its particles ('van Winden')."""
    words = name.split()
    start = len(words) - 1
    while start > 0 and words[start - 1][:1].islower():
        start -= 1
    return " ".join(words[start:])


def perspective_overview(ds: Dataset) -> pd.DataFrame:
    """Return per perspective: contributions, speakers, themes raised and themes raised there only."""
    only = themes.single_perspective(ds)
    rows = []
    for p in ds.perspectives:
        members = ds.contributions_in(p.id)
        raised = {l.theme_id for c in members for l in ds.links_of(c.id)}
        rows.append({
            "Perspective": p.label,
            "Contributions": len(members),
            "Speakers": len({c.display_name for c in members}),
            "Themes raised": len(raised),
            "Themes raised here only": len(only[p.id]),
        })
    return pd.DataFrame(rows)


def theme_matrix(ds: Dataset) -> pd.DataFrame:
    """Return themes (rows) by contributions (columns, in running order) with a mark where raised."""
    matrix = themes.theme_contribution_matrix(ds)
    table = matrix.replace({True: RAISED, False: ""}).infer_objects()
    table.index = [ds.theme[t].label for t in matrix.index]
    table.columns = [f"{c.order}. {surname(c.speaker)}" for c in ds.contributions]
    table.index.name = "Theme"
    return table.reset_index()


def themes_for_perspective(ds: Dataset, perspective_id: str) -> pd.DataFrame:
    """Return the compact list of themes one perspective raised, with counts and speakers."""
    table = themes.themes_of_perspective(ds, perspective_id)
    return table.rename(columns={"theme": "Theme", "contributions": "Contributions", "speakers": "Speakers"}).reset_index(drop=True)


def theme_reach(ds: Dataset) -> pd.DataFrame:
    """Return each theme with the perspectives that raised it, widest reach first."""
    reach = themes.perspectives_per_theme(ds)
    labels = {p.id: p.label for p in ds.perspectives}
    rows = [
        {"Theme": ds.theme[t].label, "Raised by": "; ".join(labels[p] for p in ps) or "no contribution", "Number of perspectives": len(ps)}
        for t, ps in reach.items()
    ]
    table = pd.DataFrame(rows)
    return table.sort_values("Number of perspectives", ascending=False, kind="stable", ignore_index=True)


def vocabulary(ds: Dataset) -> pd.DataFrame:
    """Return the theme vocabulary with definitions."""
    return pd.DataFrame([{"Theme": t.label, "Id": t.id, "Definition": t.definition} for t in ds.themes])


def data_dictionary() -> pd.DataFrame:
    """Return the data dictionary derived from the schema."""
    table = pd.DataFrame(dictionary_rows())
    return table.rename(columns=str.capitalize)
