from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

SECURITY = "django.middleware.security.SecurityMiddleware"
WITHOUT = ("MIDDLEWARE = [\n"
           "    'django.contrib.sessions.middleware.SessionMiddleware',\n"
           "    'django.middleware.common.CommonMiddleware',\n"
           "]\n")
WITH = f"MIDDLEWARE = [\n    '{SECURITY}',\n    'django.middleware.common.CommonMiddleware',\n]\n"


def test_fires_when_middleware_lacks_it(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG106", {"settings.py": "DEBUG = False\n" + WITHOUT},
                             path="settings.py", line=2, severity="medium", confidence="high")
    assert finding.message.startswith(f"'{SECURITY}' is not in MIDDLEWARE: SECURE_SSL_REDIRECT, ")
    assert finding.key == "MIDDLEWARE:SecurityMiddleware"


def test_fires_at_the_settings_module_when_middleware_is_never_set(tmp_path) -> None:
    assert_finds(tmp_path / "unset", "PG106", {"settings.py": "DEBUG = False\n"},
                 path="settings.py", line=1, confidence="high",
                 message_contains="MIDDLEWARE is not set (Django's default is an empty list), so "
                                  "SecurityMiddleware is not installed")
    # Django >= 2.0 ignores the legacy MIDDLEWARE_CLASSES, and so does its check.
    assert_finds(tmp_path / "legacy", "PG106", {"settings.py": (
        f"MIDDLEWARE_CLASSES = ['{SECURITY}']\n")}, line=1,
        message_contains="MIDDLEWARE is not set")


def test_fires_where_a_split_settings_module_removes_it(tmp_path) -> None:
    assert_finds(tmp_path, "PG106", {
        "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', "
                     "'site.settings.production')\n",
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/base.py": WITH,
        "site/settings/production.py": (
            f"from .base import *\nDEBUG = False\nMIDDLEWARE.remove('{SECURITY}')\n"),
    }, path="site/settings/production.py", line=3)


def test_fires_at_medium_confidence_when_an_env_default_chooses_the_list(tmp_path) -> None:
    assert_finds(tmp_path, "PG106", {"settings.py": (
        "import os\n"
        f"FULL = ['{SECURITY}']\nMINIMAL = ['django.middleware.common.CommonMiddleware']\n"
        "MIDDLEWARE = MINIMAL if os.environ.get('LITE', '1') == '1' else FULL\n")},
        confidence="medium", message_contains="is not in MIDDLEWARE unless LITE is set:")


def test_a_same_named_replacement_lowers_confidence(tmp_path) -> None:
    assert_finds(tmp_path, "PG106", {"settings.py": (
        "MIDDLEWARE = ['mysite.middleware.SecurityMiddleware']\n")}, confidence="low",
        message_contains="'mysite.middleware.SecurityMiddleware' may be a subclass")


def test_silent_when_installed_and_on_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "literal", "PG106", {"settings.py": WITH})
    assert_silent(tmp_path / "tuple", "PG106", {"settings.py": f"MIDDLEWARE = ('{SECURITY}',)\n"})
    assert_silent(tmp_path / "inserted", "PG106", {"settings.py": (
        WITHOUT + f"MIDDLEWARE.insert(0, '{SECURITY}')\n")})
    assert_silent(tmp_path / "added", "PG106", {"settings.py": (
        WITHOUT + f"MIDDLEWARE += ['{SECURITY}']\n")})
    assert_silent(tmp_path / "comment", "PG106", {"settings.py": (
        f"# MIDDLEWARE = []\nMIDDLEWARE = ['{SECURITY}']\n")})


def test_silent_when_the_profile_chooses_the_full_list(tmp_path) -> None:
    assert_silent(tmp_path, "PG106", {"settings.py": (
        "import os\n"
        f"FULL = ['{SECURITY}']\nMINIMAL = []\n"
        "MIDDLEWARE = MINIMAL if os.environ.get('LITE', '1') == '1' else FULL\n")},
        env={"LITE": "0"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "call", "PG106", {"settings.py": (
        "from mysite.conf import middleware\nMIDDLEWARE = middleware()\n")})
    assert_silent(tmp_path / "unknown-part", "PG106", {"settings.py": (
        "import os\nMIDDLEWARE = ['django.middleware.common.CommonMiddleware'] + "
        "os.environ['EXTRA_MIDDLEWARE'].split(',')\n")})
