"""Redis: ``PING`` → ``+PONG`` (no auth), ``-NOAUTH`` (auth), ``-DENIED`` (protected mode)."""

from __future__ import annotations

import re

from .connection import Conversation, converse
from .result import Access, ServiceResult

_VERSION = re.compile(rb"redis_version:([0-9A-Za-z.\-]+)")


async def identify(host: str, port: int, timeout: float) -> ServiceResult | None:
    async with converse(host, port, timeout) as conn:
        await conn.send(b"PING\r\n")
        reply = (await conn.read_until(b"\r\n")).split(b"\r\n", 1)[0]
        if reply == b"+PONG":
            version = await _version(conn)
            await conn.send(b"QUIT\r\n")
            return ServiceResult("redis", host, port, Access.OPEN, version,
                                 "PING answered +PONG without authentication")
    text = reply.decode("latin-1")
    if reply.startswith(b"-NOAUTH"):
        return ServiceResult("redis", host, port, Access.AUTH_REQUIRED, None, text[:120])
    if reply.startswith(b"-DENIED"):
        return ServiceResult("redis", host, port, Access.RESTRICTED, None, text[:120])
    return None


async def _version(conn: Conversation) -> str | None:
    await conn.send(b"INFO server\r\n")
    info = await conn.read_until(b"\r\n\r\n", limit=16_384)
    match = _VERSION.search(info)
    return match.group(1).decode() if match else None
