"""Sites serving (or not) sensitive files, with a normal 404 or a catch-all 200 page."""

from __future__ import annotations

from tests.scan.fakes import Canned, FakeContext, html
from tests.scan.probes.samples import PLAIN_404

CATCH_ALL = html("<!doctype html><html><body><h1>Welcome to Acme</h1>"
                 "<p>Great products since 1999. ref: refs/heads/main</p></body></html>")


def serving(path: str, body: bytes | str, content_type: str = "application/octet-stream",
            *, soft_404: bool = False, status: int = 200) -> FakeContext:
    default = CATCH_ALL if soft_404 else html(PLAIN_404, status=404)
    return FakeContext(routes={f"https://example.test{path}": Canned(
        status, {"Content-Type": content_type}, body)}, default=default)


def catch_all_site() -> FakeContext:
    """Every path answers 200 with the same page (a SPA or a CMS catch-all)."""
    return FakeContext(default=CATCH_ALL)
