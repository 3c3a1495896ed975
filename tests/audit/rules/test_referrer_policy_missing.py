from __future__ import annotations

import pytest

from tests.helpers import assert_finds, assert_silent

RULE = "PG115"
SECURITY = "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n"


def settings(body: str) -> dict[str, str]:
    return {"settings.py": "import os\n" + SECURITY + body}


def test_fires_on_none_like_w022(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, RULE, settings("SECURE_REFERRER_POLICY = None\n"),
                             path="settings.py", line=3, severity="low", confidence="high")
    assert finding.message.startswith(
        "SECURE_REFERRER_POLICY is None: no Referrer-Policy header is sent")
    assert finding.key == "SECURE_REFERRER_POLICY"
    assert "same-origin" in finding.fix_text


@pytest.mark.parametrize("value, bad", [
    ("'same-orgin'", "'same-orgin'"),
    ("'no-referrer, strict-origin-when-crossorigin'", "'strict-origin-when-crossorigin'"),
    ("['same-origin', 'nope']", "'nope'"),
    ("('same-origin ',)", "'same-origin '"),  # Django strips strings, not list items
    ("''", "''"),
])
def test_fires_on_an_invalid_value_like_e023(tmp_path, value, bad) -> None:
    [finding] = assert_finds(tmp_path, RULE, settings(f"SECURE_REFERRER_POLICY = {value}\n"),
                             line=3, severity="low")
    assert f"{bad} is not a Referrer-Policy value" in finding.message
    assert "security.E023" in finding.message
    assert finding.key == "SECURE_REFERRER_POLICY:invalid"


def test_fires_on_an_invalid_known_item_even_with_unknown_ones(tmp_path) -> None:
    assert_finds(tmp_path, RULE, settings(
        "import extra\nSECURE_REFERRER_POLICY = ['bogus'] + extra.POLICIES\n"),
        message_contains="'bogus' is not a Referrer-Policy value")


@pytest.mark.parametrize("value", [
    "'unsafe-url'",
    "'no-referrer, unsafe-url'",
    "['same-origin', 'unsafe-url']",
    "{'unsafe-url', 'same-origin'}",
])
def test_fires_at_medium_severity_when_unsafe_url_is_the_effective_policy(
        tmp_path, value) -> None:
    [finding] = assert_finds(tmp_path, RULE, settings(f"SECURE_REFERRER_POLICY = {value}\n"),
                             severity="medium", confidence="high")
    assert "'unsafe-url' sends the full URL" in finding.message
    assert finding.key == "SECURE_REFERRER_POLICY:unsafe-url"


def test_fires_at_medium_confidence_on_an_env_default(tmp_path) -> None:
    assert_finds(tmp_path / "unsafe", RULE, settings(
        "SECURE_REFERRER_POLICY = os.environ.get('REFERRER_POLICY', 'unsafe-url')\n"),
        confidence="medium", severity="medium",
        message_contains="SECURE_REFERRER_POLICY is 'unsafe-url' unless REFERRER_POLICY is set:")
    assert_finds(tmp_path / "none", RULE, settings(
        "SECURE_REFERRER_POLICY = os.environ.get('REFERRER_POLICY')\n"),
        confidence="medium", message_contains="is None unless REFERRER_POLICY is set:")


def test_silent_on_safe_values_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "default", RULE, settings(""))  # Django's default: same-origin
    for name, value in [("same-origin", "'same-origin'"),
                        ("strict", "'strict-origin-when-cross-origin'"),
                        ("fallback", "'unsafe-url, strict-origin-when-cross-origin'"),
                        ("spaces", "' no-referrer ,  same-origin '"),
                        ("tuple", "('origin', 'no-referrer')")]:
        assert_silent(tmp_path / name, RULE, settings(f"SECURE_REFERRER_POLICY = {value}\n"))
    assert_silent(tmp_path / "comment", RULE, settings("# SECURE_REFERRER_POLICY = None\n"))
    assert_silent(tmp_path / "similar", RULE, settings("REFERRER_POLICY = 'unsafe-url'\n"))
    assert_silent(tmp_path / "safe-env", RULE, settings(
        "SECURE_REFERRER_POLICY = os.environ.get('REFERRER_POLICY', 'same-origin')\n"))
    # Django's cascade: without SecurityMiddleware the setting does nothing (PG106 says so)
    assert_silent(tmp_path / "no-middleware", RULE, {"settings.py": (
        "SECURE_REFERRER_POLICY = 'unsafe-url'\n")})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, RULE, settings(
        "SECURE_REFERRER_POLICY = os.environ.get('REFERRER_POLICY', 'unsafe-url')\n"),
        env={"REFERRER_POLICY": "strict-origin-when-cross-origin"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "value", RULE, settings(
        "import vault\nSECURE_REFERRER_POLICY = vault.read('policy')\n"))
    # the last (effective) value is unknown: unsafe-url before it may be a fallback only
    assert_silent(tmp_path / "unknown-tail", RULE, settings(
        "import extra\nSECURE_REFERRER_POLICY = ['unsafe-url'] + extra.POLICIES\n"))
    assert_silent(tmp_path / "middleware", RULE, {"settings.py": (
        "import extra\nMIDDLEWARE = extra.MIDDLEWARE\nSECURE_REFERRER_POLICY = None\n")})
