"""Fields and strengths named in the region at the event, from the theme links, set beside the fields of a later strategy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from briefing.analysis.quotations import with_rendering
from briefing.core.model import Dataset
from briefing.core.schema import Contribution, StrategyField, Theme, ThemeLink
from briefing.core.translations import rendering, renderings
from briefing.i18n.messages import _, language, pgettext
from briefing.text.render import show_table
from briefing.text.typography import in_marks

if TYPE_CHECKING:
    from IPython.display import HTML

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
        quoted = [with_rendering(in_marks(link.evidence), rendering(found, link.contribution_id, f.theme.id)) for link in f.links]
        values = [
            f.theme.label,
            "; ".join(dict.fromkeys(c.display_name for c in named)),
            "; ".join(dict.fromkeys(ds.perspective[c.perspective].label for c in named)),
            " · ".join(quoted),
        ]
        rows.append(dict(zip(columns, values, strict=True)))
    return pd.DataFrame(rows, columns=columns)


def event_terms(ds: Dataset) -> tuple[str, int]:
    """Return the region and the year of the event, as the tables and sentences name them."""
    return ds.event.region, ds.event.date.year


def field_names(field: StrategyField) -> tuple[str, str | None]:
    """Return a field's name in the build's language and, where its sources name it in another language, that name."""
    names = {"de": field.label_de, "en": field.label}
    page = language() if language() in names else "en"
    return names[page], (names[field.named_in] if field.named_in != page else None)


def comparison_caption(ds: Dataset) -> str:
    """Return the caption of the comparison of 2020 statements with the later strategies' fields (book and notebook)."""
    region, year = event_terms(ds)
    return _(
        "What speakers said in the {region} in {year} (the organiser's report) beside the fields of later strategies "
        "(outside context; in brackets a field's name in its sources, where they use another language); which lines "
        "up with which is the editors' judgement"
    ).format(region=region, year=year)


def strategies(ds: Dataset) -> list[str]:
    """Return the ids of the context statements that report a later strategy with fields, in the fields' order."""
    return list(dict.fromkeys(f.context for f in ds.strategy_fields))


def comparison_table(ds: Dataset) -> pd.DataFrame:
    """Return the 2020 statements lined up with each later strategy's fields, and the editors' note on each line."""
    region, year = event_terms(ds)
    topics = {c.id: c.topic for c in ds.context}
    fields = {f.id: f for f in ds.strategy_fields}
    columns = [
        pgettext("column", "Said in the {region} in {year}").format(region=region, year=year),
        *(topics[s] for s in strategies(ds)),
        pgettext("comparison", "Why lined up"),
    ]
    rows = []
    for line in ds.field_comparison:
        speakers = "; ".join(ds.contribution[e.split(":", 1)[1]].display_name for e in line.evidence if e.startswith("report:"))
        said = f"{line.statement} ({speakers})" if line.statement and speakers else line.statement or "–"
        cells = ["; ".join(_named(fields[f]) for f in line.fields if fields[f].context == s) or "–" for s in strategies(ds)]
        rows.append(dict(zip(columns, [said, *cells, line.note], strict=True)))
    return pd.DataFrame(rows, columns=columns)


def _named(field: StrategyField) -> str:
    """Return a field's name as the table shows it: the sources' own name in brackets where it is in another language."""
    name, original = field_names(field)
    return f"{name} ({original})" if original else name


def unmatched_fields(ds: Dataset) -> list[StrategyField]:
    """Return the later strategies' fields that no 2020 statement is lined up with."""
    matched = {f for line in ds.field_comparison if line.statement for f in line.fields}
    return [f for f in ds.strategy_fields if f.id not in matched]


def page_figures(ds: Dataset) -> pd.DataFrame:
    """Return the figures of the page 'What it means for the region': fields, speakers, matches and cited context."""
    region, year = event_terms(ds)
    proposed = proposed_fields(ds)
    named_by = {c.display_name for f in proposed for c in f.contributions(ds)}
    works = {key for c in ds.context for key in c.references} | {key for f in ds.strategy_fields for key in f.references}
    rows = [
        (_("Fields and strengths named in the {region} in {year}").format(region=region, year=year), len(proposed)),
        (_("Speakers who named them"), len(named_by)),
        (_("Fields of later strategies"), len(ds.strategy_fields)),
        (
            _("… lined up with a statement of {year} (editors' judgement)").format(year=year),
            len(ds.strategy_fields) - len(unmatched_fields(ds)),
        ),
        (_("Context statements from outside the report"), len(ds.context)),
        (_("Works they cite"), len(works)),  # readers get no file names
    ]
    return pd.DataFrame(rows, columns=[pgettext("column", "What"), pgettext("column", "Number")])


def page_figures_caption() -> str:
    """Return the caption of the table of the page's figures, in the build's language."""
    return _("This page in figures")


def show_page_figures(ds: Dataset) -> HTML:
    """Return the table of the page's figures with its caption, for a notebook cell."""
    return show_table(page_figures(ds), page_figures_caption())
