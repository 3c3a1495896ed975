"""A letter grade for a run, from ``A+`` (nothing to fix) to ``F``.

Like Mozilla Observatory's grade it starts from 100 points and takes points off per finding,
but the worst finding also caps the grade, so a critical problem is never averaged away by an
otherwise tidy project:

* any **critical** finding: ``F``;
* any **high** finding: ``D`` at best;
* otherwise the score decides: 100 minus 25 per high, 15 per medium and 5 per low finding.
  ``A+`` is 100 (nothing at low or above), ``A`` ≥ 90, ``B`` ≥ 75, ``C`` ≥ 50, ``D`` ≥ 25,
  ``F`` below.

Info findings never cost points. Confidence does not change the grade: a finding reported at
low confidence is still a finding the reader has to look at.
"""

from __future__ import annotations

from collections.abc import Iterable

from .finding import Finding
from .severity import Severity

GRADES = ("A+", "A", "B", "C", "D", "F")
"""Best first."""

PENALTY = {Severity.CRITICAL: 100, Severity.HIGH: 25, Severity.MEDIUM: 15, Severity.LOW: 5}
_THRESHOLDS = ((100, "A+"), (90, "A"), (75, "B"), (50, "C"), (25, "D"))
_CAPS = {Severity.CRITICAL: "F", Severity.HIGH: "D"}


def score(findings: Iterable[Finding]) -> int:
    """100 minus the penalties of ``findings``, never below 0."""
    lost = sum(PENALTY.get(finding.severity, 0) for finding in findings)
    return max(0, 100 - lost)


def grade(findings: Iterable[Finding]) -> str:
    """The letter grade of a run's findings (see the module docstring for the scale)."""
    findings = list(findings)
    points = score(findings)
    letter = next((letter for floor, letter in _THRESHOLDS if points >= floor), "F")
    for finding in findings:
        cap = _CAPS.get(finding.severity)
        if cap is not None and GRADES.index(cap) > GRADES.index(letter):
            letter = cap
    return letter
