from __future__ import annotations

import pytest

from ponyguard.core.redact import mask, redact_text


@pytest.mark.parametrize("text, secret", [
    ('SECRET_KEY = "abcdefghijklmnop"', "abcdefghijklmnop"),
    ("postgres://app:hunter2secret@db:5432/app", "hunter2secret"),
    ("'PASSWORD': 's3cr3t-pass'", "s3cr3t-pass"),
    ("key django-insecure-1234567890abcdef", "django-insecure-1234567890abcdef"),
    ("AWS AKIAABCDEFGHIJKLMNOP", "AKIAABCDEFGHIJKLMNOP"),
])
def test_secrets_are_masked(text, secret) -> None:
    assert secret not in redact_text(text)


@pytest.mark.parametrize("text", [
    'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
    "EMAIL_HOST_PASSWORD is read from EMAIL_PASSWORD",
    "DEBUG is True unless DJANGO_DEBUG is set",
])
def test_harmless_text_is_kept(text) -> None:
    assert redact_text(text) == text


def test_known_secrets_are_masked_anywhere() -> None:
    assert "zzzz-top" not in redact_text("value zzzz-top here", secrets=("zzzz-top",))


def test_mask_shows_only_length() -> None:
    assert mask("abcdef") == "******** (6 chars)"
