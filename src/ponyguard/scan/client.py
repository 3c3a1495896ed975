"""The hardened HTTP client under every probe: bounded, cookie-less, never raising.

Built on an httpx transport (HTTP/1.1 and HTTP/2), used directly so that nothing happens
behind the scan's back: no cookie jar, no automatic redirects, no automatic decompression,
no proxy from the environment. On top of it:

* **timeouts**: every phase (connect, each read) is bounded by ``ScanOptions.timeout``, and so
  is the whole exchange; a body still dripping in when that time is up is kept as far as it
  came and marked ``truncated`` (a slow drip is a result, not a hang);
* **caps**: at most ``max_body`` bytes are kept *after* decompression, and decompression
  itself stops there (``zlib``'s ``max_length``), so a gzip bomb costs a few kilobytes of
  reading, never the memory it would expand to;
* **redirects** are followed here, one hop at a time, up to ``max_redirects``; every hop is a
  :class:`~ponyguard.scan.http.Response` in ``history`` and a loop (a URL seen twice) is
  reported as soon as it closes, with the hops that make it;
* **identity**: a User-Agent naming ponyguard and its project page; the user's ``--header``,
  ``--cookie`` and ``--auth`` only go to the scanned host, never to a host a redirect leads to;
* **errors**: refused, timed out, TLS failure, garbage instead of HTTP… each becomes a
  :class:`~ponyguard.scan.http.FetchError`, never an exception.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import ssl
import time
import zlib
from collections.abc import Mapping, MutableMapping
from http.cookies import CookieError, SimpleCookie
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__
from ..core.rule import PROJECT_URL
from .http import FetchError, Response
from .probe import ScanOptions

USER_AGENT = f"ponyguard/{__version__} (+{PROJECT_URL})"
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ACCEPT_ENCODING = "gzip, deflate"
MAX_CONNECTIONS = 8
_REDIRECT_TO_GET = {301, 302, 303}

CookieJar = MutableMapping[str, str]
"""Cookies carried along a login flow: name → value (``fetch(..., cookies=True)``)."""


def ssl_context(options: ScanOptions, *, verify: bool) -> ssl.SSLContext:
    """The client's TLS context: the system store (or ``--ca-bundle``), or no checks at all.

    The unverified context also accepts every protocol version and cipher the local OpenSSL
    still has, so the HTTP probes can look at a site whose TLS is old or broken (the TLS
    probes report that separately).
    """
    if verify:
        return ssl.create_default_context(cafile=options.ca_bundle)
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
    with contextlib.suppress(ssl.SSLError):  # an OpenSSL without security levels
        context.set_ciphers("ALL:@SECLEVEL=0")
    context.set_alpn_protocols(["h2", "http/1.1"])
    return context


class HttpClient:
    """One connection pool, verified or not, for the requests of one scan."""

    def __init__(self, options: ScanOptions, scanned_host: str, *, verify: bool = True) -> None:
        self.options = options
        self.scanned_host = scanned_host.lower()
        self.verify = verify
        self._transport = httpx.AsyncHTTPTransport(
            verify=ssl_context(options, verify=verify), http2=True, trust_env=False,
            retries=0, limits=httpx.Limits(max_connections=MAX_CONNECTIONS,
                                           max_keepalive_connections=MAX_CONNECTIONS),
        )

    async def aclose(self) -> None:
        with contextlib.suppress(Exception):  # closing a broken pool must not fail the scan
            await self._transport.aclose()

    async def request(
        self,
        method: str,
        url: str,
        *,
        follow_redirects: bool = True,
        headers: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        jar: CookieJar | None = None,
    ) -> Response | FetchError:
        """One exchange, redirects followed unless told not to. Never raises for the network."""
        hops: list[Response] = []
        visited = {(method, url)}
        while True:
            result = await self._exchange(method, url, headers, data, jar)
            if isinstance(result, FetchError) or not (follow_redirects and result.is_redirect):
                return _with_history(result, hops)
            target = _next_url(url, result.header("location") or "")
            if target is None:
                return _with_history(result, hops)
            hops.append(_without_body(result))
            if result.status in _REDIRECT_TO_GET and method not in ("GET", "HEAD"):
                method, data = "GET", None
            if (method, target) in visited:
                chain = " → ".join([h.url for h in hops] + [target])
                return FetchError(target, "too-many-redirects", f"redirect loop: {chain}",
                                  history=tuple(hops))
            if len(hops) >= self.options.max_redirects:
                return FetchError(target, "too-many-redirects",
                                  f"more than {self.options.max_redirects} redirects",
                                  history=tuple(hops))
            visited.add((method, target))
            url = target

    async def _exchange(
        self, method: str, url: str, headers: Mapping[str, str] | None,
        data: Mapping[str, str] | None, jar: CookieJar | None,
    ) -> Response | FetchError:
        try:
            request = httpx.Request(method, url, headers=self._headers(url, headers, jar),
                                    data=dict(data) if data is not None else None)
        except Exception as exc:  # an unusable URL from a page or a probe
            return FetchError(url, "other", f"invalid request: {exc}")
        timeout = self.options.timeout
        request.extensions["timeout"] = dict.fromkeys(("connect", "read", "write", "pool"),
                                                      timeout)
        started = time.perf_counter()
        try:
            raw = await asyncio.wait_for(self._transport.handle_async_request(request), timeout)
        except Exception as exc:  # every failure becomes a FetchError
            return fetch_error(url, exc)
        try:
            remaining = max(0.0, started + timeout - time.perf_counter())
            body, truncated = await read_body(raw, self.options.max_body, remaining)
        finally:
            await _close(raw)
        response = Response(
            url=url, method=method, status=raw.status_code,
            headers=tuple((k.decode("latin-1"), v.decode("latin-1"))
                          for k, v in raw.headers.raw),
            body=body, truncated=truncated, http_version=_http_version(raw),
            elapsed=time.perf_counter() - started,
        )
        if jar is not None:
            remember_cookies(jar, response)
        return response

    def _headers(self, url: str, extra: Mapping[str, str] | None,
                 jar: CookieJar | None) -> dict[str, str]:
        headers = {"User-Agent": self.options.user_agent or USER_AGENT, "Accept": ACCEPT,
                   "Accept-Encoding": ACCEPT_ENCODING}
        cookies: dict[str, str] = {}
        if (urlsplit(url).hostname or "").lower() == self.scanned_host:
            headers.update(self.options.headers)
            cookies.update(self.options.cookies)
            if self.options.auth is not None:
                token = base64.b64encode(":".join(self.options.auth).encode()).decode("ascii")
                headers["Authorization"] = f"Basic {token}"
        if jar is not None:
            cookies.update(jar)
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        headers.update(extra or {})
        return headers


async def read_body(raw: httpx.Response, cap: int, seconds: float) -> tuple[bytes, bool]:
    """Up to ``cap`` decoded bytes of ``raw``'s body within ``seconds``, and whether it was cut.

    A body that times out, breaks off or does not decompress is kept as far as it got and
    reported truncated.
    """
    decoder = Decoder(raw.headers.get("content-encoding", ""))
    kept = bytearray()

    async def pump() -> bool:
        async for chunk in raw.aiter_raw():
            kept.extend(decoder.feed(chunk, cap - len(kept) + 1))
            if len(kept) > cap:
                return True
        return False

    try:
        truncated = await asyncio.wait_for(pump(), seconds)
    except Exception:  # timeout, reset, bad compressed data: keep what came
        truncated = True
    return bytes(kept[:cap]), truncated


class Decoder:
    """Incremental ``Content-Encoding`` decoding whose output per call is bounded."""

    def __init__(self, encoding: str) -> None:
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
        self.kind = codings[0] if len(codings) == 1 else "identity"
        self._inflater: zlib._Decompress | None = None
        if self.kind in ("gzip", "x-gzip"):
            self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)

    def feed(self, data: bytes, limit: int) -> bytes:
        """Decode ``data``; at most ``limit`` bytes come out (the rest is abandoned)."""
        if self.kind == "deflate" and self._inflater is None and data:
            # "deflate" is zlib-wrapped by the RFC, raw deflate from some servers.
            wbits = zlib.MAX_WBITS if _zlib_header(data) else -zlib.MAX_WBITS
            self._inflater = zlib.decompressobj(wbits)
        if self._inflater is None:
            return data[:limit]
        return self._inflater.decompress(self._inflater.unconsumed_tail + data, max(1, limit))


def _zlib_header(data: bytes) -> bool:
    return len(data) >= 2 and data[0] & 0x0F == 8 and ((data[0] << 8) | data[1]) % 31 == 0


def fetch_error(url: str, exc: BaseException) -> FetchError:
    """The :class:`FetchError` for an exception raised while talking to ``url``."""
    detail = _describe(exc)
    if _tls_cause(exc) is not None:
        return FetchError(url, "tls", f"TLS failure: {_describe(_tls_cause(exc))}")
    if isinstance(exc, (httpx.TimeoutException, asyncio.TimeoutError, TimeoutError)):
        return FetchError(url, "timeout", f"timed out: {detail}" if str(exc) else "timed out")
    if isinstance(exc, httpx.ProtocolError):
        return FetchError(url, "protocol", f"not a valid HTTP response: {detail}")
    if isinstance(exc, (httpx.ConnectError, httpx.NetworkError, ConnectionError, OSError)):
        root = _root_os_error(exc)
        reason = os.strerror(root.errno) if root is not None and root.errno else detail
        return FetchError(url, "connect", f"connection failed: {reason.lower()}")
    return FetchError(url, "other", detail)


def _tls_cause(exc: BaseException) -> BaseException | None:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLError):
            return current
        current = current.__cause__ or current.__context__
    text = str(exc)
    if "CERTIFICATE_VERIFY_FAILED" in text or "[SSL" in text:
        return exc
    return None


def _root_os_error(exc: BaseException) -> OSError | None:
    """The innermost OSError with an errno (``Connection refused``) under ``exc``."""
    found = None
    current: BaseException | None = exc
    for _ in range(10):
        if current is None:
            break
        if isinstance(current, OSError) and current.errno is not None:
            found = current
        current = current.__cause__ or current.__context__
    return found


def _describe(exc: BaseException | None) -> str:
    if exc is None:
        return ""
    if isinstance(exc, ssl.SSLCertVerificationError) and exc.verify_message:
        return f"certificate verify failed: {exc.verify_message}"
    text = " ".join(str(exc).split())
    return text[:300] or type(exc).__name__


def _next_url(current: str, location: str) -> str | None:
    try:
        target = urljoin(current, location.strip())
    except ValueError:
        return None
    if urlsplit(target).scheme not in ("http", "https"):
        return None
    return target.split("#", 1)[0]


def _without_body(response: Response) -> Response:
    return Response(url=response.url, method=response.method, status=response.status,
                    headers=response.headers, http_version=response.http_version,
                    elapsed=response.elapsed)


def _with_history(result: Response | FetchError, hops: list[Response]) -> Response | FetchError:
    if not hops:
        return result
    if isinstance(result, FetchError):
        return FetchError(result.url, result.kind, result.message, history=tuple(hops))
    return Response(url=result.url, method=result.method, status=result.status,
                    headers=result.headers, body=result.body, truncated=result.truncated,
                    http_version=result.http_version, elapsed=result.elapsed,
                    history=tuple(hops))


def remember_cookies(jar: CookieJar, response: Response) -> None:
    """Keep the cookies ``response`` sets (names and values only), forget deleted ones."""
    for line in response.set_cookies:
        parsed: SimpleCookie = SimpleCookie()
        try:
            parsed.load(line)
        except CookieError:
            continue
        for name, morsel in parsed.items():
            if morsel["max-age"] in ("0", "-1") or not morsel.value:
                jar.pop(name, None)
            else:
                jar[name] = morsel.value


def _http_version(raw: httpx.Response) -> str:
    version = raw.extensions.get("http_version", b"HTTP/1.1")
    return version.decode("ascii", "replace") if isinstance(version, bytes) else str(version)


async def _close(raw: httpx.Response) -> None:
    with contextlib.suppress(Exception):  # the connection is discarded either way
        await asyncio.wait_for(raw.aclose(), 1.0)
