"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

The log validates against the OASIS schema and carries what GitHub's ingestion wants:

* ``tool.driver.rules`` holds every rule that has a result, with ``help``/``helpUri``, the CWE ids
  as ``external/cwe/cwe-N`` tags, ``precision`` (from confidence) and ``security-severity``.
* Paths are relative ``uri``s with ``uriBaseId: "%SRCROOT%"``; ``run.originalUriBaseIds`` maps
  ``%SRCROOT%`` to the audited root. Upload from the repository root, so these paths are
  relative to it. Live-scan findings carry the absolute URL instead: valid SARIF, but GitHub
  cannot attach them to code, so upload SARIF from ``audit`` and ``deps`` only.
* GitHub rejects a whole upload when one result has no location, so a finding of no file or
  URL (e.g. "no settings found") is anchored at the root itself (``uri: "."``); a scan at its
  target URL.
* ``partialFingerprints.primaryLocationLineHash`` has the shape GitHub's upload action uses (16
  hex digits and ``:N``, N counting from 1), but hashes ponyguard's line-independent identity
  (rule, path, key) instead of the line's text, so an alert survives code moving around it.
  ``ponyguard/v1`` is the finding's own fingerprint, the one baselines use.
* Columns are 1-based and count code points (``run.columnKind: "unicodeCodePoints"``).
* ``run.properties`` holds the run's ``kind``, ``score``, ``grade``, ``heldBack`` (findings below
  ``minConfidence``, not listed) (and a scan's per-site
  ``sites``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..core.finding import Finding, Location
from ..core.fingerprint import identity_hash
from ..core.redact import MASK
from ..core.result import RunResult
from ..core.rule import PROJECT_URL, Rule
from .interface import Reporter, grouped, safe, summary, tool_version

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
MAX_DESCRIPTION = 1024
MAX_TAGS = 20


class SarifReporter(Reporter):
    """A SARIF 2.1.0 log with one run."""

    name = "sarif"

    def render(self, result: RunResult) -> str:
        return json.dumps(sarif_log(result), indent=2, ensure_ascii=True) + "\n"


def sarif_log(result: RunResult) -> dict[str, Any]:
    """The SARIF log as JSON-ready data."""
    findings = [finding for _, group in grouped(result.findings) for finding in group]
    rules = sorted({finding.rule for finding in findings}, key=lambda rule: rule.id)
    index = {rule.id: position for position, rule in enumerate(rules)}
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "ponyguard",
            "version": tool_version(result),
            "semanticVersion": tool_version(result),
            "informationUri": PROJECT_URL,
            "rules": [_rule(rule) for rule in rules],
        }},
        "automationDetails": {"id": f"ponyguard/{result.kind}/"},
        "invocations": [_invocation(result)],
        "columnKind": "unicodeCodePoints",
        "redactionTokens": [MASK],
        "results": [_result(finding, index[finding.rule.id], result) for finding in findings],
        "properties": _run_properties(result),
    }
    if _is_path(result):
        root = Path(result.target).absolute().as_uri().rstrip("/") + "/"
        run["originalUriBaseIds"] = {SRCROOT: {"uri": root}}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _run_properties(result: RunResult) -> dict[str, Any]:
    data = summary(result)
    properties: dict[str, Any] = {"kind": result.kind, "score": data["score"],
                                  "grade": data["grade"], "heldBack": data["held_back"],
                                  "minConfidence": data["min_confidence"]}
    if data["sites"]:
        properties["sites"] = data["sites"]
    return properties


def _rule(rule: Rule) -> dict[str, Any]:
    markdown = rule.doc.markdown()
    tags = ["security", *(f"external/cwe/cwe-{cwe}" for cwe in rule.cwe)][:MAX_TAGS]
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.title[:MAX_DESCRIPTION]},
        "fullDescription": {"text": (rule.doc.summary or rule.title)[:MAX_DESCRIPTION]},
        "help": {"text": markdown, "markdown": markdown},
        "helpUri": rule.help_uri,
        "defaultConfiguration": {"level": rule.severity.sarif_level},
        "properties": {
            "tags": tags,
            "precision": rule.confidence.sarif_precision,
            "security-severity": rule.severity.security_severity,
        },
    }


def _invocation(result: RunResult) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": not result.incomplete}
    notifications = [
        {"level": "error", "message": {"text": safe(error) or "error"}} for error in result.errors
    ] + [{"level": "note", "message": {"text": safe(note) or "note"}} for note in result.notes]
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def _result(finding: Finding, rule_index: int, result: RunResult) -> dict[str, Any]:
    fingerprint = finding.fingerprint or f"{identity_hash(finding)}:0"
    properties: dict[str, Any] = {
        "severity": finding.severity.value,
        "confidence": finding.confidence.value,
        "fix": safe(finding.fix_text),
    }
    if finding.evidence:
        properties["evidence"] = safe(finding.evidence)
    if finding.scopes:
        properties["scopes"] = [safe(scope) for scope in finding.scopes]
    return {
        "ruleId": finding.rule.id,
        "ruleIndex": rule_index,
        "level": finding.severity.sarif_level,
        "message": {"text": safe(finding.message) or finding.rule.title},
        "locations": [_location(finding.location, result)],
        "partialFingerprints": {
            "primaryLocationLineHash": _line_hash(fingerprint),
            "ponyguard/v1": fingerprint,
        },
        "properties": properties,
    }


def _line_hash(fingerprint: str) -> str:
    base, _, occurrence = fingerprint.rpartition(":")
    count = int(occurrence) + 1 if occurrence.isdigit() else 1
    digest = hashlib.sha256((base or fingerprint).encode("utf-8")).hexdigest()[:16]
    return f"{digest}:{count}"


def _location(location: Location, result: RunResult) -> dict[str, Any]:
    if location.url is not None:
        return {"physicalLocation": {"artifactLocation": {"uri": safe(location.url)}}}
    if location.path is None:
        if _is_path(result):
            return {"physicalLocation": {"artifactLocation": {"uri": ".", "uriBaseId": SRCROOT}}}
        return {"physicalLocation": {"artifactLocation": {"uri": safe(result.target)}}}
    artifact = {"uri": quote(safe(location.path).replace("\\", "/"), safe="/"),
                "uriBaseId": SRCROOT}
    return {"physicalLocation": {"artifactLocation": artifact, "region": _region(location)}}


def _region(location: Location) -> dict[str, int]:
    start_line = max(1, location.line or 1)
    start_column = max(1, location.column or 1)
    region = {"startLine": start_line, "startColumn": start_column}
    if location.end_line is not None and location.end_line >= start_line:
        region["endLine"] = location.end_line
    end_line = region.get("endLine", start_line)
    end_column = location.end_column
    if end_column is not None and (end_line > start_line or end_column > start_column):
        region["endColumn"] = end_column
    return region


def _is_path(result: RunResult) -> bool:
    return "://" not in result.target
