"""Draft data folders: the status flag, and the marked gaps that stand in for texts not yet written."""

from __future__ import annotations

import re
from typing import Any, get_args

from pydantic import BaseModel, Field

from briefing.core.schema import NOT_YET_KNOWN, OptionalSlugList, Question, Row

#: The value of ``status`` in publication.yml that marks a folder as a draft.
DRAFT = "draft"
#: How a missing text appears in a draft book; the Sphinx extension marks it visibly on every page.
GAP_FORMAT = "[draft gap: {column} not yet written]"
GAP_PATTERN = re.compile(r"\[draft gap: [a-z_]+ not yet written\]")
BANNER = "Draft — not for publication"


def gap(column: str) -> str:
    """Return the marked gap that stands for an unwritten value of a column."""
    return GAP_FORMAT.format(column=column)


def is_gap(value: object) -> bool:
    """Return whether a value is a marked gap (a text a draft has not written yet)."""
    return isinstance(value, str) and GAP_PATTERN.fullmatch(value.strip()) is not None


def _text_field(model: type[BaseModel], name: str) -> bool:
    """Return whether a required field holds text (a name or a paragraph), which a gap can stand for."""
    field = model.model_fields[name]
    return field.is_required() and (field.annotation is str or "list[" in str(field.annotation))


def fill_gaps(model: type[BaseModel], values: dict[str, Any], first_perspective: str | None = None) -> dict[str, Any]:
    """Return a draft's row with every empty required text replaced by a marked gap.

    An empty perspective is shown in the first perspective's chapter until the editor assigns one,
    with a gap in its rationale saying so; numbers, dates and ids are never filled in.
    """
    filled = dict(values)
    for name in model.model_fields:
        blank = str(filled.get(name) or "").strip() == "" if not isinstance(filled.get(name), list) else not filled.get(name)
        if not blank:
            continue
        if NOT_YET_KNOWN in get_args(model.model_fields[name].annotation):
            filled[name] = NOT_YET_KNOWN  # a choice, not a text: 'not known' until the editor writes it
        elif name == "perspective" and first_perspective:
            filled[name] = first_perspective
            filled["perspective_rationale"] = gap("perspective")
        elif _text_field(model, name):
            filled[name] = [gap(name)] if "list[" in str(model.model_fields[name].annotation) else gap(name)
    return filled


class DraftQuestion(Question):
    """A question of a draft: the report's words, with its themes still to link (an empty list, listed as a to-do)."""

    themes: OptionalSlugList = Field(
        default_factory=list, description=Question.model_fields["themes"].description, examples=["crisis-recovery"]
    )


#: The models a draft's rows are read with where they differ: `briefing new` writes the report's questions before any
#: theme exists, so their themes may stay empty until the editors write the vocabulary.
DRAFT_MODELS: dict[type[Row], type[Row]] = {Question: DraftQuestion}


def draft_model(model: type[Row]) -> type[Row]:
    """Return the model a draft's rows of a table are read with."""
    return DRAFT_MODELS.get(model, model)
