from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

RULE = "PG111"
SECURITY = "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n"
MANAGE = ("import os\n"
          "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings.production')\n")


def settings(body: str) -> dict[str, str]:
    return {"settings.py": "import os\n" + SECURITY + body}


def test_fires_when_hsts_is_never_set(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, RULE, settings(""), path="settings.py", line=1,
                             severity="medium", confidence="high")
    assert finding.message.startswith(
        "SECURE_HSTS_SECONDS is not set (Django's default is 0): SecurityMiddleware sends no "
        "Strict-Transport-Security header")
    assert "31536000" in finding.fix_text


def test_fires_on_zero_at_its_line(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, RULE, settings("SECURE_HSTS_SECONDS = 0\n"),
                             path="settings.py", line=3, severity="medium", confidence="high")
    assert finding.message.startswith("SECURE_HSTS_SECONDS is 0:")


def test_fires_in_a_split_settings_module(tmp_path) -> None:
    assert_finds(tmp_path, RULE, {
        "manage.py": MANAGE,
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/base.py": SECURITY + "SECURE_HSTS_SECONDS = 31536000\n",
        "site/settings/production.py": "from .base import *\nSECURE_HSTS_SECONDS = 0\n",
    }, path="site/settings/production.py", line=2)
    # the middleware only in the production module, HSTS never set
    assert_finds(tmp_path / "mw", RULE, {
        "manage.py": MANAGE,
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/base.py": "MIDDLEWARE = []\n",
        "site/settings/production.py": "from .base import *\n"
        "MIDDLEWARE.insert(0, 'django.middleware.security.SecurityMiddleware')\n",
    }, path="site/settings/production.py", line=1)


def test_fires_at_medium_confidence_on_an_env_default_of_zero(tmp_path) -> None:
    assert_finds(tmp_path / "os", RULE, settings(
        "SECURE_HSTS_SECONDS = int(os.environ.get('DJANGO_HSTS_SECONDS', '0'))\n"),
        line=3, confidence="medium", message_contains="unless DJANGO_HSTS_SECONDS is set")
    assert_finds(tmp_path / "environ", RULE, settings(
        "import environ\nenv = environ.Env()\n"
        "SECURE_HSTS_SECONDS = env.int('HSTS', default=0)\n"),
        confidence="medium", message_contains="SECURE_HSTS_SECONDS is 0 unless HSTS is set:")
    assert_finds(tmp_path / "decouple", RULE, settings(
        "from decouple import config\n"
        "SECURE_HSTS_SECONDS = config('HSTS', default=0, cast=int)\n"),
        confidence="medium", message_contains="unless HSTS is set")


def test_fires_at_low_severity_on_a_short_max_age(tmp_path) -> None:
    [finding] = assert_finds(tmp_path / "hour", RULE, settings("SECURE_HSTS_SECONDS = 3600\n"),
                             line=3, severity="low", confidence="high")
    assert finding.message.startswith("SECURE_HSTS_SECONDS is 3600 (1 hour): shorter than one "
                                      "year (31536000)")
    assert finding.key == "SECURE_HSTS_SECONDS:short"
    assert_finds(tmp_path / "env", RULE, settings(
        "SECURE_HSTS_SECONDS = int(os.environ.get('HSTS', 60 * 60 * 24 * 30))\n"),
        severity="low", confidence="medium", message_contains="(30 days) unless HSTS is set")
    assert_finds(tmp_path / "almost", RULE, settings("SECURE_HSTS_SECONDS = 31535999\n"),
                 severity="low", message_contains="about 364 days")


def test_fires_on_a_value_that_is_not_a_number_of_seconds(tmp_path) -> None:
    [finding] = assert_finds(tmp_path / "bool", RULE, settings("SECURE_HSTS_SECONDS = True\n"),
                             severity="medium")
    assert "'max-age=True', which browsers ignore" in finding.message
    assert_finds(tmp_path / "negative", RULE, settings("SECURE_HSTS_SECONDS = -1\n"),
                 message_contains="not a positive number of seconds")
    assert_finds(tmp_path / "string-zero", RULE, settings("SECURE_HSTS_SECONDS = '0'\n"),
                 message_contains="tells browsers to forget")


def test_fires_when_the_middleware_list_has_unknown_parts_but_includes_it(tmp_path) -> None:
    assert_finds(tmp_path, RULE, {"settings.py": (
        "import extra\nMIDDLEWARE = ['django.middleware.security.SecurityMiddleware'] "
        "+ extra.MIDDLEWARE\n")})


def test_silent_on_safe_values_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "year", RULE, settings("SECURE_HSTS_SECONDS = 31536000\n"))
    assert_silent(tmp_path / "two-years", RULE, settings("SECURE_HSTS_SECONDS = 63072000\n"))
    assert_silent(tmp_path / "string", RULE, settings("SECURE_HSTS_SECONDS = '31536000'\n"))
    assert_silent(tmp_path / "comment", RULE, settings(
        "# SECURE_HSTS_SECONDS = 0\nSECURE_HSTS_SECONDS = 60 * 60 * 24 * 365\n"))
    assert_silent(tmp_path / "safe-env", RULE, settings(
        "SECURE_HSTS_SECONDS = int(os.environ.get('HSTS', 31536000))\n"))
    # Django's cascade: without SecurityMiddleware the setting has no effect (that is PG106's)
    assert_silent(tmp_path / "no-middleware", RULE, {"settings.py": "DEBUG = False\n"})
    assert_silent(tmp_path / "other-middleware", RULE, {"settings.py": (
        "MIDDLEWARE = ['django.middleware.common.CommonMiddleware']\n"
        "# 'django.middleware.security.SecurityMiddleware',\n")})
    assert_silent(tmp_path / "subclass", RULE, {"settings.py": (
        "MIDDLEWARE = ['mysite.middleware.SecurityMiddleware']\n")})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, RULE, settings(
        "SECURE_HSTS_SECONDS = int(os.environ.get('DJANGO_HSTS_SECONDS', '0'))\n"),
        env={"DJANGO_HSTS_SECONDS": "31536000"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "value", RULE, settings(
        "import vault\nSECURE_HSTS_SECONDS = vault.read('hsts')\n"))
    assert_silent(tmp_path / "env-required", RULE, settings(
        "SECURE_HSTS_SECONDS = int(os.environ['HSTS'])\n"))
    assert_silent(tmp_path / "middleware", RULE, {"settings.py": (
        "import extra\nMIDDLEWARE = ['django.middleware.common.CommonMiddleware'] "
        "+ extra.MIDDLEWARE\n")})


def test_unset_because_an_if_on_a_variable_skipped_it_is_medium_confidence(tmp_path) -> None:
    files = {"settings.py": (
        "import os\nDEBUG = False\n"
        "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n"
        "if os.environ.get('HTTPS') == 'on':\n    SECURE_HSTS_SECONDS = 31536000\n")}
    [finding] = assert_finds(tmp_path, "PG111", files, confidence="medium")
    assert finding.message.startswith("SECURE_HSTS_SECONDS is not set (Django's default is 0) "
                                      "unless HTTPS is set: ")
