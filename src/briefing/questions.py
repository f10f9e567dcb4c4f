"""The report's opening questions: who speaks to them, and where the report is silent, computed from the coded data."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model import Dataset
from briefing.schema import Contribution, Question

#: Theme category of the themes about the Corona crisis (themes.csv, column 'category').
CRISIS = "crisis"
#: The perspective of the region's own actors.
RUHR_PERSPECTIVE = "ruhr-stakeholder"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    """Return '1 word' or 'n words'."""
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


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

    def sentences(self) -> list[str]:
        """Return the finding in plain sentences."""
        names = "; ".join(c.display_name for c in self.mentioning)
        said = [
            f"{len(self.mentioning)} of the report's {_plural(self.passages, 'contribution passage')} "
            f"{'mentions' if len(self.mentioning) == 1 else 'mention'} the Corona crisis at all (coded with a theme of the "
            f"category “{CRISIS}”)" + (f": {names}." if self.mentioning else ".")
        ]
        if self.ruhr_label is not None:
            if self.ruhr_mentioning:
                who = "; ".join(c.display_name for c in self.ruhr_mentioning)
                said.append(
                    f"Of the {_plural(self.ruhr_passages, 'contribution')} of the {self.ruhr_label}, "
                    f"{len(self.ruhr_mentioning)} {'mentions' if len(self.ruhr_mentioning) == 1 else 'mention'} it: {who}."
                )
            else:
                said.append(
                    f"None of the {_plural(self.ruhr_passages, 'contribution')} of the {self.ruhr_label} mentions it: "
                    "what the crisis means for the region is not addressed by its own actors in the report."
                )
        return said


def crisis_silence(ds: Dataset) -> Silence:
    """Count the passages coded with a crisis theme, overall and in the Ruhr stakeholders' perspective."""
    mentioning = coded_with(ds, crisis_themes(ds))
    ruhr = ds.perspective.get(RUHR_PERSPECTIVE)
    members = ds.contributions_in(RUHR_PERSPECTIVE) if ruhr else []
    return Silence(
        passages=len(ds.contributions),
        mentioning=tuple(mentioning),
        ruhr_passages=len(members),
        ruhr_mentioning=tuple(c for c in mentioning if c.perspective == RUHR_PERSPECTIVE),
        ruhr_label=ruhr.label if ruhr else None,
    )


def speakers(contributions: list[Contribution]) -> list[str]:
    """Return the distinct speakers of some contributions, in order of first appearance."""
    return list(dict.fromkeys(c.display_name for c in contributions))


def question_reach(ds: Dataset, q: Question) -> str:
    """Return a sentence on how many contributions, and from which perspectives, are coded with a question's themes."""
    coded = coded_with(ds, set(q.themes))
    if not coded:
        return "No contribution is coded with the themes this question concerns."
    per = {p.label: sum(c.perspective == p.id for c in coded) for p in ds.perspectives}
    spread = "; ".join(f"{label}: {n}" for label, n in per.items())
    return (
        f"Coded with the themes this question concerns: {_plural(len(coded), 'contribution')} of {len(ds.contributions)} "
        f"by {_plural(len(speakers(coded)), 'speaker')} ({spread})."
    )
