from __future__ import annotations

import struct

import pytest

from ponyguard.scan.ports import Access
from tests.scan.fakes import assert_finds, assert_silent

from .servers import free_port, silent, tcp_server

pytestmark = pytest.mark.network


def _packet(payload: bytes, sequence: int = 0) -> bytes:
    return struct.pack("<I", len(payload))[:3] + bytes([sequence]) + payload


def greeting(version: bytes):
    payload = (b"\x0a" + version + b"\x00" + struct.pack("<I", 42) + b"abcdefgh\x00"
               + b"\xff\xf7\x08\x02\x00" + b"\x00" * 13 + b"ijklmnopqrst\x00"
               + b"mysql_native_password\x00")

    def handler(conn) -> None:
        conn.sendall(_packet(payload))
        conn.recv(1024)

    return handler


def test_fires_high_on_a_mysql_greeting(scan) -> None:
    with tcp_server(greeting(b"8.0.39")) as port:
        results, findings = scan({"mysql": port})
    assert results[0].version == "8.0.39"
    assert_finds(findings, "PG904", severity="high", message_contains="MySQL/MariaDB 8.0.39",
                 url=f"mysql://127.0.0.1:{port}")


def test_reads_the_mariadb_version_behind_its_compatibility_prefix(scan) -> None:
    with tcp_server(greeting(b"5.5.5-10.11.6-MariaDB-0+deb12u1")) as port:
        results, _ = scan({"mysql": port})
    assert results[0].version == "10.11.6-MariaDB-0+deb12u1"


def test_fires_medium_when_the_host_is_not_allowed(scan) -> None:
    def refuse(conn) -> None:
        message = b"Host '203.0.113.9' is not allowed to connect to this MySQL server"
        conn.sendall(_packet(b"\xff" + struct.pack("<H", 1130) + message))

    with tcp_server(refuse) as port:
        results, findings = scan({"mysql": port})
    assert results[0].access is Access.RESTRICTED
    assert_finds(findings, "PG904", severity="medium")


def test_silent_on_refused_silent_and_foreign_ports(scan) -> None:
    assert_silent(scan({"mysql": free_port()})[1], "PG904")
    with tcp_server(silent) as port:
        assert_silent(scan({"mysql": port}, timeout=0.5)[1], "PG904")

    def ssh(conn) -> None:
        conn.sendall(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")

    with tcp_server(ssh) as port:
        assert_silent(scan({"mysql": port})[1], "PG904")
