"""The chapters' prose catalogues (``locales/LANG/LC_MESSAGES/*.po``): each translation keeps the English markup.

Sphinx parses every translated message as MyST again, so a translation must carry the same markup items as its
English: the same roles with the same targets (``{ref}`text <label>``` may change its text, never its label), the
same code spans, link addresses, footnote references, substitutions, HTML tags and bold or italic spans. The
words around them are free.

A paragraph that the briefing extension builds from the data reaches the catalogue as plain text, although its
page carries cross-references or bold text; the translator lists that markup in a translator comment after
``markup:`` (``# … markup: {ref}`text <label>` **bold**``), and it counts as part of the English.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

#: The catalogues' folder inside a project, one subfolder per language.
LOCALES_FOLDER = "locales"

Item = tuple[str, ...]

_ROLE = re.compile(r"\{([A-Za-z0-9_:+.-]+)\}(`+)(.+?)\2", re.DOTALL)
_CODE = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_FOOTNOTE = re.compile(r"\[\^([^\]]+)\]")
_SUBSTITUTION = re.compile(r"\{\{\s*(.+?)\s*\}\}")
_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_EXPLICIT_TARGET = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.DOTALL)


def markup_items(text: str) -> Counter[Item]:
    """Return the MyST markup items of a message: kind and what must not change (role target, code, address)."""
    items: Counter[Item] = Counter()

    def take(pattern: re.Pattern[str], item: Callable[[re.Match[str]], Item], source: str) -> str:
        def found(match: re.Match[str]) -> str:
            items[item(match)] += 1
            return " "

        return pattern.sub(found, source)

    def role(match: re.Match[str]) -> Item:
        content = match.group(3)
        explicit = _EXPLICIT_TARGET.match(content)
        if explicit and explicit.group(1):
            return ("role", match.group(1), explicit.group(2).strip(), "with text")
        return ("role", match.group(1), content.strip())

    rest = take(_ROLE, role, text)
    rest = take(_SUBSTITUTION, lambda m: ("substitution", m.group(1)), rest)
    rest = take(_CODE, lambda m: ("code", m.group(2)), rest)
    rest = take(_FOOTNOTE, lambda m: ("footnote", m.group(1)), rest)
    rest = take(_LINK, lambda m: ("image" if m.group(1) else "link", m.group(3)), rest)
    rest = take(_AUTOLINK, lambda m: ("autolink", m.group(1)), rest)
    rest = take(_HTML, lambda m: ("html", m.group(0)), rest)
    strong = rest.count("**")
    items.update({("bold",): strong // 2} if strong // 2 else {})
    emphasis = rest.replace("**", "").count("*")
    items.update({("italic",): emphasis // 2} if emphasis // 2 else {})
    if strong % 2 or emphasis % 2:
        items[("unpaired *",)] += 1
    return items


#: What starts the list of a generated paragraph's markup in a translator comment.
DECLARED = "markup:"


def declared_markup(comments: Iterable[str]) -> str:
    """Return the markup a translator comment declares after ``markup:`` (Babel wraps long comments: rejoined)."""
    joined = " ".join(comment.strip() for comment in comments)
    return joined.split(DECLARED, 1)[1] if DECLARED in joined else ""


def markup_difference(english: str, translation: str, declared: str = "") -> str | None:
    """Say which markup items the translation lacks or adds compared with the English (and declared), or None."""
    source, target = markup_items(english) + markup_items(declared), markup_items(translation)
    if source == target:
        return None
    missing, extra = source - target, target - source
    parts = []
    if missing:
        parts.append("missing " + ", ".join(_show(missing)))
    if extra:
        parts.append("added " + ", ".join(_show(extra)))
    return "; ".join(parts)


def _show(items: Counter[Item]) -> Iterable[str]:
    """Show markup items as short readable strings."""
    for item, count in sorted(items.items()):
        yield (f"{count}× " if count > 1 else "") + " ".join(item)


def catalogue_problems(catalogue: Catalog, name: str) -> list[str]:
    """List each message that is untranslated, fuzzy, or whose markup differs from its English, with its place."""
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        where = f"{name}: {str(message.id)[:60]!r}"
        if message.locations:
            where += f" ({message.locations[0][0].split('../')[-1]}:{message.locations[0][1]})"
        if not message.string:
            problems.append(f"{where}: no translation")
        elif message.fuzzy:
            problems.append(f"{where}: marked fuzzy (the English changed; check, then remove the mark)")
        else:
            difference = markup_difference(str(message.id), str(message.string), declared_markup(message.user_comments))
            if difference:
                problems.append(f"{where}: markup differs from the English: {difference}")
    return problems


def check_locale(project: Path, language: str) -> tuple[int, list[str]]:
    """Check every catalogue of a language in a project: return how many messages it has and the problems."""
    count, problems = 0, []
    for path in sorted((project / LOCALES_FOLDER / language / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as file:
            catalogue = read_po(file, locale=language)
        count += sum(1 for message in catalogue if message.id)
        problems += catalogue_problems(catalogue, path.name)
    return count, problems


def main(argv: list[str]) -> int:
    """Print the check of one language's catalogues (``python -m briefing.i18n.chapters de [PROJECT]``); 1 if any problem."""
    language = argv[0] if argv else "de"
    project = Path(argv[1]) if len(argv) > 1 else Path.cwd()
    count, problems = check_locale(project, language)
    for problem in problems:
        print(problem)
    print(f"{LOCALES_FOLDER}/{language}: {count} messages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
