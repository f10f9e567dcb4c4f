"""Suggest themes for contributions, offline and transparently, for an editor to accept or reject.

The method: each theme gets a profile of words (its label, its definition and the evidence already
quoted for it in curated links), each passage is cut into sentences and clauses, and every sentence
is compared with every profile by the cosine of their TF-IDF word vectors (words lower-cased, common
words dropped, plural and verb endings stripped). A theme is suggested when its best sentence scores
at least the threshold; the evidence offered is the best-scoring clause of that sentence, verbatim.
The default threshold is the one that maximises F2 (recall weighted twice as much as precision, since
an editor reviews every suggestion) on the curated links, each contribution scored without its own links.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from briefing.core.drafts import is_gap
from briefing.core.errors import DataError, Problem
from briefing.core.load import load_dataset
from briefing.core.model import Dataset
from briefing.core.paths import BookNotFoundError, project_dir
from briefing.core.schema import PLACE_COLUMN, place_column
from briefing.core.source import DOWNLOAD_MARKS, Passage
from briefing.text.safecsv import defuse, restore

#: The review file `suggest-themes` writes into the data folder and `accept-themes` reads.
REVIEW_FILE = "theme_suggestions.csv"
REVIEW_COLUMNS = ["decision", "contribution_id", "theme_id", "score", "evidence", "about_ruhr", "speaker", "theme"]
#: The review file's column of a point's place, as the folder's contribution_themes.csv names it (about_ruhr in this
#: book, about_region in another region's book): the review file keeps that name.
PLACE_INDEX = REVIEW_COLUMNS.index(PLACE_COLUMN)
#: The suggestions the editors rejected, which `accept-themes` records and `suggest-themes` never offers again.
REJECTED_FILE = "coding/rejected-suggestions.csv"
REJECTED_COLUMNS = ["contribution_id", "theme_id", "evidence"]
ACCEPT, REJECT = {"accept", "accepted", "yes", "y", "ja"}, {"reject", "rejected", "no", "n", "nein"}
#: Thresholds tried when choosing the default one.
THRESHOLDS = tuple(round(0.02 * i, 2) for i in range(1, 31))
BETA = 2.0
STOPWORDS = frozenset(
    """
a an the and or of in on at to for from by with as is are was were be been being this that these those it its
their his her he she they them we our you your not no but also both can could may might will would should must
has have had do does did such than then there here which who whom what when where how why all any each more
most other some own same so very about into over after before between through during under again further once
only just well new now current according him us one two three der die das und oder von im in am an zu für mit
als ist sind war waren sein dieser diese dieses es sich ein eine einer eines dem den des auch nicht auf aus
bei nach vor über unter wie wird werden hat haben kann können sowie
""".split()  # noqa: SIM905 - a list of words reads best as words
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_END = re.compile(r"[.!?]+(?=\s|$)")
_ABBREVIATION = re.compile(r"(?:\b(?:Dr|Prof|Mr|Mrs|Ms|St|Ing|e\.g|i\.e|etc|vs|z\.B|bzw|ca)|\b[A-ZÄÖÜ])\.$")
_CLAUSE = re.compile(r",\s+|;\s+|:\s+|\s+as well as\s+|\s+sowie\s+")


def stem(word: str) -> str:
    """Strip common English and German endings so 'clusters', 'cluster' and 'Clustern' meet."""
    word = word.lower().strip("'’-")
    for suffix, replacement in (
        ("ies", "y"),
        ("ational", "ate"),
        ("ation", "ate"),
        ("ities", "ity"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("en", ""),
        ("s", ""),
        ("al", ""),
        ("e", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + replacement
    return word


def terms(text: str) -> list[str]:
    """Return a text's content words, stemmed."""
    return [stem(w) for w in _WORD.findall(text) if w.lower() not in STOPWORDS and len(w) > 2]


@dataclass(frozen=True)
class Span:
    """A verbatim stretch of a passage: where it starts in the passage and its text."""

    start: int
    text: str

    @property
    def end(self) -> int:
        """Return where the span ends in the passage."""
        return self.start + len(self.text)


def sentences(passage: Passage, speaker: str = "", others: Collection[str] = ()) -> list[Span]:
    """Return the sentences of the passage that are the speaker's own, without presentation markers, with their offsets.

    The speaker's text begins at the first line that is prose (it ends a sentence) and not the speaker's header line, so
    a talk title, the header and a panel's line of names are skipped; it ends at the next paragraph that is not prose (a
    heading of what follows). Given the speaker's name and the other speakers' names, it begins with the first sentence
    that names the speaker, and a sentence that names another speaker or speaks for a group ('The panellists agreed
    …'), and what follows it until the speaker is named again, is not the speaker's. A sentence ends at '.', '!' or '?'
    before a space or a line end, except after a title or an initial ('Dr.', 'C.').
    """
    return _own(passage, _surname(speaker), frozenset(filter(None, map(_surname, others))))


def _own(passage: Passage, surname: str, others: frozenset[str]) -> list[Span]:
    """Return the speaker's own sentences of a passage, given their surname and every speaker's (see `sentences`)."""
    text = passage.text
    cursor, stretch_end = own_stretch(text, surname)
    other_names = others - {surname}
    # The speaker's text starts with the first sentence that names them (if one does: a passage without their name is
    # theirs from its first line of prose on).
    spans, own = [], not _names(text[cursor:stretch_end], surname)
    ends = (m.end() for m in _END.finditer(text, cursor, stretch_end) if not _ABBREVIATION.search(text, 0, m.end()))
    for end in [*ends, stretch_end]:
        if end <= cursor:
            continue
        own = _speaks_for_self(text[cursor:end], surname, other_names, own)
        for line in text[cursor:end].split("\n") if own else ():
            stripped = line.strip()
            if stripped and not any(stripped.startswith(mark) for mark in DOWNLOAD_MARKS):
                spans.append(Span(text.index(stripped, cursor), stripped))
        cursor = end
    return spans


#: A sentence that speaks of a group of speakers rather than one ('The panellists agreed …', 'Einig war sich das Podium').
_GROUP = re.compile(
    r"\b(?:the|all|both|most)\s+(?:\w+\s+)?(?:panel(?:l?ists)?|speakers|participants|discussants)\b"
    r"|\b(?:die|das|alle|beide)\s+(?:\w+\s+)?(?:Podium\w*|Diskutierende\w*|Teilnehmende\w*|Vortragende\w*|Referent\w*)",
    re.IGNORECASE,
)
#: A line that ends a sentence (a closing quotation mark or bracket may follow), as prose does and headings do not.
_PROSE = re.compile(r"[.!?…][\"'”’»«)\]]*$")
#: A line that is an item of a list, part of the prose around it.
_ITEM = re.compile(r"^(?:[-–•*]|\d+[.)])\s")


def _surname(name: str) -> str:
    """Return the last word of a speaker's name ('' for none), by which the report names the speaker in later sentences."""
    words = name.split()
    return words[-1] if words else ""


_NAME_WORD = re.compile(r"[\w-]+")


def _names(sentence: str, surname: str) -> bool:
    """Return whether a sentence names a speaker by surname (as a word of its own, in the report's capitals)."""
    return bool(surname) and re.search(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", sentence) is not None


def _speaks_for_self(sentence: str, surname: str, others: frozenset[str], before: bool) -> bool:
    """Return whether a sentence is the speaker's: it names them, or names no one else and follows one of theirs."""
    if _names(sentence, surname):
        return True
    words = set(_NAME_WORD.findall(sentence))  # a surname of one word (most are) is found among them at once
    named = words & others or any(_names(sentence, other) for other in others if not _NAME_WORD.fullmatch(other))
    if named or _GROUP.search(sentence):
        return False
    return before


def _is_header(line: str, surname: str) -> bool:
    """Return whether a line is the speaker's header ('Dr. Ann Lee, Director, …'): their name, then a comma."""
    return bool(surname) and "," in line and line.split(",", 1)[0].split()[-1:] == [surname]


def own_stretch(text: str, surname: str = "") -> tuple[int, int]:
    """Return where the speaker's own text begins and ends in a passage (see `sentences`), given their surname.

    It begins at the first line of prose that names the speaker and is not their header (the report's passages begin
    with the speaker's name), or, when no line does, at the first line of prose that is not a header.
    """
    begin = _first_prose(text, surname, named=True)
    if begin is None:
        begin = _first_prose(text, surname, named=False)
    if begin is None:
        return len(text), len(text)
    offset, blank = begin, False
    for line in text[begin:].split("\n"):
        stripped = line.strip()
        if not stripped:
            blank = True
        elif blank and not _is_prose(stripped) and not any(stripped.startswith(mark) for mark in DOWNLOAD_MARKS):
            return begin, offset
        else:
            blank = False
        offset += len(line) + 1
    return begin, len(text)


def _is_prose(line: str) -> bool:
    """Return whether a line is prose: it ends a sentence or is an item of a list."""
    return bool(_PROSE.search(line) or _ITEM.match(line))


def _first_prose(text: str, surname: str, named: bool) -> int | None:
    """Return the offset of the first line of prose that is not the speaker's header (and names them, if `named`)."""
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if (
            stripped
            and _is_prose(stripped)
            and not _is_header(stripped, surname)
            and not any(stripped.startswith(mark) for mark in DOWNLOAD_MARKS)
            and (not named or _names(stripped, surname))
        ):
            return offset + line.index(stripped)
        offset += len(line) + 1
    return None


def own_sentences(ds: Dataset, cid: str) -> list[Span]:
    """Return a contribution's own sentences of its passage, told apart from the other speakers' by their names."""
    passage = ds.passages.get(cid)
    if passage is None:
        return []
    if not _LAST or _LAST[0][0] is not ds:
        _LAST[:] = [(ds, frozenset(filter(None, (_surname(c.speaker) for c in ds.contributions))), {})]
    _, surnames, found = _LAST[0]
    if cid not in found:
        found[cid] = _own(passage, _surname(ds.contribution[cid].speaker), surnames)
    return found[cid]


#: The last dataset asked about, its speakers' surnames and the own sentences found so far (the evaluation asks for each
#: contribution's once per fold; a dataset is immutable, and kept alive here, so it is never another one at its address).
_LAST: list[tuple[Dataset, frozenset[str], dict[str, list[Span]]]] = []


def clauses(sentence: Span) -> list[Span]:
    """Return a sentence's clauses (cut at commas, semicolons and 'as well as'), each verbatim, with offsets."""
    spans, cursor = [], 0
    for cut in [*_CLAUSE.finditer(sentence.text), None]:
        end = cut.start() if cut else len(sentence.text)
        piece = sentence.text[cursor:end].strip().rstrip(".!?")
        if len(terms(piece)) >= 2:
            spans.append(Span(sentence.start + sentence.text.index(piece, cursor), piece))
        cursor = cut.end() if cut else end
    return spans or [sentence]


class Vectoriser:
    """TF-IDF weights learnt from the sentences of every passage (the documents the scores compare)."""

    def __init__(self, documents: Iterable[str]) -> None:
        docs = [set(terms(d)) for d in documents]
        counts = Counter(t for d in docs for t in d)
        self.n = len(docs)
        self.idf = {t: math.log((1 + self.n) / (1 + c)) + 1 for t, c in counts.items()}

    def vector(self, text: str) -> dict[str, float]:
        """Return a text's TF-IDF vector, normalised to length 1."""
        tf = Counter(terms(text))
        weights = {t: c * self.idf.get(t, math.log(1 + self.n) + 1) for t, c in tf.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Return the cosine of two normalised vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


@dataclass(frozen=True)
class Suggestion:
    """A theme proposed for a contribution, with its score and the evidence span offered."""

    contribution_id: str
    theme_id: str
    score: float
    evidence: Span


def profiles(
    ds: Dataset, vectoriser: Vectoriser, examples: Iterable[tuple[str, str]], hidden: frozenset[str] = frozenset()
) -> dict[str, dict[str, float]]:
    """Return each theme's profile vector: label, definition, and curated evidence of contributions not hidden."""
    text = {t.id: [t.label, t.id.replace("-", " "), "" if is_gap(t.definition) else t.definition] for t in ds.themes}
    for theme_id, evidence in examples:
        if theme_id in text:
            text[theme_id].append(evidence)
    for link in ds.links:
        if link.contribution_id not in hidden and link.theme_id in text:
            text[link.theme_id].append(link.evidence)
    return {tid: vectoriser.vector(" ".join(parts)) for tid, parts in text.items()}


def score_contribution(
    ds: Dataset, cid: str, vectoriser: Vectoriser, theme_vectors: dict[str, dict[str, float]]
) -> list[Suggestion]:
    """Score every theme for one contribution: its best sentence, and the best clause of that sentence as evidence."""
    found = []
    spans = [(s, vectoriser.vector(s.text)) for s in own_sentences(ds, cid)]
    for tid, profile in theme_vectors.items():
        best = max(spans, key=lambda pair: cosine(pair[1], profile), default=None)
        if best is None:
            continue
        score = cosine(best[1], profile)
        clause = max(clauses(best[0]), key=lambda s: cosine(vectoriser.vector(s.text), profile))
        found.append(Suggestion(cid, tid, round(score, 4), clause))
    return sorted(found, key=lambda s: -s.score)


def vectoriser_for(ds: Dataset) -> Vectoriser:
    """Return the vectoriser learnt from the sentences of every passage of the dataset."""
    return Vectoriser(s.text for cid in ds.passages for s in own_sentences(ds, cid))


def book_data() -> Path | None:
    """Return the data folder of the book whose curated links guide the suggestions (see paths.project_dir), or None
    outside any book: the suggestions then learn from the folder's own links alone."""
    try:
        return project_dir() / "data"
    except BookNotFoundError:
        return None


def book_examples(ds: Dataset) -> list[tuple[str, str]]:
    """Return curated (theme, evidence) pairs of the book's own data, for a folder that shares its vocabulary."""
    book = book_data()
    if book is None or ds.data_dir.resolve() == book.resolve():
        return []
    try:
        curated = load_dataset(book)
    except DataError:
        return []
    ours = {t.id for t in ds.themes}
    return [(link.theme_id, link.evidence) for link in curated.links if link.theme_id in ours]


def f_beta(tp: int, fp: int, fn: int, beta: float = BETA) -> float:
    """Return the F-beta score of counts (0 when nothing is right)."""
    if tp == 0:
        return 0.0
    b2 = beta * beta
    return (1 + b2) * tp / ((1 + b2) * tp + b2 * fn + fp)


def choose_threshold(scored: dict[str, list[Suggestion]], truth: set[tuple[str, str]]) -> float:
    """Return the threshold with the best F2 over the given contributions' scores (the lowest on ties)."""
    best, best_f = THRESHOLDS[0], -1.0
    for t in THRESHOLDS:
        tp = fp = fn = 0
        for cid, suggestions in scored.items():
            chosen = {(cid, s.theme_id) for s in suggestions if s.score >= t}
            actual = {pair for pair in truth if pair[0] == cid}
            tp += len(chosen & actual)
            fp += len(chosen - actual)
            fn += len(actual - chosen)
        f = f_beta(tp, fp, fn)
        if f > best_f:
            best, best_f = t, f
    return best


def held_out_scores(
    ds: Dataset, vectoriser: Vectoriser, examples: list[tuple[str, str]], hidden: frozenset[str], cids: Iterable[str]
) -> dict[str, list[Suggestion]]:
    """Score each contribution with its own links (and those in `hidden`) left out of the theme profiles."""
    return {cid: score_contribution(ds, cid, vectoriser, profiles(ds, vectoriser, examples, hidden | {cid})) for cid in cids}


def default_threshold(ds: Dataset, vectoriser: Vectoriser, examples: list[tuple[str, str]]) -> float | None:
    """Return the threshold learnt from the dataset's curated links, or None when it has none."""
    linked = sorted({link.contribution_id for link in ds.links})
    if not linked:
        return None
    truth = {(link.contribution_id, link.theme_id) for link in ds.links}
    return choose_threshold(held_out_scores(ds, vectoriser, examples, frozenset(), linked), truth)


def suggest(ds: Dataset, threshold: float | None = None) -> tuple[list[Suggestion], float]:
    """Return suggestions (not yet curated pairs) at the threshold, and the threshold used."""
    vectoriser = vectoriser_for(ds)
    examples = book_examples(ds)
    if threshold is None:
        threshold = default_threshold(ds, vectoriser, examples)
        folder = book_data() if threshold is None else None
        if folder is not None:  # a new folder without links: learn the threshold from the book's own curated links
            book = load_dataset(folder)
            threshold = default_threshold(book, vectoriser_for(book), [])
    if threshold is None:
        message = "no curated theme links to learn a threshold from: give one with --threshold (e.g. 0.15)"
        raise DataError([Problem("contribution_themes.csv", None, None, message)])
    decided = {(link.contribution_id, link.theme_id) for link in ds.links} | rejected_pairs(ds.data_dir)
    theme_vectors = profiles(ds, vectoriser, examples)
    found = [
        s
        for c in ds.contributions
        for s in score_contribution(ds, c.id, vectoriser, theme_vectors)
        if s.score >= threshold and (s.contribution_id, s.theme_id) not in decided
    ]
    return found, threshold


def rejected_pairs(folder: Path) -> set[tuple[str, str]]:
    """Return the (contribution, theme) pairs the editors rejected, from the data folder's record of them."""
    path = folder / REJECTED_FILE
    if not path.is_file():
        return set()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {
            (restore(row.get("contribution_id") or "").strip(), restore(row.get("theme_id") or "").strip())
            for row in csv.DictReader(handle)
        }


def record_rejected(folder: Path, rejected: list[tuple[str, str, str]]) -> int:
    """Add rejected suggestions to the data folder's record of them (a pair already there is kept once); return how many."""
    known = rejected_pairs(folder)
    new = list({(c, t): (c, t, e) for c, t, e in rejected if (c, t) not in known}.values())
    if not new:
        return 0
    path = folder / REJECTED_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    with path.open("w", encoding="utf-8", newline="") as handle:
        if text.strip():
            handle.write(text if text.endswith("\n") else text + "\n")
        else:
            write_rows(handle, [REJECTED_COLUMNS])
        write_rows(handle, new)
    return len(new)


def names_region(ds: Dataset, suggestion: Suggestion) -> bool:
    """Return whether the sentence around the evidence names the event's region (the first word of `region` in event.yml).

    A first guess at `about_ruhr` (or `about_region`) for the editor, who checks it by the coding rules (R11).
    """
    words = (ds.event.region or "").split()
    if not words:
        return False
    text = ds.passages[suggestion.contribution_id].text
    start = max(text.rfind(". ", 0, suggestion.evidence.start), text.rfind("\n", 0, suggestion.evidence.start)) + 1
    ends = [i for i in (text.find(". ", suggestion.evidence.end), text.find("\n", suggestion.evidence.end)) if i >= 0]
    return words[0] in text[start : min(ends) if ends else len(text)]


def write_rows(handle: TextIO, rows: Iterable[Iterable[object]]) -> None:
    """Write CSV rows with every cell a spreadsheet would run as a formula defused (the loader restores them)."""
    csv.writer(handle, lineterminator="\n").writerows([defuse(str(cell)) for cell in row] for row in rows)


def write_review(ds: Dataset, found: list[Suggestion], path: Path) -> None:
    """Write the review file: one suggestion per row, with an empty decision column for the editor."""
    header = [*REVIEW_COLUMNS]
    header[PLACE_INDEX] = ds.place_column  # the name the folder's contribution_themes.csv gives the column
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_rows(handle, [header])
        write_rows(
            handle,
            (
                [
                    "",
                    s.contribution_id,
                    s.theme_id,
                    f"{s.score:.3f}",
                    s.evidence.text,
                    "yes" if names_region(ds, s) else "no",
                    ds.contribution[s.contribution_id].display_name,
                    ds.theme[s.theme_id].label,
                ]
                for s in found
            ),
        )


def accept(ds: Dataset, review: Path) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, str, str]], int]:
    """Read the editor's decisions; return the accepted links, the rejected suggestions and the undecided count.

    Raises DataError naming the row and column of every decision that is unclear, of every unknown
    id and of every evidence that is not verbatim in the contribution's passage: then nothing is accepted.
    """
    problems: list[Problem] = []
    accepted: list[tuple[str, str, str, str]] = []
    rejected: list[tuple[str, str, str]] = []
    undecided = 0
    name = review.name
    try:
        handle = review.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise DataError(
            [
                Problem(
                    name,
                    None,
                    None,
                    f"the review file cannot be read ({exc.strerror or exc}): run `briefing suggest-themes` first",
                )
            ]
        ) from None
    with handle:
        reader = csv.DictReader(handle)
        place = place_column(reader.fieldnames or [])  # about_ruhr, or about_region as another region's book names it
        missing = [
            c for c in ("decision", "contribution_id", "theme_id", "evidence", place) if c not in (reader.fieldnames or [])
        ]
        if missing:
            raise DataError([Problem(name, 1, c, "this required column is missing from the header") for c in missing])
        for number, cells in enumerate(reader, start=2):
            row = {name: restore(value) if isinstance(value, str) else value for name, value in cells.items()}
            decision = (row.get("decision") or "").strip().lower()
            if not decision:
                undecided += 1
                continue
            if decision in REJECT:
                cid, tid, evidence = (row.get(k, "").strip() for k in ("contribution_id", "theme_id", "evidence"))
                rejected.append((cid, tid, evidence))
                continue
            if decision not in ACCEPT:
                problems.append(
                    Problem(
                        name,
                        number,
                        "decision",
                        "expected 'accept' or 'reject' (or leave it empty to decide later)",
                        row.get("decision"),
                    )
                )
                continue
            cid, tid, evidence = (row.get(k, "").strip() for k in ("contribution_id", "theme_id", "evidence"))
            about = (row.get(place) or "").strip().lower()
            if about not in {"yes", "no"}:
                problems.append(
                    Problem(
                        name,
                        number,
                        place,
                        "expected 'yes' or 'no' (is the point placed in the region? see rule R11)",
                        about,
                    )
                )
            elif cid not in ds.contribution:
                problems.append(Problem(name, number, "contribution_id", "no contribution has this id in contributions.csv", cid))
            elif tid not in ds.theme:
                problems.append(Problem(name, number, "theme_id", "no theme has this id in themes.csv", tid))
            elif not evidence or not ds.passages[cid].contains(evidence):
                problems.append(
                    Problem(
                        name,
                        number,
                        "evidence",
                        "the evidence must be verbatim from this contribution's passage (you may shorten it, not reword it)",
                        evidence,
                    )
                )
            else:
                accepted.append((cid, tid, evidence, about))
    if problems:
        raise DataError(problems)
    return accepted, rejected, undecided


def append_links(folder: Path, links: list[tuple[str, str, str, str]], existing: set[tuple[str, str]]) -> int:
    """Append accepted links to contribution_themes.csv (pairs already curated are kept as they are); return how many."""
    path = folder / "contribution_themes.csv"
    new = [link for link in dict.fromkeys(links) if (link[0], link[1]) not in existing]
    new = list({(c, t): (c, t, e, r) for c, t, e, r in new}.values())
    if not new:
        return 0
    text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    header = next(csv.reader(io.StringIO(text, newline="")), []) if text.strip() else []
    if not header:  # a new file: the header of this book's data
        header = ["contribution_id", "theme_id", "evidence", PLACE_COLUMN]
        text = ",".join(header) + "\n"
    if text and not text.endswith("\n"):
        text += "\n"
    columns = [name.strip() for name in header]
    place = place_column(columns)  # kept as the file names it: about_ruhr, or about_region
    cells = lambda link: dict(zip(("contribution_id", "theme_id", "evidence", place), link, strict=True))
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)
        write_rows(handle, ([cells(link).get(c, "") for c in columns] for link in new))
    return len(new)
