"""The PG9xx probe: look for database, cache, search and broker services on the site's host."""

from __future__ import annotations

from ...core.finding import Finding
from ...core.registry import load_rules
from ..ports import ServiceResult, ports_to_probe, scan_services
from ..probe import ScanContext, probe
from ..rules.network._support import SERVICE_TARGET

PORT_RULES = ("PG901", "PG902", "PG903", "PG904", "PG905", "PG906", "PG907")
MAX_TIMEOUT = 3.0
"""Service ports get a shorter timeout than pages: a firewalled port just stays silent."""


def judge(results: list[ServiceResult]) -> list[Finding]:
    rules = load_rules().with_target(SERVICE_TARGET)
    return [finding for result in results for rule in rules
            for finding in rule.run(SERVICE_TARGET, result)]


@probe("ports", rules=PORT_RULES)
async def ports_probe(ctx: ScanContext) -> list[Finding]:
    if not ctx.options.ports:
        return []
    ports = ports_to_probe(dict(ctx.options.port_map))
    timeout = min(ctx.options.timeout, MAX_TIMEOUT)
    results = await scan_services(ctx.target.host, ports, timeout)
    ctx.note("services", results)
    return judge(results)
