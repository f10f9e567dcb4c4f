"""Citations in the edition's language: the bibliography an edition in another language reads (its editors' notes,
official titles and institutions' names translated, from the data's catalogue) and the author-year style of the
in-text citations ("Europäische Kommission, o. J.", "Hassink und Kiese, 2021"), and the reference list's labels, which
are those citations: two works of one author and year are told apart by letters in the list's order ("EFRE.NRW,
n.d.a", "n.d.b"; "2022a"), in the list and in every citation of them."""

from __future__ import annotations

import functools
import importlib.metadata
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from pybtex.plugin import register_plugin as register_pybtex_plugin
from pybtex.richtext import Tag
from pybtex.richtext import Text as RichText
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting.author_year_title import SortingStyle as AuthorYearTitle
from pybtex.style.template import field, first_of, join, node, optional
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle, GroupReferenceStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
    BasicAuthorYearParentheticalReferenceStyle,
    BasicAuthorYearTextualReferenceStyle,
)
from sphinxcontrib.bibtex.style.referencing.extra_author import ExtraAuthorReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_empty import ExtraEmptyReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_label import ExtraLabelReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_year import ExtraYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join2, post_text, pre_text, reference

from briefing.core.bibliography import cited_bibtex, letters_for, localised_bibtex, sorting_key
from briefing.core.inputs import MAX_TABLE_BYTES, read_limited
from briefing.core.model import Dataset
from briefing.core.schema import REFERENCES_FILE
from briefing.core.translations import UNTRANSLATED, bibliography_translations
from briefing.i18n.messages import DEFAULT, language, pgettext
from briefing.text.typography import unbroken

#: The name of the in-text citation style for `bibtex_reference_style` in _config.yml.
REFERENCE_STYLE = "briefing_author_year"
#: The names of the reference list's label and sorting styles (pybtex), the defaults of the book's bibliography style
#: (reader.py).
LABEL_STYLE = "briefing_author_year"
SORTING_STYLE = "briefing_author_year_title"


def undated() -> str:
    """Return what an in-text citation says for a work without a year, in the edition's language ("n.d.", "o. J.")."""
    return unbroken(pgettext("bibliography: a work without a year", "n.d."))


@node
def year_or_undated(children: list[Any], data: dict[str, Any]) -> Any:
    """Render a work's year, or the edition's words for a work without one."""
    assert not children
    return first_of[optional[field("year")], undated()].format_data(data)


def label_letter(label: str, year: str) -> str:
    """Return the letter a reference list's label (LABEL_STYLE: "author, year" and a letter) adds to a work's year, or
    "" (no letter, or a label of another style)."""
    found = re.search(rf"{re.escape(year)}([a-z]*)$", label)
    return found.group(1) if found else ""


@node
def dated(children: list[Any], data: dict[str, Any]) -> Any:
    """Render a work's year (or 'no date') with the letter its label in the reference list gives it ("2022a", "n.d.b")."""
    assert not children
    year = year_or_undated.format_data(data)
    formatted = data.get("formatted_entry")
    suffix = label_letter(formatted.label, str(year)) if formatted is not None else ""
    return join[year, suffix].format_data(data) if suffix else year


def person_style() -> PersonStyle:
    """Return how in-text citations join authors, in the edition's language ("and", "und"; "et al.", "u. a.")."""
    others = unbroken(pgettext("bibliography: after the first of many authors", "et al."))
    return PersonStyle(
        sep2=pgettext("bibliography: between two names", " and "),
        last_sep=pgettext("bibliography: before the last of several names", ", and "),
        other=RichText(" ", Tag("em", others) if language() == DEFAULT else others),
    )


@dataclass
class Parenthetical(BasicAuthorYearParentheticalReferenceStyle):
    """A parenthetical author-year citation whose undated works say so in the edition's language."""

    def inner(self, role_name: str) -> Any:
        """Return the template of one cited work: pre-text, author and year, post-text."""
        who = self.person.author_or_editor_or_title(full="s" in role_name)
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
            pre_text, reference[join(sep=self.author_year_sep)[who, dated]], post_text
        ]


@dataclass
class Textual(BasicAuthorYearTextualReferenceStyle):
    """A textual author-year citation whose undated works say so in the edition's language."""

    def inner(self, role_name: str) -> Any:
        """Return the template of one cited work: author, then year in brackets with pre- and post-text."""
        years = join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[pre_text, reference[dated], post_text]
        return join(sep=self.text_reference_sep)[
            self.person.author_or_editor_or_title(full="s" in role_name),
            join[self.bracket.left, years, self.bracket.right],
        ]


@dataclass
class YearOnly(ExtraYearReferenceStyle):
    """A citation by year alone, undated works in the edition's language."""

    def inner(self, role_name: str) -> Any:
        """Return the template of one cited work: its year."""
        return reference[dated]


@dataclass
class BriefingAuthorYear(AuthorYearReferenceStyle):
    """sphinxcontrib-bibtex's author-year citations with their words in the edition's language."""

    #: A parenthetical citation of several works separates them by semicolons, as author-year style does in both
    #: languages ("[Kiese, 2021; EFRE.NRW, n.d.a]"): the comma already separates each work's author from its year.
    bracket_parenthetical: BracketStyle = dataclass_field(default_factory=lambda: BracketStyle(sep="; "))

    def __post_init__(self) -> None:
        """Build the styles of each citation role with the edition's joining words and its 'no date'."""
        self.person = person_style()
        self.styles.extend(
            [
                Parenthetical(
                    bracket=self.bracket_parenthetical,
                    person=self.person,
                    author_year_sep=self.author_year_sep,
                    pre_text_sep=self.pre_text_sep,
                    post_text_sep=self.post_text_sep,
                ),
                Textual(
                    bracket=self.bracket_textual,
                    person=self.person,
                    text_reference_sep=self.text_reference_sep,
                    pre_text_sep=self.pre_text_sep,
                    post_text_sep=self.post_text_sep,
                ),
                ExtraAuthorReferenceStyle(bracket=self.bracket_author, person=self.person),
                ExtraLabelReferenceStyle(bracket=self.bracket_label),
                YearOnly(bracket=self.bracket_year),
                ExtraEmptyReferenceStyle(),
            ]
        )
        GroupReferenceStyle.__post_init__(self)


class AuthorYearLabels(BaseLabelStyle):
    """The reference list's labels: each work as a parenthetical citation names it ("EFRE.NRW, n.d."), works of one
    author and year told apart by letters in the order of the (sorted) list ("EFRE.NRW, n.d.a", "EFRE.NRW, n.d.b")."""

    def format_labels(self, sorted_entries: Iterable[Any]) -> Iterator[str]:
        """Yield the label of each entry, in the list's order."""
        style = BriefingAuthorYear()
        who = style.person.author_or_editor_or_title(full=False)
        cited = [
            (who.format_data(data).render_as("text"), str(year_or_undated.format_data(data)))
            for data in ({"entry": entry, "style": style} for entry in sorted_entries)
        ]
        for (name, year), suffix in zip(cited, letters_for(cited), strict=True):
            yield f"{name}{style.author_year_sep}{year}{suffix}"


class TitleAsRead(AuthorYearTitle):
    """One alphabet of the names a reader sees first in each entry, people and bodies interleaved ("aerospace.nrw",
    "Aranguren", "Business Metropole Ruhr GmbH"; pybtex's own order files a body's braced name after every person's),
    then the year, then the title as read, so that works of one author and year, and their letters, follow their
    titles' alphabet."""

    def sorting_key(self, entry: Any) -> tuple[str, str, str]:
        """Return the key of an entry (briefing.core.bibliography.sorting_key, which the labels' letters follow)."""
        return sorting_key(entry)


def bibliography_file(doctrees: Path, folder: Path, ds: Dataset, preview: bool) -> Path:
    """Return the bibliography this edition reads: the data's in English (a copy if its notes name works by key); in
    another language a localised copy of it, written beside the build's doctrees (rewritten only when it changes, so an
    unchanged book re-reads nothing)."""
    source = Path(folder) / REFERENCES_FILE
    lang = language()
    text = read_limited(folder, REFERENCES_FILE, MAX_TABLE_BYTES).decode("utf-8-sig")
    if lang == DEFAULT:  # the data's file, unless a note names another work by its key: readers get its citation
        localised = cited_bibtex(text)
        if localised is None:
            return source
    else:
        marked = UNTRANSLATED if preview else ""
        localised = localised_bibtex(text, bibliography_translations(ds, lang, mark_untranslated=preview), lang, marked)
    path = Path(doctrees) / f"references.{lang}.bib"
    if not path.is_file() or path.read_text(encoding="utf-8") != localised:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(localised, encoding="utf-8")
    return path


@functools.cache
def _installed_plugins(group: str, name: str | None) -> tuple[EntryPoint, ...]:
    """Return the installed entry points of a group (of one name, if given), looked up once per process."""
    found = importlib.metadata.entry_points(group=group, name=name) if name else importlib.metadata.entry_points(group=group)
    return tuple(found)


def installed_plugins(*, group: str, name: str | None = None) -> tuple[EntryPoint, ...]:
    """Look up pybtex's and sphinxcontrib-bibtex's plugins as importlib.metadata.entry_points does, once per group and name.

    Each of their plugin look-ups scans every installed package's metadata (importlib.metadata keeps no cache, as
    pkg_resources did: pygments/pygments#2979 caches its own for the same reason); a build looks plugins up about 230
    times, 1.5 s. Installed packages do not change during a build, and plugins registered at run time are looked up by
    pybtex before the installed ones, so the cache changes no answer.
    """
    return _installed_plugins(group, name)


def setup_citations(app: Sphinx) -> None:
    """Register the in-text citation style (used by name in _config.yml) and the reference list's labels; look the
    bibliography's plugins up once (installed_plugins)."""
    pybtex.plugin.entry_points = installed_plugins
    sphinxcontrib.bibtex.plugin.entry_points = installed_plugins  # type: ignore[assignment, attr-defined]  # the same calls, cached
    register_plugin("sphinxcontrib.bibtex.style.referencing", REFERENCE_STYLE, BriefingAuthorYear)
    register_label_style()


def register_label_style() -> None:
    """Register the reference list's label and sorting styles with pybtex (once; the book's bibliography style names
    them)."""
    register_pybtex_plugin("pybtex.style.labels", LABEL_STYLE, AuthorYearLabels)
    register_pybtex_plugin("pybtex.style.sorting", SORTING_STYLE, TitleAsRead)
