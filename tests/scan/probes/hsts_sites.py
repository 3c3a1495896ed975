"""A site whose HTTPS home sends a given Strict-Transport-Security header."""

from __future__ import annotations

from tests.scan.fakes import Canned, FakeContext, redirect

PRELOAD_READY = "max-age=63072000; includeSubDomains; preload"


def hsts_site(*values: str, http_first_hop: Canned | None = None) -> FakeContext:
    headers = [("Content-Type", "text/html")] + [("Strict-Transport-Security", v)
                                                 for v in values]
    return FakeContext(routes={
        "https://example.test/": Canned(200, tuple(headers), "<p>home</p>"),
        "http://example.test/": http_first_hop or redirect("https://example.test/"),
    })
