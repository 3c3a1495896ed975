"""The vulnerable example app: exactly the labelled findings, none on the safe look-alikes.

``examples/vulnerable_app/expectations.toml`` labels each line: ``[[finding]]`` entries are
what the code and template rules must report, ``[[safe]]`` entries are look-alikes that must
stay silent. A line is named by ``anchor``, a substring occurring exactly once in the file
(the line where it starts), optionally narrowed by ``line_anchor``: the first line at or after
the anchor that contains it.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

from ponyguard.audit import audit_project
from ponyguard.core.config import Config
from ponyguard.core.registry import load_rules
from ponyguard.core.result import RunResult
from ponyguard.core.severity import Confidence

APP = Path(__file__).resolve().parent.parent / "examples" / "vulnerable_app"
ANALYSED = re.compile(r"PG[2-5]\d\d$")


def code_and_template_rules() -> list[str]:
    return sorted(r.id for r in load_rules()
                  if ANALYSED.match(r.id) and "settings" not in r.callbacks)


def load_expectations() -> dict[str, list[dict[str, Any]]]:
    with open(APP / "expectations.toml", "rb") as handle:
        data = tomllib.load(handle)
    return {"finding": data.get("finding", []), "safe": data.get("safe", [])}


def resolve(entry: dict[str, Any]) -> int:
    """The 1-based line an entry labels."""
    text = (APP / entry["path"]).read_text(encoding="utf-8")
    anchor = entry["anchor"]
    count = text.count(anchor)
    assert count == 1, f"{entry['path']}: anchor {anchor!r} occurs {count} times"
    start = text.index(anchor)
    line = text.count("\n", 0, start) + 1
    if "line_anchor" in entry:
        lines = text.splitlines()
        for number in range(line, len(lines) + 1):
            if entry["line_anchor"] in lines[number - 1]:
                return number
        raise AssertionError(f"{entry['path']}: line_anchor {entry['line_anchor']!r} not found")
    return line


@cache
def audit() -> RunResult:
    return audit_project(APP, Config(min_confidence=Confidence.LOW))


def test_the_default_run_lists_medium_and_high_and_counts_the_rest() -> None:
    everything = [f for f in audit().findings if ANALYSED.match(f.rule.id)]
    default = audit_project(APP)
    listed = [f for f in default.findings if ANALYSED.match(f.rule.id)]
    low = [f for f in everything if f.confidence is Confidence.LOW]
    assert low, "the app labels low-confidence findings too"
    assert {f.fingerprint for f in listed} == {
        f.fingerprint for f in everything if f.confidence is not Confidence.LOW}
    assert default.held_back == len(low) and default.min_confidence == "medium"


def test_the_app_audits_cleanly() -> None:
    result = audit()
    assert not result.incomplete, result.errors
    assert result.scopes == ("vulnerable_app.settings.production",)
    others = [f"{f.rule.id} {f.location.path}:{f.location.line} {f.message}"
              for f in result.findings if not ANALYSED.match(f.rule.id)]
    assert others == []


def test_exactly_the_labelled_findings() -> None:
    expected = {(e["rule"], e["path"], resolve(e)) for e in load_expectations()["finding"]}
    found = {(f.rule.id, Path(f.location.path).as_posix(), f.location.line)
             for f in audit().findings if ANALYSED.match(f.rule.id)}
    assert sorted(expected - found) == [], "missed"
    assert sorted(found - expected) == [], "not labelled (false alarm or missing label)"


def test_labelled_confidence_and_severity() -> None:
    by_line: dict[tuple[str, str, int], list[Any]] = {}
    for f in audit().findings:
        by_line.setdefault((f.rule.id, Path(f.location.path).as_posix(), f.location.line),
                           []).append(f)
    wrong = []
    for entry in load_expectations()["finding"]:
        findings = by_line.get((entry["rule"], entry["path"], resolve(entry)), [])
        for attribute in ("confidence", "severity"):
            if attribute in entry:
                got = sorted({getattr(f, attribute).value for f in findings})
                if got != [entry[attribute]]:
                    wrong.append((entry["rule"], entry["anchor"], attribute, got))
    assert wrong == []


def test_nothing_fires_on_the_safe_look_alikes() -> None:
    safe = {(e["path"], resolve(e)): e["rule"] for e in load_expectations()["safe"]}
    alarms = [(f.rule.id, safe[key], f.location.path, f.location.line, f.message)
              for f in audit().findings
              if (key := (Path(f.location.path).as_posix(), f.location.line)) in safe]
    assert alarms == []


def test_every_code_and_template_rule_is_labelled() -> None:
    expectations = load_expectations()
    insecure = {e["rule"] for e in expectations["finding"]}
    look_alikes = {e["rule"] for e in expectations["safe"]}
    rules = code_and_template_rules()
    assert rules, "no code or template rules registered"
    assert [r for r in rules if r not in insecure] == [], "rules without an insecure example"
    assert [r for r in rules if r not in look_alikes] == [], "rules without a safe look-alike"


@pytest.mark.parametrize("kind", ["finding", "safe"])
def test_expectation_entries_are_well_formed(kind: str) -> None:
    known = set(code_and_template_rules())
    allowed = {"rule", "path", "anchor", "line_anchor", "confidence", "severity"}
    for entry in load_expectations()[kind]:
        assert set(entry) <= allowed and {"rule", "path", "anchor"} <= set(entry), entry
        assert entry["rule"] in known, entry
        resolve(entry)
