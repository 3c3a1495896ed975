"""Tiny HTTP answers for the Elasticsearch and RabbitMQ fakes."""

from __future__ import annotations

import json


def http_answer(status: int, body: bytes | dict, **headers: str):
    data = json.dumps(body).encode() if isinstance(body, dict) else body

    def handler(conn) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = conn.recv(4096)
            if not chunk:
                return
            request += chunk
        lines = [f"HTTP/1.1 {status} X", f"Content-Length: {len(data)}", "Connection: close",
                 *(f"{k.replace('_', '-')}: {v}" for k, v in headers.items())]
        conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + data)

    return handler
