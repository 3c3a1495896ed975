from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

RULE = "PG117"
APP = "INSTALLED_APPS = ['django.contrib.auth', 'django.contrib.sessions']\n"
MW = "MIDDLEWARE = ['django.contrib.sessions.middleware.SessionMiddleware']\n"
NAME = "SESSION_COOKIE_SECURE"
ENVIRON = "import environ\nenv = environ.Env()\n"


def settings(body: str, head: str = APP + MW) -> dict[str, str]:
    return {"settings.py": "import os\n" + head + body}


def test_fires_when_never_set_with_app_and_middleware_like_w012(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, RULE, settings(""), path="settings.py", line=1,
                             severity="medium", confidence="high")
    assert finding.message.startswith(
        f"{NAME} is not set (Django's default is False): the session cookie is also sent over "
        "plain HTTP")
    assert f"{NAME} = True" in finding.fix_text


def test_message_names_the_app_or_the_middleware_like_w010_and_w011(tmp_path) -> None:
    [app] = assert_finds(tmp_path / "app", RULE, settings(f"{NAME} = False\n", head=APP),
                         line=3)
    assert app.message.startswith(
        f"'django.contrib.sessions' is in INSTALLED_APPS, but {NAME} is False: ")
    [mw] = assert_finds(tmp_path / "mw", RULE, settings(f"{NAME} = False\n", head=MW), line=3)
    assert mw.message.startswith(
        "'django.contrib.sessions.middleware.SessionMiddleware' is in MIDDLEWARE, but "
        f"{NAME} is False: ")
    [both] = assert_finds(tmp_path / "both", RULE, settings(f"{NAME} = False\n"), line=4)
    assert both.message.startswith(f"{NAME} is False: ")


def test_fires_when_only_the_known_part_of_a_list_shows_sessions(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, RULE, settings(
        "", head="import extra\nINSTALLED_APPS = extra.APPS\n" + MW))
    assert "is in MIDDLEWARE" in finding.message


def test_fires_in_a_split_settings_base(tmp_path) -> None:
    assert_finds(tmp_path, RULE, {
        "manage.py": "import os\n"
                     "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings.prod')\n",
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/base.py": APP + f"{NAME} = False\n",
        "site/settings/prod.py": "from .base import *\nDEBUG = False\n",
    }, path="site/settings/base.py", line=2)


def test_fires_at_medium_confidence_on_an_env_default(tmp_path) -> None:
    assert_finds(tmp_path / "environ", RULE, settings(
        ENVIRON + f"{NAME} = env.bool('SECURE_COOKIES', default=False)\n"),
        line=6, confidence="medium",
        message_contains=f"{NAME} is False unless SECURE_COOKIES is set: the session cookie")
    assert_finds(tmp_path / "decouple", RULE, settings(
        "from decouple import config\n"
        f"{NAME} = config('COOKIE_SECURE', default=False, cast=bool)\n"),
        confidence="medium", message_contains="unless COOKIE_SECURE is set")
    assert_finds(tmp_path / "os", RULE, settings(
        f"{NAME} = os.environ.get('HTTPS', 'off') == 'on'\n"),
        confidence="medium", message_contains="unless HTTPS is set")


def test_a_truthy_value_that_is_not_true_is_reported_lower(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, RULE, settings(
        f"{NAME} = os.environ.get('SECURE_COOKIES', 'True')\n"),
        severity="low", confidence="high")
    assert "not the boolean True" in finding.message and "security.W012" in finding.message
    [app] = assert_finds(tmp_path / "app", RULE, settings(f"{NAME} = 1\n", head=APP))
    assert "security.W010" in app.message


def test_silent_on_safe_values_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "true", RULE, settings(f"{NAME} = True\n"))
    assert_silent(tmp_path / "comment", RULE, settings(f"# {NAME} = False\n{NAME} = True\n"))
    assert_silent(tmp_path / "similar", RULE, settings(
        f"{NAME} = True\nCSRF_COOKIE_SECURE = False\nLANGUAGE_COOKIE_SECURE = False\n"))
    assert_silent(tmp_path / "safe-env", RULE, settings(
        ENVIRON + f"{NAME} = env.bool('SECURE_COOKIES', default=True)\n"))
    # Django's cascade: no sessions app and no SessionMiddleware, no session cookie
    assert_silent(tmp_path / "no-sessions", RULE, {"settings.py": (
        "INSTALLED_APPS = ['django.contrib.contenttypes', 'django.contrib.sessionsx']\n"
        "MIDDLEWARE = ['django.middleware.common.CommonMiddleware']\n"
        "# MIDDLEWARE += ['django.contrib.sessions.middleware.SessionMiddleware']\n")})
    assert_silent(tmp_path / "nothing", RULE, {"settings.py": "DEBUG = False\n"})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, RULE, settings(
        ENVIRON + f"{NAME} = env.bool('SECURE_COOKIES', default=False)\n"),
        env={"SECURE_COOKIES": "1"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "value", RULE, settings(f"import vault\n{NAME} = vault.flag('s')\n"))
    assert_silent(tmp_path / "required-env", RULE, settings(
        f"{NAME} = os.environ['SECURE_COOKIES'] == '1'\n"))
    assert_silent(tmp_path / "lists", RULE, {"settings.py": (
        f"import extra\nINSTALLED_APPS = extra.APPS\nMIDDLEWARE = extra.MIDDLEWARE\n"
        f"{NAME} = False\n")})


def test_a_flag_adding_unrelated_middleware_keeps_high_confidence(tmp_path) -> None:
    gzip = ("if os.environ.get('USE_GZIP', 'False') == 'True':\n"
            "    MIDDLEWARE.append('django.middleware.gzip.GZipMiddleware')\n")
    assert_finds(tmp_path / "gzip", RULE, settings(gzip), confidence="high")
    drops = ("if os.environ.get('API_ONLY', 'False') == 'True':\n"
             "    MIDDLEWARE.remove('django.contrib.sessions.middleware.SessionMiddleware')\n")
    assert_finds(tmp_path / "drops", RULE, settings(drops, head=MW), confidence="medium")
