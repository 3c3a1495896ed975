from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ponyguard.cli import cli
from tests.helpers import write_project

INSECURE = {
    "settings.py": 'DEBUG = True\nSECRET_KEY = "django-insecure-planted-1234567890abcdefghij"\n'
}
CLEAN_ENOUGH = {"settings.py": "import os\nSECRET_KEY = os.environ['SECRET_KEY']\n"}


def run(*args: str, cwd: Path | None = None):
    runner = CliRunner()
    if cwd is not None:
        with runner.isolated_filesystem(temp_dir=cwd):
            os.chdir(cwd)
            return runner.invoke(cli, list(args), catch_exceptions=False)
    return runner.invoke(cli, list(args), catch_exceptions=False)


def test_findings_exit_1_and_fail_on_threshold(tmp_path) -> None:
    write_project(tmp_path, INSECURE)
    assert run("audit", str(tmp_path)).exit_code == 1
    assert run("audit", str(tmp_path), "--select", "PG101", "--fail-on", "critical").exit_code == 1
    assert run("audit", str(tmp_path), "--select", "PG004").exit_code == 0
    assert run("audit", str(tmp_path), "--exit-zero").exit_code == 0


def test_findings_below_threshold_are_printed_but_do_not_fail(tmp_path) -> None:
    write_project(tmp_path, INSECURE)
    result = run("audit", str(tmp_path), "--select", "PG111,PG101", "--ignore", "PG101",
                 "--fail-on", "critical", "--color", "never")
    assert result.exit_code == 0


def test_no_settings_is_an_incomplete_run(tmp_path) -> None:
    write_project(tmp_path, {"app/views.py": "x = 1\n"})
    result = run("audit", str(tmp_path), "--format", "json")
    assert result.exit_code == 2
    data = json.loads(result.output)
    assert data["incomplete"] is True
    assert any(f["rule"] == "PG003" for f in data["findings"])


def test_missing_path_is_a_usage_error(tmp_path) -> None:
    result = run("audit", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_unknown_config_key_exits_2_with_suggestion(tmp_path) -> None:
    write_project(tmp_path, {**INSECURE, "pyproject.toml": "[tool.ponyguard]\nignore_rules = []\n"})
    result = run("audit", str(tmp_path))
    assert result.exit_code == 2
    assert "unknown key 'ignore_rules'" in result.output
    assert "did you mean 'ignore'" in result.output


def test_config_file_is_discovered_and_flags_override_it(tmp_path) -> None:
    write_project(tmp_path, {**INSECURE,
                             "pyproject.toml": "[tool.ponyguard]\nfail-on = 'critical'\n"
                                               "ignore = ['PG101']\n"})
    assert run("audit", str(tmp_path), "--select", "PG101").exit_code == 0
    assert run("audit", str(tmp_path), "--isolated", "--select", "PG101").exit_code == 1


def test_env_flag_and_env_file_evaluate_precisely(tmp_path) -> None:
    write_project(tmp_path, {"settings.py": "import os\n"
                             "DEBUG = os.environ.get('DJANGO_DEBUG', '1') == '1'\n",
                             ".env.production": "DJANGO_DEBUG=0\n"})
    assert run("audit", str(tmp_path), "--select", "PG101").exit_code == 1
    assert run("audit", str(tmp_path), "--select", "PG101",
               "--env", "DJANGO_DEBUG=0").exit_code == 0
    assert run("audit", str(tmp_path), "--select", "PG101",
               "--env-file", str(tmp_path / ".env.production")).exit_code == 0


def test_bad_env_flag_is_a_usage_error(tmp_path) -> None:
    write_project(tmp_path, INSECURE)
    assert run("audit", str(tmp_path), "--env", "NOEQUALS").exit_code == 2


@pytest.mark.parametrize("fmt", ["json", "sarif", "html", "text"])
def test_output_file_for_every_format(tmp_path, fmt) -> None:
    write_project(tmp_path / "p", INSECURE)
    out = tmp_path / f"report.{fmt}"
    result = run("audit", str(tmp_path / "p"), "--format", fmt, "-o", str(out))
    assert result.exit_code == 1
    text = out.read_text()
    assert "PG101" in text
    assert "planted-1234567890" not in text


def test_baseline_round_trip(tmp_path) -> None:
    project = write_project(tmp_path / "p", INSECURE)
    baseline = tmp_path / "baseline.json"
    assert run("audit", str(project), "--write-baseline", str(baseline)).exit_code == 0
    assert "planted" not in baseline.read_text()
    assert run("audit", str(project), "--baseline", str(baseline)).exit_code == 0
    settings = project / "settings.py"
    settings.write_text("\n\n# moved down\n" + settings.read_text() + "ALLOWED_HOSTS = ['*']\n")
    result = run("audit", str(project), "--baseline", str(baseline), "--format", "json")
    data = json.loads(result.output)
    assert {f["rule"] for f in data["findings"]} == {"PG104"}
    assert data["summary"]["baselined"] >= 2


def test_rules_and_explain(tmp_path) -> None:
    listing = run("rules", "--select", "PG1", "--format", "json")
    ids = [r["id"] for r in json.loads(listing.output)]
    assert ids and all(i.startswith("PG1") for i in ids)
    explained = run("explain", "PG101")
    assert explained.exit_code == 0
    for section in ("Why it matters", "Insecure example", "Fix", "References"):
        assert section in explained.output
    assert run("explain", "debug-enabled").exit_code == 0
    assert run("explain", "PG999").exit_code == 2


def test_python_dash_m_and_console_script(tmp_path) -> None:
    out = subprocess.run([sys.executable, "-m", "ponyguard", "--version"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "ponyguard" in out.stdout


CODE = {"settings.py": "DEBUG = False\nSECRET_KEY = 'x'\nALLOWED_HOSTS = ['x.com']\n",
        "app/views.py": "import os\ndef view(request):\n    os.system('ls ' + request.GET['d'])\n"}


def test_code_findings_and_the_cache_flags(tmp_path) -> None:
    write_project(tmp_path / "p", CODE)
    result = run("audit", str(tmp_path / "p"), "--select", "PG210", "--format", "json")
    assert result.exit_code == 1
    [finding] = json.loads(result.output)["findings"]
    assert finding["rule"] == "PG210" and finding["location"]["line"] == 3
    assert (tmp_path / "p" / ".ponyguard-cache" / "code.bin").is_file()

    write_project(tmp_path / "q", CODE)
    assert run("audit", str(tmp_path / "q"), "--no-cache").exit_code == 1
    assert not (tmp_path / "q" / ".ponyguard-cache").exists()
    assert run("audit", str(tmp_path / "q"), "--cache-dir", str(tmp_path / "c")).exit_code == 1
    assert (tmp_path / "c" / "code.bin").is_file()
    (tmp_path / "q" / "pyproject.toml").write_text('[tool.ponyguard]\ncache-dir = "build/pg"\n')
    assert run("audit", str(tmp_path / "q")).exit_code == 1
    assert (tmp_path / "q" / "build" / "pg" / "code.bin").is_file()
