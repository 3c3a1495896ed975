"""The JSON report, for scripts and dashboards. Versioned by ``schema_version``.

Schema version 1 (keys are always present; ``null`` where a value is unknown)::

    {
      "schema_version": 1,
      "tool": {"name": "ponyguard", "version": "0.1.0"},
      "kind": "audit" | "scan" | "deps",
      "target": str,               # the audited root (absolute path) or the scanned URL
      "scopes": [str],             # settings modules audited, URLs scanned
      "incomplete": bool,          # true when part of the target could not be audited
      "errors": [str],             # why the run is incomplete, one line each
      "notes": [str],              # what to know to weigh the findings (the data's date)
      "summary": {
        "critical": int, "high": int, "medium": int, "low": int, "info": int,
        "total": int,
        "suppressed": int,         # hidden by inline ignore comments
        "held_back": int,          # below min_confidence: counted, not listed
        "min_confidence": "low" | "medium" | "high",   # the lowest confidence listed
        "baselined": int,          # hidden because the baseline already holds them
        "baseline_fixed": int,     # baseline entries that matched nothing this run
        "files_audited": int,
        "duration": float,         # seconds
        "score": int,              # 100 minus penalties (scans: plus bonuses), see the grade
        "grade": str,              # audit: A+ A B C D F; scan: Observatory's A+ … D- F
        "sites": [{"url": str, "score": int, "grade": str, "incomplete": bool}]  # scans
      },
      "findings": [{               # sorted by location
        "rule": "PG101", "name": "debug-enabled", "title": str,
        "severity": "critical" | "high" | "medium" | "low" | "info",
        "confidence": "high" | "medium" | "low",
        "cwe": [int],
        "message": str,
        "location": {
          "path": str | null,      # relative to the audited root, "/"-separated
          "line": int | null, "column": int | null,   # 1-based; columns in code points
          "end_line": int | null, "end_column": int | null,
          "url": str | null        # live-scan findings
        },
        "evidence": str | null,    # secrets redacted
        "fix": str,                # the finding's own fix, or the rule's fix summary
        "references": [str],
        "fingerprint": str,        # stable across runs; what baselines match on
        "scopes": [str]            # the settings modules the finding holds for
      }]
    }

New keys may be added within a schema version; renaming or removing one bumps it.
Non-ASCII characters are written as ``\\u`` escapes, so the output is plain ASCII.
"""

from __future__ import annotations

import json
from typing import Any

from ..core.finding import Finding, Location
from ..core.result import RunResult
from .interface import Reporter, grouped, safe, summary, tool_version

SCHEMA_VERSION = 1


class JsonReporter(Reporter):
    """The machine-readable report (see the module docstring for the schema)."""

    name = "json"

    def render(self, result: RunResult) -> str:
        return json.dumps(document(result), indent=2, ensure_ascii=True) + "\n"


def document(result: RunResult) -> dict[str, Any]:
    """The report as JSON-ready data."""
    findings = [finding for _, group in grouped(result.findings) for finding in group]
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "ponyguard", "version": tool_version(result)},
        "kind": result.kind,
        "target": safe(result.target),
        "scopes": [safe(scope) for scope in result.scopes],
        "incomplete": result.incomplete,
        "errors": [safe(error) for error in result.errors],
        "notes": [safe(note) for note in result.notes],
        "summary": summary(result),
        "findings": [_finding(finding) for finding in findings],
    }


def _finding(finding: Finding) -> dict[str, Any]:
    rule = finding.rule
    return {
        "rule": rule.id,
        "name": rule.name,
        "title": rule.title,
        "severity": finding.severity.value,
        "confidence": finding.confidence.value,
        "cwe": list(rule.cwe),
        "message": safe(finding.message),
        "location": _location(finding.location),
        "evidence": safe(finding.evidence) if finding.evidence is not None else None,
        "fix": safe(finding.fix_text),
        "references": list(rule.doc.references),
        "fingerprint": finding.fingerprint,
        "scopes": [safe(scope) for scope in finding.scopes],
    }


def _location(location: Location) -> dict[str, Any]:
    return {
        "path": safe(location.path) if location.path is not None else None,
        "line": location.line,
        "column": location.column,
        "end_line": location.end_line,
        "end_column": location.end_column,
        "url": safe(location.url) if location.url is not None else None,
    }
