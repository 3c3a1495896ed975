"""Parse ``Strict-Transport-Security`` the way RFC 6797 tells browsers to.

Directive names are case-insensitive, values may be quoted, whitespace around ``;`` and ``=``
is allowed, empty directives are allowed. A header with no valid ``max-age`` or with a
directive given twice does not meet the grammar and browsers ignore it; with several headers
in one response only the first is processed (RFC 6797 §8.1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...http import Response

ONE_YEAR = 31_536_000
HALF_YEAR = 15_768_000


@dataclass(frozen=True, slots=True)
class HstsPolicy:
    raw: str
    max_age: int | None
    include_subdomains: bool
    preload: bool
    problems: tuple[str, ...] = ()
    """Why browsers ignore this header (empty when it is valid)."""

    @property
    def valid(self) -> bool:
        return self.max_age is not None and not self.problems


_DIRECTIVE = re.compile(r'\s*([^\s=;"]+)\s*(?:=\s*("(?:[^"\\]|\\.)*"|[^\s;"]*))?\s*')


def parse_hsts(value: str) -> HstsPolicy:
    seen: dict[str, str] = {}
    problems: list[str] = []
    for chunk in _split_directives(value):
        if not chunk.strip():
            continue
        match = _DIRECTIVE.fullmatch(chunk)
        if match is None:
            problems.append(f"malformed directive {chunk.strip()!r}")
            continue
        name, raw_value = match.group(1).lower(), match.group(2) or ""
        if name in seen:
            problems.append(f"directive {name} given twice")
        seen[name] = _unquote(raw_value)
    max_age = None
    if "max-age" not in seen:
        problems.append("no max-age directive")
    elif not seen["max-age"].isdigit():
        problems.append(f"max-age {seen['max-age']!r} is not a number of seconds")
    else:
        max_age = int(seen["max-age"])
    return HstsPolicy(value, max_age, "includesubdomains" in seen, "preload" in seen,
                      tuple(problems))


def hsts_of(response: Response) -> tuple[HstsPolicy | None, int]:
    """The policy browsers apply for ``response`` (its first header) and how many were sent."""
    values = response.header_all("strict-transport-security")
    return (parse_hsts(values[0]) if values else None), len(values)


def _split_directives(value: str) -> list[str]:
    """Split on ``;`` outside quoted strings."""
    parts: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for char in value:
        if escaped:
            escaped = False
        elif char == "\\" and quoted:
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value
