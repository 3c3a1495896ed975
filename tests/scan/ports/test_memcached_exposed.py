from __future__ import annotations

import pytest

from ponyguard.scan.ports import Access
from tests.scan.fakes import assert_finds, assert_silent

from .servers import free_port, memcached_server, redis_server, silent, tcp_server

pytestmark = pytest.mark.network


def test_fires_critical_on_memcached(scan) -> None:
    with memcached_server() as port:
        results, findings = scan({"memcached": port})
    [result] = results
    assert result.access is Access.OPEN and result.version
    assert_finds(findings, "PG902", severity="critical", key=f"memcached:{port}",
                 url=f"memcached://127.0.0.1:{port}", message_contains=result.version)


def test_fires_high_when_sasl_style_auth_is_required(scan) -> None:
    def authenticating(conn) -> None:
        conn.recv(1024)
        conn.sendall(b"CLIENT_ERROR unauthenticated\r\n")

    with tcp_server(authenticating) as port:
        results, findings = scan({"memcached": port})
    assert results[0].access is Access.AUTH_REQUIRED
    assert_finds(findings, "PG902", severity="high")


def test_silent_on_refused_silent_and_foreign_ports(scan) -> None:
    assert_silent(scan({"memcached": free_port()})[1], "PG902")
    with tcp_server(silent) as port:
        assert_silent(scan({"memcached": port}, timeout=0.5)[1], "PG902")
    with redis_server() as port:
        assert_silent(scan({"memcached": port}, timeout=1.0)[1], "PG902")
