"""What a release needs beyond valid data: a recorded reason for every change, and the imprint filled in.

A preview build lists these as to-dos and builds (the revisions page marks a change whose reason is not yet recorded,
the imprint shows marked gaps); a release build (``--release``, as the deploy runs it) stops on them.
"""

from __future__ import annotations

from briefing.core.errors import Problem
from briefing.core.model import Dataset
from briefing.core.revisions import check_reasons
from briefing.core.schema import PUBLICATION_FILE

#: The imprint's fields the law asks for, with what the publisher writes there.
IMPRINT_FIELDS = {
    "publisher_address": "the publisher's postal address",
    "responsible_person": "the name of the person responsible for the content",
    "contact_email": "an e-mail address readers can write to",
}


def imprint_gaps(ds: Dataset) -> list[Problem]:
    """Return a problem for each legally required imprint field the publisher has not filled in."""
    return [
        Problem(
            PUBLICATION_FILE,
            None,
            field,
            f"the imprint needs {what} before the book is published: write it after '{field}:' in data/{PUBLICATION_FILE}",
        )
        for field, what in IMPRINT_FIELDS.items()
        if not getattr(ds.publication, field)
    ]


def release_todo(ds: Dataset) -> list[Problem]:
    """Return what stops a release of these data: changes without a recorded reason, then imprint gaps."""
    return [*check_reasons(ds.data_dir, ds.changes), *imprint_gaps(ds)]
