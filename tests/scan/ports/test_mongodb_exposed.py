from __future__ import annotations

import struct

import pytest

from ponyguard.scan.ports import Access, bson
from tests.scan.fakes import assert_finds, assert_silent

from .servers import free_port, recv_exactly, silent, tcp_server

pytestmark = pytest.mark.network


def _encode(document: dict) -> bytes:
    """Test-side BSON with nested documents/arrays (the library only encodes flat commands)."""
    body = b""
    for key, value in document.items():
        name = key.encode() + b"\x00"
        if isinstance(value, dict | list):
            items = value if isinstance(value, dict) else {str(i): v for i, v in enumerate(value)}
            body += (b"\x03" if isinstance(value, dict) else b"\x04") + name + _encode(items)
        elif isinstance(value, float):
            body += b"\x01" + name + struct.pack("<d", value)
        else:
            body += bson.encode({key: value})[4:-1]
    return struct.pack("<i", len(body) + 5) + body + b"\x00"


def mongod(auth: bool):
    def reply_to(command: dict) -> dict:
        if "hello" in command:
            return {"isWritablePrimary": True, "maxWireVersion": 21, "ok": 1.0}
        if "buildInfo" in command:
            return {"version": "7.0.14", "ok": 1.0}
        if auth:
            return {"ok": 0.0, "errmsg": "command listDatabases requires authentication",
                    "code": 13, "codeName": "Unauthorized"}
        return {"databases": [{"name": "admin"}, {"name": "shop"}], "ok": 1.0}

    def handler(conn) -> None:
        for _ in range(3):
            length, request_id, _, opcode = struct.unpack("<iiii", recv_exactly(conn, 16))
            assert opcode == 2013
            body = recv_exactly(conn, length - 16)
            command = bson.decode(body[5:])
            reply = struct.pack("<I", 0) + b"\x00" + _encode(reply_to(command))
            conn.sendall(struct.pack("<iiii", 16 + len(reply), 99, request_id, 2013) + reply)

    return handler


def test_fires_critical_when_databases_are_listed_without_auth(scan) -> None:
    with tcp_server(mongod(auth=False)) as port:
        results, findings = scan({"mongodb": port})
    assert results[0].access is Access.OPEN and results[0].version == "7.0.14"
    assert "2 databases" in results[0].detail
    assert_finds(findings, "PG905", severity="critical", url=f"mongodb://127.0.0.1:{port}")


def test_fires_high_when_authorization_is_on(scan) -> None:
    with tcp_server(mongod(auth=True)) as port:
        results, findings = scan({"mongodb": port})
    assert results[0].access is Access.AUTH_REQUIRED
    assert_finds(findings, "PG905", severity="high")


def test_silent_on_refused_silent_and_foreign_ports(scan) -> None:
    assert_silent(scan({"mongodb": free_port()})[1], "PG905")
    with tcp_server(silent) as port:
        assert_silent(scan({"mongodb": port}, timeout=0.5)[1], "PG905")

    def http(conn) -> None:
        conn.recv(1024)
        conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    with tcp_server(http) as port:
        assert_silent(scan({"mongodb": port})[1], "PG905")


def test_bson_round_trip_and_garbage() -> None:
    assert bson.decode(_encode({"a": 1, "b": "x", "c": {"d": [1, 2]}, "e": 1.5, "f": True})) \
        == {"a": 1, "b": "x", "c": {"d": [1, 2]}, "e": 1.5, "f": True}
    for garbage in (b"", b"\x05\x00\x00\x00", b"\xff\xff\xff\x7f\x00", b"\x0c\x00\x00\x00\x02a\x00"
                    b"\xff\xff\xff\xff\x00"):
        with pytest.raises((ValueError, IndexError, struct.error)):
            bson.decode(garbage)
