from __future__ import annotations

import pytest

from ponyguard.scan.ports import Access
from tests.scan.fakes import assert_finds, assert_silent

from .servers import free_port, memcached_server, redis_server, silent, tcp_server

pytestmark = pytest.mark.network


def test_fires_critical_on_a_redis_without_password(scan) -> None:
    with redis_server() as port:
        results, findings = scan({"redis": port})
    [result] = results
    assert result.access is Access.OPEN and result.version and result.version[0].isdigit()
    [finding] = assert_finds(findings, "PG901", severity="critical", key=f"redis:{port}",
                             url=f"redis://127.0.0.1:{port}")
    assert "without authentication" in finding.message
    assert "requirepass" in finding.fix_text


def test_fires_high_on_a_redis_with_requirepass(scan) -> None:
    with redis_server(password="s3cret-test-pass") as port:
        results, findings = scan({"redis": port})
    assert results[0].access is Access.AUTH_REQUIRED
    assert_finds(findings, "PG901", severity="high", message_contains="asks for credentials")
    assert all("s3cret" not in (f.evidence or "") + f.message for f in findings)


def test_silent_on_a_refused_port(scan) -> None:
    results, findings = scan({"redis": free_port()})
    assert results == []
    assert_silent(findings, "PG901")


def test_silent_on_a_port_that_stays_silent(scan) -> None:
    with tcp_server(silent) as port:
        results, findings = scan({"redis": port}, timeout=0.5)
    assert results == []
    assert_silent(findings, "PG901")


def test_silent_on_another_service(scan) -> None:
    with memcached_server() as port:
        _, findings = scan({"redis": port}, timeout=1.0)
    assert_silent(findings, "PG901")
