"""The in-memory backend: the same language on dicts and objects, and `audit --where`."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
from click.testing import CliRunner

from ponyguard.cli import cli
from ponyguard.core.severity import Severity
from ponyguard.query import Field, FieldType, QuerySchemaError, Schema, compile_predicate
from ponyguard.query.findings import FINDINGS_SCHEMA, filter_findings, finding_record
from tests.helpers import write_project

PEOPLE = Schema.of([
    Field(("name",), FieldType.STRING),
    Field(("age",), FieldType.INTEGER, nullable=True),
    Field(("level",), FieldType.ORDERED, choices=(("low", "low"), ("mid", "mid"),
                                                  ("top", "top"))),
    Field(("groups", "name"), FieldType.STRING, to_many=True),
])


@dataclass
class Group:
    name: str


@dataclass
class Person:
    name: str
    age: int | None
    level: str
    groups: list[Group] = field(default_factory=list)


ROWS = [
    Person("only_x", 30, "mid", [Group("XXX"), Group("ZZZ")]),
    {"name": "both", "age": 40, "level": "top", "groups": [{"name": "XXX"}, {"name": "YYY"}]},
    Person("only_y", None, "low", [Group("YYY")]),
    {"name": "nobody", "age": 18, "level": Severity.LOW, "groups": []},
]


def select(text: str) -> list[str]:
    matches = compile_predicate(text, PEOPLE)
    names = [row["name"] if isinstance(row, dict) else row.name for row in ROWS]
    return sorted(n for n, row in zip(names, ROWS, strict=True) if matches(row))


@pytest.mark.parametrize(("text", "expected"), [
    ('groups.name = "XXX" and not groups.name = "YYY"', ["only_x"]),
    ('groups.name = "XXX" and groups.name = "YYY"', ["both"]),
    ('groups.name != "YYY"', ["nobody", "only_x"]),
    ("groups.name not in (XXX, YYY)", ["nobody"]),
    ("groups.name is null", ["nobody"]),
    ("age > 20 or age is null", ["both", "only_x", "only_y"]),
    ("age != 30", ["both", "nobody", "only_y"]),  # a missing value is "not 30", as in SQL ~Q
    ("level >= mid", ["both", "only_x"]),  # by position in the choices, not alphabetically
    ("level < mid", ["nobody", "only_y"]),  # an enum member reads as its value
    ('name ~ "ONLY" and not name endswith y', ["only_x"]),
    ('name startswith "no" or name in (both)', ["both", "nobody"]),
])
def test_predicate_semantics_match_the_q_backend(text: str, expected: list[str]) -> None:
    assert select(text) == expected


def test_unorderable_values_compare_false() -> None:
    matches = compile_predicate("age > 3", PEOPLE)
    assert matches({"age": "old"}) is False and matches({}) is False


def test_ordered_fields_reject_unknown_values() -> None:
    with pytest.raises(QuerySchemaError, match="not a choice"):
        compile_predicate("level > huge", PEOPLE)


def test_findings_schema_fields() -> None:
    assert {"__".join(p) for p in FINDINGS_SCHEMA.fields} == {
        "rule", "name", "title", "severity", "confidence", "path", "line", "message", "cwe"}


INSECURE = {"settings.py": 'DEBUG = True\nSECRET_KEY = "django-insecure-planted-1234567890abc"\n'
                           'ALLOWED_HOSTS = ["*"]\n',
            "app/views.py": "import os\ndef view(request):\n"
                            "    os.system('ls ' + request.GET['d'])\n"}


def audit_json(tmp_path, *args: str):
    result = CliRunner().invoke(cli, ["audit", str(tmp_path), "--no-cache", "--format",
                                      "json", *args], catch_exceptions=False)
    return result, (json.loads(result.output) if result.exit_code in (0, 1) else None)


def test_audit_where_filters_findings_and_the_exit_code(tmp_path) -> None:
    write_project(tmp_path, INSECURE)
    _, everything = audit_json(tmp_path)
    rules = {f["rule"] for f in everything["findings"]}
    assert "PG101" in rules and any(r.startswith("PG2") for r in rules)
    result, data = audit_json(tmp_path, "--where", 'severity >= high and rule ~ "PG2"')
    kept = data["findings"]
    assert kept and all(f["rule"].startswith("PG2") for f in kept)
    assert all(Severity(f["severity"]) >= Severity.HIGH for f in kept)
    expected = [f for f in everything["findings"]
                if f["rule"].startswith("PG2") and Severity(f["severity"]) >= Severity.HIGH]
    assert [f["fingerprint"] for f in kept] == [f["fingerprint"] for f in expected]
    result, data = audit_json(tmp_path, "--where", 'rule = "PG999"')
    assert result.exit_code == 0 and data["findings"] == []


def test_audit_where_by_cwe_and_path(tmp_path) -> None:
    write_project(tmp_path, INSECURE)
    _, data = audit_json(tmp_path, "--where", 'cwe = 78 and path endswith "views.py"')
    assert data["findings"] and all(78 in f["cwe"] for f in data["findings"])


def test_audit_where_error_is_a_usage_error_with_a_pointer(tmp_path) -> None:
    write_project(tmp_path, INSECURE)
    result, _ = audit_json(tmp_path, "--where", "severity >= hihg")
    assert result.exit_code == 2
    assert "`hihg` is not a choice" in result.output and "did you mean `high`?" in result.output
    assert "            ^^^^" in result.output
    result, _ = audit_json(tmp_path, "--where", "secret = 1")
    assert result.exit_code == 2 and "unknown field `secret` on finding" in result.output


def test_filter_findings_and_records(tmp_path) -> None:
    from ponyguard.audit import audit_project

    write_project(tmp_path, INSECURE)
    findings = audit_project(tmp_path).findings
    record = finding_record(findings[0])
    assert set(record) == {"__".join(p) for p in FINDINGS_SCHEMA.fields}
    assert filter_findings(findings, "confidence >= low") == list(findings)
    assert filter_findings(findings, "not confidence >= low") == []
