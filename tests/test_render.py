"""Text from the data is always escaped in generated HTML and text."""

from __future__ import annotations

import pandas as pd

from briefing.analysis import findings
from briefing.publish import cite
from briefing.text.render import show_table, table_html


def test_table_html_escapes_cells_and_caption():
    """Markup typed into a cell or caption is shown as text, never as HTML."""
    html = table_html(pd.DataFrame({"Summary": ["<script>alert(1)</script>"]}), "Caption <b>x</b>")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<caption>Caption &lt;b&gt;x&lt;/b&gt;</caption>" in html and "<th>Summary</th>" in html


def test_show_table_wraps_for_narrow_screens():
    """Tables shown in chapters sit in a box that scrolls sideways on a phone, a named region the keyboard can scroll."""
    shown = show_table(pd.DataFrame({"a": [1]}), "c <d>").data
    assert shown.startswith('<div class="briefing-table-wrap" role="region" tabindex="0" aria-label="c &lt;d&gt;">')


def test_findings_follow_the_data(dataset):
    """Chapter summaries are computed: sizes and shared themes come from the data."""
    eu = findings.perspective_findings(dataset, "eu")
    assert eu[0] == "European Union: 1 contribution by 1 speaker."
    assert "Raised in all 3 perspectives: Smart specialisation in Europe: policy and experience." in " ".join(
        findings.theme_findings(dataset)
    )


def test_references_name_edition_and_report(released_dataset, preview_dataset):
    """The ready references give a released edition and date, a preview's its label, and say contributions are summarised
    from the report."""
    book, p = cite.book_reference(released_dataset), released_dataset.publication
    assert f"edition {p.edition}, {p.release_date:%-d %B %Y}" in book and book.startswith(
        f"Editors of the Ruhr Smart Specialisation Briefing ({p.release_date.year})."
    )
    n = preview_dataset.edition_state.number
    preview_part = cite.contribution_reference(preview_dataset, preview_dataset.contribution["engelmann"])
    assert f"edition {n} — preview, not released" in preview_part
    part = cite.contribution_reference(released_dataset, released_dataset.contribution["engelmann"])
    assert part.startswith("Dr. Ulla Engelmann: The importance of clusters") and "organiser's report" in part
