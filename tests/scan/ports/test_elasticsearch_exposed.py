from __future__ import annotations

import pytest

from ponyguard.scan.ports import Access
from tests.scan.fakes import assert_finds, assert_silent

from .http_fakes import http_answer
from .servers import free_port, silent, tcp_server

pytestmark = pytest.mark.network

ES_ROOT = {"name": "node-1", "cluster_name": "search", "version": {"number": "8.15.0"},
           "tagline": "You Know, for Search"}


def test_fires_critical_when_the_root_answers_without_auth(scan) -> None:
    with tcp_server(http_answer(200, ES_ROOT, content_type="application/json")) as port:
        results, findings = scan({"elasticsearch": port})
    assert results[0].access is Access.OPEN and results[0].version == "8.15.0"
    assert_finds(findings, "PG906", severity="critical", url=f"http://127.0.0.1:{port}")


def test_fires_high_when_security_asks_for_credentials(scan) -> None:
    answer = http_answer(401, {"error": "security_exception"},
                         www_authenticate='Basic realm="security" charset="UTF-8"')
    with tcp_server(answer) as port:
        results, findings = scan({"elasticsearch": port})
    assert results[0].access is Access.AUTH_REQUIRED
    assert_finds(findings, "PG906", severity="high")


def test_silent_on_other_http_servers_and_closed_ports(scan) -> None:
    assert_silent(scan({"elasticsearch": free_port()})[1], "PG906")
    with tcp_server(silent) as port:
        assert_silent(scan({"elasticsearch": port}, timeout=0.5)[1], "PG906")
    # a JSON API that is not Elasticsearch, and a Basic-auth page of something else
    with tcp_server(http_answer(200, {"name": "api", "tagline": "hello"})) as port:
        assert_silent(scan({"elasticsearch": port})[1], "PG906")
    with tcp_server(http_answer(401, b"no", www_authenticate='Basic realm="admin"')) as port:
        assert_silent(scan({"elasticsearch": port})[1], "PG906")
