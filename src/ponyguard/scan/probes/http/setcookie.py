"""A ``Set-Cookie`` parser that follows the browser algorithm (RFC 6265 §5.2, 6265bis).

``http.cookies.SimpleCookie`` is the wrong tool for a scanner: it rejects whole headers over
one odd character, knows only a fixed set of attributes and drops what browsers keep. Here,
as in a browser: the name-value pair ends at the first ``;``, attribute names are matched
case-insensitively, unknown attributes are ignored, the last occurrence of an attribute wins,
``Secure``/``HttpOnly`` count by presence whatever follows them, and an unrecognised
``SameSite`` value means "not set" (browsers then default to ``Lax``).
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import datetime, timezone

SAMESITE_VALUES = ("strict", "lax", "none")


@dataclass(frozen=True, slots=True)
class SetCookie:
    """One parsed ``Set-Cookie`` header value (the value itself is never shown in reports)."""

    name: str
    value: str
    attributes: tuple[tuple[str, str], ...]
    """Every attribute in order, names lower-case, values stripped (``""`` when absent)."""

    def attribute(self, name: str) -> str | None:
        """The last value of attribute ``name`` (case-insensitive), or None when absent."""
        found = [value for key, value in self.attributes if key == name.lower()]
        return found[-1] if found else None

    @property
    def secure(self) -> bool:
        return self.attribute("secure") is not None

    @property
    def httponly(self) -> bool:
        return self.attribute("httponly") is not None

    @property
    def samesite(self) -> str | None:
        """``"strict"``, ``"lax"``, ``"none"``, or None when missing or unrecognised."""
        value = (self.attribute("samesite") or "").lower()
        return value if value in SAMESITE_VALUES else None

    @property
    def is_deletion(self) -> bool:
        """The header removes the cookie (``Max-Age<=0`` or an ``Expires`` in the past)."""
        max_age = self.attribute("max-age")
        if max_age is not None and _is_integer(max_age):
            return int(max_age) <= 0
        expires = self.attribute("expires")
        if expires is None:
            return False
        when = _parse_date(expires)
        return when is not None and when <= datetime.now(timezone.utc)


def parse_set_cookie(header: str) -> SetCookie | None:
    """Parse one ``Set-Cookie`` value; None when a browser would ignore it entirely."""
    pair, _, rest = header.partition(";")
    if "=" in pair:
        name, _, value = pair.partition("=")
    else:  # 6265bis: a bare token is a cookie with an empty name
        name, value = "", pair
    name, value = name.strip(" \t"), value.strip(" \t")
    if not name and not value:
        return None
    attributes: list[tuple[str, str]] = []
    for chunk in rest.split(";"):
        key, _, attr_value = chunk.partition("=")
        key = key.strip(" \t").lower()
        if key:
            attributes.append((key, attr_value.strip(" \t")))
    return SetCookie(name, value, tuple(attributes))


def _is_integer(text: str) -> bool:
    return re.fullmatch(r"-?[0-9]+", text) is not None


def _parse_date(text: str) -> datetime | None:
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed
