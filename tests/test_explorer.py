"""The live-notebook explorer: its filter function, its widget wiring, and its static stand-in."""

from __future__ import annotations

import base64
import re

import pandas as pd

from briefing.notebook.explorer import STATIC_NOTE, explorer, filter_contributions
from briefing.notebook.interactive import BOOK_BUILD_ENV, HTML_DIR_ENV, bundle_files, interactive_table, itables_bundle


def speakers(frame) -> list[str]:
    """Return the speakers of a filter result."""
    return list(frame["Speaker"])


def test_filter_by_theme(dataset):
    """Filtering by a theme returns exactly the contributions coded with it."""
    assert speakers(filter_contributions(dataset, themes=["energy-environment"])) == ["Dr. James Wilson", "Dr. Frank Dudda"]


def test_filter_by_perspective_and_text(dataset):
    """Perspective and free text combine; text matches organisations and ignores case and look-alikes."""
    found = filter_contributions(dataset, perspectives=["international-expert", "ruhr-stakeholder"], text="BOCHUM")
    assert speakers(found) == ["Prof. Dr. Matthias Kiese", "Ralf Meyer"]
    assert speakers(filter_contributions(dataset, text="Bochum's")) == ["Ralf Meyer"]


def test_filter_by_where_speakers_are_based(dataset):
    """Filtering the expert perspective by 'ruhr' finds exactly the two Ruhr-based experts."""
    found = filter_contributions(dataset, perspectives=["international-expert"], based_in=["ruhr"])
    assert speakers(found) == ["Prof. Dr. Matthias Kiese", "Dr. Judith Terstriep"] and set(found["Based in"]) == {"Ruhr"}


def test_filter_with_nothing_matching(dataset):
    """A filter that matches nothing returns an empty table with the same columns."""
    found = filter_contributions(dataset, text="zqxjv")
    assert found.empty and "Summary" in found.columns


def test_widget_filters_when_values_change(dataset, monkeypatch):
    """Setting the widgets' values updates the displayed result."""
    monkeypatch.delenv(BOOK_BUILD_ENV, raising=False)
    box = explorer(dataset)
    controls = box.controls
    assert "13 matching contributions" in controls["result"].value
    controls["theme"].value = ("lead-markets",)
    assert "1 matching contribution<" in controls["result"].value and "Terstriep" in controls["result"].value
    controls["theme"].value = ()
    controls["perspective"].value = ("eu",)
    controls["text"].value = "clusters"
    assert "Engelmann" in controls["result"].value and "Kiese" not in controls["result"].value
    controls["text"].value = "zqxjv"
    assert "No contribution matches" in controls["result"].value


def test_published_book_gets_a_note_instead_of_dead_controls(dataset, monkeypatch):
    """While the book is built, the explorer is a plain note, not widgets."""
    monkeypatch.setenv(BOOK_BUILD_ENV, "1")
    shown = explorer(dataset)
    assert STATIC_NOTE in shown.data.replace("&#x27;", "'")


def test_interactive_tables_escape_markup_and_keep_all_rows(monkeypatch):
    """Markup in the data stays text in interactive tables, and large tables are not down-sampled."""
    monkeypatch.setenv(BOOK_BUILD_ENV, "1")
    frame = pd.DataFrame({"Text": ["<script>alert(1)</script>"] + ["x" * 200] * 2000})
    html = interactive_table(frame, "Caption", table_id="probe").data
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert html.count("x" * 200) >= 2000 and "downsampled" not in html.lower()
    assert "../_static/itables/dt_bundle.js" in html and "unpkg" not in html


def test_live_notebook_tables_carry_itables_bundle_and_call_no_host(monkeypatch):
    """In a live notebook every table carries itables' own bundle (offline mode, not the book's smaller one) and names no
    script or style on another host."""
    monkeypatch.delenv(BOOK_BUILD_ENV, raising=False)
    monkeypatch.delenv(HTML_DIR_ENV, raising=False)
    frame = pd.DataFrame({"Text": ["a", "b"]})
    first, second = (interactive_table(frame, "Caption", table_id=name).data for name in ("one", "two"))
    bundle, book_bundle = (
        base64.b64encode(p.read_text(encoding="utf-8").encode()).decode() for p in (itables_bundle(), bundle_files()[0])
    )
    for html in (first, second):
        assert bundle in html and book_bundle not in html and "unpkg" not in html
        assert not re.search(r"""<(script|link|img)\b[^>]*\b(src|href)=["']?https?:|import [^;]* from ["']https?:""", html)
