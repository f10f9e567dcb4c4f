"""The briefing layer's computed tables: the crisis count, the fields named in the Ruhr, the 2022 comparison."""

from __future__ import annotations

from briefing import load_dataset
from briefing.analysis import fields, questions
from helpers import edit_cell, give_reason, read_rows, write_rows


def ids(contributions) -> list[str]:
    """Return the ids of contributions."""
    return [c.id for c in contributions]


def test_crisis_is_mentioned_by_three_passages_and_no_ruhr_stakeholder(dataset):
    """In the shipped coding, Engelmann, Wilson and Ketels mention the crisis, and no Ruhr stakeholder's passage does."""
    silence = questions.crisis_silence(dataset)
    assert ids(silence.mentioning) == ["engelmann", "wilson", "ketels"]
    assert silence.passages == 13 and silence.ruhr_passages == 6 and silence.ruhr_mentioning == ()
    first, second = silence.sentences()
    assert first.startswith("Three of the report's 13 contribution passages mention the Corona crisis")  # no figure first
    assert second.startswith("None of the 6 contributions of the Ruhr stakeholders mentions it")


def test_crisis_count_follows_the_coding(data_copy):
    """Coding a Ruhr stakeholder's passage with a crisis theme changes both counts and names the speaker."""
    rows = read_rows(data_copy / "contribution_themes.csv")
    rows.append(
        {
            **rows[0],
            "contribution_id": "gaertner",
            "theme_id": "crisis-recovery",
            "evidence": "maintaining inter-municipal cohesion remains important",
            "about_ruhr": "yes",
        }
    )
    write_rows(data_copy / "contribution_themes.csv", rows)
    give_reason(data_copy, "contribution_themes.csv", "gaertner;crisis-recovery", "row")
    silence = questions.crisis_silence(load_dataset(data_copy))
    assert ids(silence.ruhr_mentioning) == ["gaertner"] and len(silence.mentioning) == 4
    assert silence.sentences()[1] == "Of the 6 contributions of the Ruhr stakeholders, 1 mentions it: Dr. Stefan Gärtner."


def test_crisis_count_follows_the_category(data_copy):
    """Moving the crisis themes to another category leaves no passage counted as mentioning the crisis."""
    for theme in ("crisis-recovery", "crisis-opportunities"):
        edit_cell(data_copy, "themes.csv", {"id": theme}, "category", "process")
        give_reason(data_copy, "themes.csv", theme, "category")
    silence = questions.crisis_silence(load_dataset(data_copy))
    assert silence.mentioning == () and silence.sentences()[0].startswith("0 of the report's 13")


def test_fields_named_for_the_ruhr(dataset):
    """The fields table lists exactly the field themes linked as placed in the Ruhr, with who named them."""
    table = fields.proposed_fields_table(dataset)
    named = dict(zip(table["Field or strength"], table["Named by"], strict=True))
    assert named == {
        "Smart city": "Dr. Frank Dudda",
        "Energy and environmental transition": "Dr. Frank Dudda",
        "Mobility": "Dr. Frank Dudda",
        "IT security": "Ralf Meyer",
        "Cutting-edge technologies": "Jürgen Köder",
        "Health": "Ralf Meyer",
        "Science and research base": "Ralf Meyer",
    }
    assert "“the energy-environment transition”" not in " ".join(table["The report's words"])  # Wilson's is not about the Ruhr


def test_fields_follow_about_ruhr(data_copy):
    """A field link marked as not about the Ruhr drops out of the table; its evidence goes with it."""
    edit_cell(data_copy, "contribution_themes.csv", {"contribution_id": "meyer", "theme_id": "health"}, "about_ruhr", "no")
    give_reason(data_copy, "contribution_themes.csv", "meyer;health", "about_ruhr")
    table = fields.proposed_fields_table(load_dataset(data_copy))
    assert "Health" not in set(table["Field or strength"]) and len(table) == 6


def test_fields_follow_the_category(data_copy):
    """A theme moved out of the field category is no longer listed as a field, though its links stay."""
    edit_cell(data_copy, "themes.csv", {"id": "cutting-edge-technologies"}, "category", "approach")
    give_reason(data_copy, "themes.csv", "cutting-edge-technologies", "category")
    assert "Cutting-edge technologies" not in set(fields.proposed_fields_table(load_dataset(data_copy))["Field or strength"])


def test_strategy_comparison(dataset):
    """The comparison has one row per line of the data, a column per later strategy, the sources' own name in brackets
    where it is in another language, and a dash where the editors line nothing up."""
    table = fields.comparison_table(dataset)
    assert list(table.columns[1:3]) == [c.topic for c in dataset.context if c.id in ("ruhr-strategy-2022", "nrw-ris-2021")]
    assert len(table) == len(dataset.field_comparison)
    health = table.iloc[[line.id for line in dataset.field_comparison].index("health")]
    assert health.iloc[0].endswith("(Ralf Meyer)") and health.iloc[1] == "Health economy (Gesundheitswirtschaft)"
    technologies = table.iloc[[line.id for line in dataset.field_comparison].index("cutting-edge-technologies")]
    assert technologies.iloc[1] == technologies.iloc[2] == "–"
    assert [f.id for f in fields.unmatched_fields(dataset)] == [
        "new-industry",
        "nrw-materials-production",
        "nrw-environment-circular-economy",
        "nrw-culture-media-creative-services",
    ]


def test_strategy_comparison_follows_the_data(data_copy):
    """Lining up a statement with a further field takes that field out of the unmatched ones."""
    edit_cell(data_copy, "field_comparison.csv", {"id": "cutting-edge-technologies"}, "fields", "new-industry")
    give_reason(data_copy, "field_comparison.csv", "cutting-edge-technologies", "fields")
    ds = load_dataset(data_copy)
    assert "new-industry" not in [f.id for f in fields.unmatched_fields(ds)]


def test_a_retired_column_of_an_earlier_edition_is_read_and_ignored(data_copy):
    """strategy_fields.csv as edition 2 kept it, with its column 'themes', still loads; the column is ignored."""
    rows = read_rows(data_copy / "strategy_fields.csv")
    write_rows(data_copy / "strategy_fields.csv", [{**r, "themes": "health"} for r in rows])
    assert len(load_dataset(data_copy).strategy_fields) == len(rows)


def test_speakers_behind_a_message_count_people_once(dataset):
    """A message backed by both of Mr Beck's contributions and Prof. van Winden's counts two speakers."""
    message = next(m for m in dataset.key_messages if m.id == "ruhr-build-on-strengths")
    assert len(questions.speakers([dataset.contribution[c] for c in message.contributions])) == 2


def test_question_reach_counts_by_perspective(dataset):
    """The reach of the first question counts the contributions coded with its themes, per perspective."""
    first = dataset.questions[0]
    assert questions.question_reach(dataset, first) == (
        "Coded with the themes this question concerns: 3 contributions of 13 by 3 speakers "
        "(European Union: 1; International experts: 2; Ruhr stakeholders: 0)."
    )


def test_shipped_crisis_message_claims_what_the_coding_shows(dataset):
    """The claim that no speaker based in the Ruhr mentions the crisis holds in the coded data; the backers are those who do."""
    message = next(m for m in dataset.key_messages if m.id == "crisis-disruption-and-chance")
    silence = questions.crisis_silence(dataset)
    assert "no passage on a speaker based in the Ruhr" in message.support and not silence.ruhr_mentioning
    assert all(c.based_in != "ruhr" for c in silence.mentioning) and "In the report" in message.headline
    assert message.contributions == ids(silence.mentioning)


def test_shipped_messages_name_one_speaker_where_only_one_said_it(dataset):
    """Implementation is Prof. Kiese's point and sectoral and regional focus Dr. Gärtner's alone, as the report gives them."""
    messages = {m.id: m for m in dataset.key_messages}
    assert "Kiese" in messages["implementation-challenge"].headline
    assert messages["focus-and-cohesion"].contributions == ["gaertner"]
    assert (
        "Bochum" in messages["fields-for-the-ruhr"].support and "meyer" not in messages["ruhr-build-on-strengths"].contributions
    )


def test_page_figures(dataset):
    """The page's figures count 7 fields by 3 speakers, 13 fields of later strategies of which 9 are lined up with a
    statement of 2020, and the cited works."""
    figures = dict(fields.page_figures(dataset).itertuples(index=False))
    assert figures["Fields and strengths named in the Ruhr Metropolis in 2020"] == 7 and figures["Speakers who named them"] == 3
    assert figures["Fields of later strategies"] == 13
    assert figures["… lined up with a statement of 2020 (editors' judgement)"] == 9
    assert figures["Context statements from outside the report"] == len(dataset.context)
    assert figures["Works they cite"] == len(
        {k for c in dataset.context for k in c.references} | {k for f in dataset.strategy_fields for k in f.references}
    )


def test_key_messages_name_each_speaker_once_and_perspectives_count_in_words(dataset):
    """A speaker with two backing contributions is named once with both numbers; 'perspective(s)' is singular or plural."""
    from briefing.notebook import sections

    html = sections.section_html(dataset, "briefing-key-messages")
    assert "Rasmus C. Beck (contributions 1, 9)" in html and "Rasmus C. Beck (contribution 1)" not in html
    vocabulary = sections.section_html(dataset, "briefing-vocabulary")
    assert "perspective(s)" not in vocabulary and "Raised in 1 perspective, by:" in vocabulary
    assert "Raised in 3 perspectives, by:" in vocabulary


def test_tables_set_apostrophes_as_the_pages_do():
    """Notebook tables set the book's own straight quotes as the pages' prose does; the report's curly ones stay as they are."""
    import pandas as pd

    from briefing.text.render import table_html
    from briefing.text.typography import typographic

    assert typographic("the report's 'Lead markets' and speakers' words") == "the report’s ‘Lead markets’ and speakers’ words"
    assert typographic("“Ruhr Metropolis’ potential”") == "“Ruhr Metropolis’ potential”"
    html = table_html(pd.DataFrame({"The report's words": ["Cohen's kappa"], "n": [0.85]}), "the theme's table")
    assert "'" not in html and "The report’s words" in html and "Cohen’s kappa" in html and "0.85" in html
