from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

RULE = "PG114"
SECURITY = "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n"


def settings(body: str) -> dict[str, str]:
    return {"settings.py": "import os\n" + SECURITY + body}


def test_fires_when_turned_off(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, RULE, settings("SECURE_CONTENT_TYPE_NOSNIFF = False\n"),
                             path="settings.py", line=3, severity="low", confidence="high")
    assert finding.message.startswith(
        "SECURE_CONTENT_TYPE_NOSNIFF is False: responses are sent without "
        "'X-Content-Type-Options: nosniff'")
    assert "SECURE_CONTENT_TYPE_NOSNIFF = True" in finding.fix_text


def test_fires_on_none_and_in_a_split_module(tmp_path) -> None:
    assert_finds(tmp_path / "none", RULE, settings("SECURE_CONTENT_TYPE_NOSNIFF = None\n"),
                 message_contains="is None:")
    assert_finds(tmp_path / "split", RULE, {
        "manage.py": "import os\n"
                     "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings.prod')\n",
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/base.py": SECURITY + "SECURE_CONTENT_TYPE_NOSNIFF = False\n",
        "site/settings/prod.py": "from .base import *\nDEBUG = False\n",
    }, path="site/settings/base.py", line=2)


def test_fires_at_medium_confidence_on_an_env_default(tmp_path) -> None:
    assert_finds(tmp_path, RULE, settings(
        "SECURE_CONTENT_TYPE_NOSNIFF = os.environ.get('NOSNIFF', 'off') == 'on'\n"),
        line=3, confidence="medium",
        message_contains="SECURE_CONTENT_TYPE_NOSNIFF is False unless NOSNIFF is set:")


def test_a_truthy_string_is_reported_one_severity_lower(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, RULE, settings(
        "SECURE_CONTENT_TYPE_NOSNIFF = 'True'\n"), severity="info")
    assert "not the boolean True" in finding.message and "security.W006" in finding.message


def test_silent_on_safe_values_and_look_alikes(tmp_path) -> None:
    # Django's default is True since 3.0: not setting it is safe
    assert_silent(tmp_path / "default", RULE, settings(""))
    assert_silent(tmp_path / "true", RULE, settings("SECURE_CONTENT_TYPE_NOSNIFF = True\n"))
    assert_silent(tmp_path / "comment", RULE, settings("# SECURE_CONTENT_TYPE_NOSNIFF = False\n"))
    assert_silent(tmp_path / "similar", RULE, settings("SECURE_CONTENT_TYPE_NOSNIFF_X = False\n"))
    assert_silent(tmp_path / "safe-env", RULE, settings(
        "SECURE_CONTENT_TYPE_NOSNIFF = os.environ.get('NOSNIFF', 'on') == 'on'\n"))
    assert_silent(tmp_path / "no-middleware", RULE, {"settings.py": (
        "MIDDLEWARE = []\nSECURE_CONTENT_TYPE_NOSNIFF = False\n")})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, RULE, settings(
        "SECURE_CONTENT_TYPE_NOSNIFF = os.environ.get('NOSNIFF', 'off') == 'on'\n"),
        env={"NOSNIFF": "on"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "value", RULE, settings(
        "import vault\nSECURE_CONTENT_TYPE_NOSNIFF = vault.flag('nosniff')\n"))
    assert_silent(tmp_path / "middleware", RULE, {"settings.py": (
        "import extra\nMIDDLEWARE = extra.MIDDLEWARE\nSECURE_CONTENT_TYPE_NOSNIFF = False\n")})
