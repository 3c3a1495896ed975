from __future__ import annotations

from tests.helpers import assert_finds, assert_silent


def test_fires_on_the_string_none(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG124", {"settings.py": (
        "DEBUG = False\nSESSION_COOKIE_SAMESITE = 'None'\n")},
        path="settings.py", line=2, severity="medium", confidence="high", count=1)
    assert finding.key == "SESSION_COOKIE_SAMESITE"
    assert "SameSite=None" in finding.message and "session cookie" in finding.message


def test_fires_once_per_setting(tmp_path) -> None:
    found = assert_finds(tmp_path, "PG124", {"settings.py": (
        "SESSION_COOKIE_SAMESITE = 'none'\nCSRF_COOKIE_SAMESITE = None\n")}, count=2)
    by_key = {f.key: f for f in found}
    assert by_key["SESSION_COOKIE_SAMESITE"].location.line == 1
    csrf = by_key["CSRF_COOKIE_SAMESITE"]
    assert csrf.location.line == 2 and "without a SameSite attribute" in csrf.message


def test_fires_on_false_which_omits_the_attribute(tmp_path) -> None:
    assert_finds(tmp_path, "PG124", {"settings.py": "CSRF_COOKIE_SAMESITE = False\n"},
                 message_contains="CSRF cookie without a SameSite attribute")


def test_fires_at_medium_confidence_on_an_env_default(tmp_path) -> None:
    assert_finds(tmp_path, "PG124", {"settings.py": (
        "import os\nSESSION_COOKIE_SAMESITE = os.environ.get('COOKIE_SAMESITE', 'None')\n")},
        confidence="medium", message_contains="unless COOKIE_SAMESITE is set")


def test_silent_on_lax_strict_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "default", "PG124", {"settings.py": "DEBUG = False\n"})
    assert_silent(tmp_path / "explicit", "PG124", {"settings.py": (
        "SESSION_COOKIE_SAMESITE = 'Strict'\nCSRF_COOKIE_SAMESITE = 'Lax'\n")})
    assert_silent(tmp_path / "comment", "PG124", {"settings.py": (
        "# SESSION_COOKIE_SAMESITE = 'None'\n")})
    assert_silent(tmp_path / "language", "PG124", {"settings.py": (
        "LANGUAGE_COOKIE_SAMESITE = 'None'\nSESSION_COOKIE_SAMESITE_FORCE_ALL = None\n")})
    assert_silent(tmp_path / "safe-env", "PG124", {"settings.py": (
        "import os\nSESSION_COOKIE_SAMESITE = os.environ.get('COOKIE_SAMESITE', 'Lax')\n")})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, "PG124", {"settings.py": (
        "import os\nSESSION_COOKIE_SAMESITE = os.environ.get('COOKIE_SAMESITE', 'None')\n")},
        env={"COOKIE_SAMESITE": "Strict"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path, "PG124", {"settings.py": (
        "import os\nSESSION_COOKIE_SAMESITE = os.environ['COOKIE_SAMESITE']\n"
        "from cookies import policy\nCSRF_COOKIE_SAMESITE = policy()\n")})
