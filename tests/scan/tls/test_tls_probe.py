"""The ``tls`` probe on a scan context, and endpoints that are not TLS at all."""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading

import pytest

from ponyguard.scan.probe import ScanOptions
from ponyguard.scan.probes.tls import judge, tls_probe
from ponyguard.scan.tls import inspect_tls
from tests.scan.fakes import FakeContext, assert_finds, assert_silent, run_probe

from .certs import issue
from .servers import server_context, tls_server

pytestmark = pytest.mark.network


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_tls_1_3_only_site_scores_clean_and_earns_the_bonus(ca, bundle, tmp_path) -> None:
    context = server_context(issue(ca, tmp_path, ("127.0.0.1",)), lowest=ssl.TLSVersion.TLSv1_3)
    with tls_server(context) as port:
        ctx = FakeContext(f"https://127.0.0.1:{port}/", options=ScanOptions(ca_bundle=bundle))
        findings = run_probe(tls_probe, ctx)
    assert [f for f in findings if f.rule.id != "PG810"] == []
    assert ctx.fact("bonus:tls-1.3") is True
    assert ctx.fact("tls_report").negotiated.version == "TLSv1.3"


def test_findings_carry_the_endpoint_url(ca, bundle, tmp_path) -> None:
    with tls_server(server_context(issue(None, tmp_path, ("127.0.0.1",)))) as port:
        ctx = FakeContext(f"https://127.0.0.1:{port}/", options=ScanOptions(ca_bundle=bundle))
        findings = run_probe(tls_probe, ctx)
    assert_finds(findings, "PG801", url=f"https://127.0.0.1:{port}/")


def test_a_plain_http_target_uses_the_https_port_option(ca, bundle, tmp_path) -> None:
    with tls_server(server_context(issue(ca, tmp_path, ("127.0.0.1",)))) as port:
        ctx = FakeContext("http://127.0.0.1:8/",
                          options=ScanOptions(ca_bundle=bundle, https_port=port))
        run_probe(tls_probe, ctx)
    assert ctx.fact("tls_report").port == port


def test_a_refused_port_is_no_finding() -> None:
    ctx = FakeContext(f"https://127.0.0.1:{_free_port()}/", options=ScanOptions(timeout=2))
    assert run_probe(tls_probe, ctx) == []
    assert ctx.fact("tls_report").reachable is False


def test_a_server_that_does_not_speak_tls_is_no_finding() -> None:
    listener = socket.create_server(("127.0.0.1", 0))

    def answer_garbage() -> None:
        for _ in range(20):
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\nnot tls\n")

    threading.Thread(target=answer_garbage, daemon=True).start()
    try:
        report = asyncio.run(inspect_tls("127.0.0.1", listener.getsockname()[1], timeout=2))
    finally:
        listener.close()
    assert report.reachable and report.negotiated is None and report.error
    findings = judge(report)
    assert_silent(findings, "PG801")
    assert findings == []
