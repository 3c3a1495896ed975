"""Probes: the units of a live scan, and the context the engine gives them.

A probe is an ``async`` function registered with :func:`probe`. It receives a
:class:`ScanContext`, asks it for responses (shared and cached: the home page is fetched once
for every probe that wants it) and returns the findings of its rules. Rules are declared the
usual way (:class:`ponyguard.core.rule.Rule`, one module per rule or per family under
``ponyguard.scan.rules``) and the probe builds findings with ``rule.finding(...)`` and a
``Location(url=...)``.

Probes run concurrently in two stages: every stage-1 probe, then every stage-2 probe (which
may read what stage 1 saw, e.g. the cookies of every response, or the Django version).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from ..core.finding import Finding
from .http import FetchError, Response


@dataclass(frozen=True, slots=True)
class Target:
    """The site being scanned, from the URL the user gave (normalised)."""

    url: str
    """``https://example.com/`` — scheme, host, optional port, path (``/`` by default)."""
    scheme: str
    host: str
    """Host name or IP literal without brackets."""
    port: int
    """Explicit port, else 443/80 by scheme."""

    @property
    def origin(self) -> str:
        default = {"https": 443, "http": 80}[self.scheme]
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = "" if self.port == default else f":{self.port}"
        return f"{self.scheme}://{host}{port}"


@dataclass(frozen=True, slots=True)
class ScanOptions:
    """Everything the user can tune about a scan (CLI flags, config, or the library call)."""

    timeout: float = 5.0
    """Per request / per connection attempt, seconds."""
    deadline: float = 30.0
    """For the whole scan of one target, seconds."""
    max_body: int = 1_000_000
    """Bytes kept per response body, after decompression."""
    max_redirects: int = 10
    headers: tuple[tuple[str, str], ...] = ()
    cookies: tuple[tuple[str, str], ...] = ()
    auth: tuple[str, str] | None = None
    ca_bundle: str | None = None
    ports: bool = True
    """Probe the host's service ports (PG9xx)."""
    http_port: int | None = None
    """Port for plain-HTTP checks when the target is HTTPS (default 80); tests use free ports."""
    https_port: int | None = None
    """Port for HTTPS checks when the target is plain HTTP (default 443)."""
    port_map: tuple[tuple[str, int], ...] = ()
    """Override service ports (``("redis", 6380)``); tests use free ports on loopback."""
    user_agent: str = ""


class ScanContext(Protocol):
    """What a probe may use. Implemented by the engine; tests may pass a fake."""

    target: Target
    options: ScanOptions

    async def fetch(
        self,
        url_or_path: str,
        *,
        method: str = "GET",
        follow_redirects: bool = True,
        headers: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        cookies: bool = False,
    ) -> Response | FetchError:
        """One request (cached per method+URL+redirect mode for GET/HEAD without headers).

        A path is resolved against the target's origin; a full URL may use the other scheme
        of the same host (``http://`` for the redirect check). ``cookies=True`` carries the
        cookies this fetch chain received (login flows); otherwise none are sent beyond
        ``options.cookies``. Never raises for network trouble: it returns :class:`FetchError`.
        """
        ...

    async def home(self) -> Response | FetchError:
        """The target URL, redirects followed, fetched once per scan."""
        ...

    def seen(self) -> Iterable[Response]:
        """Every response received so far, redirect hops included (stage 2 reads cookies here)."""
        ...

    def note(self, key: str, value: object) -> None:
        """Share a fact with stage-2 probes (``"django_version"``, ``"admin_url"``)."""
        ...

    def fact(self, key: str) -> object | None:
        ...


ProbeFunc = Callable[[ScanContext], Awaitable[Iterable[Finding]]]


@dataclass(frozen=True, slots=True)
class Probe:
    name: str
    func: ProbeFunc
    stage: int
    rules: tuple[str, ...]
    """The rule ids this probe can report (used to skip probes whose rules are deselected)."""


PROBES: dict[str, Probe] = {}


def probe(name: str, *, rules: Iterable[str], stage: int = 1) -> Callable[[ProbeFunc], ProbeFunc]:
    """Register an async probe function under ``name``."""

    def register(func: ProbeFunc) -> ProbeFunc:
        if name in PROBES and PROBES[name].func is not func:
            raise ValueError(f"duplicate probe {name}")
        PROBES[name] = Probe(name, func, stage, tuple(rules))
        return func

    return register
