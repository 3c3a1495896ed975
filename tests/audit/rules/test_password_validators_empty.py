from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

APPS = "INSTALLED_APPS = ['django.contrib.admin', 'django.contrib.auth', 'blog']\n"
VALIDATORS = (
    "AUTH_PASSWORD_VALIDATORS = [\n"
    "    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'},\n"
    "]\n"
)


def test_fires_when_not_set(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG122", {"settings.py": APPS},
                             path="settings.py", line=1, severity="medium", confidence="high")
    assert finding.message.startswith(
        "AUTH_PASSWORD_VALIDATORS is not set (Django's default is [])")


def test_fires_when_empty(tmp_path) -> None:
    assert_finds(tmp_path / "list", "PG122",
                 {"settings.py": APPS + "AUTH_PASSWORD_VALIDATORS = []\n"}, line=2,
                 message_contains="AUTH_PASSWORD_VALIDATORS is empty")
    assert_finds(tmp_path / "appconfig", "PG122", {"settings.py": (
        "INSTALLED_APPS = ['django.contrib.auth.apps.AuthConfig']\n"
        "AUTH_PASSWORD_VALIDATORS = ()\n")}, line=2)
    assert_finds(tmp_path / "cleared", "PG122", {"settings.py": (
        APPS + VALIDATORS + "AUTH_PASSWORD_VALIDATORS.clear()\n")})


def test_fires_at_medium_confidence_on_an_env_default(tmp_path) -> None:
    assert_finds(tmp_path, "PG122", {"settings.py": APPS + (
        "import os\nSTRICT = os.environ.get('STRICT_PASSWORDS', '') == '1'\n"
        "AUTH_PASSWORD_VALIDATORS = [\n"
        "    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'},\n"
        "] if STRICT else []\n")},
        confidence="medium", message_contains="unless STRICT_PASSWORDS is set")


def test_silent_with_validators_or_without_auth(tmp_path) -> None:
    assert_silent(tmp_path / "validators", "PG122", {"settings.py": APPS + VALIDATORS})
    assert_silent(tmp_path / "no-auth", "PG122", {"settings.py": (
        "INSTALLED_APPS = ['django.contrib.contenttypes', 'api']\n")})
    assert_silent(tmp_path / "no-apps", "PG122", {"settings.py": "DEBUG = False\n"})
    assert_silent(tmp_path / "comment", "PG122", {"settings.py": (
        APPS + "# AUTH_PASSWORD_VALIDATORS = []\n" + VALIDATORS)})
    assert_silent(tmp_path / "similar-app", "PG122", {"settings.py": (
        "INSTALLED_APPS = ['django.contrib.authx', 'allauth']\n")})
    assert_silent(tmp_path / "test-run", "PG122", {"settings.py": (
        APPS + VALIDATORS + "import sys\nif 'test' in sys.argv:\n"
        "    AUTH_PASSWORD_VALIDATORS = []\n")})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, "PG122", {"settings.py": APPS + (
        "import os\nSTRICT = os.environ.get('STRICT_PASSWORDS', '') == '1'\n"
        "AUTH_PASSWORD_VALIDATORS = [\n"
        "    {'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'},\n"
        "] if STRICT else []\n")}, env={"STRICT_PASSWORDS": "1"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "validators", "PG122", {"settings.py": APPS + (
        "from policy import validators\nAUTH_PASSWORD_VALIDATORS = validators()\n")})
    assert_silent(tmp_path / "apps", "PG122", {"settings.py": (
        "from apps import more\nINSTALLED_APPS = ['blog', *more]\n")})
