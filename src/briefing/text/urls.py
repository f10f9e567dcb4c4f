"""Which addresses from the data may become links: web (http, https) and e-mail (mailto) addresses only."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: Characters no address from the data may hold: white space, markup, quotes, braces (they end a BibTeX field).
_UNSAFE = re.compile(r"[\s<>\"'`{}\\^|]")
#: An e-mail address a mailto: link can carry: no spaces, and no '?', '&' or '#' that would add headers or a body.
_MAIL = re.compile(r"[\w.!$*+/=~-]+@[\w-]+(?:\.[\w-]+)+")


def is_web_address(value: str) -> bool:
    """Return whether a value is an http(s) address with a host that may be written as a link.

    Not a `javascript:`, `data:` or relative address, nothing that could end an attribute or a BibTeX field, and no
    user part before the host ('https://trusted.example@elsewhere.example' hides where it leads).
    """
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    web = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    return web and "@" not in parts.netloc and not _UNSAFE.search(value)


def is_mail_address(value: str) -> bool:
    """Return whether a value is an e-mail address that may be written as a mailto: link."""
    return bool(_MAIL.fullmatch(value.strip()))


def link_target(value: str) -> str | None:
    """Return the link for an address from the data (http(s) as it is, an e-mail address as mailto:), else None."""
    value = value.strip()
    if is_web_address(value):
        return value
    if value.lower().startswith("mailto:") and is_mail_address(value[7:]):
        return value
    return f"mailto:{value}" if is_mail_address(value) else None
