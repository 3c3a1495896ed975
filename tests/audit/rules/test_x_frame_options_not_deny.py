from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

XFRAME = "django.middleware.clickjacking.XFrameOptionsMiddleware"
BASE = f"import os\nMIDDLEWARE = ['{XFRAME}']\n"


def test_fires_on_sameorigin(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG109",
                             {"settings.py": BASE + "X_FRAME_OPTIONS = 'SAMEORIGIN'\n"},
                             path="settings.py", line=3, severity="low", confidence="high")
    assert finding.message.startswith("X_FRAME_OPTIONS is 'SAMEORIGIN': any page of the same "
                                      "origin may show this site's pages in a frame")


def test_fires_at_medium_severity_on_a_value_browsers_ignore(tmp_path) -> None:
    assert_finds(tmp_path / "allow-from", "PG109", {"settings.py": (
        BASE + "X_FRAME_OPTIONS = 'ALLOW-FROM https://partner.example'\n")},
        severity="medium", message_contains="browsers only understand DENY and SAMEORIGIN")
    assert_finds(tmp_path / "empty", "PG109", {"settings.py": BASE + "X_FRAME_OPTIONS = ''\n"},
                 severity="medium")


def test_reports_a_lower_case_deny_as_info(tmp_path) -> None:
    assert_finds(tmp_path, "PG109", {"settings.py": BASE + "X_FRAME_OPTIONS = 'deny'\n"},
                 severity="info", message_contains="upper-cases it and sends DENY")


def test_fires_at_medium_confidence_on_an_env_default(tmp_path) -> None:
    assert_finds(tmp_path, "PG109", {"settings.py": (
        BASE + "X_FRAME_OPTIONS = os.environ.get('DJANGO_XFO', 'SAMEORIGIN')\n")},
        line=3, confidence="medium",
        message_contains="X_FRAME_OPTIONS is 'SAMEORIGIN' unless DJANGO_XFO is set: any page")


def test_silent_on_deny_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "deny", "PG109", {"settings.py": BASE + "X_FRAME_OPTIONS = 'DENY'\n"})
    assert_silent(tmp_path / "default", "PG109", {"settings.py": BASE})
    assert_silent(tmp_path / "comment", "PG109", {"settings.py": (
        BASE + "# X_FRAME_OPTIONS = 'SAMEORIGIN'\n")})
    assert_silent(tmp_path / "similar", "PG109", {"settings.py": (
        BASE + "X_FRAME_OPTIONS_EXEMPT = 'SAMEORIGIN'\n")})
    assert_silent(tmp_path / "env-default", "PG109", {"settings.py": (
        BASE + "X_FRAME_OPTIONS = os.environ.get('DJANGO_XFO', 'DENY')\n")})


def test_silent_without_the_middleware(tmp_path) -> None:
    # Django's cascade: W002 (PG108) reports the missing middleware instead.
    assert_silent(tmp_path / "missing", "PG109", {"settings.py": (
        "MIDDLEWARE = []\nX_FRAME_OPTIONS = 'SAMEORIGIN'\n")})
    assert_silent(tmp_path / "unset", "PG109", {"settings.py": "X_FRAME_OPTIONS = 'SAMEORIGIN'\n"})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, "PG109", {"settings.py": (
        BASE + "X_FRAME_OPTIONS = os.environ.get('DJANGO_XFO', 'SAMEORIGIN')\n")},
        env={"DJANGO_XFO": "DENY"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "value", "PG109", {"settings.py": (
        BASE + "X_FRAME_OPTIONS = os.environ['DJANGO_XFO']\n")})
    assert_silent(tmp_path / "middleware", "PG109", {"settings.py": (
        "from mysite.conf import MW\nMIDDLEWARE = MW\nX_FRAME_OPTIONS = 'SAMEORIGIN'\n")})
