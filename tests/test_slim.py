"""Slimming the built pages (briefing.build.slim, briefing.sphinx.page_assets): what PurgeCSS keeps, the icon font, licences."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pydata_sphinx_theme
import pytest
from fontTools.ttLib import TTFont

from briefing.build import slim
from briefing.sphinx.page_assets import features, unused_files

#: Font Awesome's solid font as the theme ships it.
THEME_FONT = (
    Path(pydata_sphinx_theme.__file__).parent / "theme/pydata_sphinx_theme/static/vendor/fontawesome/webfonts/fa-solid-900.woff2"
)
CHECK, BARS, STAR = 0xF00C, 0xF0C9, 0xF005

STYLES = (
    '@charset "UTF-8";\n/*! Example v1 | MIT licence */\n'
    ':root{--icon-menu:"\\f0c9"}.used{color:red}.unused{color:blue}.is-open{display:block}'
    '.mark:before{content:"\\f00c"}.star:before{content:"\\f005"}'
    "html[data-theme=dark] .used{color:pink}@font-face{font-family:X;src:url(x.woff2)}@keyframes spin{to{opacity:1}}\n"
)


def needs_purgecss() -> None:
    """Skip without Node.js and PurgeCSS locally (make test installs them); under CI they must be there."""
    if reason := slim.missing_tool():
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def tiny_book(root: Path, page: str = '<p class="used mark">x</p>') -> Path:
    """Write a built book of one page, one script, one stylesheet and the theme's icon font; return its html folder."""
    html = root / "html"
    (html / slim.ICON_FONTS).mkdir(parents=True)
    (html / "index.html").write_text(f"<html><body>{page}</body></html>", encoding="utf-8")
    (html / "_static" / "app.js").write_text("el.classList.add('is-' + state);", encoding="utf-8")
    (html / "_static" / "site.css").write_text(STYLES, encoding="utf-8")
    shutil.copyfile(THEME_FONT, html / slim.ICON_FONTS / "fa-solid-900.woff2")
    return html


def test_script_prefixes_are_the_class_beginnings_scripts_complete():
    """A string ending in - or _ that a script completes ('sorting_' + i, `bs-${x}`) is kept as a class prefix."""
    code = "a.className='dt-column-'+name; b=`bs-${this.constructor.NAME}-auto`; c='plain'; d=\"x-1\"; e='sorting_'+(i+1);"
    assert slim.script_prefixes([code]) == ["bs-", "dt-column-", "sorting_"]


def test_attribute_names_are_every_attribute_a_selector_tests():
    """Every attribute tested by a selector counts as set by scripts, so dark mode and open menus keep their rules."""
    css = "html[data-theme=dark] a{} .menu[ data-bs-popper ]{} [aria-expanded=true]{}"
    assert slim.attribute_names([css]) == ["aria-expanded", "data-bs-popper", "data-theme"]


def test_lost_licence_comments_are_put_back_after_the_charset():
    """A licence comment PurgeCSS dropped returns at the top, after @charset; comments it kept are not doubled."""
    original = '@charset "UTF-8";\n/*! Lib v1 | MIT */\n/* Copyright 2024 Someone */\n/* layout */.a{}'
    purged = '@charset "UTF-8";\n/* Copyright 2024 Someone */\n.a{}'
    kept = slim.keep_licences(original, purged)
    assert kept.startswith('@charset "UTF-8";\n/*! Lib v1 | MIT */\n') and kept.count("Copyright 2024") == 1
    assert slim.keep_licences(original, original) == original


def test_icon_codepoints_come_from_content_and_custom_properties():
    """Icons are the characters of `content` and custom-property strings (escaped or written) and private-use text."""
    css = '.a:before{content:"\\f00c"}:root{--i:"\uf0c9"}.b{background:url("\\f005.png")}.c{content:"\\e001 x\\""}'
    # The space after a hex escape ends the escape (CSS syntax); url() strings are not shown text.
    assert slim.icon_codepoints([css], ["<i>\uf004</i>"]) == {CHECK, BARS, 0xE001, ord("x"), ord('"'), 0xF004}


def test_slim_removes_unused_rules_and_icons_and_keeps_licences(tmp_path):
    """Unused rules and glyphs go; rules a script completes, dark mode, @font-face, keyframes and the licences stay."""
    needs_purgecss()
    html = tiny_book(tmp_path)
    report = slim.slim(html, tmp_path / "work")
    css = (html / "_static" / "site.css").read_text(encoding="utf-8")
    assert ".used{" in css and ".is-open{" in css and "html[data-theme=dark] .used" in css and ".unused" not in css
    assert "@font-face" in css and "@keyframes spin" in css and "/*! Example v1 | MIT licence */" in css
    font = html / slim.ICON_FONTS / "fa-solid-900.woff2"
    assert set(TTFont(font).getBestCmap()) == {CHECK, BARS}  # .star is unused, so its icon is gone
    assert TTFont(font)["name"].getDebugName(0) == TTFont(THEME_FONT)["name"].getDebugName(0)
    notice = (html / slim.ICON_FONTS / "LICENSE.txt").read_text(encoding="utf-8")
    assert "Font Awesome Free" in notice and "SIL OPEN FONT LICENSE Version 1.1" in notice
    assert report.css_after < report.css_before and report.fonts_after < report.fonts_before / 10


def test_a_later_build_starts_from_the_originals(tmp_path):
    """A page that starts using a rule and an icon gets them, though Sphinx left the slim files of the last build in place."""
    needs_purgecss()
    html = tiny_book(tmp_path)
    slim.slim(html, tmp_path / "work")
    (html / "index.html").write_text('<p class="used unused star">x</p>', encoding="utf-8")
    slim.slim(html, tmp_path / "work")
    assert ".unused{" in (html / "_static" / "site.css").read_text(encoding="utf-8")
    assert STAR in TTFont(html / slim.ICON_FONTS / "fa-solid-900.woff2").getBestCmap()


def test_an_unchanged_build_reuses_the_slim_files(tmp_path):
    """With nothing changed, a run does not purge again, and a file copied afresh gets its slim version back."""
    needs_purgecss()
    html = tiny_book(tmp_path)
    slim.slim(html, tmp_path / "work")
    slimmed = (html / "_static" / "site.css").read_text(encoding="utf-8")
    (html / "_static" / "site.css").write_text(STYLES, encoding="utf-8")  # as a build step that copies it each time does
    assert slim.slim(html, tmp_path / "work").skipped.startswith("Pages already slim")
    assert (html / "_static" / "site.css").read_text(encoding="utf-8") == slimmed


def test_without_node_the_pages_stay_whole_with_a_note(tmp_path, monkeypatch):
    """Without Node.js the step changes nothing and says why the pages are heavier."""
    html = tiny_book(tmp_path)
    monkeypatch.setattr(slim.shutil, "which", lambda name: None)
    report = slim.slim(html, tmp_path / "work")
    assert "Node.js (node) is not installed" in report.summary() and "loads more than it needs" in report.summary()
    assert (html / "_static" / "site.css").read_text(encoding="utf-8") == STYLES


def test_a_book_without_purgecss_stays_whole_with_a_note_naming_its_folder(tmp_path, monkeypatch):
    """A book whose own folder has no PurgeCSS is not slimmed, and the note names that folder to run npm ci in."""
    html = tiny_book(tmp_path / "site")
    monkeypatch.setattr(slim.shutil, "which", lambda name: "/usr/bin/node")
    report = slim.slim(html, tmp_path / "work", tmp_path / "book")
    assert f"PurgeCSS is not installed (run npm ci in {tmp_path / 'book'}, or make book)" in report.summary()
    assert (html / "_static" / "site.css").read_text(encoding="utf-8") == STYLES


class Config:
    """The settings the page-asset choice reads, as the book configures them (the extensions' defaults)."""

    togglebutton_selector = ".toggle, .admonition.dropdown"
    copybutton_selector = "div.highlight pre"


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ("<p>Text only</p>", set()),
        ('<div class="highlight"><pre>cite me</pre></div>', {"clipboard.min.js", "copybutton.js", "copybutton.css"}),
        ('<div class="admonition dropdown"><p class="admonition-title">More</p></div>', {"togglebutton.js", "togglebutton.css"}),
        ('<div class="sd-tab-set"></div>', {"design-tabs.js"}),
    ],
)
def test_a_page_loads_only_the_scripts_of_what_it_has(body, kept):
    """Toggle, tab and copy-button files are left out of a page that has no element they act on, and kept where it has one."""
    every = {name for feature in features(Config()) for name in feature.files}
    assert unused_files(body, features(Config())) == {f"_static/{name}" for name in every - kept}


def test_new_words_no_selector_uses_reuse_the_slim_files(tmp_path):
    """A page whose text changes in words no stylesheet names keeps the last run's slim files; a new class name does not."""
    needs_purgecss()
    html = tiny_book(tmp_path)
    slim.slim(html, tmp_path / "work")
    page = html / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<p>Engelmann spoke of rebuilt summaries.</p>", encoding="utf-8")
    assert slim.slim(html, tmp_path / "work").skipped.startswith("Pages already slim")
    page.write_text(page.read_text(encoding="utf-8") + '<p class="unused">x</p>', encoding="utf-8")
    assert not slim.slim(html, tmp_path / "work").skipped
    assert ".unused{" in (html / "_static" / "site.css").read_text(encoding="utf-8")


def test_the_words_a_stylesheet_can_match_include_its_escaped_selectors():
    """A selector written with an escape (a class beginning with a digit) counts by the class's own name."""
    assert {"used", "10", "data-theme"} <= slim.selector_words([".used{} .\\31 0{} [data-theme=dark]{}"])
    assert slim.used_words(['<p class="used other">10 words</p>'], {"used", "10"}) == ["10", "used"]
