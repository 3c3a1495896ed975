"""The engine's :class:`~ponyguard.scan.probe.ScanContext`: shared responses, facts, TLS fallback.

* **Shared responses.** A GET or HEAD without extra headers, body or cookies is fetched once
  per scan: the first probe to ask starts the request, every other probe asking for the same
  (method, URL, redirect mode) meanwhile waits for that same request. The home page is
  therefore fetched once whatever the number of probes.
* **Seen.** Every response received, redirect hops included, in arrival order: stage-2 probes
  read the cookies of every response there.
* **TLS fallback.** Certificates are verified (system store or ``--ca-bundle``). When the
  scanned host fails TLS (an expired, self-signed or wrong-host certificate, or only old
  protocol versions), the failure is noted as the fact ``tls_error`` and that request and every
  later one go through an unverified, permissive client, so headers and cookies are still
  checked; the TLS probes report the certificate itself.
* **Politeness.** At most :data:`PARALLEL_REQUESTS` requests are in flight per site.
* **Cookies.** None are sent beyond ``--cookie`` unless a probe asks with ``cookies=True``:
  those fetches share one jar per scan (a login flow: GET the form, POST it with its CSRF
  cookie).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping
from urllib.parse import urljoin, urlsplit

from .client import CookieJar, HttpClient
from .http import FetchError, Response
from .probe import ScanOptions, Target

PARALLEL_REQUESTS = 6
TLS_ERROR = "tls_error"
"""The fact holding the first TLS failure's message (certificate checks fall back to off)."""

_CacheKey = tuple[str, str, bool]


class EngineContext:
    """One scan of one target; create, run probes, then :meth:`aclose`."""

    def __init__(self, target: Target, options: ScanOptions) -> None:
        self.target = target
        self.options = options
        self._verified = HttpClient(options, target.host, verify=True)
        self._unverified: HttpClient | None = None
        self._cache: dict[_CacheKey, asyncio.Task[Response | FetchError]] = {}
        self._seen: list[Response] = []
        self._facts: dict[str, object] = {}
        self._jar: CookieJar = {}
        self._slots = asyncio.Semaphore(PARALLEL_REQUESTS)
        self.requests = 0
        """Requests sent (redirect hops each count), for the benchmark and tests."""

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
        method = method.upper()
        url = self.resolve(url_or_path)
        if url is None:
            return FetchError(str(url_or_path), "other",
                              f"not fetched: {url_or_path!r} is not on {self.target.host}")
        if method in ("GET", "HEAD") and not headers and data is None and not cookies:
            key = (method, url, follow_redirects)
            task = self._cache.get(key)
            if task is None:
                task = asyncio.ensure_future(self._send(method, url, follow_redirects))
                self._cache[key] = task
            # shield: a probe cancelled at the deadline must not cancel other probes' request
            return await asyncio.shield(task)
        return await self._send(method, url, follow_redirects, headers, data,
                                self._jar if cookies else None)

    async def home(self) -> Response | FetchError:
        return await self.fetch(self.target.url)

    def seen(self) -> Iterable[Response]:
        return list(self._seen)

    def note(self, key: str, value: object) -> None:
        self._facts[key] = value

    def fact(self, key: str) -> object | None:
        return self._facts.get(key)

    @property
    def facts(self) -> dict[str, object]:
        return dict(self._facts)

    def resolve(self, url_or_path: str) -> str | None:
        """An absolute URL on the scanned host, or None for anything else."""
        url = urljoin(self.target.url, url_or_path)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or (parts.hostname or "") != self.target.host:
            return None
        return url

    async def _send(
        self, method: str, url: str, follow_redirects: bool,
        headers: Mapping[str, str] | None = None, data: Mapping[str, str] | None = None,
        jar: CookieJar | None = None,
    ) -> Response | FetchError:
        async with self._slots:
            client = self._client()
            result = await client.request(method, url, follow_redirects=follow_redirects,
                                          headers=headers, data=data, jar=jar)
            if client.verify and self._host_tls_failure(result):
                assert isinstance(result, FetchError)
                self._facts.setdefault(TLS_ERROR, result.message)
                result = await self._client().request(
                    method, url, follow_redirects=follow_redirects, headers=headers,
                    data=data, jar=jar)
        self._record(result)
        return result

    def _client(self) -> HttpClient:
        if TLS_ERROR in self._facts:
            if self._unverified is None:
                self._unverified = HttpClient(self.options, self.target.host, verify=False)
            return self._unverified
        return self._verified

    def _host_tls_failure(self, result: Response | FetchError) -> bool:
        return (isinstance(result, FetchError) and result.kind == "tls"
                and (urlsplit(result.url).hostname or "") == self.target.host)

    def _record(self, result: Response | FetchError) -> None:
        chain = result.history if isinstance(result, FetchError) else result.chain
        self._seen.extend(chain)
        self.requests += len(chain) or 1

    async def aclose(self) -> None:
        for task in self._cache.values():
            task.cancel()
        await asyncio.gather(*self._cache.values(), return_exceptions=True)
        await self._verified.aclose()
        if self._unverified is not None:
            await self._unverified.aclose()
