from __future__ import annotations

import json

from ponyguard.core.severity import Severity
from ponyguard.report import JsonReporter, Reporter
from tests.report import assert_no_secrets, finding, mixed, planted, result

FINDING_KEYS = {"rule", "name", "title", "severity", "confidence", "cwe", "message", "location",
                "evidence", "fix", "references", "fingerprint", "scopes"}


def render(res) -> dict:
    return json.loads(JsonReporter().render(res))


def test_is_a_reporter() -> None:
    assert isinstance(JsonReporter(), Reporter)
    assert JsonReporter.name == "json"


def test_top_level_shape() -> None:
    data = render(result(finding(), incomplete=True, errors=("oops",), suppressed=1,
                         baselined=2, baseline_fixed=3))
    assert data["schema_version"] == 1
    assert data["tool"] == {"name": "ponyguard", "version": "0.1.0"}
    assert data["kind"] == "audit"
    assert data["target"] == "/srv/project"
    assert data["scopes"] == ["mysite.settings"]
    assert data["incomplete"] is True
    assert data["errors"] == ["oops"]
    assert data["summary"] == {
        "critical": 0, "high": 0, "medium": 0, "low": 0, "info": 1, "total": 1,
        "suppressed": 1, "held_back": 0, "min_confidence": "low", "baselined": 2,
        "baseline_fixed": 3, "files_audited": 4,
        "duration": 0.25, "score": 100, "grade": "A+", "sites": [],
    }


def test_findings_have_every_key_and_sorted_locations() -> None:
    data = render(mixed())
    findings = data["findings"]
    assert all(set(f) == FINDING_KEYS for f in findings)
    assert [f["location"]["path"] for f in findings] == [
        None, "app/views.py", "mysite/settings.py", "static/blob.py"]
    parse = findings[1]
    assert parse["rule"] == "PG001" and parse["name"] == "parse-error"
    assert parse["severity"] == "critical" and parse["confidence"] == "high"
    assert parse["cwe"] == [1059] and all(isinstance(n, int) for n in parse["cwe"])
    assert parse["location"] == {"path": "app/views.py", "line": 7, "column": 5,
                                 "end_line": 7, "end_column": 9, "url": None}
    assert parse["fix"].startswith("Fix the syntax error")
    assert parse["references"] and parse["references"][0].startswith("https://")
    assert parse["fingerprint"] and parse["evidence"] is None
    assert findings[2]["scopes"] == ["mysite.settings", "mysite.settings.prod"]
    assert data["summary"]["grade"] == "F"


def test_finding_fix_overrides_rule_fix_and_url_locations() -> None:
    data = render(result(finding(fix="Set it.", path=None, line=None, url="https://e.x/")))
    [f] = data["findings"]
    assert f["fix"] == "Set it."
    assert f["location"]["url"] == "https://e.x/" and f["location"]["path"] is None


def test_round_trips_and_is_ascii() -> None:
    res = result(finding("caf\u00e9 \u202e \x1b[31m", evidence="a\nb", severity=Severity.HIGH))
    text = JsonReporter().render(res)
    assert text.isascii()
    data = json.loads(text)
    assert json.loads(json.dumps(data)) == data
    [f] = data["findings"]
    assert f["message"] == "caf\u00e9  "
    assert f["evidence"] == "a\nb"


def test_no_findings_is_an_empty_list() -> None:
    data = render(result())
    assert data["findings"] == [] and data["summary"]["total"] == 0


def test_planted_secrets_never_appear() -> None:
    assert_no_secrets(JsonReporter().render(planted()))
