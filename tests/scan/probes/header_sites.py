"""A home page with the given headers; defaults are a hardened Django site's."""

from __future__ import annotations

from tests.scan.fakes import Canned, FakeContext

HARDENED = {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'nonce-abc'; "
                               "frame-ancestors 'none'; object-src 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def home_with(status: int = 200, drop: tuple[str, ...] = (), **changes: str) -> FakeContext:
    """The hardened home page with headers removed (``drop``) or changed (``Header_Name=v``)."""
    headers = {k: v for k, v in HARDENED.items() if k not in drop}
    headers.update({k.replace("_", "-"): v for k, v in changes.items()})
    return FakeContext(routes={"https://example.test/": Canned(status, headers, "<p>home</p>")})
