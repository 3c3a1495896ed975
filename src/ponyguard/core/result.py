"""The outcome of one run: what every reporter renders and the CLI turns into an exit code."""

from __future__ import annotations

from dataclasses import dataclass, field

from .finding import Finding
from .severity import Severity


@dataclass(frozen=True, slots=True)
class SiteGrade:
    """One scanned site's score and grade (a scan of several sites lists each)."""

    url: str
    score: int
    grade: str
    incomplete: bool = False


@dataclass(frozen=True, slots=True)
class RunResult:
    """Findings after filtering, plus what a reader needs to trust them."""

    kind: str
    """``"audit"``, ``"scan"`` or ``"deps"``."""
    target: str
    """The audited root (absolute path) or the scanned URL."""
    findings: tuple[Finding, ...]
    scopes: tuple[str, ...] = ()
    """What was covered: settings modules audited, URLs scanned."""
    notes: tuple[str, ...] = ()
    """What a reader needs to weigh the findings, one line each (the dependency data's date)."""
    files_audited: int = 0
    suppressed: int = 0
    held_back: int = 0
    """Findings below the minimum confidence: counted here, listed with a lower minimum."""
    min_confidence: str = "low"
    """The minimum confidence the run listed (``Confidence.value``)."""
    baselined: int = 0
    baseline_fixed: int = 0
    """Baseline entries that matched nothing this run (fixed, or the code moved away)."""
    incomplete: bool = False
    errors: tuple[str, ...] = ()
    """Problems that made the run incomplete, one line each, already redacted."""
    duration: float = 0.0
    tool_version: str = field(default="")
    score: int | None = None
    """Set by runs with their own scale (a scan); None: the core grade's score applies."""
    grade: str | None = None
    """Set by runs with their own scale (a scan); None: :func:`core.grade.grade` applies."""
    sites: tuple[SiteGrade, ...] = ()
    """Per-site grades of a scan (one entry per scanned URL)."""

    def counts(self) -> dict[Severity, int]:
        counts = dict.fromkeys(reversed(Severity), 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def at_or_above(self, threshold: Severity) -> list[Finding]:
        return [f for f in self.findings if f.severity >= threshold]
