"""Severity by access, shared by the PG9xx rules."""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding, Location
from ....core.rule import Rule
from ....core.severity import Severity
from ...ports import Access, ServiceResult

SERVICE_TARGET = "service"
"""The target PG9xx rules register on: ``check(result: ServiceResult)``."""

SEVERITY = {
    Access.OPEN: Severity.CRITICAL,
    Access.AUTH_REQUIRED: Severity.HIGH,
    Access.UNKNOWN: Severity.HIGH,
    Access.RESTRICTED: Severity.MEDIUM,
}
WHAT = {
    Access.OPEN: "answers without authentication",
    Access.AUTH_REQUIRED: "is reachable (it asks for credentials)",
    Access.UNKNOWN: "is reachable",
    Access.RESTRICTED: "is reachable (it refuses this client, but listens on the network)",
}


def report(rule: Rule, service: str, label: str, result: ServiceResult,
           fix: dict[Access, str] | None = None) -> Iterator[Finding]:
    if result.service != service:
        return
    version = f" {result.version}" if result.version else ""
    yield rule.finding(
        f"{label}{version} on port {result.port} {WHAT[result.access]}",
        Location(url=result.url), key=f"{service}:{result.port}",
        severity=SEVERITY[result.access], evidence=result.detail or None,
        fix=(fix or {}).get(result.access))
