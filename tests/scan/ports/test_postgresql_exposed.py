from __future__ import annotations

import struct

import pytest

from ponyguard.scan.ports import Access
from tests.scan.fakes import assert_finds, assert_silent

from .servers import free_port, recv_exactly, silent, tcp_server

pytestmark = pytest.mark.network


def _read_startup(conn) -> dict[str, str]:
    length = struct.unpack("!i", recv_exactly(conn, 4))[0]
    body = recv_exactly(conn, length - 4)
    assert struct.unpack("!i", body[:4])[0] == 196608
    parts = body[4:].split(b"\x00")
    return {parts[i].decode(): parts[i + 1].decode() for i in range(0, len(parts) - 2, 2)}


def _message(kind: bytes, payload: bytes) -> bytes:
    return kind + struct.pack("!i", len(payload) + 4) + payload


def postgres(auth: int | None = None, error: str | None = None):
    def handler(conn) -> None:
        params = _read_startup(conn)
        assert params["user"] == "postgres"
        if error is not None:
            conn.sendall(_message(b"E", b"SFATAL\x00C28000\x00M" + error.encode() + b"\x00\x00"))
            return
        payload = struct.pack("!i", auth) + (b"salt" if auth == 5 else b"")
        reply = _message(b"R", payload)
        if auth == 0:
            reply += _message(b"S", b"client_encoding\x00UTF8\x00")
            reply += _message(b"S", b"server_version\x0016.4 (Debian 16.4-1)\x00")
            reply += _message(b"Z", b"I")
        conn.sendall(reply)
        conn.recv(16)  # Terminate

    return handler


def test_fires_critical_on_trust_authentication(scan) -> None:
    with tcp_server(postgres(auth=0)) as port:
        results, findings = scan({"postgresql": port})
    assert results[0].access is Access.OPEN and results[0].version == "16.4 (Debian 16.4-1)"
    [finding] = assert_finds(findings, "PG903", severity="critical",
                             url=f"postgresql://127.0.0.1:{port}")
    assert "scram-sha-256" in finding.fix_text


@pytest.mark.parametrize("method", [5, 10])
def test_fires_high_when_a_password_is_asked(scan, method) -> None:
    with tcp_server(postgres(auth=method)) as port:
        results, findings = scan({"postgresql": port})
    assert results[0].access is Access.AUTH_REQUIRED
    assert_finds(findings, "PG903", severity="high")


def test_fires_medium_when_pg_hba_rejects_the_host(scan) -> None:
    refusal = 'no pg_hba.conf entry for host "203.0.113.9", user "postgres", no encryption'
    with tcp_server(postgres(error=refusal)) as port:
        results, findings = scan({"postgresql": port})
    assert results[0].access is Access.RESTRICTED
    assert_finds(findings, "PG903", severity="medium", message_contains="refuses this client")


def test_silent_on_refused_silent_and_foreign_ports(scan) -> None:
    assert_silent(scan({"postgresql": free_port()})[1], "PG903")
    with tcp_server(silent) as port:
        assert_silent(scan({"postgresql": port}, timeout=0.5)[1], "PG903")

    def http(conn) -> None:
        conn.recv(1024)
        conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    with tcp_server(http) as port:
        assert_silent(scan({"postgresql": port})[1], "PG903")
