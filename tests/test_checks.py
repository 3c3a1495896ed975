"""The Django app face: settings rules on the live settings through ``check --deploy``.

The glue is proven with test-only rules registered for one test (``glue_rule`` and friends),
independently of the rule catalogue; a few tests use real rules (PG101, PG104).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core import checks as django_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from ponyguard.audit.settings.view import SettingsView
from ponyguard.checks import RuntimeSettings, check_settings, runtime_rules
from ponyguard.core.finding import Finding
from ponyguard.core.registry import REGISTRY, load_rules
from ponyguard.core.rule import Rule
from ponyguard.core.severity import Confidence, Severity

DOC = """A test-only rule that reports the PONYGUARD_TEST_SEVERITY setting.

## Why it matters
It proves the glue between the registry and Django's check framework.

## Insecure example
```python
PONYGUARD_TEST_SEVERITY = "high"
```

## Fix
Remove PONYGUARD_TEST_SEVERITY.

## References
- https://docs.djangoproject.com/en/stable/topics/checks/
"""

SECURE = {
    "DEBUG": False,
    "ALLOWED_HOSTS": ["www.example.com"],
    "SECRET_KEY": "x7#kQ9!vR2@mL5$wT8^zB3&nF6*hJ1(pD4)sG0-cY_eU+aI=oK" + "Zq8Wm2Xr5Tv9Yb3Nc",
    "MIDDLEWARE": [
        "django.middleware.security.SecurityMiddleware",
        "csp.middleware.CSPMiddleware",  # django-csp; never imported by the checks
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    "SECURE_SSL_REDIRECT": True,
    "SECURE_HSTS_SECONDS": 31_536_000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SECURE_CONTENT_TYPE_NOSNIFF": True,
    "SECURE_REFERRER_POLICY": "same-origin",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
    "SESSION_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "CSRF_COOKIE_SECURE": True,
    "CSRF_COOKIE_SAMESITE": "Lax",
    "X_FRAME_OPTIONS": "DENY",
    "CONTENT_SECURITY_POLICY": {"DIRECTIVES": {
        "default-src": ["'self'"], "script-src": ["'self'"], "object-src": ["'none'"],
        "base-uri": ["'none'"], "frame-ancestors": ["'none'"],
    }},
    "AUTH_PASSWORD_VALIDATORS": [
        {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
        {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
         "OPTIONS": {"min_length": 12}},
        {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
        {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    ],
}
"""The deployment checklist done right: neither Django nor ponyguard should complain."""


def _make_rule(rule_id: str, name: str, **kwargs: object) -> Rule:
    rule = Rule(rule_id, name, f"Test-only rule {name}", Severity.HIGH, Confidence.HIGH,
                cwe=(16,), doc_text=DOC, **kwargs)  # type: ignore[arg-type]

    @rule.on("settings")
    def check(view: SettingsView) -> Iterator[Finding]:
        value = view.get("PONYGUARD_TEST_SEVERITY")
        if value is not None:
            if value.data == "crash":
                raise RuntimeError("boom")
            yield rule.finding(f"PONYGUARD_TEST_SEVERITY is\n{value.data}", view.location(value),
                               key="PONYGUARD_TEST_SEVERITY",
                               severity=Severity.parse(value.data),
                               fix="Remove PONYGUARD_TEST_SEVERITY.")

    return rule


@pytest.fixture
def register(monkeypatch: pytest.MonkeyPatch):
    """Register a rule into the live registry for one test (monkeypatch removes it after)."""
    load_rules()

    def add(rule: Rule) -> Rule:
        assert REGISTRY.get(rule.id) is None and REGISTRY.get(rule.name) is None
        monkeypatch.setitem(REGISTRY._by_id, rule.id, rule)
        monkeypatch.setitem(REGISTRY._by_name, rule.name, rule)
        return rule

    return add


@pytest.fixture
def glue_rule(register) -> Rule:
    return register(_make_rule("PG199", "test-glue-rule"))


@pytest.fixture
def secure(settings):
    for name, value in SECURE.items():
        setattr(settings, name, value)
    return settings


def run_check(*args: str) -> tuple[str, bool]:
    """``manage.py check ARGS``: (everything it printed, whether it failed)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("check", *args, stdout=out, stderr=err)
    except SystemCheckError as exc:
        return f"{out.getvalue()}{err.getvalue()}{exc}", True
    return out.getvalue() + err.getvalue(), False


def ours(messages: list[django_checks.CheckMessage], rule_id: str = "PG199"):
    return [m for m in messages if m.id == f"ponyguard.{rule_id}"]


# -- the check ------------------------------------------------------------------------------

def test_the_app_config_registers_the_check() -> None:
    from django.apps import apps

    from ponyguard.apps import PonyguardConfig

    config = apps.get_app_config("ponyguard")
    assert isinstance(config, PonyguardConfig)
    assert not list(config.get_models())
    assert check_settings in django_checks.registry.registry.get_checks(
        include_deployment_checks=True)



@pytest.mark.parametrize(("severity", "cls", "level"), [
    ("critical", django_checks.Error, django_checks.ERROR),
    ("high", django_checks.Error, django_checks.ERROR),
    ("medium", django_checks.Warning, django_checks.WARNING),
    ("low", django_checks.Info, django_checks.INFO),
    ("info", django_checks.Info, django_checks.INFO),
])
def test_severity_maps_to_check_level(glue_rule, settings, severity, cls, level) -> None:
    settings.PONYGUARD_TEST_SEVERITY = severity
    [message] = ours(check_settings(app_configs=None, databases=None))
    assert type(message) is cls and message.level == level
    assert message.msg == f"PONYGUARD_TEST_SEVERITY is {severity}", "one line"
    assert message.hint == "Remove PONYGUARD_TEST_SEVERITY."
    assert message.obj is None


def test_error_fails_check_deploy_with_our_id(glue_rule, secure) -> None:
    secure.PONYGUARD_TEST_SEVERITY = "high"
    output, failed = run_check("--deploy")
    assert failed
    assert "?: (ponyguard.PG199) PONYGUARD_TEST_SEVERITY is high" in output
    assert "HINT: Remove PONYGUARD_TEST_SEVERITY." in output


def test_warning_fails_only_at_fail_level_warning(glue_rule, secure) -> None:
    secure.PONYGUARD_TEST_SEVERITY = "medium"
    output, failed = run_check("--deploy")
    assert not failed and "(ponyguard.PG199)" in output
    output, failed = run_check("--deploy", "--fail-level", "WARNING")
    assert failed and "(ponyguard.PG199)" in output


def test_silenced_system_checks_silences_our_ids(glue_rule, secure) -> None:
    secure.PONYGUARD_TEST_SEVERITY = "critical"
    secure.SILENCED_SYSTEM_CHECKS = ["ponyguard.PG199"]
    output, failed = run_check("--deploy")
    assert not failed
    assert "ponyguard.PG199" not in output
    assert "1 silenced" in output


def test_checks_only_run_with_deploy(glue_rule, secure) -> None:
    secure.PONYGUARD_TEST_SEVERITY = "critical"
    output, failed = run_check()
    assert not failed and "ponyguard." not in output
    assert check_settings in django_checks.registry.registry.get_checks(
        include_deployment_checks=True)
    assert check_settings not in django_checks.registry.registry.get_checks(
        include_deployment_checks=False)


def test_mirrored_and_static_only_rules_are_skipped(register, settings) -> None:
    mirrored = register(_make_rule("PG198", "test-mirrored-rule", mirrors="security.W999"))
    static = register(_make_rule("PG197", "test-static-only-rule", runtime=False))
    settings.PONYGUARD_TEST_SEVERITY = "critical"
    assert mirrored not in runtime_rules() and static not in runtime_rules()
    messages = check_settings()
    assert not ours(messages, "PG198") and not ours(messages, "PG197")


def test_mirrored_pg101_is_left_to_django(secure) -> None:
    """PG101 debug-enabled mirrors security.W018: Django reports it, we do not."""
    rule = load_rules().get("PG101")
    assert rule is not None and rule.mirrors == "security.W018"
    secure.DEBUG = True
    output, _ = run_check("--deploy")
    assert "(security.W018)" in output
    assert "ponyguard.PG101" not in output
    secure.SILENCED_SYSTEM_CHECKS = ["security.W018"]
    output, _ = run_check("--deploy")
    assert "security.W018" not in output and "ponyguard.PG101" not in output


def test_no_mirrored_rule_of_the_catalogue_reports(settings) -> None:
    """Everything insecure at once: no rule that mirrors a Django check may speak."""
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["*"]
    settings.SECRET_KEY = "django-insecure-short"
    settings.MIDDLEWARE = []
    settings.SECURE_CONTENT_TYPE_NOSNIFF = False
    settings.SECURE_REFERRER_POLICY = None
    settings.SECURE_CROSS_ORIGIN_OPENER_POLICY = "bogus"
    settings.X_FRAME_OPTIONS = "SAMEORIGIN"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SESSION_COOKIE_SAMESITE = "None"
    messages = check_settings()
    mirrored = {f"ponyguard.{r.id}" for r in load_rules() if r.mirrors}
    assert not [m for m in messages if m.id in mirrored]
    assert all(m.id.startswith("ponyguard.PG") for m in messages)


def test_secure_settings_give_none_of_ours(secure) -> None:
    output, failed = run_check("--deploy")
    assert "ponyguard." not in output, output
    assert not failed, output
    assert check_settings() == []


def test_allowed_hosts_wildcard_is_an_error(secure) -> None:
    if load_rules().get("PG104") is None:
        pytest.skip("PG104 allowed-hosts-wildcard is not in the catalogue yet")
    secure.ALLOWED_HOSTS = ["*"]
    [message] = ours(check_settings(), "PG104")
    assert message.level == django_checks.ERROR
    output, failed = run_check("--deploy")
    assert failed and "(ponyguard.PG104)" in output


def test_a_crashing_rule_becomes_a_warning_not_a_crash(register, settings) -> None:
    register(_make_rule("PG199", "test-glue-rule"))
    settings.PONYGUARD_TEST_SEVERITY = "crash"
    settings.ALLOWED_HOSTS = ["*"]
    messages = check_settings()
    [message] = ours(messages)
    assert message.level == django_checks.WARNING
    assert "could not run PG199" in message.msg and "RuntimeError: boom" in message.msg
    if load_rules().get("PG104") is not None:
        assert ours(messages, "PG104"), "the other rules still ran"


def test_messages_are_redacted(glue_rule, settings) -> None:
    settings.PONYGUARD_TEST_SEVERITY = "info"
    rule = glue_rule

    @rule.on("settings")
    def leaky(view: SettingsView) -> Iterator[Finding]:
        yield rule.finding("password=hunter2hunter2", view.location(), key="leak",
                           fix="Rotate django-insecure-abcd1234efgh now.")

    messages = [m for m in ours(check_settings()) if "password" in m.msg]
    assert messages and "hunter2" not in messages[0].msg and "abcd1234" not in messages[0].hint


def test_the_check_needs_no_database(glue_rule, settings) -> None:
    """No django_db mark: pytest-django makes any database access fail this test."""
    settings.PONYGUARD_TEST_SEVERITY = "low"
    assert ours(check_settings(app_configs=None, databases=None))
    assert ours(check_settings(app_configs=None, databases=["default"]))


# -- RuntimeSettings -------------------------------------------------------------------------

def test_runtime_settings_values(settings) -> None:
    settings.SESSION_COOKIE_SECURE = False  # set by the project, equal to Django's default
    view = RuntimeSettings()
    assert view.runtime is True
    debug = view.get("DEBUG")
    assert debug is not None and debug.data is False
    assert (debug.origin, debug.env, debug.hardcoded, debug.is_default) == (None, (), False, False)
    secure_cookie = view.value("SESSION_COOKIE_SECURE")
    assert secure_cookie.data is False and not secure_cookie.is_default
    assert view.get("SESSION_COOKIE_AGE") is None, "not set by the project"
    age = view.value("SESSION_COOKIE_AGE")
    assert age.data == 1_209_600 and age.is_default
    assert view.get("NOT_A_SETTING") is None and view.get("debug") is None
    assert view.get("SETTINGS_MODULE") is None
    names = view.names()
    assert {"DEBUG", "SECRET_KEY", "INSTALLED_APPS", "SESSION_COOKIE_SECURE"} <= names
    assert "SESSION_COOKIE_AGE" not in names and "SETTINGS_MODULE" not in names
    assert "ponyguard" in view.installed_apps()


def test_runtime_settings_location_and_module_source(settings, tmp_path) -> None:
    view = RuntimeSettings()
    assert view.module == "tests.django_settings"
    assert view.location().path == str(Path("tests/django_settings.py").resolve().as_posix())
    settings.BASE_DIR = Path(__file__).resolve().parent.parent
    view = RuntimeSettings()
    assert view.location().path == "tests/django_settings.py"
    source = view.module_source("tests.helpers")
    assert source is not None and source.rel == "tests/helpers.py"
    assert any("def write_project" in line for line in source.lines)
    assert source.tree.body
    assert view.module_source("no.such.module") is None
    assert view.module_source("sys") is None  # built in: no source
    assert view.module_source("json.decoder") is None, "the stdlib is not the project"
    assert view.module_source("django.contrib.admin.sites") is None, "nor installed packages"
    settings.BASE_DIR = Path(__file__).resolve().parent
    outside = RuntimeSettings().module_source("ponyguard.checks")  # src/, outside BASE_DIR
    assert outside is not None and Path(outside.rel).is_absolute()


def test_rules_read_the_urlconf_at_runtime(settings, tmp_path, monkeypatch) -> None:
    (tmp_path / "pg_runtime_urls.py").write_text(
        "from django.conf import settings\nfrom django.urls import re_path\n"
        "from django.views.static import serve\n\n"
        "urlpatterns = [re_path(r'^media/(?P<path>.*)$', serve,\n"
        "                       {'document_root': settings.MEDIA_ROOT})]\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    settings.BASE_DIR = tmp_path
    settings.ROOT_URLCONF = "pg_runtime_urls"
    source = RuntimeSettings().module_source("pg_runtime_urls")
    assert source is not None and source.rel == "pg_runtime_urls.py"
    assert "pg_runtime_urls" not in sys.modules, "found without importing it"
    if load_rules().get("PG129") is None:
        pytest.skip("PG129 media-served-by-django is not in the catalogue yet")
    [message] = ours(check_settings(), "PG129")
    assert message.level == django_checks.ERROR
    assert "django.views.static.serve" in message.msg


# -- a real project ------------------------------------------------------------------------

PROJECT = {
    "manage.py": """\
        import os, sys
        if __name__ == "__main__":
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
            from django.core.management import execute_from_command_line
            execute_from_command_line(sys.argv)
        """,
    "mysite/__init__.py": "",
    "mysite/settings.py": """\
        from pathlib import Path
        BASE_DIR = Path(__file__).resolve().parent.parent
        SECRET_KEY = "x7#kQ9!vR2@mL5$wT8^zB3&nF6*hJ1(pD4)sG0-cY_eU+aI=oKZq8Wm2Xr5"
        DEBUG = True
        ALLOWED_HOSTS = ["*"]
        INSTALLED_APPS = ["django.contrib.contenttypes", "glueapp", "ponyguard"]
        ROOT_URLCONF = "mysite.urls"
        PONYGUARD_TEST_SEVERITY = "high"
        """,
    "mysite/urls.py": "urlpatterns = []\n",
    "glueapp/__init__.py": "",
    "glueapp/apps.py": """\
        from django.apps import AppConfig


        class GlueConfig(AppConfig):
            name = "glueapp"

            def ready(self):
                from ponyguard.core.registry import REGISTRY
                from ponyguard.core.rule import Rule
                from ponyguard.core.severity import Confidence, Severity

                rule = Rule("PG199", "test-glue-rule", "Test-only glue rule", Severity.HIGH,
                            Confidence.HIGH, cwe=(16,), doc_text=DOC)

                @rule.on("settings")
                def check(view):
                    value = view.get("PONYGUARD_TEST_SEVERITY")
                    if value is not None:
                        yield rule.finding(f"PONYGUARD_TEST_SEVERITY is {value.data}",
                                           view.location(value), key="t")

                REGISTRY.register(rule)


        DOC = \"\"\"A test-only rule.

        ## Why it matters
        Glue.

        ## Insecure example
        Glue.

        ## Fix
        Glue.

        ## References
        - https://example.org/
        \"\"\"
        """,
}


def write_real_project(root: Path) -> Path:
    for rel, content in PROJECT.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def manage(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)


def test_manage_py_check_deploy_in_a_real_project(tmp_path) -> None:
    root = write_real_project(tmp_path)
    out = manage(root, "check", "--deploy")
    output = out.stdout + out.stderr
    assert out.returncode == 1, output  # a high finding is an Error
    assert "?: (ponyguard.PG199) PONYGUARD_TEST_SEVERITY is high" in output
    assert "(security.W018)" in output and "ponyguard.PG101" not in output
    if load_rules().get("PG104") is not None:
        assert "(ponyguard.PG104)" in output
    assert manage(root, "check").returncode == 0, "deploy checks only"
