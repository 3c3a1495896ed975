from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

CSRF = "django.middleware.csrf.CsrfViewMiddleware"
SESSIONS = "django.contrib.sessions.middleware.SessionMiddleware"


def test_fires_at_high_confidence_with_session_middleware(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG107", {"settings.py": (
        "DEBUG = False\n"
        f"MIDDLEWARE = ['django.middleware.security.SecurityMiddleware', '{SESSIONS}']\n")},
        path="settings.py", line=2, severity="high", confidence="high")
    assert finding.message.startswith(f"'{CSRF}' is not in MIDDLEWARE: with session cookies")


def test_fires_at_medium_confidence_without_sessions(tmp_path) -> None:
    assert_finds(tmp_path / "api", "PG107", {"settings.py": (
        "MIDDLEWARE = ['django.middleware.common.CommonMiddleware']\n")},
        severity="high", confidence="medium", message_contains="no request is checked")
    assert_finds(tmp_path / "unset", "PG107", {"settings.py": "DEBUG = False\n"},
                 path="settings.py", line=1, confidence="medium",
                 message_contains="MIDDLEWARE is not set (Django's default is an empty list), so "
                                  "CsrfViewMiddleware is not installed")


def test_fires_where_it_is_removed(tmp_path) -> None:
    assert_finds(tmp_path, "PG107", {"settings.py": (
        f"MIDDLEWARE = ['{SESSIONS}', '{CSRF}']\n\nMIDDLEWARE.remove('{CSRF}')\n")}, line=3)


def test_silent_when_installed_and_on_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "literal", "PG107", {"settings.py": (
        f"MIDDLEWARE = ['{SESSIONS}', '{CSRF}']\n")})
    assert_silent(tmp_path / "appended", "PG107", {"settings.py": (
        f"MIDDLEWARE = ['{SESSIONS}']\nMIDDLEWARE.append('{CSRF}')\n")})
    assert_silent(tmp_path / "comment", "PG107", {"settings.py": (
        f"MIDDLEWARE = [\n    '{SESSIONS}',\n    '{CSRF}',  # '{CSRF}' was removed once\n]\n")})
    assert_silent(tmp_path / "similar", "PG107", {"settings.py": (
        f"MIDDLEWARE = ['{CSRF}']\nOLD_MIDDLEWARE = ['{SESSIONS}']\n")})


def test_silent_when_the_profile_selects_the_protected_list(tmp_path) -> None:
    assert_silent(tmp_path, "PG107", {"settings.py": (
        "import os\n"
        f"MIDDLEWARE = ['{SESSIONS}'] if os.environ.get('API_ONLY', '1') == '1' "
        f"else ['{SESSIONS}', '{CSRF}']\n")}, env={"API_ONLY": "0"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path, "PG107", {"settings.py": (
        "from mysite.conf import EXTRA\n"
        f"MIDDLEWARE = ['{SESSIONS}', *EXTRA]\n")})


def test_a_variable_that_only_adds_other_middleware_is_not_named(tmp_path) -> None:
    # saleor-style: a flag prepends an unrelated middleware; CSRF is missing either way
    body = ("import os\n"
            f"MIDDLEWARE = ['{SESSIONS}']\n"
            "if os.environ.get('ENABLE_WRITER_LOG', '0') == '1':\n"
            "    MIDDLEWARE = ['app.log_writer_middleware'] + MIDDLEWARE\n")
    [finding] = assert_finds(tmp_path / "unrelated", "PG107", {"settings.py": body},
                             confidence="high")
    assert "ENABLE_WRITER_LOG" not in finding.message
    adds_csrf = body.replace("'app.log_writer_middleware'", f"'{CSRF}'")
    [finding] = assert_finds(tmp_path / "related", "PG107", {"settings.py": adds_csrf},
                             confidence="medium")
    assert "is not in MIDDLEWARE unless ENABLE_WRITER_LOG is set: " in finding.message
