"""Shared builders for the reporter tests: hand-made results, independent of the audit."""

from __future__ import annotations

from ponyguard.core.finding import Finding, Location
from ponyguard.core.fingerprint import with_fingerprints
from ponyguard.core.registry import load_rules
from ponyguard.core.result import RunResult
from ponyguard.core.severity import Severity

PLANTED_KEY = "django-insecure-planted-abc123def456ghi789"
PLANTED_PASSWORD = "s3cretpw"
PLANTED_URL = f"postgres://u:{PLANTED_PASSWORD}@h/db"
SECRETS = (PLANTED_KEY, PLANTED_PASSWORD, "abc123def456ghi789")


def finding(message: str = "something is off", *, rule_id: str = "PG004",
            path: str | None = "mysite/settings.py", line: int | None = 3,
            column: int | None = None, end_line: int | None = None,
            end_column: int | None = None, url: str | None = None, key: str = "k",
            severity: Severity | None = None, **kwargs):
    rule = load_rules().get(rule_id)
    assert rule is not None
    location = Location(path=path, line=line, column=column, end_line=end_line,
                        end_column=end_column, url=url)
    return rule.finding(message, location, key=key, severity=severity, **kwargs)


def result(*findings: Finding, **kwargs) -> RunResult:
    defaults = {"kind": "audit", "target": "/srv/project", "scopes": ("mysite.settings",),
                "files_audited": 4, "duration": 0.25, "tool_version": "0.1.0"}
    return RunResult(findings=tuple(with_fingerprints(findings)), **{**defaults, **kwargs})


def mixed() -> RunResult:
    """Findings at a line and column, at a line, in a whole file, and project-wide."""
    return result(
        finding(rule_id="PG001", message="could not parse", path="app/views.py", line=7, column=5,
                end_line=7, end_column=9, key="parse", severity=Severity.CRITICAL),
        finding(rule_id="PG004", message="SECURE_HSTS_SECONDS unresolved", line=12, key="HSTS",
                scopes=("mysite.settings", "mysite.settings.prod")),
        finding(rule_id="PG002", message="binary file", path="static/blob.py", line=None,
                key="blob"),
        finding(rule_id="PG003", message="no settings module found", path=None, line=None,
                key="nosettings"),
    )


def planted() -> RunResult:
    """A result whose free text carries secrets a rule forgot to redact."""
    return result(
        finding(rule_id="PG004",
                message=f"SECRET_KEY is {PLANTED_KEY} and DATABASE_URL is {PLANTED_URL}",
                key="SECRET_KEY", evidence=f"SECRET_KEY = '{PLANTED_KEY}'\nDB = '{PLANTED_URL}'",
                fix=f"rotate {PLANTED_KEY}"),
        finding(rule_id="PG007", message="scan", path=None, line=None,
                url=f"https://u:{PLANTED_PASSWORD}@h/", key="url"),
        target="/srv/project", errors=(f"could not connect to {PLANTED_URL}",), incomplete=True,
        scopes=("mysite.settings",),
    )


def assert_no_secrets(output: str) -> None:
    for secret in SECRETS:
        assert secret not in output, f"{secret!r} leaked into the report"
    assert "********" in output
