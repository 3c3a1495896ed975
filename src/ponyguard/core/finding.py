"""Value types for results: where something was found, and what."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .severity import Confidence, Severity

if TYPE_CHECKING:
    from .rule import Rule


@dataclass(frozen=True, slots=True)
class Location:
    """A place in the audited tree (``path`` relative to the root, ``/``-separated) or a URL.

    Lines and columns are 1-based; columns count Unicode code points.
    """

    path: str | None = None
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None
    url: str | None = None

    def __str__(self) -> str:
        if self.url is not None:
            return self.url
        text = self.path or "<project>"
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text

    @property
    def sort_key(self) -> tuple[str, int, int]:
        return (self.url or self.path or "", self.line or 0, self.column or 0)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by one rule at one place.

    ``evidence`` is already redacted when the finding is built; ``key`` is the
    line-independent identity of the finding within its file (a setting name, a normalised
    snippet) used for fingerprints, and must never contain a secret.
    """

    rule: Rule
    message: str
    location: Location
    severity: Severity
    confidence: Confidence
    key: str
    evidence: str | None = None
    fix: str | None = None
    scopes: tuple[str, ...] = ()
    fingerprint: str = field(default="", compare=False)

    @property
    def rule_id(self) -> str:
        return self.rule.id

    @property
    def fix_text(self) -> str:
        return self.fix or self.rule.doc.fix_summary

    @property
    def sort_key(self) -> tuple[tuple[str, int, int], str, str]:
        return (self.location.sort_key, self.rule.id, self.key)
