"""Ordered severity and confidence scales, and their mappings to other tools' scales."""

from __future__ import annotations

import enum
from functools import total_ordering
from typing import TypeVar

_E = TypeVar("_E", bound="_Ordered")


@total_ordering
class _Ordered(enum.Enum):
    """An enum whose members compare by declaration order (first is lowest)."""

    @property
    def rank(self) -> int:
        return list(type(self)).index(self)

    def __lt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.rank < other.rank

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def parse(cls: type[_E], text: str) -> _E:
        try:
            return cls(text.strip().lower())
        except ValueError:
            names = ", ".join(m.value for m in cls)
            kind = cls.__name__.lower()
            raise ValueError(f"{text!r} is not a {kind} (one of: {names})") from None


class Severity(_Ordered):
    """How bad a finding is if it is real. Ordered: ``INFO < LOW < … < CRITICAL``."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def sarif_level(self) -> str:
        return {"critical": "error", "high": "error", "medium": "warning"}.get(self.value, "note")

    @property
    def security_severity(self) -> str:
        """GitHub code scanning's score: over 9.0 critical, 7–8.9 high, 4–6.9 medium."""
        return {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0"}.get(
            self.value, "0.1"
        )


class Confidence(_Ordered):
    """How sure ponyguard is that a finding is real. Ordered: ``LOW < MEDIUM < HIGH``."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def sarif_precision(self) -> str:
        return {"high": "very-high", "medium": "high", "low": "medium"}[self.value]
