"""The ``ports`` probe on a scan context: port_map, --no-ports, several services at once."""

from __future__ import annotations

import pytest

from ponyguard.scan.ports import DEFAULT_PORTS, ports_to_probe
from ponyguard.scan.probe import ScanOptions
from ponyguard.scan.probes.ports import ports_probe
from tests.scan.fakes import FakeContext, assert_finds, run_probe

from .servers import free_port, memcached_server, redis_server, silent, tcp_server

pytestmark = pytest.mark.network

NOTHING_ELSE = tuple((service, 0) for service in DEFAULT_PORTS)


def _options(*pairs: tuple[str, int], ports: bool = True) -> ScanOptions:
    return ScanOptions(ports=ports, timeout=1.0, port_map=NOTHING_ELSE + pairs)


def test_port_map_overrides_and_zero_skips() -> None:
    assert ports_to_probe({"redis": 7000, "mysql": 0, "nonsense": 1})["redis"] == 7000
    assert "mysql" not in ports_to_probe({"mysql": 0})
    assert ports_to_probe() == DEFAULT_PORTS


def test_reports_every_exposed_service_of_the_host() -> None:
    with redis_server() as redis_port, memcached_server() as memcached_port, \
            tcp_server(silent) as silent_port:
        ctx = FakeContext("https://127.0.0.1/", options=_options(
            ("redis", redis_port), ("memcached", memcached_port), ("mysql", silent_port),
            ("postgresql", free_port())))
        findings = run_probe(ports_probe, ctx)
    assert {f.rule.id for f in findings} == {"PG901", "PG902"}
    assert_finds(findings, "PG901", severity="critical")
    assert_finds(findings, "PG902", severity="critical")
    assert {r.service for r in ctx.fact("services")} == {"redis", "memcached"}


def test_no_ports_option_skips_the_probe() -> None:
    with redis_server() as port:
        ctx = FakeContext("https://127.0.0.1/", options=_options(("redis", port), ports=False))
        assert run_probe(ports_probe, ctx) == []
    assert ctx.fact("services") is None
