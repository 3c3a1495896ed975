"""Helpers the HTTP probes share: the site's two origins, hop-by-hop walks, seen responses."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from ...http import FetchError, Response
from ...probe import ScanContext

RANDOM_PATH_FACT = "http.random_path"
DEFAULT_PORTS = {"https": 443, "http": 80}


def origin(ctx: ScanContext, scheme: str) -> str:
    """``scheme://host[:port]`` of the target for ``scheme`` (ports from the options)."""
    target = ctx.target
    if scheme == target.scheme:
        return target.origin
    chosen = ctx.options.http_port if scheme == "http" else ctx.options.https_port
    port = chosen or DEFAULT_PORTS[scheme]
    host = f"[{target.host}]" if ":" in target.host else target.host
    return f"{scheme}://{host}" + ("" if port == DEFAULT_PORTS[scheme] else f":{port}")


def target_path(ctx: ScanContext) -> str:
    parts = urlsplit(ctx.target.url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def random_path(ctx: ScanContext) -> str:
    """A path that exists on no site, the same for every probe of one scan (fetched once)."""
    path = ctx.fact(RANDOM_PATH_FACT)
    if not isinstance(path, str):
        path = f"/ponyguard-{secrets.token_hex(6)}-not-found/"
        ctx.note(RANDOM_PATH_FACT, path)
    return path


def location_of(response: Response) -> str | None:
    """The absolute URL a redirect points to."""
    location = response.header("location")
    return urljoin(response.url, location.strip()) if location else None


def same_host(url_a: str, url_b: str) -> bool:
    return (urlsplit(url_a).hostname or "") == (urlsplit(url_b).hostname or "")


@dataclass(frozen=True, slots=True)
class Walk:
    """The hops of one redirect chain, fetched one at a time."""

    hops: tuple[Response, ...]
    error: FetchError | None = None
    loop: bool = False
    """A URL came back: the chain never ends."""

    @property
    def final(self) -> Response | None:
        return self.hops[-1] if self.hops and not self.loop else None


async def walk(ctx: ScanContext, url: str, *, limit: int = 10) -> Walk:
    """Follow redirects from ``url`` hop by hop (loops are seen, not just counted)."""
    hops: list[Response] = []
    visited: set[str] = set()
    while len(hops) <= limit:
        if url in visited:
            return Walk(tuple(hops), loop=True)
        visited.add(url)
        got = await ctx.fetch(url, follow_redirects=False)
        if isinstance(got, FetchError):
            return Walk(tuple(hops), error=got)
        hops.append(got)
        next_url = location_of(got) if got.is_redirect else None
        if next_url is None:
            return Walk(tuple(hops))
        url = next_url
    return Walk(tuple(hops), loop=True)


def seen_responses(ctx: ScanContext) -> list[Response]:
    """Every response of the scan so far, redirect hops included, each once."""
    unique: dict[int, Response] = {}
    for response in ctx.seen():
        for hop in response.chain:
            unique.setdefault(id(hop), hop)
    return list(unique.values())


def first_of(responses: Iterable[Response | FetchError]) -> Response | None:
    return next((r for r in responses if isinstance(r, Response)), None)
