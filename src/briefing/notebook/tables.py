"""Reader-facing tables for the chapters: labels instead of ids, counts a spreadsheet can add up."""

from __future__ import annotations

import html
import re

import pandas as pd
from IPython.display import HTML
from markupsafe import Markup

from briefing.analysis import themes
from briefing.analysis.quotations import evidence_markup, in_english, quoted_by
from briefing.core.model import Dataset
from briefing.core.schema import dictionary_rows
from briefing.core.translations import TRANSLATED
from briefing.i18n.messages import DEFAULT, _, format_number, language, pgettext
from briefing.notebook.interactive import interactive_table
from briefing.publish.columns import DICTIONARY_CONTEXT, EXAMPLE_CONTEXT
from briefing.text.render import show_table, table_block

#: A cell of the themes-by-perspective table names at most this many speakers, then says how many more.
SPEAKERS_SHOWN = 5
#: ... and quotes at most this many speakers' words (the table of theme links has every quotation).
QUOTATIONS_SHOWN = 10
#: Examples that are words of the report or the slides, or English by definition (an English term, a field's English
#: name): English in every edition, marked so. (The report's title is the editors' descriptive one, translated.)
ENGLISH_EXAMPLES = frozenset(
    {
        ("contribution_themes.csv", "evidence"),
        ("editorial_notes.csv", "source_says"),
        ("slide_quotes.csv", "quote"),
        ("contributions.csv", "source_start"),
        ("contributions.csv", "keywords"),
        ("glossary.csv", "term"),
        ("strategy_fields.csv", "label"),
    }
)
#: Examples that are names, or German already: the same in every edition.
NAME_EXAMPLES = frozenset(
    {
        ("publication.yml", "responsible_person"),
        ("publication.yml", "hosting_provider"),
        ("publication.yml", "abstract_de"),
        ("event.yml", "host"),
        ("event.yml", "source_author"),
        ("contributions.csv", "speaker"),
        ("contributions.csv", "honorific"),
        ("editorial_notes.csv", "probably_right"),
        ("strategy_fields.csv", "label_de"),
    }
)


def named_few(names: list[str], limit: int = SPEAKERS_SHOWN) -> str:
    """Return names joined by semicolons; beyond the limit, the first few and how many more there are."""
    if len(names) <= limit:
        return "; ".join(names)
    return _("{names}; and {count} more").format(names="; ".join(names[:limit]), count=format_number(len(names) - limit))


def theme_table(ds: Dataset) -> pd.DataFrame:
    """Return one row per theme: contributions per perspective and in all (as numbers), who raised it, and the report's words."""
    counts = themes.theme_perspective_counts(ds)
    links = themes.links_frame(ds)
    # iter(): a GroupBy has a `keys` attribute, so dict() would take it for a mapping.
    by_theme = dict(iter(links.groupby("theme_id")))
    table = pd.DataFrame({pgettext("column", "Theme"): [ds.theme[t].label for t in counts.index]})
    for p in ds.perspectives:
        table[p.label] = counts[p.id].to_list()
    table[pgettext("column", "In all")] = counts.sum(axis=1).to_list()
    quote = quoted_by(ds)
    who, words = [], []
    for t in counts.index:
        group = by_theme.get(t)
        if group is None:
            who.append(_("No contribution in the report's summaries"))
            words.append("")
            continue
        who.append(named_few(list(dict.fromkeys(group["speaker"]))))
        quoted = [quote(row.speaker, row.contribution_id, row.theme_id, row.evidence) for row in group.itertuples()]
        more = len(quoted) - QUOTATIONS_SHOWN
        if more > 0:  # at thousands of contributions one cell held megabytes
            quoted = [
                *quoted[:QUOTATIONS_SHOWN],
                _("and {count} more (every quotation is in the table of theme links)").format(count=format_number(more)),
            ]
        words.append("\n".join(quoted))
    table[pgettext("column", "Speakers based in")] = [
        "; ".join(sorted(set(by_theme[t]["based_in"]))) if t in by_theme else "" for t in counts.index
    ]
    table[pgettext("column", "Who raised it")] = who
    table[pgettext("column", "The report's words")] = words
    return table


def perspective_overview(ds: Dataset) -> pd.DataFrame:
    """Return per perspective: contributions, speakers, themes raised, themes raised there only.

    Both as grouped and, where that moves anyone, as if speakers based in the region counted as its voices.
    """
    only = themes.single_perspective(ds)
    # The regrouped count only where the regrouping moves someone (speakers based in the region grouped elsewhere).
    after = themes.perspectives_per_theme_regrouped(ds) if themes.moved_by_regrouping(ds) else None
    regrouped_heading = (
        pgettext("column", "Raised here only, speakers based in {region} counted as its voices").format(region=ds.event.region)
        if ds.neutral_region  # data that code the region as 'region' (another book): the event's region, never the Ruhr
        else pgettext("column", "Raised here only, Ruhr-based speakers counted as Ruhr")
    )
    rows = []
    for p in ds.perspectives:
        members = ds.contributions_in(p.id)
        raised = {link.theme_id for c in members for link in ds.links_of(c.id)}
        rows.append(
            {
                pgettext("column", "Perspective"): p.label,
                pgettext("column", "Contributions"): len(members),
                pgettext("column", "Speakers"): len({c.display_name for c in members}),
                pgettext("column", "Themes raised"): len(raised),
                pgettext("column", "Themes raised here only"): len(only[p.id]),
            }
        )
        if after is not None:
            rows[-1][regrouped_heading] = sum(ps == [p.id] for ps in after.values())
    return pd.DataFrame(rows)


def themes_for_perspective(ds: Dataset, perspective_id: str) -> pd.DataFrame:
    """Return the compact list of themes one perspective raised, with counts and speakers."""
    table = themes.raised_by_perspective(ds, perspective_id)
    headings = {
        "theme": pgettext("column", "Theme"),
        "contributions": pgettext("column", "Contributions"),
        "speakers": pgettext("column", "Speakers"),
    }
    return table.rename(columns=headings).reset_index(drop=True)


def themes_for_perspective_caption(ds: Dataset, perspective_id: str) -> str:
    """Return the caption of a perspective's table of themes, in the build's language."""
    return _("Themes raised in the perspective “{perspective}”, most frequent first").format(
        perspective=ds.perspective[perspective_id].label
    )


def show_themes_for_perspective(ds: Dataset, perspective_id: str) -> HTML:
    """Return a perspective chapter's table of themes with its caption, for a notebook cell."""
    return show_table(themes_for_perspective(ds, perspective_id), themes_for_perspective_caption(ds, perspective_id))


def theme_links(ds: Dataset) -> pd.DataFrame:
    """Return one row per theme link, with the speaker, their role and organisation, perspective, theme and the report's words."""
    links = themes.links_frame(ds)
    affiliation = {c.id: ", ".join(part for part in (c.role, c.organisation) if part) for c in ds.contributions}
    return pd.DataFrame(
        {
            pgettext("column", "No."): links["order"],
            pgettext("column", "Speaker"): links["speaker"],
            pgettext("column", "Role and organisation"): [affiliation[c] for c in links["contribution_id"]],
            pgettext("column", "Based in"): links["based_in"],
            pgettext("column", "Perspective"): links["perspective"],
            pgettext("column", "Theme"): links["theme"],
            pgettext("column", "The report's words"): evidence_markup(ds, links),
        }
    )


#: A data value quoted in a translated description („approach“, „cited“): the data's own code, the same in every language.
_QUOTED_VALUE = re.compile("\u201e([a-z0-9][a-z0-9_.-]*)\u201c")


def described_here(description: str) -> Markup | str:
    """Return a column's description in the build's language (schema.po), its quoted data values set as code, else its
    English marked English."""
    translated = pgettext(DICTIONARY_CONTEXT, description)
    if translated == description:
        return in_english(description)
    if not _QUOTED_VALUE.search(translated):
        return translated
    return Markup(_QUOTED_VALUE.sub(r"<code>\1</code>", html.escape(translated, quote=False)))


def example_here(file: str, column: str, example: str) -> Markup | str:
    """Return a data dictionary example in a translated edition: a text in the edition's language (schema.po), a name
    as it is, the report's words and English terms marked English, and ids, codes, keys, file names and dates as code."""
    if not example:
        return example
    translated = pgettext(EXAMPLE_CONTEXT, example)
    if translated != example:
        return translated
    if (file, column) in NAME_EXAMPLES or example.isdigit():
        return example
    if (file, column) in ENGLISH_EXAMPLES or column in TRANSLATED.get(file, ()):
        return in_english(example)  # a text without German yet is English, and marked so
    return Markup(f"<code>{html.escape(example)}</code>")  # the data's own value, the same in every language


def data_dictionary() -> pd.DataFrame:
    """Return the data dictionary derived from the schema."""
    table = pd.DataFrame(dictionary_rows())
    if language() != DEFAULT:  # file and column names are the data's own; the examples as example_here shows them
        table["required"] = [pgettext("required", "yes") if v == "yes" else pgettext("required", "no") for v in table["required"]]
        table["description"] = pd.Series([described_here(v) for v in table["description"]], index=table.index, dtype=object)
        examples = [example_here(f, c, v) for f, c, v in zip(table["file"], table["column"], table["example"], strict=True)]
        table["example"] = pd.Series(examples, index=table.index, dtype=object)
    headings = {
        "file": pgettext("column", "File"),
        "column": pgettext("column", "Column"),
        "required": pgettext("column", "Required"),
        "description": pgettext("column", "Description"),
        "example": pgettext("column", "Example"),
    }
    return table.rename(columns=headings)


def show_overview(ds: Dataset) -> HTML:
    """Return the landing page's table of contributions, speakers and themes per perspective, for a notebook cell."""
    return show_table(perspective_overview(ds), _("Contributions, speakers and themes per perspective"))


def show_perspective_sizes(ds: Dataset) -> HTML:
    """Return the data and method chapter's table of the size of each perspective, for a notebook cell."""
    return show_table(perspective_overview(ds), _("Size of each perspective"))


def show_data_dictionary() -> HTML:
    """Return the data dictionary as a table with its caption, for a notebook cell; in a translated edition, with a note
    on what its examples show."""
    caption = _("Files and columns of the briefing data")
    if language() == DEFAULT:
        return show_table(data_dictionary(), caption)
    note = _(
        "The examples of texts are given as this edition shows them; the data files hold these texts in English, and the "
        "data's translation catalogue (among the downloads) holds their translation. Ids, codes, keys and file names (set "
        "as code) are the data's own in every language; the report's words and English names stay English."
    )
    return HTML(table_block(data_dictionary(), caption) + f'<p class="briefing-meta">{html.escape(note)}</p>')


def show_theme_links(ds: Dataset) -> HTML:
    """Return the themes chapter's interactive table of every theme link, with facets, the affiliation under the name and
    where the speaker is based under the perspective (so the table fits a desktop's text column), names sorted by surname."""
    speaker, affiliation = pgettext("column", "Speaker"), pgettext("column", "Role and organisation")
    perspective, based_in = pgettext("column", "Perspective"), pgettext("column", "Based in")
    return interactive_table(
        theme_links(ds),
        _("Every theme link, with the report's words as evidence"),
        table_id="theme-links",
        facets=[perspective, based_in, pgettext("column", "Theme")],
        under={speaker: affiliation, perspective: based_in},
        labelled=[based_in],
        by_surname=[speaker],
        no_match=no_theme_covers(),
    )


def show_theme_table(ds: Dataset) -> HTML:
    """Return the themes chapter's interactive table of themes by perspective, with where the speakers are based under
    their names and the report's words on demand."""
    based_in = pgettext("column", "Speakers based in")
    return interactive_table(
        theme_table(ds),
        _("Contributions raising each theme, by perspective, and who raised it"),
        table_id="theme-table",
        details=pgettext("column", "The report's words"),
        under={pgettext("column", "Who raised it"): based_in},
        labelled=[based_in],
        no_match=no_theme_covers(),
    )


def no_theme_covers() -> str:
    """Return what a search in a themes table that leaves no row means: the vocabulary does not cover those words."""
    return _(
        "No row matches: no theme of the vocabulary covers these words, and no speaker, organisation or quotation in "
        "this table has them. The book's search looks through every page."
    )
