"""What a reader copies from a contribution, in the browser: its reference, its BibTeX record and its link."""

from __future__ import annotations

import pytest

from helpers import BASE_URL

DESK = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 375, "height": 800}}
CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}

#: WCAG 2.1 contrast of a control: its text against the background it is painted on, and its border against what is
#: around it (the nearest painted background of its parent), with the colours the browser computed.
CONTRAST = """(selector) => {
  const rgba = c => c.match(/[\\d.]+/g).map(Number);
  const painted = el => { for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
    if (c.length < 4 || c[3] > 0) return c.slice(0, 3); } return [255, 255, 255]; };
  const linear = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const luminance = rgb => { const [r, g, b] = rgb.map(linear); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const button = document.querySelector(selector), style = getComputedStyle(button);
  const own = painted(button), around = painted(button.parentElement);
  return { text: ratio(rgba(style.color).slice(0, 3), own), border: ratio(rgba(style.borderTopColor).slice(0, 3), around),
           around: around.join(","), page: painted(document.body).join(",") };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("edition", ["", "de/"])
def test_copy_link_on_a_highlighted_heading_has_enough_contrast(visit, axe_script, edition, scheme):
    """On a contribution heading highlighted as the address's target, 'Copy link' has text of at least 4.5:1 contrast
    (computed, and axe's color-contrast rule agrees) and a border of at least 3:1 against the highlight, light and dark."""
    page = visit(f"{edition}chapters/eu.html#engelmann", color_scheme=scheme, **DESK).page
    button = "section#engelmann > h3 > button.briefing-copy-link"
    page.wait_for_selector(button)
    figures = page.evaluate(CONTRAST, button)
    assert figures["around"] != figures["page"], "the heading is not highlighted"
    assert figures["text"] >= 4.5 and figures["border"] >= 3, figures
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate(
        "async (s) => await axe.run({include: [[s]]}, {runOnly: {type: 'rule', values: ['color-contrast']}})", button
    )
    assert result["violations"] == [] and result["passes"], result["violations"]


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
