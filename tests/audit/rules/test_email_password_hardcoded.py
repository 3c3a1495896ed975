"""PG133 email-password-hardcoded: EMAIL_HOST_PASSWORD as a literal or literal env fallback."""

from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

BASE = """\
import os

EMAIL_HOST = "smtp.example.com"
EMAIL_HOST_USER = "postmaster@example.com"
"""


def settings(text: str) -> dict[str, str]:
    return {"settings.py": text}


def test_fires_on_literal(tmp_path):
    text = BASE + 'EMAIL_HOST_PASSWORD = "smtp-s3cret"\n'
    found = assert_finds(tmp_path, "PG133", settings(text),
                         path="settings.py", line=5, count=1, severity="high", confidence="high",
                         message_contains="EMAIL_HOST_PASSWORD is a password written in the "
                                          "source")
    finding = found[0]
    assert "smtp-s3cret" not in " ".join(filter(None, [finding.message, finding.evidence]))


def test_env_fallback_is_medium(tmp_path):
    text = BASE + 'EMAIL_HOST_PASSWORD = os.environ.get("SMTP_PASSWORD", "smtp-s3cret")\n'
    assert_finds(tmp_path / "getenv", "PG133", settings(text), line=5, confidence="medium",
                 message_contains="falls back to a password written in the source unless "
                                  "SMTP_PASSWORD is set")
    decouple = BASE.replace("import os", "from decouple import config") + \
        'EMAIL_HOST_PASSWORD = config("EMAIL_HOST_PASSWORD", default="smtp-s3cret")\n'
    assert_finds(tmp_path / "decouple", "PG133", settings(decouple), confidence="medium",
                 message_contains="unless EMAIL_HOST_PASSWORD is set")
    assert_silent(tmp_path / "set", "PG133", settings(text), env={"SMTP_PASSWORD": "vault"})


def test_silent_on_safe_forms_and_look_alikes(tmp_path):
    assert_silent(tmp_path / "unset", "PG133", settings(BASE))
    assert_silent(tmp_path / "env", "PG133",
                  settings(BASE + 'EMAIL_HOST_PASSWORD = os.environ["EMAIL_HOST_PASSWORD"]\n'))
    assert_silent(tmp_path / "empty-default", "PG133", settings(
        BASE + 'EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")\n'))
    assert_silent(tmp_path / "empty", "PG133", settings(BASE + 'EMAIL_HOST_PASSWORD = ""\n'))
    assert_silent(tmp_path / "commented", "PG133",
                  settings(BASE + '# EMAIL_HOST_PASSWORD = "smtp-s3cret"\n'))
    assert_silent(tmp_path / "similar", "PG133",
                  settings(BASE + 'EMAIL_HOST_PASSWORD_FILE = "/run/secrets/smtp"\n'))


def test_silent_when_unknown(tmp_path):
    text = BASE + 'EMAIL_HOST_PASSWORD = open("/run/secrets/smtp").read().strip()\n'
    assert_silent(tmp_path, "PG133", settings(text))
