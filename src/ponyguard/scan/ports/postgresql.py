"""PostgreSQL: a protocol-3.0 StartupMessage; the server answers with an authentication
request (``R``) or an error (``E``, e.g. no ``pg_hba.conf`` entry).

``AuthenticationOk`` straight away means ``trust`` authentication: anyone can log in as
``postgres``. Nothing else is sent; the conversation ends with ``Terminate``.
"""

from __future__ import annotations

import struct

from .connection import Conversation, converse
from .result import Access, ServiceResult

PROTOCOL_3 = 196608
STARTUP_USER = "postgres"
AUTH_NAMES = {0: "none (trust)", 3: "cleartext password", 5: "MD5 password", 10: "SASL (SCRAM)",
              7: "GSSAPI", 9: "SSPI"}
TERMINATE = b"X\x00\x00\x00\x04"


def startup_message(user: str = STARTUP_USER, database: str = "postgres") -> bytes:
    params = b"".join(f"{k}\x00{v}\x00".encode() for k, v in
                      (("user", user), ("database", database),
                       ("application_name", "ponyguard")))
    body = struct.pack("!i", PROTOCOL_3) + params + b"\x00"
    return struct.pack("!i", len(body) + 4) + body


async def identify(host: str, port: int, timeout: float) -> ServiceResult | None:
    async with converse(host, port, timeout) as conn:
        await conn.send(startup_message())
        kind, payload = await _message(conn)
        result = _judge(host, port, kind, payload)
        if result is not None and result.access is Access.OPEN:
            version = await _server_version(conn)
            result = ServiceResult(result.service, host, port, result.access, version,
                                   result.detail)
        if kind == b"R":
            await conn.send(TERMINATE)
    return result


async def _message(conn: Conversation) -> tuple[bytes, bytes]:
    header = await conn.read_exactly(5)
    kind, length = header[:1], struct.unpack("!i", header[1:])[0]
    if kind not in (b"R", b"E", b"S", b"K", b"Z", b"N") or not 4 <= length <= 8192:
        raise ValueError("not a PostgreSQL message")
    return kind, await conn.read_exactly(length - 4)


def _judge(host: str, port: int, kind: bytes, payload: bytes) -> ServiceResult | None:
    if kind == b"R" and len(payload) >= 4:
        method = struct.unpack("!i", payload[:4])[0]
        if method not in AUTH_NAMES and method not in (2, 6, 8, 11, 12):
            return None
        access = Access.OPEN if method == 0 else Access.AUTH_REQUIRED
        detail = f"startup answered with authentication {AUTH_NAMES.get(method, method)}"
        return ServiceResult("postgresql", host, port, access, None, detail)
    if kind == b"E":
        fields = _error_fields(payload)
        if "C" in fields and "S" in fields:
            detail = f"startup answered with error {fields['C']}: {fields.get('M', '')}"[:160]
            return ServiceResult("postgresql", host, port, Access.RESTRICTED, None, detail)
    return None


def _error_fields(payload: bytes) -> dict[str, str]:
    fields = {}
    for chunk in payload.split(b"\x00"):
        if len(chunk) >= 2:
            fields[chunk[:1].decode("latin-1")] = chunk[1:].decode("utf-8", "replace")
    return fields


async def _server_version(conn: Conversation) -> str | None:
    """After AuthenticationOk the server sends ParameterStatus messages, then ReadyForQuery."""
    for _ in range(32):
        header = await conn.read_exactly(5)
        length = struct.unpack("!i", header[1:])[0]
        payload = await conn.read_exactly(length - 4)
        if header[:1] == b"S":
            name, _, rest = payload.partition(b"\x00")
            if name == b"server_version":
                return rest.split(b"\x00", 1)[0].decode("latin-1")
        if header[:1] == b"Z":
            return None
    return None
