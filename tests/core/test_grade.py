from __future__ import annotations

import pytest

from ponyguard.core.grade import GRADES, grade, score
from ponyguard.core.severity import Severity
from tests.report import finding


def of(*severities: Severity):
    return [finding(severity=sev, key=str(i)) for i, sev in enumerate(severities)]


def test_nothing_to_fix_is_a_plus() -> None:
    assert grade([]) == "A+"
    assert grade(of(Severity.INFO, Severity.INFO)) == "A+"
    assert score(of(Severity.INFO)) == 100


def test_any_critical_is_f_whatever_else() -> None:
    assert grade(of(Severity.CRITICAL)) == "F"
    assert grade(of(Severity.CRITICAL, Severity.INFO)) == "F"


def test_a_high_finding_caps_at_d_and_many_fail() -> None:
    assert grade(of(Severity.HIGH)) == "D"
    assert grade(of(Severity.HIGH, Severity.LOW)) == "D"
    assert grade(of(*[Severity.HIGH] * 4)) == "F"


@pytest.mark.parametrize(("severities", "expected"), [
    ((Severity.LOW,), "A"),
    ((Severity.LOW, Severity.LOW), "A"),
    ((Severity.MEDIUM,), "B"),
    ((Severity.MEDIUM, Severity.MEDIUM), "C"),
    ((Severity.MEDIUM,) * 4, "D"),
    ((Severity.MEDIUM,) * 6, "F"),
])
def test_points_decide_below_the_caps(severities, expected) -> None:
    assert grade(of(*severities)) == expected


def test_more_findings_never_improve_the_grade() -> None:
    findings = []
    previous = GRADES.index("A+")
    for sev in [Severity.LOW, Severity.MEDIUM, Severity.LOW, Severity.HIGH, Severity.CRITICAL]:
        findings += of(sev)
        current = GRADES.index(grade(findings))
        assert current >= previous
        previous = current


def test_score_never_goes_negative() -> None:
    assert score(of(*[Severity.CRITICAL] * 3)) == 0
