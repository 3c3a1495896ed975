"""The PG8xx probe: inspect the site's TLS endpoint and judge it with the PG8xx rules."""

from __future__ import annotations

from ...core.finding import Finding
from ...core.registry import load_rules
from ..probe import ScanContext, probe
from ..rules.tls._support import TLS_TARGET
from ..tls import Status, TlsReport, inspect_tls

TLS_RULES = ("PG801", "PG802", "PG803", "PG804", "PG805", "PG806", "PG807", "PG808", "PG809",
             "PG810")
DEFAULT_HTTPS_PORT = 443


def tls_port(ctx: ScanContext) -> int:
    if ctx.target.scheme == "https":
        return ctx.target.port
    return ctx.options.https_port or DEFAULT_HTTPS_PORT


def judge(report: TlsReport) -> list[Finding]:
    """Every PG8xx finding for ``report`` (nothing when no TLS handshake completed)."""
    if report.negotiated is None:
        return []
    return [finding for rule in load_rules().with_target(TLS_TARGET)
            for finding in rule.run(TLS_TARGET, report)]


@probe("tls", rules=TLS_RULES)
async def tls_probe(ctx: ScanContext) -> list[Finding]:
    report = await inspect_tls(ctx.target.host, tls_port(ctx), server_name=ctx.target.host,
                               ca_bundle=ctx.options.ca_bundle, timeout=ctx.options.timeout)
    ctx.note("tls_report", report)
    not_tested = [c.family for c in report.ciphers if c.status is Status.NOT_TESTED]
    if not_tested:
        ctx.note("tls_ciphers_not_tested", not_tested)
    if _modern_only(report):
        ctx.note("bonus:tls-1.3", True)
    # No handshake at all: the engine reports the unreachable or non-TLS site (PG0xx); a plain
    # HTTP target without HTTPS is the HTTPS probe's finding, not a TLS one.
    return judge(report)


def _modern_only(report: TlsReport) -> bool:
    """TLS 1.3 accepted and neither 1.0 nor 1.1 (each tested and refused)."""
    status = {check.version: check.status for check in report.versions}
    return (status.get("TLS 1.3") is Status.ACCEPTED
            and all(status.get(v) is Status.REJECTED for v in ("TLS 1.0", "TLS 1.1")))
