"""The scan's score and grade table (Observatory-like, with bonuses above a threshold)."""

from __future__ import annotations

import pytest

from ponyguard.core.result import RunResult, SiteGrade
from ponyguard.core.severity import Severity
from ponyguard.scan.grade import BONUSES, GRADES, bonuses_of, grade, letter, rank, score, worse
from ponyguard.scan.runner import combine
from tests.report import finding


def of(*severities: Severity):
    return [finding(severity=sev, key=str(i), url="https://x/", path=None, line=None)
            for i, sev in enumerate(severities)]


def test_a_clean_site_is_a_plus_and_info_costs_nothing() -> None:
    assert grade([]) == (100, "A+")
    assert grade(of(Severity.INFO, Severity.INFO)) == (100, "A+")


@pytest.mark.parametrize(("severities", "expected"), [
    ((Severity.LOW,), (95, "A")),
    ((Severity.MEDIUM,), (90, "A")),
    ((Severity.MEDIUM, Severity.LOW), (85, "A-")),
    ((Severity.MEDIUM, Severity.MEDIUM), (80, "B+")),
    ((Severity.MEDIUM,) * 3, (70, "B")),
    ((Severity.MEDIUM,) * 5, (50, "C")),
    ((Severity.MEDIUM,) * 8, (20, "F")),
])
def test_penalties_by_severity(severities, expected) -> None:
    assert grade(of(*severities)) == expected


def test_caps_critical_is_f_and_high_at_best_c() -> None:
    assert grade(of(Severity.CRITICAL)) == (50, "F")
    assert grade(of(Severity.HIGH)) == (80, "C")
    assert grade(of(Severity.HIGH, *[Severity.MEDIUM] * 4)) == (40, "D+")


def test_bonuses_apply_only_at_or_above_the_threshold() -> None:
    assert score(of(Severity.LOW), ["hsts-preload"]) == 100
    assert grade(of(Severity.LOW), ["hsts-preload"]) == (100, "A+")
    assert score(of(Severity.MEDIUM, Severity.LOW), ["csp-strict"]) == 85
    assert score([], ["csp-strict", "csp-strict", "nonsense"]) == 100 + BONUSES["csp-strict"]
    assert grade(of(Severity.HIGH), list(BONUSES)) == (80, "C")


def test_bonus_facts() -> None:
    facts = {"bonus:hsts-preload": True, "bonus:tls-1.3": False, "django_version": "5.2"}
    assert bonuses_of(facts) == ["hsts-preload"]


def test_scale_and_ranks() -> None:
    assert GRADES[0] == "A+" and GRADES[-1] == "F" and len(GRADES) == 13
    assert letter(100) == "A+" and letter(89) == "A-" and letter(24) == "F"
    assert worse("B", "A+") and not worse("A", "A-") and rank("a+") == 0
    with pytest.raises(ValueError, match="not a grade"):
        rank("E")


def test_several_sites_get_the_worst_grade() -> None:
    def site(url: str, points: int, grade_letter: str) -> RunResult:
        return RunResult(kind="scan", target=url, findings=(), scopes=(url,), score=points,
                         grade=grade_letter, sites=(SiteGrade(url, points, grade_letter),))

    combined = combine([site("https://a/", 105, "A+"), site("https://b/", 70, "B"),
                        site("https://c/", 72, "B")])
    assert (combined.grade, combined.score) == ("B", 70)
    assert combined.scopes == ("https://a/", "https://b/", "https://c/")
    assert [s.grade for s in combined.sites] == ["A+", "B", "B"]
    assert combined.target == "https://a/ and 2 more"
