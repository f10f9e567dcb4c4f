"""Fields proposed for the region at the event, from the theme links, and set beside the fields of a later strategy."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from briefing.model import Dataset
from briefing.schema import Contribution, StrategyField, Theme, ThemeLink

#: Theme category of fields and strengths a region can specialise in (themes.csv, column 'category').
FIELD = "field"


@dataclass(frozen=True)
class ProposedField:
    """A field theme that speakers named for the Ruhr, with who named it and the report's words."""

    theme: Theme
    links: tuple[ThemeLink, ...]

    def contributions(self, ds: Dataset) -> list[Contribution]:
        """Return the contributions that named the field for the region, in running order."""
        ids = {link.contribution_id for link in self.links}
        return [c for c in ds.contributions if c.id in ids]


def field_themes(ds: Dataset) -> list[Theme]:
    """Return the themes of the field category, in vocabulary order."""
    return [t for t in ds.themes if t.category == FIELD]


def proposed_fields(ds: Dataset) -> list[ProposedField]:
    """Return the field themes linked to a contribution as being about the Ruhr, in vocabulary order."""
    order = {c.id: c.order for c in ds.contributions}
    out = []
    for theme in field_themes(ds):
        links = sorted(
            (link for link in ds.links if link.theme_id == theme.id and link.about_ruhr),
            key=lambda link: order[link.contribution_id],
        )
        if links:
            out.append(ProposedField(theme, tuple(links)))
    return out


def proposed_fields_table(ds: Dataset) -> pd.DataFrame:
    """Return one row per field named for the Ruhr: the field, who named it (with perspective) and the evidence."""
    rows = []
    for f in proposed_fields(ds):
        named = f.contributions(ds)
        rows.append(
            {
                "Field or strength": f.theme.label,
                "Named by": "; ".join(dict.fromkeys(c.display_name for c in named)),
                "Perspectives": "; ".join(dict.fromkeys(ds.perspective[c.perspective].label for c in named)),
                "The report's words": " · ".join(f"“{link.evidence}”" for link in f.links),
            }
        )
    return pd.DataFrame(rows, columns=["Field or strength", "Named by", "Perspectives", "The report's words"])


@dataclass(frozen=True)
class Correspondence:
    """A field of the later strategy with the 2020 fields the editors judge to match, and who named those for the Ruhr."""

    field: StrategyField
    themes: tuple[Theme, ...]
    named_by: tuple[Contribution, ...]

    @property
    def named_in_2020(self) -> bool:
        """Return whether a speaker named a matching field for the Ruhr in 2020."""
        return bool(self.named_by)


def correspondences(ds: Dataset) -> list[Correspondence]:
    """Return each field of the later strategy with its matching 2020 fields and the speakers who named them for the Ruhr."""
    proposed = {f.theme.id: f for f in proposed_fields(ds)}
    out = []
    for sf in ds.strategy_fields:
        ids = {c.id for tid in sf.themes if tid in proposed for c in proposed[tid].contributions(ds)}
        out.append(Correspondence(sf, tuple(ds.theme[t] for t in sf.themes), tuple(c for c in ds.contributions if c.id in ids)))
    return out


def event_terms(ds: Dataset) -> tuple[str, int]:
    """Return the region and the year of the event, as the tables and sentences name them."""
    return ds.event.region, ds.event.date.year


def comparison_table(ds: Dataset) -> pd.DataFrame:
    """Return the later strategy's fields beside the fields of the event that match them and who named those for the region."""
    region, year = event_terms(ds)
    columns = [
        "Field of the later strategy",
        "As published",
        f"Matching field named in {year}",
        f"Named for the {region} in {year} by",
    ]
    rows = []
    for c in correspondences(ds):
        rows.append(
            dict(
                zip(
                    columns,
                    [
                        c.field.label,
                        c.field.label_de,
                        "; ".join(t.label for t in c.themes) or "–",
                        "; ".join(dict.fromkeys(x.display_name for x in c.named_by)) or "nobody",
                    ],
                    strict=True,
                )
            )
        )
    return pd.DataFrame(rows, columns=columns)


def not_in_strategy(ds: Dataset) -> list[ProposedField]:
    """Return the fields named for the Ruhr in 2020 that match no field of the later strategy."""
    matched = {t for sf in ds.strategy_fields for t in sf.themes}
    return [f for f in proposed_fields(ds) if f.theme.id not in matched]


def comparison_findings(ds: Dataset) -> list[str]:
    """Return sentences summing up the comparison, computed from the data."""
    if not ds.strategy_fields:
        return []
    region, year = event_terms(ds)
    found = correspondences(ds)
    total = len(found)
    named = [c.field.label for c in found if c.named_in_2020]
    unnamed = [c.field.label for c in found if not c.named_in_2020]
    said = [
        f"{len(named)} of the {total} fields of the later strategy match a field that a speaker named for the {region} in {year}"
        + (f": {'; '.join(named)}." if named else ".")
    ]
    if unnamed:
        said.append(
            f"No speaker of {year} named a matching field for the {region} for {len(unnamed)} of them: {'; '.join(unnamed)}."
        )
    left = not_in_strategy(ds)
    if left:
        said.append(
            f"Named for the {region} in {year} but matching no field of the later strategy: "
            + "; ".join(f.theme.label for f in left)
            + "."
        )
    return said


def page_figures(ds: Dataset) -> pd.DataFrame:
    """Return the figures of the page 'What it means for the region': fields, speakers, matches and cited context."""
    region, year = event_terms(ds)
    proposed = proposed_fields(ds)
    named_by = {c.display_name for f in proposed for c in f.contributions(ds)}
    found = correspondences(ds)
    works = {key for c in ds.context for key in c.references} | {key for f in ds.strategy_fields for key in f.references}
    rows = [
        (f"Fields and strengths named for the {region} in {year}", len(proposed)),
        ("Speakers who named them", len(named_by)),
        ("Fields of the later strategy", len(found)),
        (f"… matching a field named for the {region} in {year}", sum(c.named_in_2020 for c in found)),
        (f"Fields named in {year} that match no field of the later strategy", len(not_in_strategy(ds)) if found else 0),
        ("Context statements from outside the report", len(ds.context)),
        ("Works they cite (references.bib)", len(works)),
    ]
    return pd.DataFrame(rows, columns=["What", "Number"])
