"""Speakers' slides kept as text under ``sources/``: reading them slide by slide, and checking quotations from them.

A slides file is plain UTF-8 text: comment lines beginning with ``#`` say where the copy is and when it was read (its
provenance), and a line ``--- slide N ---`` begins the text of slide N, line by line as the copy gives it. A
quotation from a slide must stand in that slide's text exactly, with its line breaks read as single spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from briefing.core.errors import Problem
from briefing.core.inputs import MAX_REPORT_BYTES, UnreadableError, read_limited
from briefing.i18n.messages import _

if TYPE_CHECKING:
    from briefing.core.model import Dataset

#: The folder of the data folder that holds the sources kept as text.
SOURCES_FOLDER = "sources"
SLIDE_MARK = re.compile(r"^--- slide (\d+) ---[ \t]*$", re.M)


def not_found_sentence(checked: str) -> str:
    """Return the sentence for slides the report offers but the editors found no copy of (checked: the day, written)."""
    return _(
        "The report offers the presentation for download; the editors found no public copy of the slides to "
        "check (last looked for on {date}), so nothing here rests on them."
    ).format(date=checked)


def provenance_template() -> str:
    """Return the sentence template that says where the slides' text was read ({source}) and when ({date})."""
    return _("Read from a copy of the slides {source}, checked on {date}; the quotations are verbatim.")


def read_slides(text: str) -> dict[int, str]:
    """Return each slide's text by number, its lines joined by single spaces (comment lines left out)."""
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    parts = SLIDE_MARK.split("\n".join(lines))
    return {int(number): " ".join(body.split()) for number, body in zip(parts[1::2], parts[2::2], strict=True)}


def provenance(text: str) -> str:
    """Return the file's comment lines (where the copy is, when it was read), joined into one text."""
    return " ".join(line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#"))


def slides_text(ds: Dataset, source_file: str) -> str:
    """Read a slides file of the data folder (bounded, inside the folder, UTF-8)."""
    return read_limited(ds.data_dir, source_file, MAX_REPORT_BYTES).decode("utf-8")


def slides_problems(ds: Dataset) -> Iterator[Problem]:
    """Check what slides.csv records and that every quotation of slide_quotes.csv stands in its slide's text."""
    file = "slides.csv"
    texts: dict[str, dict[int, str]] = {}
    for s in ds.slides:
        n = ds.row_number(file, s)
        if s.contribution_id not in ds.contribution:
            yield Problem(file, n, "contribution_id", "no contribution has this id in contributions.csv", s.contribution_id)
            continue
        if s.status == "not-found":
            for column in ("source_file", "reference", "summary"):
                if getattr(s, column):
                    yield Problem(file, n, column, "leave this empty when no copy of the slides was found", getattr(s, column))
            continue
        for column in ("source_file", "reference", "summary"):
            if not getattr(s, column):
                yield Problem(file, n, column, "a checked copy of the slides needs this column")
        if s.reference and s.reference not in ds.references:
            yield Problem(file, n, "reference", "no entry has this key in references.bib", s.reference)
        if not s.source_file:
            continue
        if not s.source_file.startswith(f"{SOURCES_FOLDER}/"):
            yield Problem(file, n, "source_file", f"the slides' text must be a file in {SOURCES_FOLDER}/", s.source_file)
            continue
        try:
            texts[s.contribution_id] = read_slides(slides_text(ds, s.source_file))
        except (OSError, UnreadableError, UnicodeDecodeError, ValueError) as exc:
            yield Problem(file, n, "source_file", f"the slides' text cannot be read ({exc})", s.source_file)
    yield from _quote_problems(ds, texts)


def _quote_problems(ds: Dataset, texts: dict[str, dict[int, str]]) -> Iterator[Problem]:
    """Report quotations whose slides are not kept, whose slide is missing, or whose words are not on the slide."""
    file = "slide_quotes.csv"
    for q in ds.slide_quotes:
        n = ds.row_number(file, q)
        slides = texts.get(q.contribution_id)
        if slides is None:
            yield Problem(
                file, n, "contribution_id", "slides.csv keeps no readable copy of this speaker's slides", q.contribution_id
            )
        elif q.slide not in slides:
            yield Problem(file, n, "slide", f"the slides' text has no slide {q.slide} (it has {sorted(slides)})", str(q.slide))
        elif q.quote not in slides[q.slide]:
            yield Problem(
                file,
                n,
                "quote",
                f"these words are not on slide {q.slide} as the kept text gives them: quote the slide exactly "
                "(line breaks as single spaces)",
                q.quote,
            )
