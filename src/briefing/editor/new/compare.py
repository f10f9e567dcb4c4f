"""Compare a parse of a report with a curated dataset of the same report (the round trip of ``briefing new``)."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.core.model import Dataset
from briefing.editor.new.parse import Parse

#: The fields the parse must reproduce, as (parse attribute, dataset attribute).
FIELDS = ("speaker", "honorific", "role", "organisation", "presentation_offered")


@dataclass(frozen=True)
class Difference:
    """A field where the curated data differ from the report's wording, and the editorial note that explains it, if any."""

    order: int
    contribution_id: str
    field: str
    report: str
    dataset: str
    note: str = ""

    def __str__(self) -> str:
        """Describe the difference in one line."""
        why = f"editorial note '{self.note}'" if self.note else "the dataset's editorial wording (no note)"
        where = f"contribution {self.order} ({self.contribution_id}), {self.field}"
        return f"{where}: the report says {self.report!r}, the dataset {self.dataset!r} ({why})"


def compare(parsed: Parse, ds: Dataset) -> list[Difference]:
    """Return every field where the parse (the report's wording) and the dataset differ, contribution by contribution in order."""
    differences = []
    if len(parsed.contributions) != len(ds.contributions):
        differences.append(Difference(0, "", "count", str(len(parsed.contributions)), str(len(ds.contributions))))
    for found, curated in zip(parsed.contributions, ds.contributions, strict=False):
        for name in FIELDS:
            ours, theirs = getattr(found, name), getattr(curated, name)
            theirs = "" if theirs is None else theirs
            if ours != theirs:
                note = next(
                    (
                        n.id
                        for n in ds.notes_on(curated.id)
                        if isinstance(ours, str) and n.source_says in ours and n.source_says not in str(theirs)
                    ),
                    "",
                )
                differences.append(Difference(curated.order, curated.id, name, str(ours), str(theirs), note))
        if found.order != curated.order:
            differences.append(Difference(curated.order, curated.id, "order", str(found.order), str(curated.order)))
    return differences
