"""Hostile and odd HTTP servers on free loopback ports, for the engine and the probes.

Every server runs on one asyncio loop in a background thread (:class:`ServerLoop`), answers
every request the same way (its *behaviour*), and may speak TLS with any certificate or
protocol range. Behaviours:

``ok``            a small HTML page (for the TLS variants)
``slow-drip``     headers at once, then one body byte every 0.2 s, forever
``endless-body``  a 200 whose body never ends (no Content-Length, 64 KiB chunks)
``gzip-bomb``     ``Content-Encoding: gzip`` of 64 MiB of zeros (about 64 KiB on the wire)
``redirect-loop`` ``/`` → ``/loop-a`` → ``/loop-b`` → ``/loop-a`` …
``garbage``       bytes that are not HTTP, then close
``silent``        accepts the connection and never answers
``waf-403``       a WAF block page (403) on every path
``echo``          the request head as a text/plain body, and ``Set-Cookie: echo=1``;
                  ``/redirect-to/<url>`` answers 302 to ``<url>``
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import threading
import zlib
from collections.abc import Awaitable, Callable, Iterator
from functools import cache

BEHAVIOURS = ("ok", "slow-drip", "endless-body", "gzip-bomb", "redirect-loop", "garbage",
              "silent", "waf-403", "echo")
Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter, "Head"], Awaitable[None]]


class Head(str):
    """The request's path (a str), with the whole request head in ``.raw``."""

    raw: bytes = b""


class ServerLoop:
    """An event loop in a daemon thread that hosts the servers; :meth:`close` stops it all."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self._writers: set[asyncio.StreamWriter] = set()
        self._servers: dict[int, asyncio.Server] = {}

    def run(self, coro: Awaitable[object], timeout: float = 10) -> object:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)  # type: ignore[arg-type]

    @contextlib.contextmanager
    def serve(self, behaviour: str, tls: ssl.SSLContext | None = None) -> Iterator[int]:
        """Serve ``behaviour`` on 127.0.0.1 until the block ends; yields the port."""
        port = self.start(behaviour, tls)
        try:
            yield port
        finally:
            self.run(self._stop(self._servers.pop(port)))

    def start(self, behaviour: str, tls: ssl.SSLContext | None = None) -> int:
        """Serve ``behaviour`` until :meth:`close` (session fixtures); returns the port."""
        handler = HANDLERS[behaviour]

        async def start() -> asyncio.Server:
            return await asyncio.start_server(self._wrap(handler), "127.0.0.1", 0, ssl=tls)

        server = self.run(start())
        assert isinstance(server, asyncio.Server)
        port = int(server.sockets[0].getsockname()[1])
        self._servers[port] = server
        return port

    def _wrap(self, handler: Handler) -> Callable[..., Awaitable[None]]:
        async def connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            self._writers.add(writer)
            try:
                while True:
                    path = await _read_request(reader)
                    if path is None:
                        return
                    await handler(reader, writer, path)
            except (ConnectionError, OSError, asyncio.IncompleteReadError, ssl.SSLError,
                    asyncio.LimitOverrunError, asyncio.CancelledError):
                pass
            finally:
                self._writers.discard(writer)
                writer.close()

        return connection

    async def _stop(self, server: asyncio.Server) -> None:
        server.close()
        for writer in list(self._writers):
            writer.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(server.wait_closed(), 2)

    def close(self) -> None:
        async def shutdown() -> None:
            for server in self._servers.values():
                server.close()
            for writer in list(self._writers):
                writer.close()
            current = asyncio.current_task()
            tasks = [task for task in asyncio.all_tasks() if task is not current]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        with contextlib.suppress(Exception):
            self.run(shutdown())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=5)
        self.loop.close()


async def _read_request(reader: asyncio.StreamReader) -> Head | None:
    """The path and head of the next request (a body is not read), None at end of stream."""
    raw = await reader.readuntil(b"\r\n\r\n") if not reader.at_eof() else b""
    if not raw:
        return None
    line = raw.split(b"\r\n", 1)[0].decode("latin-1").split(" ")
    head = Head(line[1] if len(line) > 1 else "/")
    head.raw = raw
    return head


def _head(status: str, *headers: str) -> bytes:
    lines = [f"HTTP/1.1 {status}", "Server: hostile-test", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def _ok(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: Head) -> None:
    body = b"<!doctype html><title>ok</title><p>Hello."
    writer.write(_head("200 OK", "Content-Type: text/html; charset=utf-8",
                       f"Content-Length: {len(body)}") + body)
    await writer.drain()


async def _slow_drip(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                     path: Head) -> None:
    writer.write(_head("200 OK", "Content-Type: text/html", "Content-Length: 100000"))
    while True:
        writer.write(b"x")
        await writer.drain()
        await asyncio.sleep(0.2)


async def _endless(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: Head) -> None:
    writer.write(_head("200 OK", "Content-Type: text/html", "Connection: close"))
    chunk = b"<p>" + b"x" * 65536
    while True:
        writer.write(chunk)
        await writer.drain()


@cache
def gzip_bomb() -> bytes:
    """64 MiB of zeros, gzip-compressed (about 64 KiB)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    parts = [compressor.compress(block) for _ in range(64)]
    return b"".join(parts) + compressor.flush()


async def _gzip_bomb(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                     path: Head) -> None:
    body = gzip_bomb()
    writer.write(_head("200 OK", "Content-Type: text/html", "Content-Encoding: gzip",
                       f"Content-Length: {len(body)}") + body)
    await writer.drain()


async def _redirect_loop(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                         path: Head) -> None:
    target = "/loop-b" if path == "/loop-a" else "/loop-a"
    writer.write(_head("301 Moved Permanently", f"Location: {target}", "Content-Length: 0"))
    await writer.drain()


async def _garbage(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: Head) -> None:
    writer.write(b"SSH-2.0-OpenSSH_9.6\r\n\x00\xff\xfe garbage \x1b[31m\r\n\r\n")
    await writer.drain()
    writer.close()
    raise ConnectionError("done")


async def _silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: Head) -> None:
    await asyncio.Event().wait()


async def _waf(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: Head) -> None:
    body = (b"<!doctype html><title>Attention Required!</title>"
            b"<h1>Sorry, you have been blocked</h1><p>Ray ID: 0123456789abcdef</p>")
    writer.write(_head("403 Forbidden", "Content-Type: text/html; charset=utf-8",
                       f"Content-Length: {len(body)}", "X-Frame-Options: SAMEORIGIN") + body)
    await writer.drain()


async def _echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: Head) -> None:
    if path.startswith("/redirect-to/"):
        writer.write(_head("302 Found", f"Location: {path[len('/redirect-to/'):]}",
                           "Content-Length: 0"))
    else:
        writer.write(_head("200 OK", "Content-Type: text/plain", "Set-Cookie: echo=1; Path=/",
                           f"Content-Length: {len(path.raw)}") + path.raw)
    await writer.drain()


HANDLERS: dict[str, Handler] = {
    "ok": _ok, "slow-drip": _slow_drip, "endless-body": _endless, "gzip-bomb": _gzip_bomb,
    "redirect-loop": _redirect_loop, "garbage": _garbage, "silent": _silent, "waf-403": _waf,
    "echo": _echo,
}
