"""The reader seam: a dependency file in, the packages it names (and its problems) out.

Like pip-audit's dependency sources, a reader never raises for one bad entry: what it cannot
read becomes a :class:`Problem` (reported as PG020) and the rest of the file is still read.
A file that cannot be parsed at all raises :class:`DependencySourceError`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ...core.errors import PonyguardError
from ..model import Dependency


class DependencySourceError(PonyguardError):
    """A dependency file cannot be read at all; ``line`` is where, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class Problem:
    """Part of a dependency file that could not be used."""

    path: str
    line: int | None
    message: str


@dataclass
class ReadResult:
    dependencies: list[Dependency] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    """Every file read (a requirements file and its includes)."""


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A dependency file to read: its path on disk and relative to the audited root."""

    path: Path
    rel: str
    root: Path

    def relative(self, other: Path) -> str:
        """``other`` relative to the root, ``/``-separated (absolute when outside it)."""
        try:
            return other.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return other.resolve().as_posix()


Reader = Callable[[SourceFile], ReadResult]
