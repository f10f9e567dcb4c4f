"""Agreement between two independent codings of the passages: counts, Cohen's kappa and the tables that show them."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
from IPython.display import HTML

from briefing.core.coding import CODER_FILES, Pair, coding_path, codings, place_column_of, place_of, read_links
from briefing.core.schema import PLACE_COLUMN
from briefing.i18n.messages import _, all_of, count_words, format_number, pgettext
from briefing.text.render import decimal, table_block

if TYPE_CHECKING:
    from briefing.core.model import Dataset


@dataclass(frozen=True)
class Agreement:
    """The two coders' answers for one theme (or overall) over all contributions."""

    both_yes: int
    only_1: int
    only_2: int
    both_no: int

    @property
    def total(self) -> int:
        """Return the number of decisions compared."""
        return self.both_yes + self.only_1 + self.only_2 + self.both_no

    @property
    def percent(self) -> float:
        """Return the share of decisions on which the coders agree, in percent."""
        return 100 * (self.both_yes + self.both_no) / self.total

    @property
    def kappa(self) -> float | None:
        """Return Cohen's kappa, or None where it is undefined (chance agreement is 1)."""
        n = self.total
        observed = (self.both_yes + self.both_no) / n
        yes_1, yes_2 = self.both_yes + self.only_1, self.both_yes + self.only_2
        expected = (yes_1 * yes_2 + (n - yes_1) * (n - yes_2)) / n**2
        return None if expected == 1 else (observed - expected) / (1 - expected)

    @property
    def kappa_text(self) -> str:
        """Return kappa to two decimals, or why it is undefined."""
        if self.kappa is not None:
            return decimal(self.kappa)
        if self.both_yes:
            return _("undefined: both coders answered 'yes' for every contribution, so agreement by chance is already 100 %")
        return _("undefined: both coders answered 'no' for every contribution, so agreement by chance is already 100 %")


def compare(one: set[Pair], two: set[Pair], contributions: list[str], themes: list[str]) -> dict[str, Agreement]:
    """Return the agreement per theme, in vocabulary order, over every contribution."""
    result = {}
    for theme in themes:
        answers = [((c, theme) in one, (c, theme) in two) for c in contributions]
        result[theme] = Agreement(
            both_yes=sum(a and b for a, b in answers),
            only_1=sum(a and not b for a, b in answers),
            only_2=sum(b and not a for a, b in answers),
            both_no=sum(not a and not b for a, b in answers),
        )
    return result


def overall(per_theme: dict[str, Agreement]) -> Agreement:
    """Return the agreement pooled over every theme and contribution."""
    values = list(per_theme.values())
    return Agreement(*(sum(getattr(v, f) for v in values) for f in ("both_yes", "only_1", "only_2", "both_no")))


def agreement_table(ds: Dataset) -> pd.DataFrame | None:
    """Return the agreement per theme and overall as a table, or None while the second coding is missing."""
    one, two = codings(ds)
    if one is None or two is None:
        return None
    per_theme = compare(one, two, [c.id for c in ds.contributions], [t.id for t in ds.themes])
    rows = [(ds.theme[t].label, a) for t, a in per_theme.items()] + [(_("All themes"), overall(per_theme))]
    columns = [
        pgettext("column", "Theme"),
        pgettext("column", "Both coders"),
        pgettext("column", "Coder 1 only"),
        pgettext("column", "Coder 2 only"),
        pgettext("column", "Neither"),
        pgettext("column", "Agreement (%)"),
        pgettext("column", "Cohen's kappa"),
    ]
    return pd.DataFrame(
        [[label, a.both_yes, a.only_1, a.only_2, a.both_no, f"{a.percent:.0f}", a.kappa_text] for label, a in rows],
        columns=columns,
    )


def agreement_status(ds: Dataset) -> str:
    """Return one sentence on the state of the double coding."""
    one, two = codings(ds)
    if one is None:
        return _("This dataset keeps no raw coding (data/coding/coder-1.csv), so no agreement can be reported.")
    if two is None:
        return _(
            "The second, independent coding is pending: a second coder will code the passages from the rules above and "
            "the report alone, and the agreement per theme will be shown here. Until then the links are the first coding."
        )
    n = len(ds.contributions) * len(ds.themes)
    return _(
        "Two coders coded the {passages} passages independently against the {themes} themes "
        "({decisions} yes/no decisions). The table counts, per theme, the contributions both coders linked, those only one "
        "linked, and those neither linked, with the share of agreement and Cohen's kappa (which corrects for agreement by "
        "chance)."
    ).format(passages=len(ds.contributions), themes=len(ds.themes), decisions=format_number(n))


@dataclass(frozen=True)
class SharedLinks:
    """How the two coders' answers compare on the links both of them made."""

    links: int
    same_place: int
    same_span: int
    nested_span: int


def shared_links(ds: Dataset) -> SharedLinks | None:
    """Compare the place (about_ruhr or about_region) and the evidence span on the links both coders made, or None while a
    coding is missing."""
    one, two = (read_links(coding_path(ds.data_dir, CODER_FILES[n])) for n in (1, 2))
    if one is None or two is None:
        return None
    both = [(one[pair], two[pair]) for pair in sorted(set(one) & set(two))]
    spans = [(a["evidence"], b["evidence"]) for a, b in both]
    return SharedLinks(
        links=len(both),
        same_place=sum(place_of(a) == place_of(b) for a, b in both),
        same_span=sum(x == y for x, y in spans),
        nested_span=sum(x != y and (x in y or y in x) for x, y in spans),
    )


def shared_links_text(ds: Dataset) -> str:
    """Return one sentence on the agreement about place and evidence, or '' while a coding is missing."""
    shared = shared_links(ds)
    if shared is None or not shared.links:
        return ""
    other = shared.links - shared.same_span - shared.nested_span
    column = place_column_of(coding_path(ds.data_dir, CODER_FILES[1]))
    if ds.neutral_region or column != PLACE_COLUMN:  # another book's data: the event's region and the column its files name
        sentence = _(
            "On the {links} links both coders made, they agree on whether the point is placed in {region} "
            "({column}) for {same_place}; they chose the same evidence span for {same_span}, "
            "one span inside the other for {nested_span}, and different words for {other}. "
            "Agreement is counted on the links, not on the spans (rule R12)."
        )
    else:
        sentence = _(
            "On the {links} links both coders made, they agree on whether the point is placed in the Ruhr "
            "(about_ruhr) for {same_place}; they chose the same evidence span for {same_span}, "
            "one span inside the other for {nested_span}, and different words for {other}. "
            "Agreement is counted on the links, not on the spans (rule R12)."
        )
    return sentence.format(
        region=ds.event.region,
        column=column,
        links=count_words(shared.links),
        # "bei einer" (Verknüpfung); "bei allen 40" when they agree on every link
        same_place=all_of(shared.same_place, shared.links, "dative", one="dative feminine"),
        same_span=all_of(shared.same_span, shared.links, "dative", one="dative feminine"),
        nested_span=count_words(shared.nested_span, one="dative feminine"),
        other=count_words(other, one="dative feminine"),
    )


def show_agreement(ds: Dataset) -> HTML:
    """Return the state of the double coding and, once both codings exist, the agreement table, for a notebook cell."""
    out = f"<p>{html.escape(agreement_status(ds))}</p>"
    if shared := shared_links_text(ds):
        out += f"<p>{html.escape(shared)}</p>"
    table = agreement_table(ds)
    if table is not None:
        caption = _("Agreement between the two codings, per theme and overall")
        out += table_block(table, caption)
    return HTML(out)
