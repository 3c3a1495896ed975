"""MySQL / MariaDB: the server speaks first, a handshake packet with its version string, or an
error packet (``Host '…' is not allowed to connect``)."""

from __future__ import annotations

import struct

from .connection import converse
from .result import Access, ServiceResult


async def identify(host: str, port: int, timeout: float) -> ServiceResult | None:
    async with converse(host, port, timeout) as conn:
        header = await conn.read_exactly(4)
        length = header[0] | header[1] << 8 | header[2] << 16
        if not 1 <= length <= 4096 or header[3] != 0:
            return None
        payload = await conn.read_exactly(length)
    return judge_greeting(host, port, payload)


def judge_greeting(host: str, port: int, payload: bytes) -> ServiceResult | None:
    if payload[:1] == b"\x0a":  # protocol version 10
        version, nul, _ = payload[1:].partition(b"\x00")
        if not nul or not version[:1].isdigit():
            return None
        text = version.decode("latin-1")
        # MariaDB 10/11 prefixes "5.5.5-" for old clients
        text = text.removeprefix("5.5.5-")
        return ServiceResult("mysql", host, port, Access.UNKNOWN, text,
                             f"server greeting, version {text}")
    if payload[:1] == b"\xff" and len(payload) >= 3:
        code = struct.unpack("<H", payload[1:3])[0]
        message = payload[3:].lstrip(b"#").decode("utf-8", "replace")
        if code in (1129, 1130, 1040, 1203):  # host blocked / not allowed / too many conns
            return ServiceResult("mysql", host, port, Access.RESTRICTED, None,
                                 f"error {code}: {message[:120]}")
    return None
