"""A bounded TCP conversation: every read and write has a timeout, every read a byte cap."""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import AsyncIterator

MAX_READ = 65_536


class Conversation:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                 timeout: float) -> None:
        self._reader, self._writer, self.timeout = reader, writer, timeout

    async def send(self, data: bytes) -> None:
        self._writer.write(data)
        await asyncio.wait_for(self._writer.drain(), self.timeout)

    async def read_exactly(self, count: int) -> bytes:
        if count > MAX_READ:
            raise ValueError(f"refusing to read {count} bytes")
        return await asyncio.wait_for(self._reader.readexactly(count), self.timeout)

    async def read_some(self, limit: int = MAX_READ) -> bytes:
        return await asyncio.wait_for(self._reader.read(limit), self.timeout)

    async def read_until(self, marker: bytes, limit: int = MAX_READ) -> bytes:
        """Read until ``marker`` is seen, the peer closes, or ``limit`` bytes arrived."""
        data = b""

        async def collect() -> bytes:
            nonlocal data
            while marker not in data and len(data) < limit:
                chunk = await self._reader.read(limit - len(data))
                if not chunk:
                    break
                data += chunk
            return data

        try:
            return await asyncio.wait_for(collect(), self.timeout)
        except asyncio.TimeoutError:
            if data:
                return data
            raise


@contextlib.asynccontextmanager
async def converse(host: str, port: int, timeout: float,
                   tls: bool = False) -> AsyncIterator[Conversation]:
    """Connect (raising :class:`OSError` or :class:`TimeoutError`), talk, always close."""
    context = None
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    reader, writer = await asyncio.wait_for(
        asyncio.open_connection(host, port, ssl=context), timeout)
    try:
        yield Conversation(reader, writer, timeout)
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(writer.wait_closed(), timeout)
