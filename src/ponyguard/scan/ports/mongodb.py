"""MongoDB: OP_MSG ``hello`` identifies it (allowed without auth), ``buildInfo`` gives the
version, and ``listDatabases`` tells whether data is readable without credentials."""

from __future__ import annotations

import struct
from typing import Any

from . import bson
from .connection import Conversation, converse
from .result import Access, ServiceResult

OP_MSG = 2013
UNAUTHORIZED = 13


def op_msg(request_id: int, command: dict[str, Any]) -> bytes:
    body = struct.pack("<I", 0) + b"\x00" + bson.encode(command)
    return struct.pack("<iiii", 16 + len(body), request_id, 0, OP_MSG) + body


async def identify(host: str, port: int, timeout: float) -> ServiceResult | None:
    async with converse(host, port, timeout) as conn:
        hello = await _command(conn, 1, {"hello": 1, "$db": "admin"})
        if not _looks_like_hello(hello):
            return None
        info = await _command(conn, 2, {"buildInfo": 1, "$db": "admin"})
        listing = await _command(conn, 3, {"listDatabases": 1, "nameOnly": True,
                                           "$db": "admin"})
    version = info.get("version") if isinstance(info.get("version"), str) else None
    if listing.get("ok") == 1:
        count = len(listing.get("databases") or [])
        return ServiceResult("mongodb", host, port, Access.OPEN, version,
                             f"listDatabases answered without authentication ({count} databases)")
    if listing.get("code") == UNAUTHORIZED:
        return ServiceResult("mongodb", host, port, Access.AUTH_REQUIRED, version,
                             "listDatabases requires authentication")
    return ServiceResult("mongodb", host, port, Access.UNKNOWN, version, "hello answered")


def _looks_like_hello(reply: dict[str, Any]) -> bool:
    return reply.get("ok") == 1 and "maxWireVersion" in reply


async def _command(conn: Conversation, request_id: int, command: dict[str, Any]
                   ) -> dict[str, Any]:
    await conn.send(op_msg(request_id, command))
    header = await conn.read_exactly(16)
    length, _, response_to, opcode = struct.unpack("<iiii", header)
    if opcode != OP_MSG or response_to != request_id or not 21 <= length <= 65_536:
        raise ValueError("not a MongoDB OP_MSG reply")
    body = await conn.read_exactly(length - 16)
    if body[4:5] != b"\x00":
        raise ValueError("unexpected OP_MSG section")
    return bson.decode(body[5:])
