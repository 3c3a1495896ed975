"""A fake :class:`~ponyguard.scan.probe.ScanContext` for fast unit tests of probes.

Routes map ``"URL"`` or ``"METHOD URL"`` to a canned answer: a :class:`Canned` response, a
:class:`~ponyguard.scan.http.FetchError`, or a function ``(Request) -> Canned | FetchError``
(for echoes: CORS, TRACE). Paths are resolved against the target's origin. Anything not
routed answers 404 (or ``default``, for soft-404 sites that answer 200 to everything).
Redirects are followed here the way the engine does, so tests describe single hops.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from ponyguard.core.finding import Finding
from ponyguard.scan.http import FetchError, Response
from ponyguard.scan.probe import ScanOptions, Target
from tests.helpers import assert_traits, describe_findings


@dataclass(frozen=True)
class Canned:
    status: int = 200
    headers: tuple[tuple[str, str], ...] | Mapping[str, str] = ()
    body: bytes | str = b""

    def response(self, url: str, method: str, history: tuple[Response, ...] = ()) -> Response:
        headers = tuple(self.headers.items()) if isinstance(self.headers, Mapping) \
            else tuple(self.headers)
        body = self.body.encode() if isinstance(self.body, str) else self.body
        return Response(url=url, method=method, status=self.status, headers=headers, body=body,
                        history=history)


def html(body: str, status: int = 200, **headers: str) -> Canned:
    """An HTML page; keyword headers use ``_`` for ``-`` (``x_frame_options="DENY"``)."""
    pairs = (("Content-Type", "text/html; charset=utf-8"),
             *((k.replace("_", "-"), v) for k, v in headers.items()))
    return Canned(status, pairs, body)


def redirect(location: str, status: int = 301, *extra: tuple[str, str]) -> Canned:
    return Canned(status, (("Location", location), *extra), b"")


@dataclass(frozen=True)
class Request:
    method: str
    url: str
    headers: Mapping[str, str]
    follow_redirects: bool


Answer = Canned | FetchError | Callable[[Request], "Canned | FetchError"]
NOT_FOUND = Canned(404, (("Content-Type", "text/html"),), "<h1>Not Found</h1>")


def make_target(url: str) -> Target:
    parts = urlsplit(url)
    scheme = parts.scheme
    port = parts.port or {"https": 443, "http": 80}[scheme]
    return Target(url=url, scheme=scheme, host=parts.hostname or "", port=port)


@dataclass
class FakeContext:
    target_url: str = "https://example.test/"
    routes: dict[str, Answer] = field(default_factory=dict)
    default: Answer = NOT_FOUND
    options: ScanOptions = field(default_factory=ScanOptions)
    requests: list[Request] = field(default_factory=list)
    facts: dict[str, object] = field(default_factory=dict)
    responses: list[Response] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.target = make_target(self.target_url)
        self.routes = {self._key(k): v for k, v in self.routes.items()}

    def _key(self, key: str) -> str:
        method, _, rest = key.partition(" ")
        if not rest:
            method, rest = "GET", key
        return f"{method} {self.url(rest)}"

    def url(self, url_or_path: str) -> str:
        return urljoin(self.target.origin + "/", url_or_path)

    def _answer(self, request: Request) -> Canned | FetchError:
        answer = self.routes.get(f"{request.method} {request.url}", self.default)
        if request.method == "HEAD" and f"HEAD {request.url}" not in self.routes:
            answer = self.routes.get(f"GET {request.url}", self.default)
        return answer(request) if callable(answer) else answer

    async def fetch(self, url_or_path: str, *, method: str = "GET", follow_redirects: bool = True,
                    headers: Mapping[str, str] | None = None,
                    data: Mapping[str, str] | None = None,
                    cookies: bool = False) -> Response | FetchError:
        url = self.url(url_or_path)
        history: list[Response] = []
        while True:
            request = Request(method, url, dict(headers or {}), follow_redirects)
            self.requests.append(request)
            answer = self._answer(request)
            if isinstance(answer, FetchError):
                self.responses.extend(history)
                return FetchError(url, answer.kind, answer.message, tuple(history))
            response = answer.response(url, method, tuple(history))
            if not (follow_redirects and response.is_redirect):
                self.responses.extend(response.chain)
                return response
            history.append(answer.response(url, method))
            if len(history) > self.options.max_redirects:
                self.responses.extend(history)
                return FetchError(url, "too-many-redirects", "redirect limit reached",
                                  tuple(history))
            url = urljoin(url, response.header("location") or "")

    async def home(self) -> Response | FetchError:
        return await self.fetch(self.target.url)

    def seen(self) -> Iterable[Response]:
        return list(self.responses)

    def note(self, key: str, value: object) -> None:
        self.facts[key] = value

    def fact(self, key: str) -> object | None:
        return self.facts.get(key)

    def fetched(self, method: str = "GET") -> list[str]:
        return [r.url for r in self.requests if r.method == method]


def run_probe(func: Callable[..., object], ctx: FakeContext) -> list[Finding]:
    """Run one async probe function on ``ctx`` and return its findings as a list."""
    return list(asyncio.run(func(ctx)))  # type: ignore[arg-type]


def assert_finds(findings: Iterable[Finding], rule_id: str, *, count: int | None = None,
                 url: str | None = None, key: str | None = None, severity: str | None = None,
                 confidence: str | None = None,
                 message_contains: str | None = None) -> list[Finding]:
    """Assert ``rule_id`` is among ``findings`` (with the given traits); return its findings."""
    return assert_traits(findings, rule_id, url=url, key=key, count=count, severity=severity,
                         confidence=confidence, message_contains=message_contains)


def assert_silent(findings: Iterable[Finding], rule_id: str) -> None:
    findings = list(findings)
    found = [f for f in findings if f.rule.id == rule_id]
    assert not found, f"{rule_id} fired unexpectedly:\n{describe_findings(findings)}"
