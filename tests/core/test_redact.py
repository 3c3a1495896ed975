from __future__ import annotations

import pytest

from ponyguard.core.redact import mask, redact_code, redact_text


@pytest.mark.parametrize("text, secret", [
    ('SECRET_KEY = "abcdefghijklmnop"', "abcdefghijklmnop"),
    ("postgres://app:hunter2secret@db:5432/app", "hunter2secret"),
    ("'PASSWORD': 's3cr3t-pass'", "s3cr3t-pass"),
    ("key django-insecure-1234567890abcdef", "django-insecure-1234567890abcdef"),
    ("AWS AKIAABCDEFGHIJKLMNOP", "AKIAABCDEFGHIJKLMNOP"),
    ("DJANGO_SECRET_KEY=abcdefghijkl12", "abcdefghijkl12"),
    ("https://x.test/?token=tok3n-value&a=1", "tok3n-value"),
    ("EMAIL_HOST_PASSWORD = r'p4ss word'", "p4ss word"),
    ("(\"api_key\", \"k3y-value\")", "k3y-value"),
    ("MAPS = 'AIzaSyD3xAmPl3kEy0123456789abcdefghijkl'", "AIzaSyD3xAmPl3kEy0123456789abcdefghijkl"),
    ("MAIL = 'SG.abcdefghijklmnopqrstuv.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg'",
     "SG.abcdefghijklmnopqrstuv.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg"),
    ("HOOK = 'https://hooks.slack.com/services/T0001/B0002/abcdefXYZ123'", "abcdefXYZ123"),
])
def test_secrets_are_masked(text, secret) -> None:
    assert secret not in redact_text(text)


@pytest.mark.parametrize("text", [
    'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
    "EMAIL_HOST_PASSWORD is read from EMAIL_PASSWORD",
    "DEBUG is True unless DJANGO_DEBUG is set",
    "sends reset tokens, search terms, ids",
    "the CSRF token: browsers ignore it",
    "SESSION_COOKIE_SECURE is False unless SECURE is set",
])
def test_harmless_text_is_kept(text) -> None:
    assert redact_text(text) == text


def test_known_secrets_are_masked_anywhere() -> None:
    assert "zzzz-top" not in redact_text("value zzzz-top here", secrets=("zzzz-top",))


def test_mask_shows_only_length() -> None:
    assert mask("abcdef") == "******** (6 chars)"


@pytest.mark.parametrize("line, secrets", [
    ('SECRET_KEY_FALLBACKS = ["weakkey1", "x"]', ["weakkey1"]),
    ('SECRET_KEY = "abc"', ["abc"]),
    ('SECRET_KEY = "my secret key phrase"', ["my secret key phrase"]),
    ('SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "fallback-key")', ["fallback-key"]),
])
def test_code_lines_naming_a_secret_mask_every_literal(line, secrets) -> None:
    redacted = redact_code(line)
    for secret in secrets:
        assert f'"{secret}"' not in redacted


def test_code_redaction_keeps_variable_names_and_plain_lines() -> None:
    assert '"DJANGO_SECRET_KEY"' in redact_code('SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]')
    assert redact_code('ALLOWED_HOSTS = ["example.com"]') == 'ALLOWED_HOSTS = ["example.com"]'
