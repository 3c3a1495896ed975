"""What a service probe learned about one port."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Access(enum.Enum):
    OPEN = "open"
    """Commands work without credentials."""
    AUTH_REQUIRED = "auth required"
    """The service answered and asked for credentials."""
    RESTRICTED = "restricted"
    """The service answered but refuses this client (host not allowed, protected mode)."""
    UNKNOWN = "unknown"
    """Recognised; whether it needs credentials could not be told without trying some."""


@dataclass(frozen=True, slots=True)
class ServiceResult:
    """A service recognised by its protocol on ``host:port``."""

    service: str
    """``redis``, ``memcached``, ``postgresql``, ``mysql``, ``mongodb``, ``elasticsearch``,
    ``rabbitmq``."""
    host: str
    port: int
    access: Access
    version: str | None = None
    detail: str = ""
    """One line of evidence (the answer that identified it), never a secret."""
    scheme: str = ""
    """URL scheme for the report (``redis``, ``http``…); defaults to the service name."""

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme or self.service}://{host}:{self.port}"
