"""PG134 debug-propagate-exceptions: DEBUG_PROPAGATE_EXCEPTIONS = True."""

from __future__ import annotations

from tests.helpers import assert_finds, assert_silent


def settings(text: str) -> dict[str, str]:
    return {"settings.py": "import os\nDEBUG = False\n" + text}


def test_fires_when_true(tmp_path):
    assert_finds(tmp_path, "PG134", settings("DEBUG_PROPAGATE_EXCEPTIONS = True\n"),
                 path="settings.py", line=3, count=1, severity="medium", confidence="high",
                 message_contains="DEBUG_PROPAGATE_EXCEPTIONS is True")


def test_env_default_is_medium_confidence(tmp_path):
    text = 'DEBUG_PROPAGATE_EXCEPTIONS = os.environ.get("PROPAGATE", "1") == "1"\n'
    assert_finds(tmp_path, "PG134", settings(text), line=3, confidence="medium",
                 message_contains="unless PROPAGATE is set")
    assert_silent(tmp_path / "set", "PG134", settings(text), env={"PROPAGATE": "0"})


def test_silent_on_safe_forms_and_look_alikes(tmp_path):
    assert_silent(tmp_path / "unset", "PG134", settings(""))
    assert_silent(tmp_path / "false", "PG134", settings("DEBUG_PROPAGATE_EXCEPTIONS = False\n"))
    assert_silent(tmp_path / "commented", "PG134",
                  settings("# DEBUG_PROPAGATE_EXCEPTIONS = True\n"))
    assert_silent(tmp_path / "similar", "PG134",
                  settings("TEST_DEBUG_PROPAGATE_EXCEPTIONS = True\n"))
    env_off = 'DEBUG_PROPAGATE_EXCEPTIONS = os.environ.get("PROPAGATE", "") == "1"\n'
    assert_silent(tmp_path / "env-off", "PG134", settings(env_off))


def test_silent_when_unknown(tmp_path):
    assert_silent(tmp_path, "PG134", settings('DEBUG_PROPAGATE_EXCEPTIONS = os.environ["P"]\n'))


def test_unless_clause_qualifies_the_statement_not_the_consequence(tmp_path):
    text = 'DEBUG_PROPAGATE_EXCEPTIONS = os.environ.get("PROPAGATE", "1") == "1"\n'
    [finding] = assert_finds(tmp_path, "PG134", settings(text))
    assert finding.message.startswith(
        "DEBUG_PROPAGATE_EXCEPTIONS is True unless PROPAGATE is set: unhandled exceptions")
