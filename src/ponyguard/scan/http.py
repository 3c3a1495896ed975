"""What a probe sees of one HTTP exchange: an immutable, size-capped snapshot.

The engine (:mod:`ponyguard.scan.client`) builds these; probes only read them, so every probe
works on the same bytes and none can trigger another request by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class Response:
    """One HTTP response as received (after decompression, capped)."""

    url: str
    """The URL that was requested for this response (for a redirect hop: that hop's URL)."""
    method: str
    status: int
    headers: tuple[tuple[str, str], ...]
    """Every header line in order, names as sent; repeated headers appear repeatedly."""
    body: bytes = b""
    truncated: bool = False
    """The body was longer than the cap (or its decompressed size was) and was cut."""
    http_version: str = "HTTP/1.1"
    elapsed: float = 0.0
    history: tuple[Response, ...] = field(default=())
    """Redirect hops that led here, first hop first (their bodies are not kept)."""

    def header(self, name: str) -> str | None:
        """The first value of header ``name`` (case-insensitive), or None."""
        lowered = name.lower()
        return next((v for k, v in self.headers if k.lower() == lowered), None)

    def header_all(self, name: str) -> list[str]:
        lowered = name.lower()
        return [v for k, v in self.headers if k.lower() == lowered]

    @property
    def set_cookies(self) -> list[str]:
        """Every raw ``Set-Cookie`` value of this response (not of its history)."""
        return self.header_all("set-cookie")

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower-case (``text/html``), or ``""``."""
        value = self.header("content-type") or ""
        return value.split(";", 1)[0].strip().lower()

    @property
    def charset(self) -> str:
        message = Message()
        message["content-type"] = self.header("content-type") or ""
        return message.get_content_charset() or "utf-8"

    @property
    def text(self) -> str:
        """The body decoded with its declared charset (errors replaced)."""
        try:
            return self.body.decode(self.charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")

    @property
    def is_redirect(self) -> bool:
        return self.status in (301, 302, 303, 307, 308) and self.header("location") is not None

    @property
    def scheme(self) -> str:
        return urlsplit(self.url).scheme

    @property
    def chain(self) -> tuple[Response, ...]:
        """Every response of this exchange: the redirect hops, then this one."""
        return (*self.history, self)


@dataclass(frozen=True, slots=True)
class FetchError:
    """A request that produced no HTTP response: refused, timed out, TLS failure, garbage."""

    url: str
    kind: str
    """``"timeout"``, ``"connect"``, ``"tls"``, ``"protocol"``, ``"too-many-redirects"``,
    ``"deadline"`` or ``"other"``."""
    message: str
    """One line, for the report."""
    history: tuple[Response, ...] = field(default=())
    """Redirect hops received before the failure (a redirect loop's hops), first hop first."""

    @property
    def status(self) -> None:
        return None
