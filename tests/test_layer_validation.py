"""The briefing layer's rules: key messages, the report's questions, cited context and the later strategy's fields."""

from __future__ import annotations

from briefing import load_dataset
from helpers import edit_cell, give_reason, problems_of, read_rows, write_rows


def row_of(folder, file: str, key: str) -> int:
    """Return the spreadsheet row (header is row 1) of the row with this id."""
    return [r["id"] for r in read_rows(folder / file)].index(key) + 2


def only(problems: list[str], *needles: str) -> str:
    """Return the one problem that mentions all needles."""
    hits = [p for p in problems if all(n in p for n in needles)]
    assert len(hits) == 1, problems
    return hits[0]


def test_headline_of_more_than_twenty_words(data_copy):
    """A key message headline of 21 words is reported with its row and word count."""
    row = row_of(data_copy, "key_messages.csv", "implementation-challenge")
    edit_cell(data_copy, "key_messages.csv", {"id": "implementation-challenge"}, "headline", " ".join(["word"] * 21))
    assert only(
        problems_of(data_copy), f"key_messages.csv, row {row}, column 'headline'", "has 21 words; a headline has at most 20"
    )


def test_headline_of_twenty_words_is_accepted(data_copy):
    """A headline of exactly 20 words passes."""
    edit_cell(data_copy, "key_messages.csv", {"id": "implementation-challenge"}, "headline", " ".join(["word"] * 20))
    give_reason(data_copy, "key_messages.csv", "implementation-challenge", "headline")
    assert load_dataset(data_copy)


def test_support_of_two_sentences(data_copy):
    """A supporting text of two sentences is reported: it must be exactly one."""
    row = row_of(data_copy, "key_messages.csv", "focus-and-cohesion")
    edit_cell(
        data_copy,
        "key_messages.csv",
        {"id": "focus-and-cohesion"},
        "support",
        "According to the report, Dr. Gärtner named focus as a task. He also named cohesion.",
    )
    assert only(
        problems_of(data_copy), f"key_messages.csv, row {row}, column 'support'", "expected exactly one sentence, found 2"
    )


def test_support_must_name_the_report(data_copy):
    """A supporting sentence that does not attribute what was said to the report is reported."""
    edit_cell(
        data_copy, "key_messages.csv", {"id": "focus-and-cohesion"}, "support", "Dr. Gärtner named focus as a central task."
    )
    assert only(problems_of(data_copy), "key_messages.csv", "column 'support'", "attribute it to the report")


def test_key_message_with_unknown_contribution(data_copy):
    """A key message naming a contribution that does not exist is reported with the id."""
    edit_cell(data_copy, "key_messages.csv", {"id": "focus-and-cohesion"}, "contributions", "gaertner;nobody")
    assert "(found: 'nobody')" in only(problems_of(data_copy), "key_messages.csv", "no contribution has this id")


def test_key_message_columns_are_headline_and_support(data_copy):
    """The old single 'message' column is refused with the expected columns listed."""
    rows = read_rows(data_copy / "key_messages.csv")
    write_rows(
        data_copy / "key_messages.csv",
        [{"message": r["headline"], **{k: v for k, v in r.items() if k not in ("headline", "support")}} for r in rows],
    )
    problems = problems_of(data_copy)
    assert only(problems, "key_messages.csv, row 1, column 'headline'", "missing from the header")
    assert only(problems, "key_messages.csv, row 1, column 'message'", "unknown column")


def test_question_must_be_verbatim(data_copy):
    """A question that is not the report's own wording is reported with the longest part found."""
    row = row_of(data_copy, "questions.csv", "s3-against-the-crisis")
    edit_cell(
        data_copy,
        "questions.csv",
        {"id": "s3-against-the-crisis"},
        "question",
        "How can smart specialisation help to overcome the economic crisis?",
    )
    message = only(problems_of(data_copy), f"questions.csv, row {row}, column 'question'", "not verbatim in the report")
    assert "longest part found verbatim" in message


def test_question_with_changed_spacing_is_explained(data_copy):
    """A question retyped with different spacing gets the hint to copy the report's own characters."""
    edit_cell(
        data_copy,
        "questions.csv",
        {"id": "crisis-and-regions"},
        "question",
        "What does the Corona crisis mean for European regions and their innovation  strategies?",
    )
    assert "copy the report's own characters" in only(problems_of(data_copy), "questions.csv", "column 'question'")


def test_question_contribution_must_be_coded(data_copy):
    """A contribution listed for a question but coded with none of its themes is reported."""
    edit_cell(data_copy, "questions.csv", {"id": "cluster-policies"}, "contributions", "engelmann;meyer")
    assert "(found: 'meyer')" in only(
        problems_of(data_copy), "questions.csv", "column 'contributions'", "nothing in the data supports it"
    )


def test_question_answer_of_three_sentences(data_copy):
    """An answer of three sentences is reported: it has one or two."""
    edit_cell(
        data_copy, "questions.csv", {"id": "cluster-policies"}, "answer", "The report says one thing. And another. And a third."
    )
    assert only(problems_of(data_copy), "questions.csv", "column 'answer'", "expected one or two sentences, found 3")


def test_question_may_have_no_contribution(data_copy):
    """A question no contribution speaks to is valid: the page then says so."""
    edit_cell(data_copy, "questions.csv", {"id": "cluster-policies"}, "contributions", "")
    give_reason(data_copy, "questions.csv", "cluster-policies", "contributions")
    assert load_dataset(data_copy).questions[2].contributions == []


def test_context_without_citation_stops_the_build(data_copy):
    """A context statement with an empty citation cell is reported with file, row and column."""
    row = row_of(data_copy, "context.csv", "cautionary-view")
    edit_cell(data_copy, "context.csv", {"id": "cautionary-view"}, "references", "")
    assert only(problems_of(data_copy), f"context.csv, row {row}, column 'references'", "must list at least one id")


def test_context_with_unresolvable_citation_stops_the_build(data_copy):
    """A context statement citing a key that references.bib lacks is reported with the key."""
    row = row_of(data_copy, "context.csv", "erdf-enabling-condition")
    edit_cell(data_copy, "context.csv", {"id": "erdf-enabling-condition"}, "references", "eu2021cpr;no-such-work")
    message = only(
        problems_of(data_copy), f"context.csv, row {row}, column 'references'", "no entry with this key in references.bib"
    )
    assert "(found: 'no-such-work')" in message


def test_context_relates_to_known_themes(data_copy):
    """A context statement bearing on an unknown theme is reported."""
    edit_cell(data_copy, "context.csv", {"id": "cautionary-view"}, "relates_to", "no-such-theme")
    assert only(problems_of(data_copy), "context.csv", "column 'relates_to'", "no theme has this id")


def test_strategy_field_must_name_its_context(data_copy):
    """A later strategy's field that points at no context statement is reported: its source would be unknown."""
    edit_cell(data_copy, "strategy_fields.csv", {"id": "smart-logistics"}, "context", "unknown-statement")
    assert only(problems_of(data_copy), "strategy_fields.csv", "column 'context'", "no statement has this id in context.csv")


def test_duplicate_question_order(data_copy):
    """Two questions in the same position are both reported."""
    edit_cell(data_copy, "questions.csv", {"id": "cluster-policies"}, "order", "1")
    problems = [p for p in problems_of(data_copy) if "questions.csv" in p and "column 'order'" in p]
    assert len(problems) == 2


def test_strategy_field_with_unresolvable_citation(data_copy):
    """A later strategy's field citing a key that references.bib lacks is reported with the key."""
    row = row_of(data_copy, "strategy_fields.csv", "health-economy")
    edit_cell(data_copy, "strategy_fields.csv", {"id": "health-economy"}, "references", "no-such-page")
    assert "(found: 'no-such-page')" in only(
        problems_of(data_copy), f"strategy_fields.csv, row {row}, column 'references'", "no entry with this key"
    )
