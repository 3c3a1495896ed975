from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from ponyguard.audit import audit_project
from ponyguard.core.severity import Severity
from ponyguard.report import Reporter, SarifReporter
from tests.helpers import write_project
from tests.report import PLANTED_KEY, assert_no_secrets, finding, mixed, planted, result

SCHEMA_PATH = Path(__file__).resolve().parents[2].parent / "shared/data/sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def render(res, validator) -> dict:
    data = json.loads(SarifReporter().render(res))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    return data


def results_by_rule(run: dict) -> dict[str, dict]:
    return {r["ruleId"]: r for r in run["results"]}


def test_is_a_reporter() -> None:
    assert isinstance(SarifReporter(), Reporter)
    assert SarifReporter.name == "sarif"


def test_top_level_is_github_ready(validator) -> None:
    data = render(mixed(), validator)
    assert data["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert data["version"] == "2.1.0"
    [run] = data["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "ponyguard" and driver["version"] == "0.1.0"
    assert driver["informationUri"].startswith("https://")
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///srv/project/"}}
    assert run["automationDetails"]["id"] == "ponyguard/audit/"
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_rules_carry_help_tags_precision_and_security_severity(validator) -> None:
    run = render(mixed(), validator)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["PG001", "PG002", "PG003", "PG004"]
    for rule in rules:
        assert rule["name"] and re.fullmatch(r"[a-z0-9-]+", rule["name"])
        assert 0 < len(rule["shortDescription"]["text"]) <= 1024
        assert 0 < len(rule["fullDescription"]["text"]) <= 1024
        assert rule["help"]["text"] and "## Fix" in rule["help"]["markdown"]
        assert rule["helpUri"].endswith(f"/docs/rules/{rule['id']}.md")
        assert rule["defaultConfiguration"]["level"] in {"note", "warning", "error"}
        props = rule["properties"]
        assert props["tags"][0] == "security"
        assert "external/cwe/cwe-1059" in props["tags"]
        assert props["precision"] in {"very-high", "high", "medium", "low"}
        assert 0.0 < float(props["security-severity"]) <= 10.0
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]


def test_results_have_relative_uris_1_based_regions_and_fingerprints(validator) -> None:
    run = render(mixed(), validator)["runs"][0]
    by_rule = results_by_rule(run)
    parse = by_rule["PG001"]
    assert parse["level"] == "error"  # a critical finding of a low-severity rule
    assert parse["message"]["text"] == "could not parse"
    location = parse["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "app/views.py", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 7, "startColumn": 5, "endLine": 7, "endColumn": 9}
    no_column = by_rule["PG004"]["locations"][0]["physicalLocation"]["region"]
    assert no_column == {"startLine": 12, "startColumn": 1}
    no_line = by_rule["PG002"]["locations"][0]["physicalLocation"]["region"]
    assert no_line == {"startLine": 1, "startColumn": 1}
    for res in run["results"]:
        artifact = res["locations"][0]["physicalLocation"]["artifactLocation"]
        assert not artifact["uri"].startswith(("/", "file:"))
        prints = res["partialFingerprints"]
        assert re.fullmatch(r"[0-9a-f]{16}:[1-9][0-9]*", prints["primaryLocationLineHash"])
        assert prints["ponyguard/v1"]


def test_project_wide_finding_is_anchored_at_the_root(validator) -> None:
    run = render(result(finding(rule_id="PG003", path=None, line=None)), validator)["runs"][0]
    [res] = run["results"]
    assert res["locations"] == [
        {"physicalLocation": {"artifactLocation": {"uri": ".", "uriBaseId": "%SRCROOT%"}}}]


def test_url_findings_use_absolute_uris(validator) -> None:
    res = result(finding(path=None, line=None, url="https://example.com/admin/"),
                 finding(path=None, line=None, key="site"),
                 kind="scan", target="https://example.com/")
    run = render(res, validator)["runs"][0]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert {"uri": "https://example.com/"} in uris
    assert {"uri": "https://example.com/admin/"} in uris
    assert "originalUriBaseIds" not in run
    assert run["automationDetails"]["id"] == "ponyguard/scan/"


def test_line_hash_ignores_lines_and_counts_identical_findings(validator) -> None:
    first = render(result(finding(line=3), finding(line=9)), validator)["runs"][0]["results"]
    moved = render(result(finding(line=30), finding(line=90)), validator)["runs"][0]["results"]
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in first]
    assert hashes == [r["partialFingerprints"]["primaryLocationLineHash"] for r in moved]
    assert [h.split(":")[1] for h in hashes] == ["1", "2"]
    assert hashes[0].split(":")[0] == hashes[1].split(":")[0]


def test_incomplete_run_reports_notifications(validator) -> None:
    run = render(result(incomplete=True, errors=("settings.py: unreadable",)), validator)["runs"][0]
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"] == [
        {"level": "error", "message": {"text": "settings.py: unreadable"}}]
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []


def test_paths_are_uri_encoded(validator) -> None:
    run = render(result(finding(path="my app/set#tings.py", severity=Severity.LOW)),
                 validator)["runs"][0]
    artifact = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact["uri"] == "my%20app/set%23tings.py"


def test_planted_secrets_never_appear(validator) -> None:
    assert_no_secrets(json.dumps(render(planted(), validator)))


def test_a_real_audit_is_valid_and_leaks_nothing(tmp_path, validator) -> None:
    write_project(tmp_path, {"settings.py": f"DEBUG = True\nSECRET_KEY = '{PLANTED_KEY}'\n"})
    data = render(audit_project(tmp_path), validator)
    assert PLANTED_KEY not in json.dumps(data)
    [run] = data["runs"]
    assert run["results"]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    for res in run["results"]:
        artifact = res["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%" and not artifact["uri"].startswith("/")
