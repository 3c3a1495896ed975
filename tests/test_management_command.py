"""``manage.py ponyguard``: the audit and explain subcommands, exit codes via CommandError."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.helpers import write_project

INSECURE = {
    "settings.py": 'DEBUG = True\nSECRET_KEY = "django-insecure-planted-1234567890abcdefghij"\n'
}


def run(*args: str, **options: object) -> tuple[str, str, int]:
    """``manage.py ponyguard ARGS``: (stdout, stderr, exit code)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("ponyguard", *args, stdout=out, stderr=err, **options)
    except CommandError as exc:
        return out.getvalue(), f"{err.getvalue()}{exc}", exc.returncode
    return out.getvalue(), err.getvalue(), 0


def rules_of(stdout: str) -> set[str]:
    return {finding["rule"] for finding in json.loads(stdout)["findings"]}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path / "project", INSECURE)


def test_audit_json_and_exit_code_1(project) -> None:
    stdout, stderr, code = run("audit", str(project), "--format", "json")
    assert code == 1
    data = json.loads(stdout)
    assert data["target"] == str(project.resolve())
    assert "PG101" in rules_of(stdout)
    assert "planted-1234567890" not in stdout
    assert "at or above low" in stderr


def test_options_as_keyword_arguments(project) -> None:
    stdout, _, code = run("audit", str(project), format="json", select=["PG101"])
    assert code == 1 and rules_of(stdout) == {"PG101"}


def test_fail_on_select_ignore_and_exit_zero(project) -> None:
    assert run("audit", str(project), "--select", "PG101", "--fail-on", "critical")[2] == 1
    stdout, _, code = run("audit", str(project), "--format", "json", "--select", "PG004")
    assert code == 0 and rules_of(stdout) == set()
    stdout, _, code = run("audit", str(project), "--format", "json", "--select", "PG101,PG103",
                          "--ignore", "PG101", "--ignore", "PG103")
    assert code == 0 and rules_of(stdout) == set()
    assert run("audit", str(project), "--exit-zero")[2] == 0


def test_env_flag_evaluates_settings(tmp_path) -> None:
    root = write_project(tmp_path, {"settings.py": "import os\n"
                                    "DEBUG = os.environ.get('DJANGO_DEBUG', '1') == '1'\n"})
    assert run("audit", str(root), "--select", "PG101")[2] == 1
    assert run("audit", str(root), "--select", "PG101", "--env", "DJANGO_DEBUG=0")[2] == 0


def test_incomplete_run_exits_2_and_still_reports(tmp_path) -> None:
    root = write_project(tmp_path, {"app/views.py": "x = 1\n"})
    stdout, stderr, code = run("audit", str(root), "--format", "json")
    assert code == 2
    data = json.loads(stdout)
    assert data["incomplete"] is True and "PG003" in rules_of(stdout)
    assert "could not complete" in stderr


@pytest.mark.parametrize("args", [
    ("audit", "{root}/nope"),
    ("audit", "{root}", "--env", "NOEQUALS"),
    ("audit", "{root}", "--format", "xml"),
    ("audit", "{root}", "--fail-on", "dire"),
    ("audit", "{root}", "--config", "{root}/missing.toml"),
    ("explain",),
    (),
])
def test_usage_errors_exit_2(project, args) -> None:
    _, stderr, code = run(*(a.format(root=project) for a in args))
    assert code == 2, stderr


def test_bad_configuration_exits_2(project) -> None:
    (project / "pyproject.toml").write_text("[tool.ponyguard]\nignore_rules = []\n")
    _, stderr, code = run("audit", str(project))
    assert code == 2 and "did you mean 'ignore'" in stderr


@pytest.mark.parametrize("fmt", ["json", "sarif", "html", "text"])
def test_output_file(project, tmp_path, fmt) -> None:
    out = tmp_path / f"report.{fmt}"
    stdout, stderr, code = run("audit", str(project), "--format", fmt, "-o", str(out))
    assert code == 1 and stdout == ""
    assert f"report written to {out}" in stderr
    text = out.read_text()
    assert "PG101" in text and "\x1b[" not in text
    assert "planted-1234567890" not in text


def test_text_output_has_no_colour_off_a_terminal(project) -> None:
    stdout, _, _ = run("audit", str(project))
    assert "PG101" in stdout and "\x1b[" not in stdout
    stdout, _, _ = run("audit", str(project), force_color=True)
    assert "\x1b[" in stdout


def test_default_path_is_base_dir(project, settings) -> None:
    settings.BASE_DIR = project
    stdout, _, code = run("audit", "--format", "json")
    assert code == 1 and json.loads(stdout)["target"] == str(project.resolve())


@pytest.fixture
def split_settings(tmp_path, monkeypatch):
    """A project with prod (clean) and staging (DEBUG) settings, importable as ``pgsite``."""
    root = write_project(tmp_path / "split", {
        "pgsite/__init__.py": "",
        "pgsite/settings/__init__.py": "",
        "pgsite/settings/base.py": "import os\nSECRET_KEY = os.environ['SECRET_KEY']\n",
        "pgsite/settings/prod.py": "from .base import *\nDEBUG = False\n",
        "pgsite/settings/staging.py": "from .base import *\nDEBUG = True\n",
    })
    monkeypatch.syspath_prepend(str(root))
    yield root
    for name in [m for m in sys.modules if m == "pgsite" or m.startswith("pgsite.")]:
        del sys.modules[name]


def test_settings_module_defaults_to_the_running_one(split_settings, settings) -> None:
    # Not running from that tree: the audit discovers the production module itself.
    stdout, _, _ = run("audit", str(split_settings), "--format", "json")
    assert json.loads(stdout)["scopes"] == ["pgsite.settings.prod"]
    assert "PG101" not in rules_of(stdout)
    # Running with staging settings: those are audited.
    settings.SETTINGS_MODULE = "pgsite.settings.staging"
    stdout, _, code = run("audit", str(split_settings), "--format", "json")
    assert json.loads(stdout)["scopes"] == ["pgsite.settings.staging"]
    assert code == 1 and "PG101" in rules_of(stdout)
    # --settings-module wins over the running module.
    stdout, _, _ = run("audit", str(split_settings), "--format", "json",
                       "--settings-module", "pgsite.settings.prod")
    assert json.loads(stdout)["scopes"] == ["pgsite.settings.prod"]


def test_explain_prints_the_docs() -> None:
    stdout, _, code = run("explain", "PG101")
    assert code == 0
    assert stdout.startswith("# PG101 debug-enabled: DEBUG is enabled")
    for section in ("Why it matters", "Insecure example", "Fix", "References"):
        assert f"## {section}" in stdout
    assert "security.W018" in stdout
    assert run("explain", "debug-enabled")[2] == 0
    _, stderr, code = run("explain", "PG999")
    assert code == 2 and "no rule 'PG999'" in stderr


def test_manage_py_ponyguard_in_a_real_project(tmp_path) -> None:
    root = write_project(tmp_path, {
        "manage.py": """\
            import os, sys
            if __name__ == "__main__":
                os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
                from django.core.management import execute_from_command_line
                execute_from_command_line(sys.argv)
            """,
        "mysite/__init__.py": "",
        "mysite/settings.py": textwrap.dedent("""\
            from pathlib import Path
            BASE_DIR = Path(__file__).resolve().parent.parent
            SECRET_KEY = "django-insecure-planted-1234567890abcdefghij"
            DEBUG = True
            INSTALLED_APPS = ["ponyguard"]
            """),
    })
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}

    def manage(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "manage.py", "ponyguard", *args], cwd=root,
                              env=env, capture_output=True, text=True, timeout=120)

    out = manage("audit", "--format", "json")
    assert out.returncode == 1, out.stderr
    data = json.loads(out.stdout)
    assert data["target"] == str(root.resolve())
    assert data["scopes"] == ["mysite.settings"]
    assert "PG101" in {f["rule"] for f in data["findings"]}
    assert "CommandError" in out.stderr
    out = manage("audit", "--no-color", "--select", "PG101", "--fail-on", "critical")
    assert out.returncode == 1 and "PG101" in out.stdout and "\x1b[" not in out.stdout
    out = manage("audit", "--format", "xml")
    assert out.returncode == 2 and "invalid choice" in out.stderr
    out = manage("audit", "--no-such-option")
    assert out.returncode == 2 and "unrecognized arguments" in out.stderr
    assert manage("explain", "PG101").returncode == 0
