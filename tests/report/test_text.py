from __future__ import annotations

import io

import pytest

from ponyguard.core.severity import Severity
from ponyguard.report import Reporter, TextReporter
from tests.report import assert_no_secrets, finding, mixed, planted, result


def render(res, **kwargs) -> str:
    kwargs.setdefault("color", False)
    kwargs.setdefault("width", 100)
    return TextReporter(**kwargs).render(res)


def test_is_a_reporter() -> None:
    assert isinstance(TextReporter(), Reporter)
    assert TextReporter.name == "text"


def test_groups_by_file_sorted_with_location_fix_and_confidence() -> None:
    out = render(mixed())
    heads = [line for line in out.splitlines() if line and not line.startswith(" ")]
    groups = heads[heads.index("(project)"):heads.index("Summary  grade F (score 0)")]
    assert groups == ["(project)", "app/views.py", "mysite/settings.py", "static/blob.py"]
    assert "app/views.py:7:5 · confidence high" in out
    scoped = "mysite/settings.py:12 · confidence high · in mysite.settings, mysite.settings.prod"
    assert scoped in out
    assert " CRITICAL  PG001 Python file could not be parsed" in out
    assert "fix: Fix the syntax error" in out


def test_header_and_summary() -> None:
    res = result(finding(severity=Severity.MEDIUM), finding(rule_id="PG001", key="x"),
                 suppressed=2, baselined=3, baseline_fixed=1, files_audited=9, duration=1.5)
    out = render(res)
    assert out.startswith("ponyguard 0.1.0 · audit · /srv/project")
    assert "settings audited: mysite.settings" in out
    assert "Summary  grade B" in out
    assert "0 critical · 0 high · 1 medium · 1 low · 0 info · 2 total" in out
    assert "2 suppressed · 3 baselined · 1 baseline entry no longer matching" in out
    assert "9 files audited in 1.50s" in out
    assert "INCOMPLETE" not in out


def test_incomplete_run_and_errors_are_shown() -> None:
    out = render(result(incomplete=True, errors=("settings.py: cannot read",)))
    assert "INCOMPLETE RUN" in out
    assert "- settings.py: cannot read" in out


def test_no_findings_says_so() -> None:
    out = render(result())
    assert "No problems found." in out
    assert "grade A+" in out


def test_evidence_is_shown_line_by_line() -> None:
    out = render(result(finding(evidence="DEBUG = True\nDEBUG = env('X')")))
    assert "evidence: DEBUG = True\n    DEBUG = env('X')" in out


def test_ansi_escapes_and_control_characters_are_stripped() -> None:
    hostile = "bad \x1b[31mred\x1b[0m \x1b]0;owned\x07title \x9b2Jand\x07bell\x00\u202eevil"
    res = result(finding(hostile, evidence="x\x1b[2Jy", path="a\x1b[1m.py"))
    for color in (False, True):
        out = render(res, color=color)
        assert "\x1b[31m" not in out
        assert "\x1b[2J" not in out
        assert "\x1b]0;" not in out
        assert "\x9b" not in out and "\x07" not in out and "\x00" not in out
        assert "\u202e" not in out
    plain = render(res)
    assert "\x1b" not in plain
    assert "bad red title andbellevil" in plain  # the OSC payload goes too
    assert "evidence: xy" in plain


def test_rich_markup_in_findings_is_printed_literally() -> None:
    out = render(result(finding("[bold red]not markup[/] :smile:")), color=True)
    assert "[bold red]not markup[/] :smile:" in out


def test_color_on_and_off() -> None:
    assert "\x1b[" in render(mixed(), color=True)
    assert "\x1b[" not in render(mixed(), color=False)


class FakeStdout(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_auto_color_follows_force_color_and_no_color(monkeypatch) -> None:
    monkeypatch.setattr("sys.stdout", FakeStdout(tty=False))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[31m" in render(mixed(), color=None) or "\x1b[1;31m" in render(mixed(), color=None)
    monkeypatch.setenv("NO_COLOR", "1")
    out = render(mixed(), color=None)
    assert "31m" not in out and "41m" not in out
    monkeypatch.delenv("FORCE_COLOR")
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[" not in render(mixed(), color=None)


def test_auto_color_on_a_terminal(monkeypatch) -> None:
    monkeypatch.setattr("sys.stdout", FakeStdout(tty=True))
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    assert "\x1b[" in render(mixed(), color=None)


def test_no_trailing_whitespace() -> None:
    out = render(mixed(), width=60)
    assert all(line == line.rstrip() for line in out.splitlines())


def test_url_findings_group_by_url() -> None:
    out = render(result(finding(path=None, line=None, url="https://example.com/")))
    assert "\nhttps://example.com/\n" in out


@pytest.mark.parametrize("color", [False, True])
def test_planted_secrets_never_appear(color) -> None:
    assert_no_secrets(render(planted(), color=color))
