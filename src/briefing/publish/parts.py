"""Contribution pages at scale: a perspective with more contributions than a page holds gets pages of its own.

Up to ``per_page`` contributions a perspective's chapter holds every contribution's section (the shipped
book: its addresses never change). Beyond that, the chapter lists its parts and each part is a page of
``per_page`` contributions in running order, ``chapters/contributions/<perspective>-<n>.html#<id>``, generated
from the data for the build (see ``briefing.sphinx.parts``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.core.model import Dataset
from briefing.core.schema import Contribution

#: Contributions on one page before a perspective is split: about 2 KB of HTML each, so a page stays far below 2 MB.
CONTRIBUTIONS_PER_PAGE = 200
#: The folder (under the book's source folder) of the generated part pages; it holds nothing else.
PARTS_FOLDER = "chapters/contributions"


@dataclass(frozen=True)
class Part:
    """One page of a split perspective's contributions."""

    perspective: str
    number: int
    count: int  # parts of the perspective
    start: int  # how many of the perspective's contributions come before this part
    total: int  # contributions of the perspective
    members: tuple[Contribution, ...]

    @property
    def docname(self) -> str:
        """Return the page's name in the book (its address without '.html')."""
        return f"{PARTS_FOLDER}/{self.perspective}-{self.number}"

    @property
    def label(self) -> str:
        """Return the label of the page's heading, for links to it."""
        return f"contributions-{self.perspective}-{self.number}"

    @property
    def span(self) -> str:
        """Return what the part holds: 'contributions 201–400 of 4,333 (Name … Name)'."""
        first, last = self.members[0].display_name, self.members[-1].display_name
        return f"contributions {self.start + 1:,}–{self.start + len(self.members):,} of {self.total:,} ({first} … {last})"


def parts_of(ds: Dataset, perspective_id: str, per_page: int = CONTRIBUTIONS_PER_PAGE) -> list[Part]:
    """Return a perspective's parts in running order, or [] when its chapter holds every contribution."""
    members = ds.contributions_in(perspective_id)
    if len(members) <= per_page:
        return []
    starts = range(0, len(members), per_page)
    return [
        Part(perspective_id, n, len(starts), start, len(members), tuple(members[start : start + per_page]))
        for n, start in enumerate(starts, start=1)
    ]


def all_parts(ds: Dataset, per_page: int = CONTRIBUTIONS_PER_PAGE) -> list[Part]:
    """Return the parts of every perspective, in the perspectives' order."""
    return [part for p in ds.perspectives for part in parts_of(ds, p.id, per_page)]


def part_source(part: Part) -> str:
    """Return the MyST source of a part page: an orphan page (reached from its chapter) with one directive.

    Nothing from the data is written into the source but the perspective's id (a checked slug) and the part's
    number: the page's heading, which names the perspective, is made by the directive as a node.
    """
    return (
        "---\norphan: true\n---\n\n"
        "<!-- Generated from the data for this build by briefing.publish.parts: do not edit. -->\n\n"
        f"```{{briefing-contributions}}\n:perspective: {part.perspective}\n:part: {part.number}\n```\n"
    )


def write_part_sources(srcdir: Path, ds: Dataset, per_page: int = CONTRIBUTIONS_PER_PAGE) -> list[str]:
    """Write the part pages' sources (unchanged files are left alone) and remove any from other data; return their names."""
    folder = srcdir / PARTS_FOLDER
    parts = all_parts(ds, per_page)
    wanted = {srcdir / f"{part.docname}.md": part_source(part) for part in parts}
    if folder.is_dir():
        for stale in folder.glob("*.md"):
            if stale not in wanted:
                stale.unlink()
    for path, text in wanted.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
    return [part.docname for part in parts]
