"""Test harness for the dependency rules: write dependency files, check them, assert."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

from ponyguard.core.config import Config
from ponyguard.core.finding import Finding
from ponyguard.core.result import RunResult
from ponyguard.deps import audit_deps
from tests.helpers import assert_traits, describe_findings

TODAY = date(2026, 11, 24)
SAMPLES = Path(__file__).parent / "samples"


def check_files(root: Path, files: dict[str, str], today: date = TODAY) -> RunResult:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return audit_deps(root, Config(), today=today, use_cache=False)


def assert_finds(tmp_path: Path, rule_id: str, files: dict[str, str], *,
                 line: int | None = None, path: str | None = None, count: int | None = None,
                 severity: str | None = None, confidence: str | None = None,
                 message_contains: str | None = None, today: date = TODAY) -> list[Finding]:
    """Check ``files`` and assert ``rule_id`` fires (at ``path:line`` when given)."""
    result = check_files(tmp_path, files, today)
    return assert_traits(result.findings, rule_id, path=path, line=line, count=count,
                         severity=severity, confidence=confidence,
                         message_contains=message_contains)


def assert_silent(tmp_path: Path, rule_id: str, files: dict[str, str], *,
                  today: date = TODAY) -> None:
    """Check ``files`` and assert ``rule_id`` does not fire."""
    result = check_files(tmp_path, files, today)
    found = [f for f in result.findings if f.rule.id == rule_id]
    assert not found, f"{rule_id} fired unexpectedly:\n{describe_findings(result.findings)}"
