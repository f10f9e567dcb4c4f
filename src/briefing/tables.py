"""Reader-facing tables for the chapters: labels instead of ids, counts a spreadsheet can add up."""

from __future__ import annotations

import pandas as pd

from briefing import themes
from briefing.model import Dataset
from briefing.schema import dictionary_rows

#: A cell of the themes-by-perspective table names at most this many speakers, then says how many more.
SPEAKERS_SHOWN = 5
#: ... and quotes at most this many speakers' words (the table of theme links has every quotation).
QUOTATIONS_SHOWN = 10


def named_few(names: list[str], limit: int = SPEAKERS_SHOWN) -> str:
    """Return names joined by semicolons; beyond the limit, the first few and how many more there are."""
    if len(names) <= limit:
        return "; ".join(names)
    return "; ".join(names[:limit]) + f"; and {len(names) - limit:,} more"


def theme_table(ds: Dataset) -> pd.DataFrame:
    """Return one row per theme: contributions per perspective and in all (as numbers), who raised it, and the report's words."""
    counts = themes.theme_perspective_counts(ds)
    links = themes.links_frame(ds)
    # iter(): a GroupBy has a `keys` attribute, so dict() would take it for a mapping.
    by_theme = dict(iter(links.groupby("theme_id")))
    table = pd.DataFrame({"Theme": [ds.theme[t].label for t in counts.index]})
    for p in ds.perspectives:
        table[p.label] = counts[p.id].to_list()
    table["In all"] = counts.sum(axis=1).to_list()
    who, words = [], []
    for t in counts.index:
        group = by_theme.get(t)
        if group is None:
            who.append("No contribution in the report's summaries")
            words.append("")
            continue
        who.append(named_few(list(dict.fromkeys(group["speaker"]))))
        quoted = [f"{row.speaker}: “{row.evidence}”" for row in group.itertuples()]
        more = len(quoted) - QUOTATIONS_SHOWN
        if more > 0:  # at thousands of contributions one cell held megabytes
            quoted = [*quoted[:QUOTATIONS_SHOWN], f"and {more:,} more (every quotation is in the table of theme links)"]
        words.append("\n".join(quoted))
    table["Speakers based in"] = ["; ".join(sorted(set(by_theme[t]["based_in"]))) if t in by_theme else "" for t in counts.index]
    table["Who raised it"] = who
    table["The report's words"] = words
    return table


def perspective_overview(ds: Dataset) -> pd.DataFrame:
    """Return per perspective: contributions, speakers, themes raised, themes raised there only.

    Both as grouped and as if Ruhr-based speakers counted as Ruhr voices.
    """
    only = themes.single_perspective(ds)
    after = themes.perspectives_per_theme_regrouped(ds)
    rows = []
    for p in ds.perspectives:
        members = ds.contributions_in(p.id)
        raised = {link.theme_id for c in members for link in ds.links_of(c.id)}
        rows.append(
            {
                "Perspective": p.label,
                "Contributions": len(members),
                "Speakers": len({c.display_name for c in members}),
                "Themes raised": len(raised),
                "Themes raised here only": len(only[p.id]),
                "Raised here only, Ruhr-based speakers counted as Ruhr": sum(ps == [p.id] for ps in after.values()),
            }
        )
    return pd.DataFrame(rows)


def themes_for_perspective(ds: Dataset, perspective_id: str) -> pd.DataFrame:
    """Return the compact list of themes one perspective raised, with counts and speakers."""
    table = themes.raised_by_perspective(ds, perspective_id)
    return table.rename(columns={"theme": "Theme", "contributions": "Contributions", "speakers": "Speakers"}).reset_index(
        drop=True
    )


def theme_links(ds: Dataset) -> pd.DataFrame:
    """Return one row per theme link, with the speaker, their role and organisation, perspective, theme and the report's words."""
    links = themes.links_frame(ds)
    affiliation = {c.id: ", ".join(part for part in (c.role, c.organisation) if part) for c in ds.contributions}
    return pd.DataFrame(
        {
            "No.": links["order"],
            "Speaker": links["speaker"],
            "Role and organisation": [affiliation[c] for c in links["contribution_id"]],
            "Based in": links["based_in"],
            "Perspective": links["perspective"],
            "Theme": links["theme"],
            "The report's words": links["evidence"],
        }
    )


def data_dictionary() -> pd.DataFrame:
    """Return the data dictionary derived from the schema."""
    table = pd.DataFrame(dictionary_rows())
    return table.rename(columns=str.capitalize)
