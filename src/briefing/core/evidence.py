"""The kinds of source a statement of the book rests on, and the evidence items of the brief sorted by kind."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.i18n.messages import pgettext

if TYPE_CHECKING:
    from briefing.core.model import Dataset

#: The kinds of source, in the order a reader meets them: the organiser's report, the speaker's own slides, context
#: from outside the report, and what the editors conclude themselves.
SOURCE_KINDS = ("report", "slides", "context", "editors")
#: The evidence prefix each kind of source is written with in the data (brief.csv, options.csv).
_KIND_OF_PREFIX = {
    "report": "report",
    "slides": "slides",
    "context": "context",
    "field": "context",
    "ref": "context",
    "editors": "editors",
}
#: What editors:<key> may name: the editors' own search of public sources on a day (a finding that something is not
#: there), as editors:search-YYYY-MM-DD, or a conclusion the editors draw in the paragraph itself, as editors:inference.
EDITORS_SEARCH = re.compile(r"^search-(\d{4}-\d{2}-\d{2})$")
EDITORS_INFERENCE = "inference"


def search_date(key: str) -> dt.date | None:
    """Return the day of an editors:search-YYYY-MM-DD item, or None if the key is not one."""
    found = EDITORS_SEARCH.match(key)
    try:
        return dt.date.fromisoformat(found.group(1)) if found else None
    except ValueError:
        return None


def search_record(day: dt.date, references: frozenset[str] | set[str]) -> str | None:
    """Return the key of the editors' own record of their searches in the day's month (editors-searches-YYYY-MM), if
    the references hold one: it is cited with the search, under the editors' judgement, not as outside context."""
    key = f"editors-searches-{day:%Y-%m}"
    return key if key in references else None


def source_kind_label(kind: str) -> str:
    """Return the label that marks a statement's kind of source, in the build's language."""
    labels = {
        "report": pgettext("source kind", "Organiser's report"),
        "slides": pgettext("source kind", "Speaker's slides"),
        "context": pgettext("source kind", "Outside context"),
        "editors": pgettext("source kind", "Editors' judgement"),
    }
    return labels[kind]


@dataclass(frozen=True)
class EvidenceItem:
    """One item of a statement's evidence: its prefix (report, slides, context, field, ref) and the id it names."""

    prefix: str
    key: str

    @property
    def kind(self) -> str:
        """Return the kind of source the item is (one of SOURCE_KINDS)."""
        return _KIND_OF_PREFIX[self.prefix]


def evidence_items(evidence: list[str]) -> list[EvidenceItem]:
    """Split evidence written as kind:id (validated by the schema) into items, in their order."""
    return [EvidenceItem(*item.split(":", 1)) for item in evidence]


def by_kind(evidence: list[str]) -> dict[str, list[EvidenceItem]]:
    """Group evidence items by kind of source, in the order of SOURCE_KINDS; kinds without an item are left out."""
    items = evidence_items(evidence)
    return {kind: [i for i in items if i.kind == kind] for kind in SOURCE_KINDS if any(i.kind == kind for i in items)}


def unknown_evidence(ds: Dataset, evidence: list[str]) -> list[str]:
    """Return the evidence items that name nothing in the dataset (an unknown contribution, slides, context or key)."""
    known = {
        "report": {*ds.contribution, "event"},
        "slides": {s.contribution_id for s in ds.slides if s.status == "checked-copy"},
        "context": {c.id for c in ds.context},
        "field": {f.id for f in ds.strategy_fields},
        "ref": set(ds.references),
    }
    return [
        f"{i.prefix}:{i.key}"
        for i in evidence_items(evidence)
        if (search_date(i.key) is None and i.key != EDITORS_INFERENCE if i.prefix == "editors" else i.key not in known[i.prefix])
    ]
