"""Test harness: write a small project, audit it, and assert on one rule's findings."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from pathlib import Path

from ponyguard.audit import audit_project
from ponyguard.core.config import Config
from ponyguard.core.finding import Finding
from ponyguard.core.result import RunResult
from ponyguard.core.severity import Confidence, Severity


def write_project(root: Path, files: dict[str, str]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def audit_files(root: Path, files: dict[str, str], *, env: dict[str, str] | None = None,
                **config: object) -> RunResult:
    write_project(root, files)
    config.setdefault("min_confidence", Confidence.LOW)  # rule tests see every finding
    result = audit_project(root, Config(env=env or {}, **config))  # type: ignore[arg-type]
    crashes = [e for e in result.errors if " failed on " in e]
    assert not crashes, "a rule raised:\n" + "\n".join(crashes)
    return result


def findings_of(result: RunResult, rule_id: str) -> list[Finding]:
    return [f for f in result.findings if f.rule.id == rule_id]


def _describe(result: RunResult) -> str:
    return describe_findings(result.findings)


def assert_finds(
    tmp_path: Path,
    rule_id: str,
    files: dict[str, str],
    *,
    env: dict[str, str] | None = None,
    path: str | None = None,
    line: int | None = None,
    count: int | None = None,
    severity: str | None = None,
    confidence: str | None = None,
    message_contains: str | None = None,
) -> list[Finding]:
    """Audit ``files`` and assert ``rule_id`` fires (at ``path:line`` when given)."""
    result = audit_files(tmp_path, files, env=env)
    return assert_traits(result.findings, rule_id, path=path, line=line, count=count,
                         severity=severity, confidence=confidence,
                         message_contains=message_contains)


def assert_traits(
    findings: Iterable[Finding],
    rule_id: str,
    *,
    path: str | None = None,
    line: int | None = None,
    url: str | None = None,
    key: str | None = None,
    count: int | None = None,
    severity: str | None = None,
    confidence: str | None = None,
    message_contains: str | None = None,
) -> list[Finding]:
    """Assert ``rule_id`` is among ``findings`` with these traits; return its findings there.

    Shared by the audit, deps and scan test helpers.
    """
    findings = list(findings)
    described = describe_findings(findings)
    found = [f for f in findings if f.rule.id == rule_id]
    assert found, f"{rule_id} did not fire; findings were:\n{described}"
    for name, wanted, actual in (("in", path, lambda f: f.location.path),
                                 ("at line", line, lambda f: f.location.line),
                                 ("at", url, lambda f: f.location.url),
                                 ("for", key, lambda f: f.key)):
        if wanted is not None:
            found = [f for f in found if actual(f) == wanted]
            assert found, f"{rule_id} did not fire {name} {wanted}:\n{described}"
    if count is not None:
        assert len(found) == count, f"expected {count} x {rule_id}:\n{described}"
    for finding in found:
        if severity is not None:
            assert finding.severity is Severity.parse(severity), described
        if confidence is not None:
            assert finding.confidence is Confidence.parse(confidence), described
        if message_contains is not None:
            assert message_contains in finding.message, described
    return found


def describe_findings(findings: Iterable[Finding]) -> str:
    return "\n".join(f"  {f.rule.id} {f.location} [{f.severity}/{f.confidence}] {f.message}"
                      for f in findings) or "  (no findings)"


def assert_silent(tmp_path: Path, rule_id: str, files: dict[str, str], *,
                  env: dict[str, str] | None = None) -> None:
    """Audit ``files`` and assert ``rule_id`` does not fire."""
    result = audit_files(tmp_path, files, env=env)
    found = findings_of(result, rule_id)
    assert not found, f"{rule_id} fired unexpectedly:\n{_describe(result)}"
