from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

ENV_SPLIT = "import os\nALLOWED_HOSTS = os.environ.get('DJANGO_ALLOWED_HOSTS', '').split(',')\n"


def test_fires_on_an_empty_list(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG105",
                             {"settings.py": "DEBUG = False\nALLOWED_HOSTS = []\n"},
                             path="settings.py", line=2, severity="low", confidence="high")
    assert finding.message.startswith("ALLOWED_HOSTS is empty: with DEBUG = False Django rejects "
                                      "every request with 400 Bad Request")


def test_fires_at_the_settings_module_when_never_set(tmp_path) -> None:
    assert_finds(tmp_path, "PG105", {"settings.py": "DEBUG = False\n"}, path="settings.py",
                 line=1, message_contains="ALLOWED_HOSTS is not set (Django's default is an "
                                          "empty list)")


def test_fires_at_medium_confidence_on_an_empty_env_default(tmp_path) -> None:
    assert_finds(tmp_path / "environ", "PG105", {"settings.py": (
        "import environ\nenv = environ.Env()\n"
        "ALLOWED_HOSTS = env.list('DJANGO_ALLOWED_HOSTS', default=[])\n")},
        line=3, confidence="medium",
        message_contains="ALLOWED_HOSTS is empty unless DJANGO_ALLOWED_HOSTS is set:")
    assert_finds(tmp_path / "decouple", "PG105", {"settings.py": (
        "from decouple import Csv, config\n"
        "ALLOWED_HOSTS = config('ALLOWED_HOSTS', default='', cast=Csv())\n")},
        confidence="medium", message_contains="unless ALLOWED_HOSTS is set")


def test_fires_on_blank_entries_that_match_no_host(tmp_path) -> None:
    assert_finds(tmp_path / "env", "PG105", {"settings.py": ENV_SPLIT}, confidence="medium",
                 message_contains="ALLOWED_HOSTS has only blank entries (['']) unless "
                                  "DJANGO_ALLOWED_HOSTS is set")
    assert_finds(tmp_path / "literal", "PG105", {"settings.py": "ALLOWED_HOSTS = ['', ' ']\n"},
                 confidence="high", message_contains="only blank entries")


def test_silent_on_real_hosts_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "hosts", "PG105", {"settings.py": (
        "ALLOWED_HOSTS = ['www.example.com', '.example.com']\n")})
    assert_silent(tmp_path / "comment", "PG105", {"settings.py": (
        "# ALLOWED_HOSTS = []\nALLOWED_HOSTS = ['example.com']\n")})
    assert_silent(tmp_path / "similar", "PG105", {"settings.py": (
        "ALLOWED_HOSTS = ['example.com']\nCSRF_TRUSTED_ORIGINS = []\nINTERNAL_IPS = []\n")})
    assert_silent(tmp_path / "one-blank", "PG105", {"settings.py": (
        "ALLOWED_HOSTS = ['example.com', '']\n")})
    assert_silent(tmp_path / "env-default", "PG105", {"settings.py": (
        "import os\nALLOWED_HOSTS = os.environ.get('HOSTS', 'example.com').split(',')\n")})
    assert_silent(tmp_path / "appended", "PG105", {"settings.py": (
        "ALLOWED_HOSTS = []\nALLOWED_HOSTS.append('example.com')\n")})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, "PG105", {"settings.py": ENV_SPLIT},
                  env={"DJANGO_ALLOWED_HOSTS": "example.com,www.example.com"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "no-default", "PG105", {"settings.py": (
        "import os\nALLOWED_HOSTS = os.environ['DJANGO_ALLOWED_HOSTS'].split(',')\n")})
    assert_silent(tmp_path / "computed", "PG105", {"settings.py": (
        "import socket\nALLOWED_HOSTS = [socket.gethostname()]\n")})
