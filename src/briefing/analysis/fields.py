"""Fields and strengths named in the region at the event, from the theme links, set beside the fields of a later strategy."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from briefing.analysis.quotations import with_rendering
from briefing.core.model import Dataset
from briefing.core.schema import Contribution, StrategyField, Theme, ThemeLink
from briefing.core.translations import rendering, renderings
from briefing.i18n.messages import _, language, pgettext
from briefing.text.render import show_table

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
    found = renderings(ds)
    columns = [
        pgettext("column", "Field or strength"),
        pgettext("column", "Named by"),
        pgettext("column", "Perspectives"),
        pgettext("column", "The report's words"),
    ]
    rows = []
    for f in proposed_fields(ds):
        named = f.contributions(ds)
        quoted = [
            with_rendering(_("“{quotation}”").format(quotation=link.evidence), rendering(found, link.contribution_id, f.theme.id))
            for link in f.links
        ]
        values = [
            f.theme.label,
            "; ".join(dict.fromkeys(c.display_name for c in named)),
            "; ".join(dict.fromkeys(ds.perspective[c.perspective].label for c in named)),
            " · ".join(quoted),
        ]
        rows.append(dict(zip(columns, values, strict=True)))
    return pd.DataFrame(rows, columns=columns)


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
    german = language() == "de"  # the strategy's own German labels are the field names; no second column of them
    columns = [
        pgettext("column", "Field of the later strategy"),
        *([] if german else [pgettext("column", "As published")]),
        pgettext("column", "Similar field named in {year}").format(year=year),
        pgettext("column", "Named in the {region} in {year} by").format(region=region, year=year),
    ]
    rows = []
    for c in correspondences(ds):
        values = [
            field_label(c.field),
            *([] if german else [c.field.label_de]),
            "; ".join(t.label for t in c.themes) or "–",
            "; ".join(dict.fromkeys(x.display_name for x in c.named_by)) or _("nobody"),
        ]
        rows.append(dict(zip(columns, values, strict=True)))
    return pd.DataFrame(rows, columns=columns)


def field_label(field: StrategyField) -> str:
    """Return a field of the later strategy as the build's language names it: the strategy's own German in German."""
    return field.label_de if language() == "de" else field.label


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
    named = [field_label(c.field) for c in found if c.named_in_2020]
    unnamed = [field_label(c.field) for c in found if not c.named_in_2020]
    terms = {"region": region, "year": year, "total": total}
    said = [
        _(
            "The report does not link the event to the later strategy: the table sets words side by side, and a "
            "resemblance does not show that the event shaped the strategy."
        )
    ]
    if named:
        said.append(
            _("Fields of the later strategy that resemble a field named in the {region} in {year}: {fields}.").format(
                fields="; ".join(named), **terms
            )
        )
    if unnamed:
        said.append(
            _("Fields of the later strategy that no speaker of {year} named anything like in the {region}: {fields}.").format(
                fields="; ".join(unnamed), **terms
            )
        )
    left = not_in_strategy(ds)
    if left:
        said.append(
            _("Named in the {region} in {year} but like no field of the later strategy: {fields}.").format(
                fields="; ".join(f.theme.label for f in left), **terms
            )
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
        (_("Fields and strengths named in the {region} in {year}").format(region=region, year=year), len(proposed)),
        (_("Speakers who named them"), len(named_by)),
        (_("Fields of the later strategy"), len(found)),
        (
            _("… resembling a field named in the {region} in {year} (editors' judgement)").format(region=region, year=year),
            sum(c.named_in_2020 for c in found),
        ),
        (
            _("Fields named in {year} that resemble no field of the later strategy").format(year=year),
            len(not_in_strategy(ds)) if found else 0,
        ),
        (_("Context statements from outside the report"), len(ds.context)),
        (_("Works they cite (references.bib)"), len(works)),
    ]
    return pd.DataFrame(rows, columns=[pgettext("column", "What"), pgettext("column", "Number")])


def page_figures_caption() -> str:
    """Return the caption of the table of the page's figures, in the build's language."""
    return _("This page in figures")


def show_page_figures(ds: Dataset):
    """Return the table of the page's figures with its caption, for a notebook cell."""
    return show_table(page_figures(ds), page_figures_caption())
