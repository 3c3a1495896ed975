"""Loopback servers for the exposure probes: real redis-server and memcached, and small fakes
that speak just enough PostgreSQL, MySQL, MongoDB, Elasticsearch or RabbitMQ to be recognised."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator

import pytest

Handler = Callable[[socket.socket], None]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def tcp_server(handler: Handler) -> Iterator[int]:
    """Accept connections on 127.0.0.1 and run ``handler(conn)`` for each, in a thread."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def run(conn: socket.socket) -> None:
        conn.settimeout(5)
        with contextlib.suppress(OSError), conn:
            handler(conn)

    def accept_loop() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=run, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept_loop, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def silent(conn: socket.socket) -> None:
    """Accept and say nothing until the client gives up."""
    with contextlib.suppress(OSError):
        while conn.recv(1024):
            pass


def recv_exactly(conn: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = conn.recv(count - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def require_binary(name: str) -> str:
    """The path of ``name``; in CI a missing binary fails the test, elsewhere it skips it."""
    path = shutil.which(name)
    if path is None:
        message = (f"{name} is not installed (Debian package: apt-get install -y "
                   f"{'redis-server' if name == 'redis-server' else name})")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@contextlib.contextmanager
def daemon(argv: list[str], port: int) -> Iterator[int]:
    """Run a server process until the block ends; wait until its port accepts connections."""
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for_port(port, process)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        if process.poll() is not None:
            error = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise RuntimeError(f"server exited with {process.returncode}: {error}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


@contextlib.contextmanager
def redis_server(password: str | None = None) -> Iterator[int]:
    binary = require_binary("redis-server")
    port = free_port()
    argv = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--protected-mode", "no"]
    if password:
        argv += ["--requirepass", password]
    with daemon(argv, port):
        yield port


@contextlib.contextmanager
def memcached_server() -> Iterator[int]:
    binary = require_binary("memcached")
    port = free_port()
    argv = [binary, "-l", "127.0.0.1", "-p", str(port), "-U", "0"]
    if os.geteuid() == 0:
        argv += ["-u", "nobody"]
    with daemon(argv, port):
        yield port
