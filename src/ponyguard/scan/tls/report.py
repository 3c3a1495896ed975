"""What :func:`~ponyguard.scan.tls.inspect_tls` found: plain values the PG8xx rules judge."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from .certificate import CertificateInfo


class Status(enum.Enum):
    """The outcome of one handshake made to test one thing."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    NOT_TESTED = "not tested"
    """The local OpenSSL cannot offer it, so the server's answer would mean nothing."""
    UNKNOWN = "unknown"
    """The connection failed or timed out: no conclusion either way."""


@dataclass(frozen=True, slots=True)
class HandshakeSummary:
    """A handshake that completed: what was negotiated."""

    version: str
    """``TLSv1.3``, ``TLSv1.2``… as :meth:`ssl.SSLSocket.version` names it."""
    cipher: str
    """The OpenSSL suite name, e.g. ``ECDHE-RSA-AES128-GCM-SHA256``."""


@dataclass(frozen=True, slots=True)
class ChainError:
    """Why the certificate chain did not verify (OpenSSL's verify code and message)."""

    code: int
    message: str


@dataclass(frozen=True, slots=True)
class VersionCheck:
    version: str
    """``TLS 1.0`` … ``TLS 1.3``."""
    status: Status
    detail: str = ""


@dataclass(frozen=True, slots=True)
class CipherCheck:
    """Whether the server accepts a family of weak suites when offered nothing else."""

    family: str
    """``NULL``, ``anonymous``, ``EXPORT``, ``RC4``, ``3DES``, ``CBC-SHA1``."""
    status: Status
    cipher: str | None = None
    """The suite the server picked when it accepted."""
    protocol: str | None = None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class TlsReport:
    """Everything learned about one TLS endpoint."""

    host: str
    port: int
    server_name: str | None
    checked_at: datetime
    """When the handshakes ran (UTC); expiry is judged against it."""
    reachable: bool = True
    """False when no TCP connection could be made: nothing else was tested."""
    error: str | None = None
    """Why no handshake completed at all (the server does not speak TLS, or no common ground)."""
    negotiated: HandshakeSummary | None = None
    certificate: CertificateInfo | None = None
    chain_error: ChainError | None = None
    versions: tuple[VersionCheck, ...] = ()
    ciphers: tuple[CipherCheck, ...] = ()
    preferred_tls12: HandshakeSummary | None = None
    """The suite the server picks at TLS ≤ 1.2 from a normal offer (forward secrecy check)."""
    notes: tuple[str, ...] = field(default=())

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = "" if self.port == 443 else f":{self.port}"
        return f"https://{host}{port}/"

    def version(self, name: str) -> VersionCheck | None:
        return next((check for check in self.versions if check.version == name), None)
