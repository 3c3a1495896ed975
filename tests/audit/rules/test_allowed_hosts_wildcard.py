from __future__ import annotations

from tests.helpers import assert_finds, assert_silent


def test_fires_on_a_literal_wildcard(tmp_path) -> None:
    [finding] = assert_finds(tmp_path / "only", "PG104",
                             {"settings.py": "DEBUG = False\nALLOWED_HOSTS = ['*']\n"},
                             path="settings.py", line=2, severity="high", confidence="high")
    assert finding.message == "ALLOWED_HOSTS contains '*': Django accepts any Host header"
    assert finding.key == "ALLOWED_HOSTS"
    assert_finds(tmp_path / "mixed", "PG104",
                 {"settings.py": "ALLOWED_HOSTS = ['.example.com', 'localhost', '*']\n"}, line=1)
    assert_finds(tmp_path / "appended", "PG104",
                 {"settings.py": "ALLOWED_HOSTS = ['example.com']\nALLOWED_HOSTS.append('*')\n"})


def test_fires_on_a_bare_string_django_iterates_by_character(tmp_path) -> None:
    assert_finds(tmp_path, "PG104", {"settings.py": (
        "import os\nALLOWED_HOSTS = os.environ.get('ALLOWED_HOSTS', '*')\n")},
        confidence="medium", message_contains="unless ALLOWED_HOSTS is set")


def test_fires_at_medium_confidence_on_an_env_default(tmp_path) -> None:
    assert_finds(tmp_path / "environ", "PG104", {"settings.py": (
        "import environ\nenv = environ.Env()\n"
        "ALLOWED_HOSTS = env.list('ALLOWED_HOSTS', default=['*'])\n")},
        line=3, confidence="medium", message_contains="unless ALLOWED_HOSTS is set")
    assert_finds(tmp_path / "split", "PG104", {"settings.py": (
        "import os\nALLOWED_HOSTS = os.environ.get('DJANGO_ALLOWED_HOSTS', '*').split(',')\n")},
        confidence="medium", message_contains="unless DJANGO_ALLOWED_HOSTS is set")
    assert_finds(tmp_path / "decouple", "PG104", {"settings.py": (
        "from decouple import config, Csv\n"
        "ALLOWED_HOSTS = config('ALLOWED_HOSTS', default='*', cast=Csv())\n")},
        confidence="medium")


def test_silent_on_safe_values_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "names", "PG104",
                  {"settings.py": "ALLOWED_HOSTS = ['www.example.com', '.example.com']\n"})
    assert_silent(tmp_path / "comment", "PG104",
                  {"settings.py": "# ALLOWED_HOSTS = ['*']\nALLOWED_HOSTS = ['example.com']\n"})
    assert_silent(tmp_path / "similar", "PG104", {"settings.py": (
        "ALLOWED_HOSTS = ['example.com']\nCSRF_TRUSTED_ORIGINS = ['https://*.example.com']\n"
        "INTERNAL_IPS = ['*']\n")})
    assert_silent(tmp_path / "all-interfaces", "PG104",
                  {"settings.py": "ALLOWED_HOSTS = ['0.0.0.0', 'example.com']\n"})
    assert_silent(tmp_path / "safe-env", "PG104", {"settings.py": (
        "import environ\nenv = environ.Env()\n"
        "ALLOWED_HOSTS = env.list('ALLOWED_HOSTS', default=['example.com'])\n")})
    assert_silent(tmp_path / "overridden", "PG104", {
        "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', "
                     "'site.settings.production')\n",
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/base.py": "ALLOWED_HOSTS = ['*']\n",
        "site/settings/production.py": "from .base import *\nALLOWED_HOSTS = ['example.com']\n",
    })


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, "PG104", {"settings.py": (
        "import environ\nenv = environ.Env()\n"
        "ALLOWED_HOSTS = env.list('ALLOWED_HOSTS', default=['*'])\n")},
        env={"ALLOWED_HOSTS": "example.com,www.example.com"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "env", "PG104", {"settings.py": (
        "import os\nALLOWED_HOSTS = os.environ['ALLOWED_HOSTS'].split(',')\n")})
    assert_silent(tmp_path / "partly", "PG104", {"settings.py": (
        "from hosts import extra\nALLOWED_HOSTS = ['example.com', *extra()]\n")})
