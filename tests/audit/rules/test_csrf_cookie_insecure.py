from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

RULE = "PG119"
CSRF = "MIDDLEWARE = ['django.middleware.csrf.CsrfViewMiddleware']\n"
NAME = "CSRF_COOKIE_SECURE"


def settings(body: str, head: str = CSRF) -> dict[str, str]:
    return {"settings.py": "import os\n" + head + body}


def test_fires_when_never_set(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, RULE, settings(""), path="settings.py", line=1,
                             severity="low", confidence="high")
    assert finding.message.startswith(
        f"{NAME} is not set (Django's default is False): the CSRF token cookie is also sent "
        "over plain HTTP")
    assert f"{NAME} = True" in finding.fix_text


def test_fires_on_false_at_its_line(tmp_path) -> None:
    assert_finds(tmp_path, RULE, settings(f"{NAME} = False\nCSRF_USE_SESSIONS = False\n"),
                 line=3, message_contains=f"{NAME} is False:")


def test_fires_at_medium_confidence_on_an_env_default(tmp_path) -> None:
    assert_finds(tmp_path / "os", RULE, settings(
        f"{NAME} = os.environ.get('CSRF_SECURE', '') == '1'\n"),
        line=3, confidence="medium", message_contains=f"{NAME} is False unless CSRF_SECURE is set:")
    # the cascade's own condition resting on an unset variable lowers the confidence too
    [finding] = assert_finds(tmp_path / "use-sessions", RULE, settings(
        f"{NAME} = False\nCSRF_USE_SESSIONS = os.environ.get('CSRF_SESSIONS', '0') == '1'\n"),
        line=3, confidence="medium")
    assert "unless" not in finding.message


def test_a_truthy_value_that_is_not_true_is_reported_lower(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, RULE, settings(
        f"{NAME} = os.environ.get('CSRF_SECURE', 'False')\n"), severity="info")
    assert "even 'False'" in finding.message and "security.W016" in finding.message


def test_silent_on_safe_values_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "true", RULE, settings(f"{NAME} = True\n"))
    assert_silent(tmp_path / "comment", RULE, settings(f"{NAME} = True\n# {NAME} = False\n"))
    assert_silent(tmp_path / "similar", RULE, settings(
        f"{NAME} = True\nCSRF_COOKIE_HTTPONLY = False\nSESSION_COOKIE_SECURE = False\n"))
    assert_silent(tmp_path / "safe-env", RULE, settings(
        f"{NAME} = os.environ.get('CSRF_SECURE', '1') == '1'\n"))
    # Django's cascade: the token lives in the session, or there is no CSRF middleware at all
    assert_silent(tmp_path / "use-sessions", RULE, settings("CSRF_USE_SESSIONS = True\n"))
    assert_silent(tmp_path / "no-middleware", RULE, {"settings.py": (
        "MIDDLEWARE = ['django.middleware.common.CommonMiddleware']\n"
        "# 'django.middleware.csrf.CsrfViewMiddleware',\n")})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, RULE, settings(
        f"{NAME} = os.environ.get('CSRF_SECURE', '') == '1'\n"), env={"CSRF_SECURE": "1"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "value", RULE, settings(f"import vault\n{NAME} = vault.flag('c')\n"))
    assert_silent(tmp_path / "use-sessions", RULE, settings(
        "import vault\nCSRF_USE_SESSIONS = vault.flag('s')\n"))
    assert_silent(tmp_path / "middleware", RULE, {"settings.py": (
        "import extra\nMIDDLEWARE = ['django.middleware.common.CommonMiddleware'] "
        "+ extra.MIDDLEWARE\n")})
