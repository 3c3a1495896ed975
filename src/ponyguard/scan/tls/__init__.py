"""TLS inspection with the standard :mod:`ssl` module and ``cryptography`` (no sslyze).

:func:`inspect_tls` connects to one ``host:port`` and returns a :class:`TlsReport`: the leaf
certificate (parsed), whether its chain verifies against the system store or a CA bundle,
which protocol versions the server accepts, whether it accepts weak cipher suites and whether
its preferred TLS ≤ 1.2 suite has forward secrecy. The PG8xx rules judge that report; the
``tls`` probe glues both to a scan.

What the local OpenSSL cannot offer (TLS 1.0 under a security level, RC4, export suites…) is
reported as *not tested*, never as *not supported by the server*.
"""

from __future__ import annotations

from .certificate import CertificateInfo, matches_hostname
from .inspect import inspect_tls
from .report import (
    ChainError,
    CipherCheck,
    HandshakeSummary,
    Status,
    TlsReport,
    VersionCheck,
)

__all__ = [
    "CertificateInfo",
    "ChainError",
    "CipherCheck",
    "HandshakeSummary",
    "Status",
    "TlsReport",
    "VersionCheck",
    "inspect_tls",
    "matches_hostname",
]
