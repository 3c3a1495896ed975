"""The bundled example projects: every PG1xx rule fires on one, none on the other."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from ponyguard.audit import audit_project
from ponyguard.core.config import Config
from ponyguard.core.registry import load_rules
from ponyguard.core.severity import Confidence

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SETTINGS_RULES = sorted(r.id for r in load_rules() if "settings" in r.callbacks)


def test_every_settings_rule_fires_on_the_insecure_site() -> None:
    result = audit_project(EXAMPLES / "insecure_site", Config(min_confidence=Confidence.LOW))
    fired = {f.rule.id for f in result.findings}
    assert not result.incomplete, result.errors
    assert set(result.scopes) == {"insecure_site.settings.production",
                                  "insecure_site.settings.api_production"}
    assert [rule for rule in SETTINGS_RULES if rule not in fired] == []


def test_the_insecure_site_never_shows_its_secrets() -> None:
    from ponyguard.report import HtmlReporter, JsonReporter, SarifReporter, TextReporter

    result = audit_project(EXAMPLES / "insecure_site")
    for reporter in (TextReporter(color=False), JsonReporter(), SarifReporter(), HtmlReporter()):
        output = reporter.render(result)
        for secret in ("3x@mple-k3y-do-not-use", "hunter2", "Spring2024!", "old-key"):
            assert secret not in output, (type(reporter).__name__, secret)


def test_the_secure_site_has_no_settings_findings() -> None:
    result = audit_project(EXAMPLES / "secure_site")
    assert result.scopes == ("secure_site.settings.production",)
    assert [f"{f.rule.id} {f.message}" for f in result.findings] == []


def test_the_secure_site_passes_django_check_deploy() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    out = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "INFO"],
        cwd=EXAMPLES / "secure_site", env=env, capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout


def test_check_deploy_reports_ponyguard_ids_beside_djangos(tmp_path) -> None:
    """Django misses weak hashers and empty validators; with ponyguard installed they show."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    env["DJANGO_SETTINGS_MODULE"] = "secure_site.settings.production"
    settings = tmp_path / "loose_settings.py"
    settings.write_text(
        "from secure_site.settings.production import *\n"
        "PASSWORD_HASHERS = ['django.contrib.auth.hashers.MD5PasswordHasher']\n"
        "AUTH_PASSWORD_VALIDATORS = []\n"
    )
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), str(EXAMPLES / "secure_site")])
    env["DJANGO_SETTINGS_MODULE"] = "loose_settings"
    out = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 1, out.stdout + out.stderr
    assert "ponyguard.PG121" in out.stderr and "ponyguard.PG122" in out.stderr
