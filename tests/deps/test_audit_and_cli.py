"""``ponyguard audit`` checks the lockfiles it finds; the ``deps`` command's other inputs."""

from __future__ import annotations

import json

from click.testing import CliRunner

from ponyguard.cli import cli
from ponyguard.core.config import Config
from ponyguard.core.finding import Location
from ponyguard.core.severity import Confidence
from ponyguard.deps import version_findings
from tests.helpers import audit_files


def test_audit_reports_dependency_findings_and_the_data_date(tmp_path) -> None:
    result = audit_files(tmp_path, {
        "manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "s")\n',
        "s.py": "DEBUG = False\n",
        "requirements/production.txt": "Django==4.1.13\n",
        "Pipfile.lock": "{broken",
    })
    ids = {(f.rule.id, f.location.path) for f in result.findings}
    assert ("PG602", "requirements/production.txt") in ids
    assert ("PG020", "Pipfile.lock") in ids
    assert any("dependency data" in note for note in result.notes)


def test_audit_skips_dependency_files_when_no_pg6_rule_is_selected(tmp_path) -> None:
    from ponyguard.audit import audit_project

    (tmp_path / "requirements.txt").write_text("Django==4.1.13\n")
    result = audit_project(tmp_path, Config(select=("PG1",)))
    assert not result.notes and not [f for f in result.findings if f.rule.id.startswith("PG6")]


def test_django_version_option() -> None:
    out = CliRunner().invoke(cli, ["deps", "--django-version", "4.1.13", "--format", "json"])
    data = json.loads(out.stdout)
    assert out.exit_code == 1
    assert [f["rule"] for f in data["findings"]] == ["PG602"]
    assert data["notes"]


def test_a_clean_version_exits_0_and_a_bad_one_is_a_finding() -> None:
    assert CliRunner().invoke(cli, ["deps", "--django-version", "6.1.3"]).exit_code == 0
    out = CliRunner().invoke(cli, ["deps", "--django-version", "latest", "--format", "json"])
    assert [f["rule"] for f in json.loads(out.stdout)["findings"]] == ["PG020"]


def test_library_api_for_a_fingerprinted_version() -> None:
    where = Location(url="https://example.com/")
    found = version_findings({"django": ["4.2.7"]}, location=where,
                             confidence=Confidence.MEDIUM)
    assert found and all(f.location == where for f in found)
    assert {f.confidence for f in found} == {Confidence.MEDIUM}


def test_env_checks_the_running_interpreter() -> None:
    out = CliRunner().invoke(cli, ["deps", "--env", "--format", "json", "--exit-zero"])
    data = json.loads(out.stdout)
    assert out.exit_code == 0 and data["scopes"] == ["installed distributions"]


def test_no_dependency_files_is_an_incomplete_run(tmp_path) -> None:
    out = CliRunner().invoke(cli, ["deps", str(tmp_path)])
    assert out.exit_code == 2 and "no dependency files found" in out.stdout


def test_a_single_file_path(tmp_path) -> None:
    (tmp_path / "requirements-prod.txt").write_text("Django\n")
    out = CliRunner().invoke(cli, ["deps", str(tmp_path / "requirements-prod.txt")])
    assert out.exit_code == 1 and "PG605" in out.stdout
