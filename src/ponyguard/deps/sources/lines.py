"""Reading dependency files: size-capped decoding, TOML, and finding the line of an entry.

``tomllib`` gives no positions, so the line where a package is pinned is found in the text:
the n-th ``[[package]]`` header belongs to the n-th parsed entry, and its ``version =`` line
(or the header itself) is the location.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from .interface import DependencySourceError, SourceFile

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

MAX_BYTES = 20 * 1024 * 1024
_TABLE = re.compile(r"^\s*\[")
_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def read_text(source: SourceFile) -> str:
    try:
        size = source.path.stat().st_size
        if size > MAX_BYTES:
            raise DependencySourceError(f"larger than {MAX_BYTES // (1024 * 1024)} MB; skipped")
        return source.path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DependencySourceError("not UTF-8 text") from None
    except OSError as exc:
        raise DependencySourceError(f"cannot be read: {exc.strerror or exc}") from None


def load_toml(text: str) -> dict[str, Any]:
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # TOMLDecodeError has ``lineno`` from Python 3.14 only; earlier ones say it in words.
        found = _AT_LINE.search(str(exc))
        line = getattr(exc, "lineno", None) or (int(found.group(1)) if found else None)
        raise DependencySourceError(f"not valid TOML: {exc}", line) from None
    return data


def array_table_lines(lines: list[str], header: str) -> list[tuple[int, int]]:
    """(first, end) line indexes (0-based, end exclusive) of each ``[[header]]`` block."""
    starts = [i for i, line in enumerate(lines) if line.strip() == f"[[{header}]]"]
    blocks = []
    for start in starts:
        end = next((j for j in range(start + 1, len(lines))
                    if _TABLE.match(lines[j]) and not lines[j].strip().startswith(
                        (f"[[{header}.", f"[{header}."))), len(lines))
        blocks.append((start, end))
    return blocks


def key_line(lines: list[str], block: tuple[int, int], key: str) -> int:
    """The 1-based line of ``key = …`` in ``block``, else the block's first line."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    start, end = block
    for index in range(start, end):
        if pattern.match(lines[index]):
            return index + 1
    return start + 1


def find_line(lines: list[str], needle: str, start: int = 0) -> int | None:
    """The 1-based line of the first line at or after ``start`` containing ``needle``."""
    for index in range(start, len(lines)):
        if needle in lines[index]:
            return index + 1
    return None
