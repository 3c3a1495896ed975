"""Inspect one TLS endpoint: a verifying handshake, then every test handshake concurrently."""

from __future__ import annotations

import asyncio
import ssl
from dataclasses import replace
from datetime import datetime, timezone

from .capability import can_offer_suites, can_offer_version
from .certificate import CertificateInfo
from .ciphers import WEAK_FAMILIES, WeakFamily
from .contexts import NORMAL_OFFER, VERSIONS, pinned, tls12_only_suites, unverified, verifying
from .handshake import Outcome, handshake
from .report import CipherCheck, HandshakeSummary, Status, TlsReport, VersionCheck


class _Endpoint:
    def __init__(self, host: str, port: int, server_name: str | None, timeout: float) -> None:
        self.host, self.port, self.server_name, self.timeout = host, port, server_name, timeout

    async def handshake(self, context: ssl.SSLContext) -> Outcome:
        return await asyncio.to_thread(handshake, self.host, self.port, context,
                                       self.server_name, self.timeout)


async def inspect_tls(host: str, port: int, *, server_name: str | None = None,
                      ca_bundle: str | None = None, timeout: float = 5.0) -> TlsReport:
    """Connect to ``host:port`` and find out everything the PG8xx rules judge.

    ``server_name`` is sent as SNI and is the name the certificate must match (default:
    ``host``). ``ca_bundle`` replaces the system trust store. Each handshake is bounded by
    ``timeout``; the first one runs alone, the others together, so the whole takes about two
    timeouts at worst. Never raises for network trouble: it is in the report.
    """
    server_name = server_name if server_name is not None else host
    endpoint = _Endpoint(host, port, server_name, timeout)
    checked_at = datetime.now(timezone.utc)
    first = await endpoint.handshake(verifying(ca_bundle))
    base = TlsReport(host, port, server_name, checked_at)
    if first.unreachable is not None:
        return replace(base, reachable=False, error=first.unreachable)
    if first.refused is not None:
        # no common version or suite even at security level 0, or not TLS at all
        return replace(base, error=first.refused)
    if first.chain_error is not None:
        first = await _unverified_retry(endpoint, first)
    certificate = CertificateInfo.from_der(first.der) if first.der else None
    versions, ciphers, preferred = await asyncio.gather(
        _check_versions(endpoint), _check_ciphers(endpoint), _preferred_tls12(endpoint))
    return replace(base, negotiated=first.summary, certificate=certificate,
                    chain_error=first.chain_error, versions=versions, ciphers=ciphers,
                    preferred_tls12=preferred)


async def _unverified_retry(endpoint: _Endpoint, failed: Outcome) -> Outcome:
    """The chain did not verify: fetch the certificate without verification."""
    again = await endpoint.handshake(unverified())
    return Outcome(summary=again.summary, der=again.der, chain_error=failed.chain_error)


async def _check_versions(endpoint: _Endpoint) -> tuple[VersionCheck, ...]:
    names = list(VERSIONS)
    return tuple(await asyncio.gather(*(_check_version(endpoint, name) for name in names)))


async def _check_version(endpoint: _Endpoint, name: str) -> VersionCheck:
    if not can_offer_version(name):
        return VersionCheck(name, Status.NOT_TESTED,
                            f"the local OpenSSL ({ssl.OPENSSL_VERSION}) cannot offer {name}")
    outcome = await endpoint.handshake(pinned(name))
    status, detail = _status(outcome)
    return VersionCheck(name, status, detail)


async def _check_ciphers(endpoint: _Endpoint) -> tuple[CipherCheck, ...]:
    return tuple(await asyncio.gather(*(_check_family(endpoint, f) for f in WEAK_FAMILIES)))


async def _check_family(endpoint: _Endpoint, family: WeakFamily) -> CipherCheck:
    if not can_offer_suites(family.openssl):
        return CipherCheck(family.name, Status.NOT_TESTED,
                           detail=f"the local OpenSSL cannot offer {family.name} suites")
    outcome = await endpoint.handshake(tls12_only_suites(family.openssl))
    status, detail = _status(outcome)
    summary = outcome.summary
    return CipherCheck(family.name, status, summary.cipher if summary else None,
                       summary.version if summary else None, detail)


async def _preferred_tls12(endpoint: _Endpoint) -> HandshakeSummary | None:
    outcome = await endpoint.handshake(unverified(NORMAL_OFFER, ssl.TLSVersion.MINIMUM_SUPPORTED,
                                                  ssl.TLSVersion.TLSv1_2))
    return outcome.summary


def _status(outcome: Outcome) -> tuple[Status, str]:
    if outcome.summary is not None:
        return Status.ACCEPTED, f"{outcome.summary.version} {outcome.summary.cipher}"
    if outcome.refused is not None:
        if outcome.local:
            return Status.NOT_TESTED, outcome.refused
        return Status.REJECTED, outcome.refused
    return Status.UNKNOWN, outcome.unreachable or outcome.refused or ""

