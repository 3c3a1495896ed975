"""Test harness: write a small project, audit it, and assert on one rule's findings."""

from __future__ import annotations

import textwrap
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
    result = audit_project(root, Config(env=env or {}, **config))  # type: ignore[arg-type]
    crashes = [e for e in result.errors if " failed on " in e]
    assert not crashes, "a rule raised:\n" + "\n".join(crashes)
    return result


def findings_of(result: RunResult, rule_id: str) -> list[Finding]:
    return [f for f in result.findings if f.rule.id == rule_id]


def _describe(result: RunResult) -> str:
    return "\n".join(f"  {f.rule.id} {f.location} [{f.confidence}] {f.message}"
                     for f in result.findings) or "  (no findings)"


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
    found = findings_of(result, rule_id)
    assert found, f"{rule_id} did not fire; findings were:\n{_describe(result)}"
    if path is not None:
        found = [f for f in found if f.location.path == path]
        assert found, f"{rule_id} did not fire in {path}:\n{_describe(result)}"
    if line is not None:
        found = [f for f in found if f.location.line == line]
        assert found, f"{rule_id} did not fire at line {line}:\n{_describe(result)}"
    if count is not None:
        assert len(found) == count, f"expected {count} x {rule_id}:\n{_describe(result)}"
    for finding in found:
        if severity is not None:
            assert finding.severity is Severity.parse(severity), _describe(result)
        if confidence is not None:
            assert finding.confidence is Confidence.parse(confidence), _describe(result)
        if message_contains is not None:
            assert message_contains in finding.message, _describe(result)
    return found


def assert_silent(tmp_path: Path, rule_id: str, files: dict[str, str], *,
                  env: dict[str, str] | None = None) -> None:
    """Audit ``files`` and assert ``rule_id`` does not fire."""
    result = audit_files(tmp_path, files, env=env)
    found = findings_of(result, rule_id)
    assert not found, f"{rule_id} fired unexpectedly:\n{_describe(result)}"
