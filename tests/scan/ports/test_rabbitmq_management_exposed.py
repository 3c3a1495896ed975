from __future__ import annotations

import pytest

from ponyguard.scan.ports import Access
from tests.scan.fakes import assert_finds, assert_silent

from .http_fakes import http_answer
from .servers import free_port, silent, tcp_server

pytestmark = pytest.mark.network


def test_fires_high_on_the_management_api_login(scan) -> None:
    answer = http_answer(401, {"error": "not_authorized"},
                         www_authenticate='Basic realm="RabbitMQ Management"')
    with tcp_server(answer) as port:
        results, findings = scan({"rabbitmq": port})
    assert results[0].access is Access.AUTH_REQUIRED
    assert_finds(findings, "PG907", severity="high", url=f"http://127.0.0.1:{port}")


def test_fires_critical_when_the_api_answers_without_credentials(scan) -> None:
    overview = {"rabbitmq_version": "3.13.7", "management_version": "3.13.7"}
    with tcp_server(http_answer(200, overview)) as port:
        results, findings = scan({"rabbitmq": port})
    assert results[0].version == "3.13.7"
    assert_finds(findings, "PG907", severity="critical")


def test_silent_on_other_servers_and_closed_ports(scan) -> None:
    assert_silent(scan({"rabbitmq": free_port()})[1], "PG907")
    with tcp_server(silent) as port:
        assert_silent(scan({"rabbitmq": port}, timeout=0.5)[1], "PG907")
    with tcp_server(http_answer(404, b"<h1>Not Found</h1>")) as port:
        assert_silent(scan({"rabbitmq": port})[1], "PG907")
