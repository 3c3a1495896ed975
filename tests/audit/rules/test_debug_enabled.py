from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

ENV_DEFAULT_TRUE = "import os\nDEBUG = os.environ.get('DJANGO_DEBUG', 'True') == 'True'\n"


def test_fires_on_literal_true(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG101", {"settings.py": "X = 1\nDEBUG = True\n"},
                             path="settings.py", line=2, severity="critical", confidence="high")
    assert finding.message == "DEBUG is True"


def test_fires_at_medium_confidence_on_an_insecure_env_default(tmp_path) -> None:
    assert_finds(tmp_path / "os", "PG101", {"settings.py": ENV_DEFAULT_TRUE},
                 confidence="medium", message_contains="unless DJANGO_DEBUG is set")
    assert_finds(tmp_path / "environ", "PG101", {"settings.py": (
        "import environ\nenv = environ.Env(DJANGO_DEBUG=(bool, True))\n"
        "DEBUG = env('DJANGO_DEBUG')\n")}, confidence="medium")
    assert_finds(tmp_path / "decouple", "PG101", {"settings.py": (
        "from decouple import config\nDEBUG = config('DEBUG', default=True, cast=bool)\n")},
        confidence="medium", message_contains="unless DEBUG is set")


def test_fires_in_a_split_settings_base_not_overridden(tmp_path) -> None:
    assert_finds(tmp_path, "PG101", {
        "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', "
                     "'site.settings.production')\n",
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/base.py": "DEBUG = True\n",
        "site/settings/production.py": "from .base import *\nALLOWED_HOSTS = ['x.com']\n",
    }, path="site/settings/base.py", line=1)


def test_silent_on_safe_values_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "false", "PG101", {"settings.py": "DEBUG = False\n"})
    assert_silent(tmp_path / "comment", "PG101", {"settings.py": "# DEBUG = True\nDEBUG = False\n"})
    assert_silent(tmp_path / "similar", "PG101", {"settings.py": "TEMPLATE_DEBUG_X = True\n"})
    assert_silent(tmp_path / "default", "PG101", {"settings.py": "SECRET_KEY = 'x'\n"})
    assert_silent(tmp_path / "safe-env", "PG101", {"settings.py": (
        "import os\nDEBUG = os.environ.get('DJANGO_DEBUG', 'False') == 'True'\n")})
    assert_silent(tmp_path / "overridden", "PG101", {
        "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', "
                     "'site.settings.production')\n",
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/base.py": "DEBUG = True\n",
        "site/settings/production.py": "from .base import *\nDEBUG = False\n",
    })


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, "PG101", {"settings.py": ENV_DEFAULT_TRUE},
                  env={"DJANGO_DEBUG": "False"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path, "PG101", {"settings.py": "import vault\nDEBUG = vault.flag()\n"})


ENV_HELPER = """\
import os


def envbool(name, default):
    value = os.getenv(name, default)
    if value not in ("", "True", "False"):
        raise ValueError(f"{name}={value}: use True or False")
    return value == "True"


DEBUG = envbool("DEBUG", "{default}")
"""


def test_fires_through_a_project_helper_with_an_insecure_default(tmp_path) -> None:
    assert_finds(tmp_path, "PG101", {"settings.py": ENV_HELPER.replace("{default}", "True")},
                 path="settings.py", line=11, confidence="medium",
                 message_contains="unless DEBUG is set")
    assert_silent(tmp_path / "safe", "PG101",
                  {"settings.py": ENV_HELPER.replace("{default}", "False")})
    assert_silent(tmp_path / "set", "PG101",
                  {"settings.py": ENV_HELPER.replace("{default}", "True")},
                  env={"DEBUG": "False"})
