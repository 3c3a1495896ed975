"""A TLS server on a free loopback port, in a thread: it handshakes and closes."""

from __future__ import annotations

import contextlib
import socket
import ssl
import warnings
from collections.abc import Iterator

from ..ports.servers import tcp_server
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

    def handshake(conn: socket.socket) -> None:
        with context.wrap_socket(conn, server_side=True) as tls:
            tls.recv(1)

    with tcp_server(handshake) as port:
        yield port
