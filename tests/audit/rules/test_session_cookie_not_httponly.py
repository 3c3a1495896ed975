from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

RULE = "PG118"
APP = "INSTALLED_APPS = ['django.contrib.auth', 'django.contrib.sessions']\n"
MW = "MIDDLEWARE = ['django.contrib.sessions.middleware.SessionMiddleware']\n"
NAME = "SESSION_COOKIE_HTTPONLY"


def settings(body: str, head: str = APP + MW) -> dict[str, str]:
    return {"settings.py": "import os\n" + head + body}


def test_fires_when_turned_off(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, RULE, settings(f"{NAME} = False\n"),
                             path="settings.py", line=4, severity="medium", confidence="high")
    assert finding.message.startswith(
        f"{NAME} is False: JavaScript can read the session cookie")
    assert f"{NAME} = True" in finding.fix_text


def test_message_names_the_app_or_the_middleware_like_w013_and_w014(tmp_path) -> None:
    [app] = assert_finds(tmp_path / "app", RULE, settings(f"{NAME} = False\n", head=APP))
    assert app.message.startswith(
        f"'django.contrib.sessions' is in INSTALLED_APPS, but {NAME} is False: ")
    [mw] = assert_finds(tmp_path / "mw", RULE, settings(f"{NAME} = None\n", head=MW))
    assert mw.message.startswith(
        "'django.contrib.sessions.middleware.SessionMiddleware' is in MIDDLEWARE, but "
        f"{NAME} is None: ")


def test_fires_at_medium_confidence_on_an_env_default(tmp_path) -> None:
    assert_finds(tmp_path, RULE, settings(
        f"{NAME} = os.environ.get('COOKIE_HTTPONLY', '0') == '1'\n"),
        line=4, confidence="medium",
        message_contains=f"{NAME} is False unless COOKIE_HTTPONLY is set:")


def test_a_truthy_value_that_is_not_true_is_reported_lower(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, RULE, settings(f"{NAME} = 'yes'\n"), severity="low")
    assert "not the boolean True" in finding.message and "security.W015" in finding.message


def test_silent_on_safe_values_and_look_alikes(tmp_path) -> None:
    # Django's default is True: not setting it is safe
    assert_silent(tmp_path / "default", RULE, settings(""))
    assert_silent(tmp_path / "true", RULE, settings(f"{NAME} = True\n"))
    assert_silent(tmp_path / "comment", RULE, settings(f"# {NAME} = False\n"))
    assert_silent(tmp_path / "similar", RULE, settings(
        "CSRF_COOKIE_HTTPONLY = False\nLANGUAGE_COOKIE_HTTPONLY = False\n"))
    assert_silent(tmp_path / "safe-env", RULE, settings(
        f"{NAME} = os.environ.get('COOKIE_HTTPONLY', '1') == '1'\n"))
    assert_silent(tmp_path / "no-sessions", RULE, {"settings.py": (
        "INSTALLED_APPS = ['django.contrib.contenttypes']\nMIDDLEWARE = []\n"
        f"{NAME} = False\n")})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, RULE, settings(
        f"{NAME} = os.environ.get('COOKIE_HTTPONLY', '0') == '1'\n"),
        env={"COOKIE_HTTPONLY": "1"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "value", RULE, settings(f"import vault\n{NAME} = vault.flag('h')\n"))
    assert_silent(tmp_path / "lists", RULE, {"settings.py": (
        "import extra\nINSTALLED_APPS = ['django.contrib.admin'] + extra.APPS\n"
        f"MIDDLEWARE = extra.MIDDLEWARE\n{NAME} = False\n")})
