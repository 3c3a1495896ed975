"""Just enough BSON for MongoDB's handshake: encode flat commands, decode replies."""

from __future__ import annotations

import struct
from typing import Any

_MAX_DEPTH = 8


def encode(document: dict[str, Any]) -> bytes:
    """Encode a flat document of str, bool, int (int32) and float values."""
    body = b""
    for key, value in document.items():
        name = key.encode() + b"\x00"
        if isinstance(value, bool):
            body += b"\x08" + name + (b"\x01" if value else b"\x00")
        elif isinstance(value, int):
            body += b"\x10" + name + struct.pack("<i", value)
        elif isinstance(value, float):
            body += b"\x01" + name + struct.pack("<d", value)
        elif isinstance(value, str):
            data = value.encode() + b"\x00"
            body += b"\x02" + name + struct.pack("<i", len(data)) + data
        else:
            raise TypeError(f"cannot encode {type(value).__name__}")
    return struct.pack("<i", len(body) + 5) + body + b"\x00"


def decode(data: bytes) -> dict[str, Any]:
    """Decode one document; raises ValueError on anything malformed."""
    document, end = _document(data, 0, 0)
    if end != len(data):
        raise ValueError("trailing bytes after the BSON document")
    return document


_FIXED = {0x01: 8, 0x07: 12, 0x09: 8, 0x11: 8, 0x12: 8, 0x13: 16, 0x0A: 0, 0x06: 0,
          0x7F: 0, 0xFF: 0, 0x08: 1, 0x10: 4}


def _document(data: bytes, start: int, depth: int) -> tuple[dict[str, Any], int]:
    if depth > _MAX_DEPTH:
        raise ValueError("BSON nested too deeply")
    if start + 5 > len(data):
        raise ValueError("truncated BSON")
    size = struct.unpack_from("<i", data, start)[0]
    end = start + size
    if size < 5 or end > len(data) or data[end - 1] != 0:
        raise ValueError("bad BSON length")
    position, result = start + 4, {}
    while position < end - 1:
        kind = data[position]
        name_end = data.index(b"\x00", position + 1, end)
        name = data[position + 1:name_end].decode("utf-8", "replace")
        value, position = _value(data, kind, name_end + 1, end, depth)
        result[name] = value
    return result, end


def _value(data: bytes, kind: int, at: int, end: int, depth: int) -> tuple[Any, int]:
    if kind in (0x02, 0x0D, 0x0E):  # string, code, symbol
        length = struct.unpack_from("<i", data, at)[0]
        if length < 1 or at + 4 + length > end:
            raise ValueError("bad BSON string")
        return data[at + 4:at + 3 + length].decode("utf-8", "replace"), at + 4 + length
    if kind in (0x03, 0x04):  # document, array
        document, after = _document(data, at, depth + 1)
        return (list(document.values()) if kind == 0x04 else document), after
    if kind == 0x05:  # binary
        length = struct.unpack_from("<i", data, at)[0]
        return None, at + 5 + length
    if kind == 0x01:
        return struct.unpack_from("<d", data, at)[0], at + 8
    if kind == 0x08:
        return data[at] == 1, at + 1
    if kind == 0x10:
        return struct.unpack_from("<i", data, at)[0], at + 4
    if kind == 0x12:
        return struct.unpack_from("<q", data, at)[0], at + 8
    if kind in _FIXED:
        return None, at + _FIXED[kind]
    raise ValueError(f"unsupported BSON type {kind:#x}")
