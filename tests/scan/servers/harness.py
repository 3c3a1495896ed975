"""Run the real engine against the test servers: the whole scan, or chosen probes only.

For S2/S3 probe tests against live loopback servers::

    from tests.scan.servers.harness import run_probes, scan
    outcome = run_probes(site.https_url, "hsts", ca_bundle=pki.ca_bundle)
    assert [f.rule.id for f in outcome.findings] == [...]
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from ponyguard.core.config import Config
from ponyguard.core.result import RunResult
from ponyguard.scan.engine import TargetOutcome, load_probes, scan_target
from ponyguard.scan.probe import ScanOptions
from ponyguard.scan.runner import result_of
from ponyguard.scan.target import parse_target

TEST_DEFAULTS: dict[str, Any] = {"timeout": 2.0, "deadline": 20.0, "ports": False}


def options(**overrides: Any) -> ScanOptions:
    """Scan options for tests: short timeouts, no port probes unless asked, paths as str."""
    values = {**TEST_DEFAULTS, **overrides}
    if isinstance(values.get("ca_bundle"), Path):
        values["ca_bundle"] = str(values["ca_bundle"])
    return ScanOptions(**values)


def run_probes(url: str, *names: str, **overrides: Any) -> TargetOutcome:
    """Only the named probes (all when none are named) on ``url``, unfiltered."""
    probes = load_probes()
    unknown = [name for name in names if name not in probes]
    assert not unknown, f"no such probe(s): {unknown}; known: {sorted(probes)}"
    chosen = [probes[name] for name in names] if names else list(probes.values())
    return asyncio.run(scan_target(parse_target(url), options(**overrides), chosen))


def scan(url: str, *, config: Config | None = None, **overrides: Any) -> RunResult:
    """The whole scan of ``url`` as the CLI runs it (filters, grade), with test options."""
    from ponyguard.scan.engine import selected_probes

    config = config or Config()
    started = time.perf_counter()
    target = parse_target(url)
    outcome = asyncio.run(scan_target(target, options(**overrides), selected_probes(config)))
    return result_of(target, outcome, config, started)


def rule_ids(result: RunResult | TargetOutcome) -> set[str]:
    return {finding.rule.id for finding in result.findings}
