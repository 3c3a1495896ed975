"""From command-line strings to :class:`~ponyguard.scan.probe.ScanOptions` and target lists.

Shared by the ``ponyguard scan`` command and ``manage.py ponyguard scan``; every bad value is a
:class:`~ponyguard.runner.UsageError` naming its option.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..runner import UsageError
from .probe import ScanOptions


def parse_headers(values: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """``--header "Name: value"`` values."""
    headers = []
    for value in values:
        name, sep, content = value.partition(":")
        if not sep or not name.strip() or any(c.isspace() for c in name.strip()):
            raise UsageError(f"{value!r} is not 'Name: value'", "--header")
        headers.append((name.strip(), content.strip()))
    return tuple(headers)


def parse_cookies(values: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """``--cookie name=value`` values (several may be joined with ``;``)."""
    cookies = []
    for value in values:
        for pair in value.split(";"):
            if not pair.strip():
                continue
            name, sep, content = pair.partition("=")
            if not sep or not name.strip():
                raise UsageError(f"{pair.strip()!r} is not name=value", "--cookie")
            cookies.append((name.strip(), content.strip()))
    return tuple(cookies)


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """``--auth user:pass`` (the password may contain colons)."""
    if value is None:
        return None
    user, sep, password = value.partition(":")
    if not sep or not user:
        raise UsageError("expected user:password", "--auth")
    return user, password


def read_url_file(path: str) -> list[str]:
    """The URLs of ``--from-file``: one per line; blank lines and ``#`` comments skipped."""
    file = Path(path)
    if path != "-" and not file.is_file():
        raise UsageError(f"{path} is not a file", "--from-file")
    import sys

    text = sys.stdin.read() if path == "-" else file.read_text(encoding="utf-8")
    return [line.split("#", 1)[0].strip() for line in text.splitlines()
            if line.split("#", 1)[0].strip()]


def scan_options(
    *,
    timeout: float | None = None,
    deadline: float | None = None,
    ports: bool = True,
    http_port: int | None = None,
    ca_bundle: str | None = None,
    headers: Iterable[str] = (),
    cookies: Iterable[str] = (),
    auth: str | None = None,
) -> ScanOptions:
    """The options of a scan from its flags (None keeps the default)."""
    defaults = ScanOptions()
    if timeout is not None and timeout <= 0:
        raise UsageError("must be a positive number of seconds", "--timeout")
    if deadline is not None and deadline <= 0:
        raise UsageError("must be a positive number of seconds", "--deadline")
    if ca_bundle is not None and not Path(ca_bundle).is_file():
        raise UsageError(f"{ca_bundle} is not a file", "--ca-bundle")
    return ScanOptions(
        timeout=timeout or defaults.timeout,
        deadline=deadline or defaults.deadline,
        ports=ports,
        http_port=http_port,
        ca_bundle=ca_bundle,
        headers=parse_headers(headers),
        cookies=parse_cookies(cookies),
        auth=parse_auth(auth),
    )


def secrets_of(options: ScanOptions) -> tuple[str, ...]:
    """Values the user gave that must never be printed: the password, cookie and header values."""
    values = [value for _, value in options.cookies]
    values += [value for _, value in options.headers]
    if options.auth is not None:
        values.append(options.auth[1])
    return tuple(value for value in values if value)
