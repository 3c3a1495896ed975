"""Filtering in the pipeline: the minimum confidence holds findings back and counts them."""

from __future__ import annotations

from pathlib import Path

from ponyguard.core.severity import Confidence
from ponyguard.report.json import JsonReporter
from ponyguard.report.text import TextReporter
from tests.helpers import audit_files, findings_of

HELPER = """\
from app.models import Invoice


def find(lookups):
    return Invoice.objects.filter(**lookups){comment}
"""


def helper(comment: str = "") -> dict[str, str]:
    return {"app/queries.py": HELPER.format(comment=comment)}


def test_a_low_confidence_finding_is_listed_when_asked_for(tmp_path: Path) -> None:
    result = audit_files(tmp_path, helper(), select=("PG202",))
    [finding] = findings_of(result, "PG202")
    assert finding.confidence is Confidence.LOW
    assert result.held_back == 0


def test_the_default_holds_it_back_and_counts_it(tmp_path: Path) -> None:
    result = audit_files(tmp_path, helper(), select=("PG202",),
                         min_confidence=Confidence.MEDIUM)
    assert findings_of(result, "PG202") == []
    assert result.held_back == 1 and result.min_confidence == "medium"
    text = TextReporter().render(result)
    assert "1 finding below medium confidence held back (--min-confidence low lists them)" in text
    assert '"held_back": 1' in JsonReporter().render(result)


def test_an_ignore_comment_on_a_held_back_finding_counts_as_used(tmp_path: Path) -> None:
    result = audit_files(tmp_path, helper("  # ponyguard: ignore[PG202]"),
                         select=("PG202", "PG005"), min_confidence=Confidence.MEDIUM)
    assert result.suppressed == 1 and result.held_back == 0
    assert findings_of(result, "PG005") == []
