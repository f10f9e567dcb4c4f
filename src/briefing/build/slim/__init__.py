"""Lighter pages after the build: CSS rules no page can use removed (PurgeCSS), the icon font cut to the icons used (fontTools).

Runs on the new build folder before it replaces ``_build`` (``briefing build``). Sphinx copies its theme's stylesheets and
fonts only when it writes pages, so the originals are kept beside the build (``_build/slim/originals``) and every run
starts from them: a rule or icon that a later build needs is never lost. A run whose inputs are unchanged puts back the
slim files of the last run (``_build/slim/slimmed``) instead of running PurgeCSS and fontTools again.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.core.paths import project_dir

HERE = Path(__file__).resolve().parent
#: The Node.js driver of PurgeCSS.
PURGE_SCRIPT = HERE / "purge.mjs"
#: The theme's icon fonts (Font Awesome Free) and the licence text that goes with them.
ICON_FONTS = Path("_static/vendor/fontawesome/webfonts")
FONT_SUFFIXES = (".woff2", ".ttf")
OFL = HERE / "OFL-1.1.txt"
#: Classes that scripts add but that no built file spells out whole; the prefixes scripts complete are found by
#: `script_prefixes`. (None is needed today: "show", "collapsing", "dtsp-…" are found. Add one here if a control breaks.)
SAFELIST: list[str] = []
#: What the folder beside the build keeps between runs.
STATE = "state.json"
ORIGINALS = "originals"
OUTPUTS = "slimmed"

_STRING_PREFIX = re.compile(r"""["'`]([A-Za-z][\w-]*[-_])(?:["'`]|\$\{)""")
_ATTRIBUTE = re.compile(r"\[\s*([A-Za-z_][\w:-]*)")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_LICENCE = re.compile(r"licen[cs]e|copyright|\(c\)|©", re.I)
_CHARSET = re.compile(r'^@charset "[^"]*";\s*')
_DECLARATION = re.compile(r"(?:^|[;{])\s*(content|--[\w-]+)\s*:([^;}]*)")
_STRING = re.compile(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'""", re.S)
_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n]?|(.))", re.S)
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


class SlimError(RuntimeError):
    """PurgeCSS or fontTools failed on the built pages."""


@dataclass
class Slimmed:
    """What one run did: bytes of the stylesheets and icon fonts before and after, or why it did nothing."""

    css_before: int = 0
    css_after: int = 0
    fonts_before: int = 0
    fonts_after: int = 0
    skipped: str = ""

    def summary(self) -> str:
        """Return one line for the build's output."""
        if self.skipped:
            return self.skipped
        kb = lambda n: f"{n / 1024:,.0f} KB"
        return (
            f"Pages slimmed: stylesheets {kb(self.css_before)} → {kb(self.css_after)} (PurgeCSS), "
            f"icon fonts {kb(self.fonts_before)} → {kb(self.fonts_after)} (fontTools)."
        )


def purgecss(project: Path | None = None) -> Path:
    """Return PurgeCSS as `npm ci` installs it in a book's folder, pinned by the book's package.json (default: project_dir)."""
    return (project or project_dir()) / "node_modules" / "purgecss"


def missing_tool(project: Path | None = None) -> str:
    """Return why PurgeCSS cannot run for a book (no Node.js, PurgeCSS not installed in its folder), or "" if it can."""
    if shutil.which("node") is None:
        return "Node.js (node) is not installed (apt-get install nodejs npm, then npm ci)"
    book = project or project_dir()
    if not (purgecss(book) / "package.json").is_file():
        return f"PurgeCSS is not installed (run npm ci in {book}, or make book)"
    return ""


def content_files(html_dir: Path) -> list[Path]:
    """Return every built page and script: what PurgeCSS reads for the classes, ids, tags and attributes in use."""
    return sorted(p for p in html_dir.rglob("*") if p.suffix in (".html", ".js") and p.is_file())


def assets(html_dir: Path) -> list[Path]:
    """Return the stylesheets and icon fonts this step rewrites, relative to the build folder."""
    css = [p for p in html_dir.rglob("*.css") if p.is_file()]
    fonts = [p for p in (html_dir / ICON_FONTS).glob("*") if p.suffix in FONT_SUFFIXES]
    return sorted(p.relative_to(html_dir) for p in css + fonts)


def script_prefixes(scripts: Iterable[str]) -> list[str]:
    """Return the class-name beginnings that scripts complete at run time (`'sorting_' + i`, `` `bs-${name}-auto` ``)."""
    return sorted({m.group(1) for text in scripts for m in _STRING_PREFIX.finditer(text)})


def attribute_names(stylesheets: Iterable[str]) -> list[str]:
    """Return every attribute that a selector tests: scripts set them (data-theme, aria-expanded, data-bs-popper …)."""
    return sorted({m.group(1) for css in stylesheets for m in _ATTRIBUTE.finditer(css)})


def licence_comments(css: str) -> list[str]:
    """Return the comments of a stylesheet that carry a licence or copyright (``/*! … */`` or naming one)."""
    return [c for c in _COMMENT.findall(css) if c.startswith("/*!") or _LICENCE.search(c)]


def keep_licences(original: str, purged: str) -> str:
    """Return the purged stylesheet with every licence comment of the original that it lost put back at its top."""
    lost = [c for c in licence_comments(original) if c not in purged]
    if not lost:
        return purged
    charset = _CHARSET.match(purged)
    head = charset.group(0) if charset else ""
    return head + "\n".join(lost) + "\n" + purged[len(head) :]


def _decode(text: str) -> str:
    r"""Return a CSS string's characters with its escapes (``\f00c``, ``\"``) resolved."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), text)


def icon_codepoints(stylesheets: Iterable[str], pages: Iterable[str]) -> set[int]:
    """Return the characters icons can show: those of every `content` and custom property string, and private-use
    characters written into pages or scripts."""
    points: set[int] = set()
    for css in stylesheets:
        for declaration in _DECLARATION.finditer(css):
            for string in _STRING.finditer(declaration.group(2)):
                points.update(ord(c) for c in _decode(string.group(1) or string.group(2) or ""))
    for text in pages:
        points.update(ord(c) for c in _PRIVATE_USE.findall(text))
    return points


def _sha(path: Path) -> str:
    """Return a file's SHA-256."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def purge_css(stylesheets: list[Path], content: list[Path], project: Path) -> None:
    """Remove from each stylesheet the rules no page or script can match, keeping its licence comments (with the
    PurgeCSS of the book's folder)."""
    texts = [p.read_text(encoding="utf-8") for p in stylesheets]
    scripts = [p.read_text(encoding="utf-8", errors="replace") for p in content if p.suffix == ".js"]
    spec = {
        "content": [str(p) for p in content],
        "css": [str(p) for p in stylesheets],
        "safelist": [*SAFELIST, *(f"^{re.escape(prefix)}" for prefix in script_prefixes(scripts))],
        "dynamicAttributes": attribute_names(texts),
        "purgecss": str(purgecss(project)),
    }
    result = subprocess.run(
        ["node", str(PURGE_SCRIPT)], input=json.dumps(spec), capture_output=True, text=True, cwd=project, check=False
    )
    if result.returncode != 0:
        raise SlimError(f"PurgeCSS failed: {result.stderr.strip()[-2000:]}")
    purged = {Path(r["file"]).resolve(): r["css"] for r in json.loads(result.stdout)}
    for path, original in zip(stylesheets, texts, strict=True):
        path.write_text(keep_licences(original, purged[path.resolve()]), encoding="utf-8")


def subset_fonts(fonts: list[Path], codepoints: set[int]) -> None:
    """Cut each icon font to the glyphs of the given characters (its names, copyright included, kept)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    for path in fonts:
        options = subset.Options()
        options.flavor = "woff2" if path.suffix == ".woff2" else None
        options.name_IDs, options.name_languages, options.name_legacy = ["*"], ["*"], True
        options.layout_features = ["*"]
        options.notdef_outline = True
        try:
            font: TTFont = subset.load_font(str(path), options)
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=sorted(codepoints & set(font.getBestCmap())))
            subsetter.subset(font)
            subset.save_font(font, str(path), options)
        except Exception as error:  # fontTools raises many kinds of errors for a broken font
            raise SlimError(f"fontTools could not subset {path.name}: {error}") from error


def font_notice(font: Path) -> str:
    """Return the licence notice for the subset icon fonts, with the copyright and version the font names."""
    from fontTools.ttLib import TTFont

    names = TTFont(str(font))["name"]
    copyright_, version = names.getDebugName(0) or "", names.getDebugName(5) or ""
    return (
        f"The fonts in this folder are Font Awesome Free ({version}; {copyright_}; https://fontawesome.com), "
        "shipped with the book's theme (pydata-sphinx-theme). Font Awesome Free's licence: icons CC BY 4.0, fonts "
        "SIL Open Font License 1.1, code MIT (https://fontawesome.com/license/free). When the book was built, these "
        "fonts were cut with fontTools to the icons its pages use (package briefing, briefing.build.slim): a Modified "
        "Version under the licence below, under which they remain.\n\n" + OFL.read_text(encoding="utf-8")
    )


#: PurgeCSS's default extractor (purgecss.js, defaultExtractor): the words of a page or script it matches selectors against.
_TOKEN = re.compile(r"[A-Za-z0-9_-]+")


def selector_words(stylesheets: Iterable[str]) -> set[str]:
    r"""Return every word a stylesheet's selectors can be made of, as written and with its escapes resolved (``.\31 0``)."""
    return {word for css in stylesheets for text in (css, _decode(css)) for word in _TOKEN.findall(text)}


def used_words(texts: Iterable[str], vocabulary: set[str]) -> list[str]:
    """Return the words of the pages and scripts that a stylesheet could match: what PurgeCSS's result depends on."""
    return sorted({word for text in texts for word in _TOKEN.findall(text)} & vocabulary)


def _fingerprint(html_dir: Path, originals: Path, content: list[Path], rewritten: list[Path], project: Path) -> str:
    """Return a hash of everything a run's result depends on: the original assets, the words of the pages and scripts
    that their selectors could match, the icon characters the pages carry, the scripts' class prefixes, and this step's
    code. A page whose new words match no selector (a changed summary, say) leaves it as it was."""
    digest = hashlib.sha256()
    for name, path in [
        *((rel, originals / rel) for rel in rewritten),
        *((p.name, p) for p in (PURGE_SCRIPT, Path(__file__), purgecss(project) / "package.json")),
    ]:
        digest.update(str(name).encode() + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
    css = [(originals / rel).read_text(encoding="utf-8", errors="replace") for rel in rewritten if rel.suffix == ".css"]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in content]
    scripts = [text for path, text in zip(content, texts, strict=True) if path.suffix == ".js"]
    icons = sorted({ord(c) for text in texts for c in _PRIVATE_USE.findall(text)})
    words = used_words(texts, selector_words(css))
    digest.update(json.dumps([words, icons, script_prefixes(scripts), [str(p.relative_to(html_dir)) for p in content]]).encode())
    return digest.hexdigest()


def _keep_originals(html_dir: Path, rewritten: list[Path], last_outputs: dict[str, str], originals: Path) -> None:
    """Keep a copy of each asset that Sphinx copied afresh (or that a first run meets): it is the original."""
    for rel in rewritten:
        kept = originals / rel
        if last_outputs.get(str(rel)) != _sha(html_dir / rel) or not kept.is_file():
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(html_dir / rel, kept)


def _write_font_notice(html_dir: Path, fonts: list[Path]) -> None:
    """Write the cut fonts' licence beside them (also when the slim files are put back: a fresh copy of the pages lacks it)."""
    if fonts:
        (html_dir / ICON_FONTS / "LICENSE.txt").write_text(font_notice(fonts[0]), encoding="utf-8")


def slim(html_dir: Path, work: Path, project: Path | None = None) -> Slimmed:
    """Slim the built pages in html_dir with the PurgeCSS of the book's folder (default: see project_dir), keeping
    originals and state in work; do nothing when nothing changed."""
    project = project or project_dir()
    reason = missing_tool(project)
    if reason:
        return Slimmed(skipped=f"Pages not slimmed: {reason}. The book is complete, but every page loads more than it needs.")
    state_file, originals, outputs = work / STATE, work / ORIGINALS, work / OUTPUTS
    work.mkdir(parents=True, exist_ok=True)
    state: dict[str, Any] = (
        json.loads(state_file.read_text(encoding="utf-8")) if state_file.is_file() else {"inputs": "", "outputs": {}}
    )
    rewritten = assets(html_dir)
    _keep_originals(html_dir, rewritten, state["outputs"], originals)
    content = content_files(html_dir)
    inputs = _fingerprint(html_dir, originals, content, rewritten, project)
    if inputs == state["inputs"] and all((outputs / rel).is_file() for rel in rewritten):
        for rel in rewritten:  # a file copied afresh (the table bundle's styles are, on every build) gets its slim version
            if state["outputs"].get(str(rel)) != _sha(html_dir / rel):
                shutil.copyfile(outputs / rel, html_dir / rel)
        _write_font_notice(html_dir, [html_dir / rel for rel in rewritten if rel.suffix in FONT_SUFFIXES])
        return Slimmed(skipped="Pages already slim: nothing they use changed since the last build.")
    for rel in rewritten:
        shutil.copyfile(originals / rel, html_dir / rel)
    report = Slimmed()
    stylesheets = [html_dir / rel for rel in rewritten if rel.suffix == ".css"]
    fonts = [html_dir / rel for rel in rewritten if rel.suffix in FONT_SUFFIXES]
    report.css_before, report.fonts_before = sum(p.stat().st_size for p in stylesheets), sum(p.stat().st_size for p in fonts)
    purge_css(stylesheets, content, project)
    if fonts:
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in content]
        subset_fonts(fonts, icon_codepoints((p.read_text(encoding="utf-8") for p in stylesheets), texts))
    _write_font_notice(html_dir, fonts)
    report.css_after, report.fonts_after = sum(p.stat().st_size for p in stylesheets), sum(p.stat().st_size for p in fonts)
    for rel in rewritten:
        (outputs / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(html_dir / rel, outputs / rel)
    state = {"inputs": inputs, "outputs": {str(rel): _sha(html_dir / rel) for rel in rewritten}}
    state_file.write_text(json.dumps(state, indent=1), encoding="utf-8")
    return report
