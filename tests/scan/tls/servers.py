"""A TLS server on a free loopback port, in a thread: it handshakes and closes."""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import warnings
from collections.abc import Iterator

from .certs import ServerCert


def server_context(cert: ServerCert, *, lowest: ssl.TLSVersion | None = None,
                   highest: ssl.TLSVersion | None = None, ciphers: str | None = None
                   ) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    # level 0 so weak test keys and SHA-1 certificates load; the offer stays what is set below
    context.set_ciphers(ciphers or "DEFAULT:@SECLEVEL=0")
    context.load_cert_chain(cert.cert_file, cert.key_file)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        if lowest is not None:
            context.minimum_version = lowest
        if highest is not None:
            context.maximum_version = highest
    return context


@contextlib.contextmanager
def tls_server(context: ssl.SSLContext) -> Iterator[int]:
    """Serve handshakes on 127.0.0.1 until the block ends; yields the port."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve_one(conn: socket.socket) -> None:
        conn.settimeout(5)
        with contextlib.suppress(OSError), context.wrap_socket(conn, server_side=True) as tls:
            tls.recv(1)

    def accept_loop() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=serve_one, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept_loop, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()
