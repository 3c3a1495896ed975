"""Families of weak TLS ≤ 1.2 cipher suites, as OpenSSL cipher strings, and forward secrecy."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WeakFamily:
    name: str
    openssl: str
    """The OpenSSL cipher string that selects only this family."""
    why: str


WEAK_FAMILIES = (
    WeakFamily("NULL", "eNULL", "no encryption at all"),
    WeakFamily("anonymous", "aNULL:!eNULL", "no server authentication (anyone can intercept)"),
    WeakFamily("EXPORT", "EXP", "export-grade keys, broken in minutes (FREAK, Logjam)"),
    WeakFamily("RC4", "RC4", "RC4 is broken (RFC 7465 forbids it)"),
    WeakFamily("3DES", "3DES", "64-bit blocks (Sweet32)"),
    WeakFamily("CBC-SHA1", "SHA1:!3DES:!RC4:!eNULL:!aNULL:!EXP",
               "CBC with SHA-1 MAC (Lucky13-style padding oracles), dropped by current profiles"),
)

_FORWARD_SECRET_PREFIXES = ("ECDHE-", "DHE-", "EDH-", "TLS_")
"""OpenSSL names (ephemeral key exchange); TLS 1.3 suites (``TLS_…``) are always forward secret."""


def has_forward_secrecy(cipher: str) -> bool:
    return cipher.upper().startswith(_FORWARD_SECRET_PREFIXES)
