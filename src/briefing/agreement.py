"""Agreement between two independent codings of the passages, and the resolution of their disagreements."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from IPython.display import HTML

from briefing.errors import DataError, Problem
from briefing.i18n import _, format_number, pgettext
from briefing.inputs import read_kept_text
from briefing.render import decimal, table_block

if TYPE_CHECKING:
    from briefing.model import Dataset

#: Folder (inside the data folder) with the raw codings and the resolutions.
CODING_DIR = "coding"
CODER_FILES = {1: "coder-1.csv", 2: "coder-2.csv"}
RESOLUTIONS_FILE = "resolutions.csv"
RULES_FILE = "rules.md"
#: How a rule is numbered in the rules file: a bold "R<number>." at the start of a list item.
RULE_NUMBER = re.compile(r"^- \*\*(R\d+)\.", re.M)
CODING_COLUMNS = ["contribution_id", "theme_id", "evidence", "about_ruhr"]
RESOLUTION_COLUMNS = ["contribution_id", "theme_id", "coder_1", "coder_2", "decision", "rule"]

Pair = tuple[str, str]


def coding_path(data_dir: Path, name: str) -> Path:
    """Return the path of a file in the data folder's coding folder."""
    return data_dir / CODING_DIR / name


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """Return a CSV file's rows with their spreadsheet row numbers (the header is row 1)."""
    reader = csv.DictReader(io.StringIO(read_kept_text(path), newline=""))
    return [(reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}) for row in reader]


def read_links(path: Path) -> dict[Pair, dict[str, str]] | None:
    """Return a coder's rows by (contribution, theme) pair, or None if the file does not exist."""
    if not path.is_file():
        return None
    rows = _rows(path)
    for number, row in rows:
        for column in CODING_COLUMNS[:2]:
            if not row.get(column):
                raise DataError(
                    [
                        Problem(
                            f"{CODING_DIR}/{path.name}",
                            number,
                            column,
                            f"this column must have a value (the columns are {', '.join(CODING_COLUMNS)})",
                        )
                    ]
                )
    return {(row["contribution_id"], row["theme_id"]): row for _, row in rows}


def read_coding(path: Path) -> set[Pair] | None:
    """Return the (contribution, theme) pairs a coder linked, or None if the file does not exist."""
    links = read_links(path)
    return None if links is None else set(links)


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


def codings(ds: Dataset) -> tuple[set[Pair] | None, set[Pair] | None]:
    """Return the first and the second coding of the dataset (None where a file is missing)."""
    return read_coding(coding_path(ds.data_dir, CODER_FILES[1])), read_coding(coding_path(ds.data_dir, CODER_FILES[2]))


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


def rule_numbers(data_dir: Path) -> set[str]:
    """Return the numbers of the coding rules (R1, R2, …) in the rules file."""
    path = coding_path(data_dir, RULES_FILE)
    return set(RULE_NUMBER.findall(read_kept_text(path))) if path.is_file() else set()


def _yes_no(value: str) -> bool | None:
    """Read yes or no, or None for anything else."""
    return {"yes": True, "no": False}.get(value.lower())


def resolution_problems(ds: Dataset) -> Iterator[Problem]:
    """Each resolution must state both coders' answers truly, name a rule and match contribution_themes.csv.

    Every disagreement needs one.
    """
    one, two = codings(ds)
    if one is None:
        return
    final = {(link.contribution_id, link.theme_id) for link in ds.links}
    path = coding_path(ds.data_dir, RESOLUTIONS_FILE)
    where = f"{CODING_DIR}/{RESOLUTIONS_FILE}"
    resolved: dict[Pair, bool] = {}
    rules = rule_numbers(ds.data_dir)
    for number, row in _rows(path) if path.is_file() else []:
        missing = [c for c in RESOLUTION_COLUMNS if c not in row]
        if missing:
            yield Problem(where, None, missing[0], f"missing column; expected the columns {', '.join(RESOLUTION_COLUMNS)}")
            return
        pair = (row["contribution_id"], row["theme_id"])
        if pair[0] not in ds.contribution:
            yield Problem(where, number, "contribution_id", "no contribution has this id in contributions.csv", pair[0])
        if pair[1] not in ds.theme:
            yield Problem(where, number, "theme_id", "no theme has this id in themes.csv", pair[1])
        for column, coding in (("coder_1", one), ("coder_2", two)):
            said = _yes_no(row[column])
            if said is None:
                yield Problem(where, number, column, "expected 'yes' or 'no'", row[column])
            elif coding is not None and said != (pair in coding):
                yield Problem(
                    where,
                    number,
                    column,
                    f"does not match {CODER_FILES[int(column[-1])]}, "
                    f"which {'links' if pair in coding else 'does not link'} this pair",
                    row[column],
                )
        decision = _yes_no(row["decision"])
        if decision is None:
            yield Problem(where, number, "decision", "expected 'yes' or 'no'", row["decision"])
        else:
            resolved[pair] = decision
            if decision != (pair in final):
                yield Problem(
                    where,
                    number,
                    "decision",
                    f"contribution_themes.csv {'links' if pair in final else 'does not link'} this pair, "
                    f"but the decision is '{row['decision']}'",
                    row["decision"],
                )
        if row["rule"] not in rules:
            known = ", ".join(sorted(rules, key=lambda r: int(r[1:]))) or f"none: {CODING_DIR}/{RULES_FILE} is missing"
            yield Problem(
                where,
                number,
                "rule",
                f"name the coding rule that decides the disagreement, "
                f"by its number in {CODING_DIR}/{RULES_FILE} (known: {known})",
                row["rule"],
            )
    if two is not None:
        for pair in sorted((one ^ two) - set(resolved)):
            yield Problem(where, None, "decision", "the coders disagree on this pair and no row decides it", " → ".join(pair))


def reconciled(ds: Dataset) -> set[Pair] | None:
    """Return the links the codings call for: the first coding alone, or what both coders agree on plus resolved pairs."""
    one, two = codings(ds)
    if one is None:
        return None
    if two is None:
        return one
    path = coding_path(ds.data_dir, RESOLUTIONS_FILE)
    decided = {
        (r["contribution_id"], r["theme_id"])
        for _, r in (_rows(path) if path.is_file() else [])
        if r.get("decision", "").lower() == "yes"
    }
    return (one & two) | decided


@dataclass(frozen=True)
class SharedLinks:
    """How the two coders' answers compare on the links both of them made."""

    links: int
    same_place: int
    same_span: int
    nested_span: int


def shared_links(ds: Dataset) -> SharedLinks | None:
    """Compare about_ruhr and the evidence span on the links both coders made, or None while a coding is missing."""
    one, two = (read_links(coding_path(ds.data_dir, CODER_FILES[n])) for n in (1, 2))
    if one is None or two is None:
        return None
    both = [(one[pair], two[pair]) for pair in sorted(set(one) & set(two))]
    spans = [(a["evidence"], b["evidence"]) for a, b in both]
    return SharedLinks(
        links=len(both),
        same_place=sum(a["about_ruhr"].lower() == b["about_ruhr"].lower() for a, b in both),
        same_span=sum(x == y for x, y in spans),
        nested_span=sum(x != y and (x in y or y in x) for x, y in spans),
    )


def shared_links_text(ds: Dataset) -> str:
    """Return one sentence on the agreement about place and evidence, or '' while a coding is missing."""
    shared = shared_links(ds)
    if shared is None or not shared.links:
        return ""
    other = shared.links - shared.same_span - shared.nested_span
    return _(
        "On the {links} links both coders made, they agree on whether the point is placed in the Ruhr "
        "(about_ruhr) for {same_place}; they chose the same evidence span for {same_span}, "
        "one span inside the other for {nested_span}, and different words for {other}. "
        "Agreement is counted on the links, not on the spans (rule R12)."
    ).format(
        links=shared.links,
        same_place=shared.same_place,
        same_span=shared.same_span,
        nested_span=shared.nested_span,
        other=other,
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
