"""From what the user typed to a :class:`~ponyguard.scan.probe.Target`.

``example.com`` means ``https://example.com/``: a scan checks the site people should reach,
and the HTTP → HTTPS redirect is checked on its own. User info in the URL is refused (use
``--auth``), so a password never ends up in a finding's location.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from ..core.errors import InputError
from .probe import Target

DEFAULT_PORTS = {"https": 443, "http": 80}


def parse_target(text: str) -> Target:
    """Normalise ``text`` into a target, or raise :class:`InputError` saying what is wrong."""
    raw = text.strip()
    if not raw:
        raise InputError("empty URL")
    if "://" not in raw:
        raw = "https://" + raw
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise InputError(f"{text!r}: only http:// and https:// URLs can be scanned")
    if parts.username is not None or parts.password is not None:
        raise InputError(f"{parts.hostname or text!r}: put credentials in --auth, not in the URL")
    host = (parts.hostname or "").lower()
    if not host:
        raise InputError(f"{text!r} has no host name")
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError:
        raise InputError(f"{text!r} has an invalid port") from None
    shown_host = f"[{host}]" if ":" in host else host
    netloc = shown_host if port == DEFAULT_PORTS[scheme] else f"{shown_host}:{port}"
    url = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
    return Target(url=url, scheme=scheme, host=host, port=port)
