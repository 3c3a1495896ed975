from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

PICKLE = "SESSION_SERIALIZER = 'django.contrib.sessions.serializers.PickleSerializer'\n"
SIGNED = "SESSION_ENGINE = 'django.contrib.sessions.backends.signed_cookies'\n"


def test_fires_high_with_server_side_sessions(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG123", {"settings.py": "DEBUG = False\n" + PICKLE},
                             path="settings.py", line=2, severity="high", confidence="high")
    assert finding.message.startswith("SESSION_SERIALIZER is PickleSerializer:")
    assert finding.key == "SESSION_SERIALIZER"


def test_fires_critical_with_signed_cookie_sessions(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG123", {"settings.py": SIGNED + PICKLE},
                             line=2, severity="critical", confidence="high")
    assert "signed-cookie sessions" in finding.message


def test_fires_on_a_copied_pickle_class(tmp_path) -> None:
    assert_finds(tmp_path / "class", "PG123", {"settings.py": (
        "SESSION_SERIALIZER = 'core.serializers.PickleSerializer'\n")},
        confidence="high", message_contains="core.serializers.PickleSerializer")
    assert_finds(tmp_path / "module", "PG123", {"settings.py": (
        "SESSION_SERIALIZER = 'core.pickling.LegacySerializer'\n")}, confidence="medium")


def test_fires_at_medium_confidence_on_an_env_default(tmp_path) -> None:
    assert_finds(tmp_path, "PG123", {"settings.py": (
        "import os\nSESSION_SERIALIZER = os.environ.get('SESSION_SERIALIZER', "
        "'django.contrib.sessions.serializers.PickleSerializer')\n")},
        confidence="medium", message_contains="unless SESSION_SERIALIZER is set")


def test_silent_on_json_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "default", "PG123", {"settings.py": SIGNED})
    assert_silent(tmp_path / "json", "PG123", {"settings.py": SIGNED + (
        "SESSION_SERIALIZER = 'django.contrib.sessions.serializers.JSONSerializer'\n")})
    assert_silent(tmp_path / "comment", "PG123", {"settings.py": "# " + PICKLE})
    assert_silent(tmp_path / "similar", "PG123", {"settings.py": (
        "CACHE_SERIALIZER = 'django.contrib.sessions.serializers.PickleSerializer'\n"
        "SESSION_SERIALIZER = 'core.serializers.MsgpackSerializer'\n")})
    assert_silent(tmp_path / "safe-env", "PG123", {"settings.py": (
        "import os\nSESSION_SERIALIZER = os.environ.get('SESSION_SERIALIZER', "
        "'django.contrib.sessions.serializers.JSONSerializer')\n")})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, "PG123", {"settings.py": (
        "import os\nSESSION_SERIALIZER = os.environ.get('SESSION_SERIALIZER', "
        "'django.contrib.sessions.serializers.PickleSerializer')\n")},
        env={"SESSION_SERIALIZER": "django.contrib.sessions.serializers.JSONSerializer"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path, "PG123", {"settings.py": (
        "import os\nSESSION_SERIALIZER = os.environ['SESSION_SERIALIZER']\n")})
