"""Synthetic datasets in the briefing's schema, marked as made up, for benchmarks at any size."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path
from typing import Any

import yaml

from briefing.core.schema import TABLES

#: Every reader-visible title says the data are made up.
MARK = "SYNTHETIC"
SOURCE_FILE = "sources/synthetic-report.txt"
REFERENCE_KEY = "synthetic2099report"
#: The perspective ids the chapters render (one chapter each).
PERSPECTIVES = [
    ("eu", "Synthetic commission", "Made-up officials of an invented commission."),
    ("international-expert", "Synthetic experts", "Made-up researchers and practitioners from invented places."),
    ("ruhr-stakeholder", "Synthetic regional actors", "Made-up agencies, towns and firms of an invented region."),
]
#: Made-up theme vocabulary (as many themes as the shipped one), each with evidence phrases of realistic length.
THEMES = [
    ("harbour-data", "Shared harbour data", ["open data from the invented harbours", "a common data room for the ports"]),
    ("moss-farming", "Moss farming on rooftops", ["rooftop moss farms on every depot", "moss farming as a new rooftop trade"]),
    ("cable-cars", "Urban cable cars", ["cable cars between the hill towns", "a cable car line for commuters"]),
    ("night-trains", "Night trains", ["night trains to the coast", "sleeper trains for business travel"]),
    ("salt-batteries", "Salt batteries", ["salt batteries for the grid", "storage in molten salt tanks"]),
    ("guild-schools", "Guild schools", ["guild schools for young crafters", "training in the revived guild schools"]),
    ("river-cooling", "River cooling", ["cooling data halls with river water", "river water for district cooling"]),
    (
        "lantern-festivals",
        "Lantern festivals",
        ["lantern festivals to draw visitors", "an annual lantern festival in the old mills"],
    ),
    ("seed-banks", "Regional seed banks", ["a seed bank for local crops", "seed banks run by the farmers"]),
    ("robot-ferries", "Robot ferries", ["crewless ferries across the lake", "robot ferries on fixed routes"]),
    ("timber-towers", "Timber towers", ["tall timber towers in the centre", "wooden high-rise buildings"]),
    ("tidal-mills", "Tidal mills", ["tidal mills on the estuary", "power from restored tidal mills"]),
    ("quiet-zones", "Quiet zones", ["quiet zones around the hospitals", "noise limits in residential quarters"]),
    ("glass-recycling", "Glass recycling", ["glass recycling in every district", "melting old glass into tiles"]),
    ("drone-post", "Drone post", ["post delivered by drones", "drone routes for parcels"]),
    ("fog-nets", "Fog nets", ["fog nets that collect water", "water from fog catchers on the hills"]),
    ("stone-archives", "Stone archives", ["archives cut in stone", "records kept in the old quarries"]),
    ("bee-corridors", "Bee corridors", ["flower corridors for wild bees", "bee corridors along the railways"]),
    ("kite-energy", "Kite energy", ["kites that harvest wind power", "energy from kites over the sea"]),
]
FIRST = [
    "Alva",
    "Bruno",
    "Cira",
    "Dano",
    "Elke",
    "Fenno",
    "Greta",
    "Hanno",
    "Ines",
    "Jorin",
    "Kaja",
    "Lenn",
    "Mira",
    "Nils",
    "Oda",
    "Piet",
    "Quirin",
    "Rika",
    "Sven",
    "Tilda",
    "Udo",
    "Vera",
    "Wim",
    "Xenia",
    "Yann",
    "Zora",
]
LAST = [
    "Brenneke",
    "Calmbach",
    "Dornfeld",
    "Eschlau",
    "Farnholt",
    "Gerwin",
    "Hollerbach",
    "Ilvesheim",
    "Jostmann",
    "Kemnade",
    "Lindqvist",
    "Morvan",
    "Nettelbeck",
    "Oberkamp",
    "Pellworm",
    "Quandel",
    "Rimbeck",
    "Sandvoss",
    "Tellkamp",
    "Urbanek",
    "Vossberg",
    "Wedemeyer",
    "Ystad",
    "Zollern",
]
ROLES = ["Head of Unit", "Professor", "Senior Researcher", "Managing Director", "Mayor", "Cluster Manager", "Policy Officer"]
PLACES = ["Nowhere", "Elsewhere", "Farland", "Mistvale", "Stonebridge", "Harrowmere", "Lakemoor", "Quillford"]
KINDS = ["Agency", "Institute", "Council", "Network", "Foundation", "Office"]


def _csv(rows: list[dict[str, Any]], fields: list[str]) -> str:
    """Return rows as CSV text with a header row."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _names(n: int, rng: random.Random) -> list[str]:
    """Return n distinct made-up names (first name, middle initial, surname)."""
    letters = "ABCDEFGHIJKLMNOPRSTUVWYZ"
    pool = len(FIRST) * len(LAST) * len(letters)
    picks = rng.sample(range(pool * (n // pool + 1)), n)
    out = []
    for k in picks:
        base, i = divmod(k, pool)
        f, rest = divmod(i, len(LAST) * len(letters))
        last, m = divmod(rest, len(letters))
        out.append(f"{FIRST[f]} {letters[m]}. {LAST[last]}" + (f" {base + 1}" if base else ""))
    return out


def _contributions(n: int, rng: random.Random) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[str]]:
    """Return contribution rows, theme-link rows and the report's passages, in running order."""
    contributions, links, passages = [], [], []
    for order, name in enumerate(_names(n, rng), start=1):
        cid = f"synthetic-{order:05d}"
        perspective = PERSPECTIVES[order % len(PERSPECTIVES)][0]
        role, place, kind = rng.choice(ROLES), rng.choice(PLACES), rng.choice(KINDS)
        organisation = f"Synthetic {kind} of {place}"
        honorific = "Dr." if order % 4 == 0 else ""
        shown = f"{honorific} {name}".strip()
        chosen = rng.sample(THEMES, rng.randint(2, 4))
        phrases = [rng.choice(theme[2]) for theme in chosen]
        surname = name.split()[-1] if not name.split()[-1].isdigit() else name.split()[-2]
        body = (
            f"{surname} explains the invented plans of the {organisation}, speaks about {phrases[0]} and stresses {phrases[1]}."
        )
        if len(phrases) > 2:
            body += " In this made-up passage the speaker also wants " + " as well as ".join(phrases[2:]) + "."
        offered = order % 3 == 0
        start = f"{shown}, {role}"
        passages.append(f"{start} at the {organisation}\n\n{body}\n" + ("\nDownload presentation\n" if offered else ""))
        labels = " and ".join(theme[1].lower() for theme in chosen[:2])
        contributions.append(
            {
                "id": cid,
                "order": order,
                "speaker": name,
                "honorific": honorific,
                "role": role,
                "organisation": organisation,
                "perspective": perspective,
                "based_in": "ruhr" if perspective == "ruhr-stakeholder" else "outside-germany",
                "perspective_rationale": "",
                "presentation_offered": "yes" if offered else "no",
                "source_start": start,
                "keywords": organisation,
                "topic": f"Made-up talk on {chosen[0][1].lower()}",
                "summary": f"According to the synthetic report, the speaker covered {labels}.",
            }
        )
        links += [
            {"contribution_id": cid, "theme_id": theme[0], "evidence": phrase, "about_ruhr": "no"}
            for theme, phrase in zip(chosen, phrases, strict=True)
        ]
    return contributions, links, passages


def _key_messages(links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return three made-up key messages, each backed by contributions linked to its theme."""
    rows = []
    for order, (tid, label, _) in enumerate(THEMES[:3], start=1):
        backers = list(dict.fromkeys(link["contribution_id"] for link in links if link["theme_id"] == tid))[:3]
        if backers:
            rows.append(
                {
                    "id": f"message-{order}",
                    "order": order,
                    "headline": f"Invented message number {order}: made-up speakers care for {label.lower()}.",
                    "support": f"According to the synthetic report, several made-up speakers spoke of {label.lower()}.",
                    "contributions": ";".join(backers),
                    "themes": tid,
                }
            )
    return rows


def write_synthetic_dataset(n: int, folder: Path | str, seed: int = 2020) -> Path:
    """Write a complete, valid, clearly synthetic data folder with n contributions; return the folder."""
    folder = Path(folder)
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    contributions, links, passages = _contributions(n, rng)
    intro = f"{MARK} REPORT. This text is generated for benchmarks: every name, organisation and statement in it is invented.\n\n"
    (folder / SOURCE_FILE).write_text(intro + "\n".join(passages), encoding="utf-8")
    files = {
        "perspectives.csv": _csv(
            [{"id": i, "order": k, "label": label, "definition": d} for k, (i, label, d) in enumerate(PERSPECTIVES, 1)],
            ["id", "order", "label", "definition"],
        ),
        "contributions.csv": _csv(contributions, list(contributions[0])),
        "themes.csv": _csv(
            [
                {
                    "id": i,
                    "label": label,
                    "category": "field",
                    "definition": f"A made-up theme about {label.lower()}, invented for benchmarks.",
                }
                for i, label, _ in THEMES
            ],
            ["id", "label", "category", "definition"],
        ),
        "contribution_themes.csv": _csv(links, ["contribution_id", "theme_id", "evidence", "about_ruhr"]),
        "changes.csv": _csv([], ["edition", "file", "row", "field", "reason"]),
        # The optional tables (the brief, options, comparison, slides), empty: a synthetic event has none of them.
        **{spec.file: _csv([], list(spec.model.model_fields)) for spec in TABLES if spec.optional},
        "key_messages.csv": _csv(_key_messages(links), ["id", "order", "headline", "support", "contributions", "themes"]),
        "questions.csv": _csv([], ["id", "order", "question", "contributions", "themes", "answer", "open"]),
        "context.csv": _csv([], ["id", "order", "topic", "statement", "references", "relates_to"]),
        "strategy_fields.csv": _csv([], ["id", "order", "label", "label_de", "named_in", "context", "references"]),
        "editorial_notes.csv": _csv(
            [
                {
                    "id": "synthetic-note",
                    "contribution_id": contributions[0]["id"],
                    "kind": "inconsistency",
                    "source_says": contributions[0]["source_start"],
                    "probably_right": "Nothing: the note exists so that the synthetic data have one.",
                    "basis": "probable",
                    "reason": "An invented note for benchmarks.",
                    "reference": "",
                }
            ],
            ["id", "contribution_id", "kind", "source_says", "probably_right", "basis", "reason", "reference"],
        ),
        "glossary.csv": _csv(
            [
                {
                    "term": "Synthetic data",
                    "lang": "en",
                    "definition": "Made-up records in the real schema, used to measure the book.",
                    "reference": REFERENCE_KEY,
                }
            ],
            ["term", "lang", "definition", "reference"],
        ),
        "references.bib": f"% {MARK}: an invented reference for "
        f"benchmarks.\n@misc{{{REFERENCE_KEY},\n  author = {{{{Synthetic Benchmark Agency}}}},\n"
        f"  title = {{Synthetic report with {n} invented contributions}},\n  year = "
        f"{{2099}},\n  note = {{Made up for benchmarks; not a real document}}\n}}\n",
        "event.yml": yaml.safe_dump(
            {
                "title": f"{MARK}: an invented conference with {n} contributions",
                "date": "2099-01-01",
                "format": "Invented conference",
                "host": "Synthetic Benchmark Agency",
                "region": "Nowhere",
                "source_document": SOURCE_FILE,
                "source_title": f"Synthetic report ({n} contributions)",
                "source_author": "Synthetic Benchmark Agency",
                "source_reference": REFERENCE_KEY,
            },
            allow_unicode=True,
            sort_keys=False,
        ),
        "publication.yml": yaml.safe_dump(
            {
                "title": f"{MARK} benchmark briefing ({n} contributions)",
                "subtitle": "Made-up data for measuring the book",
                "authors": ["Synthetic Benchmark Editors"],
                "publisher": "Synthetic Benchmark Editors",
                "edition": 1,
                "release_date": "2099-01-02",
                "licence_text": "CC-BY-4.0",
                "licence_code": "MIT",
                "language": "en",
                "publisher_address": "",
                "responsible_person": "",
                "contact_email": "",
                "corrections_url": "",
                "hosting_provider": "",
                "abstract": f"{MARK} DATA: a made-up briefing with {n} invented "
                "contributions, generated to benchmark the book. Do not cite it.",
                "abstract_de": f"{MARK}: ein erfundenes Briefing mit {n} erfundenen Beiträgen, nur für Messungen.",
            },
            allow_unicode=True,
            sort_keys=False,
        ),
        "README.md": f"# {MARK} data: not real\n\nGenerated by `python -m briefing synth {n} …` (seed "
        f"{seed}) for benchmarks. Every name, organisation and quotation is invented.\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
