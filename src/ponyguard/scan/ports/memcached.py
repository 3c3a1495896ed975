"""memcached: the text protocol's ``stats`` command answers ``STAT version …`` without auth."""

from __future__ import annotations

from .connection import converse
from .result import Access, ServiceResult


async def identify(host: str, port: int, timeout: float) -> ServiceResult | None:
    async with converse(host, port, timeout) as conn:
        await conn.send(b"stats\r\n")
        answer = await conn.read_until(b"END\r\n")
        await conn.send(b"quit\r\n")
    lines = answer.decode("latin-1").splitlines()
    stats = dict(line.split(" ", 2)[1:3] for line in lines
                 if line.startswith("STAT ") and line.count(" ") >= 2)
    if "version" in stats and "pid" in stats:
        return ServiceResult("memcached", host, port, Access.OPEN, stats["version"],
                             f"stats answered without authentication ({len(stats)} values)")
    if lines and lines[0].startswith("CLIENT_ERROR unauthenticated"):
        # memcached 1.5.15+ with -Y (text protocol auth file)
        return ServiceResult("memcached", host, port, Access.AUTH_REQUIRED, None, lines[0])
    return None
