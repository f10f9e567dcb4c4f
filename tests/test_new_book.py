"""The next event's book (issue 27): `briefing new` makes a whole, event-neutral book that builds into its own folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from briefing import load_dataset
from briefing.build.pdf import CHROMIUM
from briefing.cli import main
from briefing.core.paths import book_folder
from briefing.editor.new.book import TOC_HEADER
from briefing.editor.new.write import read_report
from helpers import DATA, PROJECT_ROOT, Pending, background, pending_new_book, read_rows, write_rows

#: A made-up report of an invented event in an invented place (no Ruhr, no crisis, none of this event's speakers).
REPORT = PROJECT_ROOT / "tests" / "fixtures" / "reports" / "lindholm-2029.txt"
#: This event's particulars that a new book must not carry unless its own report has them.
EVENT_TERMS = ["Business Metropole Ruhr", "Corona", "Covid", "lead market", "Ruhr", "Germany"]
#: The region the new book's editors write into event.yml, and where they say each speaker is based (the neutral codes).
REGION = "Lindholm Fjord"
BASED_IN = {
    "ormeno-vik": "region",
    "quillfeather": "region",
    "haldorsen-tjeld": "country-outside-region",
    "okonkwo-lind": "outside-country",
}
#: The perspectives the editors of the new book define, and who is in each (ids of the report's contributions).
PERSPECTIVES = {
    "fjord-towns": ("Voices of the fjord towns", ["ormeno-vik"]),
    "research-and-finance": ("Research, training and finance", ["quillfeather", "haldorsen-tjeld", "okonkwo-lind"]),
}


def surnames() -> list[str]:
    """Return the surnames of this event's speakers, from this briefing's contributions.csv."""
    return sorted({row["speaker"].split()[-1] for row in read_rows(DATA / "contributions.csv")})


def forbidden_terms() -> list[str]:
    """Return this event's names and terms that the made-up report does not itself contain."""
    report = REPORT.read_text(encoding="utf-8").lower()
    return [term for term in [*surnames(), *EVENT_TERMS] if term.lower() not in report]


def define_perspectives_and_a_theme(data: Path) -> None:
    """Write what the new book's editors would: the event's region, two perspectives, each contribution's perspective and
    where its speaker is based (neutral codes: region, country-outside-region, outside-country), two themes (one of the
    category 'crisis') and a link to each (in the column about_region that `briefing new` writes, one placed in the region)."""
    event = (data / "event.yml").read_text(encoding="utf-8")
    (data / "event.yml").write_text(re.sub(r"(?m)^region:.*$", f"region: {REGION}", event), encoding="utf-8")
    write_rows(
        data / "perspectives.csv",
        [
            {"id": pid, "order": str(n), "label": label, "definition": f"Speakers grouped as {label.lower()}."}
            for n, (pid, (label, _)) in enumerate(PERSPECTIVES.items(), 1)
        ],
    )
    rows = read_rows(data / "contributions.csv")
    for row in rows:
        row["perspective"] = next(pid for pid, (_, members) in PERSPECTIVES.items() if row["id"] in members)
        row["based_in"] = BASED_IN.get(row["id"], row["based_in"])
    write_rows(data / "contributions.csv", rows)
    write_rows(
        data / "themes.csv",
        [
            {"id": "shared-data", "label": "Shared data", "category": "approach", "definition": "Firms sharing data."},
            {"id": "welder-shortage", "label": "Welder shortage", "category": "crisis", "definition": "Too few welders."},
        ],
    )
    links = [
        {
            "contribution_id": "quillfeather",
            "theme_id": "shared-data",
            "evidence": "share sensors and data",
            "about_region": "no",
        },
        {
            "contribution_id": "haldorsen-tjeld",
            "theme_id": "welder-shortage",
            "evidence": "struggle to hire welders",
            "about_region": "yes",
        },
    ]
    write_rows(data / "contribution_themes.csv", links)


def tree(folder: Path) -> dict[str, int]:
    """Return every file under a folder with its modification time (nothing if the folder does not exist)."""
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")} if folder.exists() else {}


@background("new_book")
def ready_new_book(root: Path) -> Pending:
    """Make ready the build of the book `briefing new` makes from the made-up report, its perspectives and one theme written."""
    project = root / "book"
    assert main(["new", str(REPORT), str(project)]) == 0
    define_perspectives_and_a_theme(project / "data")
    pending = pending_new_book(project, pdf=CHROMIUM.exists())  # its PDF too, where Debian's Chromium can print it
    pending.extra["own_build_before"] = tree(PROJECT_ROOT / "_build")  # this repository's _build/ before the build
    return pending


@pytest.fixture(scope="module")
def new_book(builds):
    """The book `briefing new` made from the made-up report, its perspectives and one theme written, built with `make book`."""
    built = builds.result("new_book")
    assert built.returncode == 0, built.log[-5000:]
    built.own_build_before, built.own_build_after = built.extra["own_build_before"], tree(PROJECT_ROOT / "_build")
    return built


def pages(build) -> dict[str, str]:
    """Return the HTML of every page of a built book (not the theme's files under _static), by path."""
    return {
        str(p.relative_to(build.html)): p.read_text(encoding="utf-8")
        for p in sorted(build.html.rglob("*.html"))
        if "_static" not in p.parts
    }


def test_a_new_book_contains_none_of_this_events_names_places_or_terms(new_book):
    """No page of the new book names this event's speakers, its host, its region, its crisis or its lead markets."""
    terms = forbidden_terms()
    assert "Ruhr" in terms and "Engelmann" in terms
    found = {
        (path, term)
        for path, html in pages(new_book).items()
        for term in terms
        if re.search(rf"(?<![\w-]){re.escape(term)}", html, re.IGNORECASE)
    }
    assert not found


def test_a_new_books_pdf_contains_none_of_this_events_names_places_or_terms(new_book):
    """The new book's printed PDFs name none of this event's speakers, host, region, crisis or lead markets on any page."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is needed to print the PDF")
    from pdf_checks import document_text

    printed = sorted((new_book.project / "_build" / "pdf").glob("*.pdf"))
    assert printed and all("Lindholm Fjord" in document_text(path) for path in printed)  # its own event, readable
    found = {
        (path.name, term)
        for path in printed
        for term in forbidden_terms()
        if re.search(rf"(?<![\w-]){re.escape(term)}", document_text(path), re.IGNORECASE)
    }
    assert not found


def test_a_new_book_has_a_section_per_speaker_and_a_chapter_per_perspective(new_book):
    """Each contribution has its own section with the speaker's name, in the chapter titled by its perspective's label."""
    speakers = {row["id"]: row["speaker"] for row in read_rows(new_book.project / "data" / "contributions.csv")}
    for pid, (label, members) in PERSPECTIVES.items():
        soup = BeautifulSoup(new_book.page(f"perspective-{pid}"), "html.parser")
        assert label in soup.find("h1").get_text() and label in soup.title.get_text()
        for cid in members:
            section = soup.find("section", id=cid)
            assert section is not None and speakers[cid] in section.find(["h2", "h3"]).get_text()
    index = BeautifulSoup(new_book.page("index"), "html.parser")
    navigation = index.find("nav", class_="bd-links") or index
    assert all(label in navigation.get_text() for label, _ in PERSPECTIVES.values())


def test_a_new_book_has_its_overview_questions_themes_and_own_references(new_book):
    """The overview asks the report's questions, the themes chapter exists once a theme does, and citations are the book's own."""
    overview = BeautifulSoup(new_book.page("index"), "html.parser").get_text(" ")
    assert "Which strengths can a fjord region build on?" in overview and "No key messages are written yet." in overview
    assert "Shared data" in BeautifulSoup(new_book.page("themes"), "html.parser").get_text(" ")
    references = new_book.page("references")
    assert "Lindholm Fjord Economy Forum 2029" in references and "Earlier editions as cited" not in references
    assert "ruhrbriefing" not in new_book.page("perspective-research-and-finance")
    assert "4 contribution passages mentions the crisis at all" in overview  # no briefing_crisis in its _config.yml
    assert not list((new_book.html / "downloads").glob("*edition-2*"))


def test_a_new_book_names_its_own_region_where_speakers_are_based_and_keeps_about_region(new_book):
    """Speakers coded 'region' are shown as based in the event's region, the regrouping's sentences name that region (never
    the Ruhr), and the published theme links and datapackage.json keep the column about_region."""
    fjord = BeautifulSoup(new_book.page("perspective-fjord-towns"), "html.parser").get_text(" ")
    assert f"Based in {REGION}." in fjord and f"by a speaker based in {REGION}" in fjord
    research = BeautifulSoup(new_book.page("perspective-research-and-finance"), "html.parser").get_text(" ")
    assert "Based elsewhere in the country." in research
    vocabulary = BeautifulSoup(new_book.page("themes"), "html.parser").get_text(" ")
    assert f"If the speakers based in {REGION} who are grouped elsewhere were counted as voices of {REGION}" in vocabulary
    links = (new_book.html / "downloads" / "contribution_themes.csv").read_text(encoding="utf-8")
    assert links.splitlines()[0].endswith("about_region") and "ruhr" not in links.lower()
    package = (new_book.html / "downloads" / "datapackage.json").read_text(encoding="utf-8")
    assert '"name": "about_region"' in package and '"name": "about_ruhr"' not in package


def test_a_new_book_shows_a_speaker_coded_outside_country_as_outside_the_country(new_book):
    """A speaker coded 'outside-country' reads "Based outside the country." in its section and "Outside the country" in the
    running order, and no page of the new book names Germany."""
    research = BeautifulSoup(new_book.page("perspective-research-and-finance"), "html.parser").get_text(" ")
    assert "Based outside the country." in research and "by a speaker based outside the country" in research
    running_order = BeautifulSoup(new_book.page("event"), "html.parser").get_text(" ")
    assert "Outside the country" in running_order
    assert not [path for path, html in pages(new_book).items() if "germany" in html.lower()]


def test_building_a_new_book_leaves_this_books_build_untouched(new_book):
    """The new book is built into its own _build/, and this repository's _build/ is exactly as it was."""
    assert (new_book.project / "_build" / "html" / "chapters" / "index.html").is_file()
    assert new_book.own_build_after == new_book.own_build_before


def test_a_new_book_is_a_whole_project_with_its_own_configuration(tmp_path, capsys):
    """`briefing new REPORT DIR` writes the configuration, Makefile, README, chapters and data, none of this book's files."""
    project = tmp_path / "book"
    assert main(["new", str(REPORT), str(project)]) == 0
    assert "make -C" in capsys.readouterr().out
    for name in ("_config.yml", "_toc.yml", "Makefile", "README.md", "chapters/index.md", "data/event.yml", "editions"):
        assert (project / name).exists(), name
    toc = yaml.safe_load((project / "_toc.yml").read_text(encoding="utf-8"))
    assert [c["file"] for c in toc["chapters"]][:2] == ["chapters/event", "chapters/perspective-contributions"]
    assert "chapters/themes" not in str(toc)  # no themes yet, so no themes chapter
    assert (project / "data" / "themes.csv").read_text(encoding="utf-8").count("\n") == 1  # the header alone
    prose = "".join(p.read_text(encoding="utf-8") for p in [*(project / "chapters").glob("*.md"), project / "README.md"])
    assert not [term for term in forbidden_terms() if term.lower() in prose.lower()]


def test_chapters_follow_the_perspectives_and_leave_this_books_own_alone(tmp_path, capsys):
    """`briefing chapters` writes a chapter per perspective, removes a dropped one, and refuses this book's own contents."""
    project = tmp_path / "book"
    assert main(["new", str(REPORT), str(project)]) == 0
    define_perspectives_and_a_theme(project / "data")
    assert main(["chapters", str(project)]) == 0
    names = sorted(p.name for p in (project / "chapters").glob("perspective-*.md"))
    assert names == ["perspective-fjord-towns.md", "perspective-research-and-finance.md"]
    assert "chapters/themes" in (project / "_toc.yml").read_text(encoding="utf-8")
    toc = (PROJECT_ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert not toc.startswith(TOC_HEADER.splitlines()[0])
    assert main(["chapters", str(PROJECT_ROOT)]) == 2
    assert "left as they are" in capsys.readouterr().err
    assert (PROJECT_ROOT / "_toc.yml").read_text(encoding="utf-8") == toc


def test_this_books_report_gives_its_three_opening_questions(dataset):
    """The parser finds, verbatim and in order, the questions this briefing's questions.csv holds from its report."""
    found = read_report(dataset.data_dir / dataset.event.source_document)[1]
    assert found.questions == [q.question for q in dataset.questions]


def test_a_new_books_data_build_into_that_book_not_this_one(tmp_path, capsys):
    """`briefing build DIR/data` and `briefing release DIR/data` take DIR as the book, never this repository."""
    project = tmp_path / "book"
    assert main(["new", str(REPORT), str(project)]) == 0
    assert book_folder(project / "data") == project
    assert book_folder(DATA) == PROJECT_ROOT and book_folder(tmp_path / "elsewhere") == PROJECT_ROOT
    assert book_folder(project / "data", PROJECT_ROOT) == PROJECT_ROOT  # a book named on the command line wins


def test_a_reports_question_with_markup_and_a_formula_is_kept_as_text(tmp_path, capsys):
    """An opening question with markup, a role and a formula is written defused to questions.csv and read back verbatim."""
    question = "=Is <b>this</b> {eval}`z` [x](javascript:alert(1)) safe?"
    report = tmp_path / "report.txt"
    report.write_text(
        f"Intro: 4 May 2027.\n\n{question}\n\nDr. Ann Lee, Director, Invented Institute\n\nDr. Ann Lee speaks.\n", "utf-8"
    )
    assert main(["new", str(report), str(tmp_path / "book")]) == 0
    assert read_rows(tmp_path / "book" / "data" / "questions.csv")[0]["question"] == "'" + question
    assert [q.question for q in load_dataset(tmp_path / "book" / "data").questions] == [question]


def test_a_new_books_notebooks_read_its_own_data(tmp_path, monkeypatch):
    """A chapter's cells run from the new book's `make lab` load the new book's data/, not this repository's."""
    import os
    import shlex
    import subprocess
    import sys

    project = tmp_path / "book"
    assert main(["new", str(REPORT), str(project)]) == 0
    assert (project / "jupytext.toml").is_file() and (project / "lab" / "overrides.json5").is_file()
    command = subprocess.run(["make", "-n", "lab"], cwd=project, capture_output=True, text=True, check=True).stdout
    settings = dict(word.split("=", 1) for word in shlex.split(command) if re.match(r"BRIEFING_\w+=", word))
    assert settings["BRIEFING_DATA_DIR"] == str(project / "data")
    chapter = (project / "chapters" / "perspective-contributions.md").read_text(encoding="utf-8")
    cell = re.search(r"```\{code-cell\} ipython3\n(?::tags:[^\n]*\n\n)?(.*?)```", chapter, re.DOTALL).group(1)
    for env in (settings, {"BRIEFING_PROJECT_DIR": settings["BRIEFING_PROJECT_DIR"]}):  # each alone names the book
        monkeypatch.delenv("BRIEFING_DATA_DIR", raising=False)
        monkeypatch.delenv("BRIEFING_PROJECT_DIR", raising=False)
        ran = subprocess.run(
            [sys.executable, "-c", cell + "\nprint(ds.data_dir, ds.event.title)"],
            check=False,
            cwd=project / "chapters",
            env={**os.environ, **env},
            capture_output=True,
            text=True,
        )
        assert ran.returncode == 0, ran.stderr
        assert ran.stdout.split()[0] == str((project / "data").resolve()) and "Lindholm" in ran.stdout


def test_the_crisis_is_named_by_the_books_configuration_not_the_package(dataset, tmp_path, monkeypatch):
    """The overview's crisis sentence names the crisis the book's _config.yml names, per language, else 'the crisis'."""
    from briefing.analysis import questions
    from briefing.i18n import messages

    own = questions.crisis_silence(dataset).sentences()[0]
    assert "mention the Corona crisis at all" in own  # this book's _config.yml names it
    config = tmp_path / "_config.yml"
    monkeypatch.setenv("BRIEFING_PROJECT_DIR", str(tmp_path))
    config.write_text("sphinx:\n  config:\n    briefing_crisis: {en: the energy crisis, de: die Energiekrise}\n", "utf-8")
    assert "mention the energy crisis at all" in questions.crisis_silence(dataset).sentences()[0]
    with messages.in_language("de"):
        assert "erwähnen die Energiekrise (kodiert" in questions.crisis_silence(dataset).sentences()[0]
    config.write_text("sphinx:\n  config: {}\n", "utf-8")
    neutral = questions.crisis_silence(dataset).sentences()[0]
    assert "mention the crisis at all" in neutral and "Corona" not in neutral


def test_the_regions_own_perspective_is_found_in_the_data_whatever_its_id(tmp_path):
    """The perspective of the region's own actors is the one whose speakers are mostly based in the region, not a fixed id."""
    import shutil

    from briefing.analysis import questions, themes

    folder = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "tests" / "fixtures" / "made-up-event", folder)
    for path in (p for p in folder.rglob("*") if p.is_file() and p.suffix in {".csv", ".yml", ".po", ".md"}):
        path.write_text(path.read_text(encoding="utf-8").replace("ruhr-stakeholder", "sandbank-actors"), "utf-8")
    ds = load_dataset(folder)
    assert themes.regional_perspective(ds) == "sandbank-actors"
    assert questions.crisis_silence(ds).ruhr_label == ds.perspective["sandbank-actors"].label
    rows = read_rows(folder / "contributions.csv")
    for row in rows:
        row["based_in"] = "outside-germany"
    write_rows(folder / "contributions.csv", rows)
    ds = load_dataset(folder)
    assert themes.regional_perspective(ds) is None and themes.moved_by_regrouping(ds) == []
