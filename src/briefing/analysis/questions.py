"""The report's opening questions: who speaks to them, and where the report is silent, computed from the coded data."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.analysis import themes
from briefing.analysis.findings import by_speakers, contributions_count
from briefing.core.bookconfig import CRISIS as CRISIS_SETTING
from briefing.core.bookconfig import in_language
from briefing.core.model import Dataset
from briefing.core.schema import Contribution, Question
from briefing.i18n.messages import _, count_at_start, count_words, language, ngettext, pgettext

#: Theme category of the themes about the crisis the event discussed (themes.csv, column 'category').
CRISIS = "crisis"


def crisis_name() -> str:
    """Return the crisis as a sentence names it, in the build's language: the book's `briefing_crisis`, else 'the crisis'."""
    return in_language(CRISIS_SETTING, language()) or pgettext("the crisis a sentence names", "the crisis")


def coded_with(ds: Dataset, theme_ids: set[str]) -> list[Contribution]:
    """Return the contributions coded with any of the themes, in running order."""
    coded = {link.contribution_id for link in ds.links if link.theme_id in theme_ids}
    return [c for c in ds.contributions if c.id in coded]


def crisis_themes(ds: Dataset) -> set[str]:
    """Return the ids of the themes in the crisis category."""
    return {t.id for t in ds.themes if t.category == CRISIS}


@dataclass(frozen=True)
class Silence:
    """How many passages of the report mention the crisis, overall and among the region's own actors."""

    passages: int
    mentioning: tuple[Contribution, ...]
    ruhr_passages: int
    ruhr_mentioning: tuple[Contribution, ...]
    ruhr_label: str | None
    crisis: str = ""

    def sentences(self) -> list[str]:
        """Return the finding in plain sentences."""
        names = "; ".join(c.display_name for c in self.mentioning)
        n = len(self.mentioning)
        passages = ngettext("{count} contribution passage", "{count} contribution passages", self.passages).format(
            count=self.passages
        )
        category = pgettext("theme category", "crisis")  # the category's name for readers, not its code
        terms = {
            "count": count_at_start(n, one="nominative feminine"),
            "passages": passages,
            "category": category,
            "names": names,
            "crisis": self.crisis or crisis_name(),
        }
        if self.mentioning:
            first = ngettext(
                "{count} of the report's {passages} mentions {crisis} at all (coded with a theme of the category "
                "“{category}”): {names}.",
                "{count} of the report's {passages} mention {crisis} at all (coded with a theme of the category "
                "“{category}”): {names}.",
                n,
            )
        else:
            first = _(
                "{count} of the report's {passages} mention {crisis} at all (coded with a theme of the category “{category}”)."
            )
        said = [first.format(**terms)]
        if self.ruhr_label is not None:
            said.append(self._ruhr_sentence())
        return said

    def _ruhr_sentence(self) -> str:
        """Return whether the region's own actors mention the crisis, and who does."""
        total, label = self.ruhr_passages, self.ruhr_label
        if not self.ruhr_mentioning:
            return ngettext(
                "None of the {total} contribution of the {perspective} mentions it: "
                "what the crisis means for the region is not addressed by its own actors in the report.",
                "None of the {total} contributions of the {perspective} mentions it: "
                "what the crisis means for the region is not addressed by its own actors in the report.",
                total,
            ).format(total=count_words(total), perspective=label)
        of = ngettext(
            "Of the {total} contribution of the {perspective}", "Of the {total} contributions of the {perspective}", total
        )
        n = len(self.ruhr_mentioning)
        return ngettext(
            "{of_contributions}, {count} mentions it: {names}.", "{of_contributions}, {count} mention it: {names}.", n
        ).format(
            of_contributions=of.format(total=count_words(total), perspective=label),
            count=count_words(n),
            names="; ".join(c.display_name for c in self.ruhr_mentioning),
        )


def crisis_silence(ds: Dataset) -> Silence:
    """Count the passages coded with a crisis theme, overall and in the perspective of the region's own actors."""
    mentioning = coded_with(ds, crisis_themes(ds))
    own = themes.regional_perspective(ds)
    region = ds.perspective.get(own) if own else None
    members = ds.contributions_in(own) if own else []
    return Silence(
        passages=len(ds.contributions),
        mentioning=tuple(mentioning),
        ruhr_passages=len(members),
        ruhr_mentioning=tuple(c for c in mentioning if c.perspective == own),
        ruhr_label=region.label if region else None,
        crisis=crisis_name(),
    )


def by_speaker(contributions: list[Contribution]) -> list[list[Contribution]]:
    """Return contributions grouped by speaker, in order of each speaker's first appearance (one entry per speaker)."""
    groups: dict[str, list[Contribution]] = {}
    for c in contributions:
        groups.setdefault(c.display_name, []).append(c)
    return list(groups.values())


def speakers(contributions: list[Contribution]) -> list[str]:
    """Return the distinct speakers of some contributions, in order of first appearance."""
    return list(dict.fromkeys(c.display_name for c in contributions))


def question_reach(ds: Dataset, q: Question) -> str:
    """Return a sentence on how many contributions, and from which perspectives, are coded with a question's themes."""
    coded = coded_with(ds, set(q.themes))
    if not coded:
        return _("No contribution is coded with the themes this question concerns.")
    per = {p.label: sum(c.perspective == p.id for c in coded) for p in ds.perspectives}
    spread = "; ".join(f"{label}: {n}" for label, n in per.items())
    return _("Coded with the themes this question concerns: {contributions} of {total} {by_speakers} ({spread}).").format(
        contributions=contributions_count(len(coded)),
        total=len(ds.contributions),
        by_speakers=by_speakers(len(speakers(coded))),
        spread=spread,
    )
