"""The query language over findings: ``ponyguard audit --where 'severity >= high'``.

Fields: ``rule`` (``PG201``), ``name`` (``raw-sql-from-request-data``), ``title``,
``severity`` and ``confidence`` (ordered as their enums: ``info < low < medium < high <
critical``), ``path`` (or the URL of a live finding), ``line``, ``message`` and ``cwe`` (a
finding's list of CWE ids: ``cwe = 89`` matches a finding listing 89).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..core.finding import Finding
from ..core.severity import Confidence, Severity
from .backends.predicate import Predicate
from .schema import Field, FieldType, Schema

FINDINGS_SCHEMA = Schema.of(
    [
        Field(("rule",), FieldType.STRING),
        Field(("name",), FieldType.STRING),
        Field(("title",), FieldType.STRING),
        Field(("severity",), FieldType.ORDERED,
              choices=tuple((s.value, s.value) for s in Severity)),
        Field(("confidence",), FieldType.ORDERED,
              choices=tuple((c.value, c.value) for c in Confidence)),
        Field(("path",), FieldType.STRING, nullable=True),
        Field(("line",), FieldType.INTEGER, nullable=True),
        Field(("message",), FieldType.STRING),
        Field(("cwe",), FieldType.INTEGER, to_many=True),
    ],
    name="finding",
)


def finding_record(finding: Finding) -> dict[str, Any]:
    """The values of a finding that a ``--where`` query can see."""
    return {
        "rule": finding.rule.id,
        "name": finding.rule.name,
        "title": finding.rule.title,
        "severity": finding.severity.value,
        "confidence": finding.confidence.value,
        "path": finding.location.path or finding.location.url,
        "line": finding.location.line,
        "message": finding.message,
        "cwe": list(finding.rule.cwe),
    }


def findings_filter(where: str) -> Predicate:
    """A predicate on findings for ``where``; raises :class:`QueryError` subclasses."""
    from . import compile_predicate

    matches = compile_predicate(where, FINDINGS_SCHEMA)
    return lambda finding: matches(finding_record(finding))


def filter_findings(findings: Iterable[Finding], where: str) -> list[Finding]:
    """The findings ``where`` selects, in their order."""
    keep = findings_filter(where)
    return [f for f in findings if keep(f)]
