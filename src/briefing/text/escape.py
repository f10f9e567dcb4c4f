"""Write text from the data or a report into files that interpret it (BibTeX, Markdown, YAML) so it stays text, never markup."""

from __future__ import annotations

import re

import yaml

from briefing.text.urls import is_web_address

#: BibTeX and LaTeX specials, written so BibTeX keeps the text inside its field (braces stay balanced) and LaTeX
#: prints it literally. pybtex (the book's reader) decodes each back to the character, except the braces: pybtex
#: has no literal brace, so a brace shows as its LaTeX name rather than closing the field.
_BIB = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "$": r"\$",
    "@": "{@}",
    "#": r"\#",
    "&": r"\&",
    "_": r"\_",
    "~": r"\textasciitilde{}",
}
_BIB_SPECIAL = re.compile("[" + re.escape("".join(_BIB)) + "]")
#: Characters that start Markdown or MyST markup inside a line: emphasis, code, links and images (no '[', no link),
#: HTML and autolinks, entities, roles, math, table cells, strikethrough. Escaped, each shows as itself.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&$])")
#: Line breaks YAML knows beyond \n and \r: only a double-quoted scalar keeps them (as escapes).
_YAML_BREAKS = re.compile("[\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """Return text with every run of whitespace (line breaks included) as one space."""
    return " ".join(text.split())


def bib_text(text: str) -> str:
    """Return text for a braced BibTeX field: on one line, every special character escaped."""
    return _BIB_SPECIAL.sub(lambda m: _BIB[m.group(0)], one_line(text))


def bib_url(url: str) -> str | None:
    """Return a URL fit for a BibTeX url field (an http(s) address that nothing in it can end), else None."""
    return url.strip() if is_web_address(url) else None


#: What metadata gets for each character it refuses as markup (schema.MARKUP_CHARACTERS): the nearest plain one.
_METADATA_PLAIN = str.maketrans({"<": "(", ">": ")", "{": "(", "}": ")", "`": "'"})


def metadata_text(text: str) -> str:
    """Return a report's text for a metadata field: on one line, the characters metadata refuses as markup replaced."""
    return one_line(text).translate(_METADATA_PLAIN)


def markdown_text(text: str) -> str:
    """Return text for one line of Markdown: on one line, every character that could start markup backslash-escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(text))


def yaml_line(key: str, value: object, comment: str = "") -> str:
    """Return one 'key: value' entry of YAML written by the YAML library, with an optional trailing comment."""
    style = '"' if isinstance(value, str) and _YAML_BREAKS.search(value) else None  # else PyYAML folds them away
    line = yaml.safe_dump(
        {key: value}, allow_unicode=True, sort_keys=False, width=float("inf"), default_flow_style=False, default_style=style
    ).rstrip("\n")
    return f"{line}  # {one_line(comment)}" if comment else line
