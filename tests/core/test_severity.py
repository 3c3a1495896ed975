from __future__ import annotations

import pytest

from ponyguard.core.severity import Confidence, Severity


def test_severity_is_ordered() -> None:
    assert Severity.INFO < Severity.LOW < Severity.MEDIUM < Severity.HIGH < Severity.CRITICAL
    assert max(Severity) is Severity.CRITICAL
    assert Confidence.LOW < Confidence.HIGH


def test_parse_is_case_insensitive_and_helpful() -> None:
    assert Severity.parse(" High ") is Severity.HIGH
    with pytest.raises(ValueError, match="one of: info, low"):
        Severity.parse("severe")


def test_sarif_mappings() -> None:
    assert Severity.CRITICAL.sarif_level == "error"
    assert Severity.MEDIUM.sarif_level == "warning"
    assert Severity.LOW.sarif_level == "note"
    assert float(Severity.CRITICAL.security_severity) > 9.0
    assert 7.0 <= float(Severity.HIGH.security_severity) < 9.0
    assert Confidence.HIGH.sarif_precision == "very-high"
