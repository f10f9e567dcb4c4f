"""Sentences that sum up what a chapter shows, computed from the data."""

from __future__ import annotations

from briefing.analysis import themes
from briefing.core.model import Dataset
from briefing.i18n.messages import _, count_words, listing, ngettext, pgettext


def contributions_count(n: int) -> str:
    """Return '1 contribution' or 'n contributions' in the build's language."""
    return ngettext("{count} contribution", "{count} contributions", n).format(count=count_words(n, one="nominative masculine"))


def by_speakers(n: int) -> str:
    """Return 'by 1 speaker' or 'by n speakers' in the build's language."""
    return ngettext("by {count} speaker", "by {count} speakers", n).format(count=count_words(n))


def themes_count(n: int) -> str:
    """Return '1 theme' or 'n themes' in the build's language."""
    return ngettext("{count} theme", "{count} themes", n).format(count=n)


def _labels(ds: Dataset, theme_ids: list[str]) -> str:
    """Join theme labels for a sentence."""
    return "; ".join(ds.theme[t].label for t in theme_ids)


def _perspective_labels(ds: Dataset, perspective_ids: list[str]) -> str:
    """Join perspective labels for a sentence."""
    return listing([_("“{label}”").format(label=ds.perspective[p].label) for p in perspective_ids])


def _changed(ds: Dataset, theme_ids: list[str]) -> list[str]:
    """Return the themes among these whose perspectives change if speakers based in the region counted as its voices."""
    shift = themes.single_perspective_sensitivity(ds)
    return [t for t in theme_ids if shift[t][0] != shift[t][1]]


def regrouping_note(ds: Dataset, theme_ids: list[str], added: list[str] | None = None) -> str | None:
    """Return how "raised only by" statements about these themes would change if speakers based in the region counted as
    its voices (Ruhr-based speakers as Ruhr voices, in this book).

    ``added`` are the themes the regrouping would add to the list: when it changes none of the list's themes, the note
    names them ("every theme stays; added: …"); it says "nothing would change" only when nothing is added either.
    None when no contribution would move (nothing to say); computed from the data, never written by hand.
    """
    moved = themes.moved_by_regrouping(ds)
    if not moved or not theme_ids:
        return None
    who = ", ".join(ds.contribution[c].display_name for c in dict.fromkeys(moved))
    target = ds.perspective[str(themes.regional_perspective(ds))].label  # someone moved, so the data name it
    shift = themes.single_perspective_sensitivity(ds)
    changed = _changed(ds, theme_ids)
    where = {"speakers": who, "perspective": target, "region": ds.event.region}
    sentences = _regrouping_sentences(ds.neutral_region)
    if not changed and added:
        return sentences["one" if len(added) == 1 else "several"].format(themes=_labels(ds, added), **where)
    if not changed:
        return sentences["none"].format(**where)
    rest = "" if len(changed) == len(theme_ids) else " " + _("The rest of the list stays as it is.")
    return sentences["changes"].format(changes=_changes(ds, changed, shift), **where) + rest


def _changes(ds: Dataset, changed: list[str], shift: dict[str, tuple[list[str], list[str]]]) -> str:
    """Return how the regrouping changes each of these themes: 'Skills: raised only in “…” instead; …'."""
    parts = []
    for t in changed:
        after = shift[t][1]
        found = {"theme": ds.theme[t].label, "perspectives": _perspective_labels(ds, after)}
        if len(after) == 1:
            parts.append(_("{theme}: raised only in {perspectives} instead").format(**found))
        else:
            parts.append(_("{theme}: shared by {perspectives}").format(**found))
    return "; ".join(parts)


def _regrouping_sentences(neutral: bool) -> dict[str, str]:
    """Return regrouping_note's sentences (one theme added, several, no change, changes): about Ruhr-based speakers in
    this book, or about the speakers based in the event's region in data that code it 'region' (another book)."""
    if neutral:
        return {
            "one": pgettext(
                "regrouping adds one theme",
                "If the speakers based in {region} who are grouped elsewhere ({speakers}) were counted with "
                "“{perspective}”, every theme in this list would stay in it; added: {themes}.",
            ),
            "several": pgettext(
                "regrouping adds several themes",
                "If the speakers based in {region} who are grouped elsewhere ({speakers}) were counted with "
                "“{perspective}”, every theme in this list would stay in it; added: {themes}.",
            ),
            "none": _(
                "If the speakers based in {region} who are grouped elsewhere ({speakers}) were counted with "
                "“{perspective}”, nothing in this list would change."
            ),
            "changes": _(
                "If the speakers based in {region} who are grouped elsewhere ({speakers}) were counted with "
                "“{perspective}”: {changes}."
            ),
        }
    return {
        "one": pgettext(
            "regrouping adds one theme",
            "If the Ruhr-based speakers grouped elsewhere ({speakers}) were counted with “{perspective}”, every theme "
            "in this list would stay in it; added: {themes}.",
        ),
        "several": pgettext(
            "regrouping adds several themes",
            "If the Ruhr-based speakers grouped elsewhere ({speakers}) were counted with “{perspective}”, every theme "
            "in this list would stay in it; added: {themes}.",
        ),
        "none": _(
            "If the Ruhr-based speakers grouped elsewhere ({speakers}) were counted with “{perspective}”, nothing in "
            "this list would change."
        ),
        "changes": _("If the Ruhr-based speakers grouped elsewhere ({speakers}) were counted with “{perspective}”: {changes}."),
    }


def newly_single(ds: Dataset) -> dict[str, list[str]]:
    """Return, per perspective id, themes that would be raised there only after the regrouping but are not now."""
    shift = themes.single_perspective_sensitivity(ds)
    out: dict[str, list[str]] = {p.id: [] for p in ds.perspectives}
    for t, (before, after) in shift.items():
        if len(after) == 1 and before != after:
            out[after[0]].append(t)
    return out


def perspective_findings(ds: Dataset, perspective_id: str) -> list[str]:
    """Return sentences summing up one perspective: size, frequent themes, own and shared themes."""
    members = ds.contributions_in(perspective_id)
    label = ds.perspective[perspective_id].label
    speakers = list(dict.fromkeys(c.display_name for c in members))
    sentences = [
        _("{perspective}: {contributions} {by_speakers}.").format(
            perspective=label, contributions=contributions_count(len(members)), by_speakers=by_speakers(len(speakers))
        )
    ]
    table = themes.raised_by_perspective(ds, perspective_id)
    if table.empty:
        return [*sentences, _("No theme is coded for this perspective.")]
    top = int(table["contributions"].max())
    frequent = [t for t, n in table["contributions"].items() if n == top]
    if top > 1:
        sentences.append(
            _("Raised most often (by {count} contributions each): {themes}.").format(
                count=count_words(top), themes=_labels(ds, frequent)
            )
        )
    else:
        sentences.append(
            ngettext(
                "Each theme here is raised by one contribution; {count} theme in all.",
                "Each theme here is raised by one contribution; {count} themes in all.",
                len(table),
            ).format(count=count_words(len(table)))
        )
    own = themes.single_perspective(ds)[perspective_id]
    sentences.append(
        _("Raised in this perspective only: {themes}.").format(themes=_labels(ds, own))
        if own
        else _("No theme is raised in this perspective alone.")
    )
    also = _("With that regrouping, also raised in this perspective: {themes}.")
    sentences += _regrouped(ds, own, newly_single(ds)[perspective_id], also)
    shared = [t for t in table.index if t not in own]
    if shared:
        sentences.append(_("Shared with at least one other perspective: {themes}.").format(themes=_labels(ds, shared)))
    return sentences


def theme_findings(ds: Dataset) -> list[str]:
    """Return sentences summing up the theme tables across perspectives."""
    reach = themes.perspectives_per_theme(ds)
    used = [t for t, ps in reach.items() if ps]
    links = ngettext("{count} theme link", "{count} theme links", len(ds.links)).format(count=len(ds.links))
    covering = (
        _("The {contributions} are coded with {links}, covering all {themes} in the vocabulary.")
        if len(used) == len(ds.themes) > 1
        else _("The {contributions} are coded with {links}, covering {used} of the {themes} in the vocabulary.")
    )
    sentences = [
        covering.format(
            contributions=contributions_count(len(ds.contributions)),
            links=links,
            used=len(used),
            themes=themes_count(len(ds.themes)),
        )
    ]
    every = themes.shared_by_all(ds)
    n = len(ds.perspectives)
    sentences.append(
        _("Raised in all {count} perspectives: {themes}.").format(count=count_words(n), themes=_labels(ds, every))
        if every
        else _("No theme is raised in all {count} perspectives in the report's summary.").format(count=count_words(n))
    )
    some = themes.shared_by_some(ds)
    if some:
        sentences.append(_("Raised in more than one perspective: {themes}.").format(themes=_labels(ds, some)))
    new = newly_single(ds)
    for pid, own in themes.single_perspective(ds).items():
        label = ds.perspective[pid].label
        if own:
            sentences.append(
                _("Raised only in the perspective “{perspective}”: {themes}.").format(perspective=label, themes=_labels(ds, own))
            )
        also = _("With that regrouping, also raised only in the perspective “{perspective}”: {themes}.")
        sentences += _regrouped(ds, own, new[pid], also.replace("{perspective}", label))
    unused = themes.uncoded_themes(ds)
    if unused:
        sentences.append(_("In the vocabulary but not coded for any contribution: {themes}.").format(themes=_labels(ds, unused)))
    return sentences


def _regrouped(ds: Dataset, own: list[str], new: list[str], also: str) -> list[str]:
    """Return the sentences that test a "raised only" statement against the regrouping by where speakers are based.

    ``also`` is the sentence naming the themes the regrouping adds, with ``{themes}`` where they go.
    """
    out = []
    added = new if themes.moved_by_regrouping(ds) else []
    note = regrouping_note(ds, own, added)
    if note:
        out.append(note)
    if added and (note is None or _changed(ds, own)):  # else the note names them
        out.append(also.replace("{themes}", _labels(ds, added)))
    return out
