"""The score and grade of a live scan, on Mozilla HTTP Observatory's scale.

The audit's grade (:mod:`ponyguard.core.grade`) is coarse on purpose; a scan gets the finer
scale web developers know from the Observatory, with bonuses for defences beyond the
baseline. The table:

* start at **100**;
* take off per finding: **critical 50, high 20, medium 10, low 5, info 0** (confidence does
  not matter: a finding at low confidence is still one to look at);
* only when the score is still **≥ 90**, add the bonuses the probes reported (see
  :data:`BONUSES`), so hardening never hides a real problem;
* the letter comes from :data:`SCALE` (``A+`` ≥ 100, ``A`` ≥ 90, ``A-`` ≥ 85, ``B+`` ≥ 80,
  ``B`` ≥ 70, ``B-`` ≥ 65, ``C+`` ≥ 60, ``C`` ≥ 50, ``C-`` ≥ 45, ``D+`` ≥ 40, ``D`` ≥ 30,
  ``D-`` ≥ 25, ``F`` below);
* then the worst finding caps it: any **critical** finding is an ``F`` (an exposed ``.env``
  is not averaged away by good headers), any **high** finding at best a ``C``.

The score never goes below 0 and may exceed 100 with bonuses. Several sites scanned together
get the worst site's grade and score. A probe reports a bonus with
``ctx.note("bonus:<name>", True)``; names not in :data:`BONUSES` are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.finding import Finding
from ..core.severity import Severity

SCALE = ((100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"), (60, "C+"),
         (50, "C"), (45, "C-"), (40, "D+"), (30, "D"), (25, "D-"))
GRADES = tuple(letter for _, letter in SCALE) + ("F",)
"""Best first."""
PENALTY = {Severity.CRITICAL: 50, Severity.HIGH: 20, Severity.MEDIUM: 10, Severity.LOW: 5,
           Severity.INFO: 0}
CAPS = {Severity.CRITICAL: "F", Severity.HIGH: "C"}
BONUS_THRESHOLD = 90
BONUSES = {
    "hsts-preload": 5,  # HSTS max-age >= 1 year, includeSubDomains and preload
    "csp-strict": 10,  # script-src without unsafe-inline/unsafe-eval/wildcards, frame-ancestors
    "cookies-samesite": 5,  # every cookie Secure, HttpOnly where it matters, SameSite Lax/Strict
    "tls-1.3": 5,  # TLS 1.3 offered and nothing older than TLS 1.2 accepted
}
BONUS_PREFIX = "bonus:"


def score(findings: Iterable[Finding], bonuses: Iterable[str] = ()) -> int:
    """100 minus penalties, plus bonuses when the penalised score is at least 90."""
    points = 100 - sum(PENALTY[finding.severity] for finding in findings)
    if points >= BONUS_THRESHOLD:
        points += sum(BONUSES.get(name, 0) for name in set(bonuses))
    return max(0, points)


def letter(points: int) -> str:
    return next((letter for floor, letter in SCALE if points >= floor), "F")


def grade(findings: Iterable[Finding], bonuses: Iterable[str] = ()) -> tuple[int, str]:
    """The score and the letter grade of one site's findings."""
    findings = list(findings)
    points = score(findings, bonuses)
    result = letter(points)
    for finding in findings:
        cap = CAPS.get(finding.severity)
        if cap is not None and worse(cap, result):
            result = cap
    return points, result


def worse(first: str, second: str) -> bool:
    """Whether grade ``first`` is worse than grade ``second``."""
    return rank(first) > rank(second)


def rank(letter: str) -> int:
    """0 for ``A+``, growing towards ``F``; raises ValueError for an unknown grade."""
    try:
        return GRADES.index(letter.strip().upper())
    except ValueError:
        raise ValueError(f"{letter!r} is not a grade (one of: {', '.join(GRADES)})") from None


def bonuses_of(facts: dict[str, object]) -> list[str]:
    """The bonus names the probes noted as facts (``bonus:hsts-preload``)."""
    return [key[len(BONUS_PREFIX):] for key, value in facts.items()
            if key.startswith(BONUS_PREFIX) and value]
