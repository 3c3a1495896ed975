"""Source files read once: bytes → PEP 263 decoding → AST, with every failure captured."""

from __future__ import annotations

import ast
import hashlib
import io
import tokenize
import warnings
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

MAX_FILE_BYTES = 2_000_000
"""Python files bigger than this are generated or vendored; skip them with a PG002 note."""


@dataclass(eq=False)
class SourceFile:
    """One file of the audited tree. ``problem`` says why ``text``/``tree`` are missing."""

    path: Path
    rel: str
    text: str | None = None
    problem: str | None = None
    problem_kind: str | None = None
    """``"syntax"`` (PG001) or ``"unreadable"`` (PG002)."""
    problem_line: int | None = None
    digest: str = ""
    _tree: ast.Module | None = field(default=None, repr=False)

    @classmethod
    def read(cls, path: Path, rel: str, *, max_bytes: int = MAX_FILE_BYTES) -> SourceFile:
        try:
            size = path.stat().st_size
            if size > max_bytes:
                return cls(path, rel, problem=f"file is {size:,} bytes, over the "
                           f"{max_bytes:,}-byte limit; not audited", problem_kind="unreadable")
            raw = path.read_bytes()
        except OSError as exc:
            return cls(path, rel, problem=f"cannot be read: {exc.strerror or exc}",
                       problem_kind="unreadable")
        return cls.from_bytes(path, rel, raw)

    @classmethod
    def from_bytes(cls, path: Path, rel: str, raw: bytes) -> SourceFile:
        digest = hashlib.sha256(raw).hexdigest()
        if b"\x00" in raw:
            return cls(path, rel, problem="binary file (contains NUL bytes); not audited",
                       problem_kind="unreadable", digest=digest)
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
            text = raw.decode(encoding)
        except (SyntaxError, LookupError, UnicodeDecodeError) as exc:
            return cls(path, rel, problem=f"cannot be decoded: {exc}",
                       problem_kind="unreadable", digest=digest)
        if text.startswith("\ufeff"):
            text = text[1:]
        return cls(path, rel, text=text, digest=digest)

    @classmethod
    def from_text(cls, text: str, rel: str = "<string>") -> SourceFile:
        return cls.from_bytes(Path(rel), rel, text.encode("utf-8"))

    @property
    def tree(self) -> ast.Module | None:
        """The parsed module, or None (and ``problem`` set) when it does not parse."""
        if self._tree is None and self.text is not None and self.problem is None:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    self._tree = ast.parse(self.text, filename=self.rel)
            except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
                line = getattr(exc, "lineno", None)
                msg = getattr(exc, "msg", None) or str(exc) or type(exc).__name__
                self.problem = f"does not parse as Python: {msg}"
                self.problem_kind = "syntax"
                self.problem_line = line if isinstance(line, int) else None
        return self._tree

    @cached_property
    def lines(self) -> list[str]:
        return (self.text or "").splitlines()

    def line(self, number: int) -> str:
        if 1 <= number <= len(self.lines):
            return self.lines[number - 1]
        return ""

    def column(self, line: int, byte_offset: int) -> int:
        """Convert ``ast``'s 0-based UTF-8 byte offset to a 1-based code-point column."""
        text = self.line(line).encode("utf-8")[:byte_offset]
        return len(text.decode("utf-8", errors="replace")) + 1
