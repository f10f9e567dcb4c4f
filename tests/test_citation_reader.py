"""What a reader copies from a contribution, in the browser: its reference, its BibTeX record and its link."""

from __future__ import annotations

import pytest

from helpers import BASE_URL

DESK = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 375, "height": 800}}
CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}


@pytest.mark.parametrize("edition", ["", "de/"])
def test_the_bibtex_record_can_be_read_and_copied_on_a_phone(visit, site, edition):
    """At 375 px a contribution's BibTeX record opens in place, wraps inside the column (nothing cut off or scrolled
    sideways), and its copy button puts the whole record, as its .bib file holds it, on the clipboard."""
    page = visit(f"{edition}chapters/eu.html", **PHONE, **CLIPBOARD).page
    record = page.locator("section#engelmann details.briefing-bibtex")
    record.locator("summary").click()
    shown = record.locator("pre")
    assert shown.is_visible() and shown.evaluate("e => e.scrollWidth <= e.clientWidth")
    box = shown.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    record.locator("button.copybtn").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == (site.build.html / edition / "cite" / "contribution-engelmann.bib").read_text("utf-8").strip()


@pytest.mark.parametrize("edition", ["", "de/"])
def test_the_copied_reference_cites_the_talk_as_a_part_of_the_briefing(visit, dataset, edition):
    """'Copy reference' copies the speaker, the talk's title, 'In:' this briefing and the section's address, no label."""
    page = visit(f"{edition}chapters/eu.html", **DESK, **CLIPBOARD).page
    page.locator("section#engelmann p.briefing-contribution-cite button.briefing-copy-cite").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    c = dataset.contribution["engelmann"]
    assert copied.startswith(f"{c.display_name}: ") and ". In: " in copied and "[" not in copied
    assert copied.endswith(f"{BASE_URL}{edition}chapters/eu.html#engelmann")
