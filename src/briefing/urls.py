"""Which addresses from the data may become links: web (http, https) and e-mail (mailto) addresses only."""

from __future__ import annotations

import re

#: An http(s) address with a host and no white space (a `javascript:`, `data:` or relative address is not one).
_WEB = re.compile(r"^https?://[^\s/?#<>\"'`]+[^\s<>\"'`]*$", re.IGNORECASE)
#: An e-mail address as a `mailto:` link takes it: one @, no white space, no markup, no header or query characters.
_PART = r"[^\s@<>\"'`,;:()\[\]\\?&=%/]+"
_MAIL = re.compile(rf"^{_PART}@{_PART}\.{_PART}$")


def is_web_address(value: str) -> bool:
    """Return whether a value is an http(s) address that may be written as a link."""
    return bool(_WEB.match(value.strip()))


def is_mail_address(value: str) -> bool:
    """Return whether a value is an e-mail address that may be written as a mailto: link."""
    return bool(_MAIL.match(value.strip()))


def link_target(value: str) -> str | None:
    """Return the link for an address from the data (http(s) as it is, an e-mail address as mailto:), else None."""
    value = value.strip()
    if is_web_address(value):
        return value
    if value.lower().startswith("mailto:") and is_mail_address(value[7:]):
        return value
    return f"mailto:{value}" if is_mail_address(value) else None
