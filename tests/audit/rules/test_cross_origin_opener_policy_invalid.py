from __future__ import annotations

import pytest

from tests.helpers import assert_finds, assert_silent

RULE = "PG116"
SECURITY = "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n"
NAME = "SECURE_CROSS_ORIGIN_OPENER_POLICY"


def settings(body: str) -> dict[str, str]:
    return {"settings.py": "import os\n" + SECURITY + body}


@pytest.mark.parametrize("value", ["'same-origin-allow-popup'", "'Same-Origin'", "''",
                                   "'same-origin, unsafe-none'", "True"])
def test_fires_on_an_invalid_value_like_e024(tmp_path, value) -> None:
    [finding] = assert_finds(tmp_path, RULE, settings(f"{NAME} = {value}\n"),
                             path="settings.py", line=3, severity="low", confidence="high")
    assert finding.message.startswith(f"{NAME} is {value}: not a valid policy (")
    assert "security.E024" in finding.message
    assert finding.key == f"{NAME}:invalid"


@pytest.mark.parametrize("value", ["None", "'unsafe-none'"])
def test_fires_as_info_when_explicitly_switched_off(tmp_path, value) -> None:
    [finding] = assert_finds(tmp_path, RULE, settings(f"{NAME} = {value}\n"), line=3,
                             severity="info", confidence="high")
    assert finding.message.startswith(f"{NAME} is {value}: the protection is switched off")
    assert finding.key == f"{NAME}:disabled"


def test_fires_at_medium_confidence_on_an_env_default(tmp_path) -> None:
    assert_finds(tmp_path / "typo", RULE, settings(
        f"{NAME} = os.environ.get('COOP', 'same-origin-allow-popup')\n"),
        severity="low", confidence="medium",
        message_contains=f"{NAME} is 'same-origin-allow-popup' unless COOP is set:")
    assert_finds(tmp_path / "off", RULE, settings(
        f"{NAME} = os.environ.get('COOP', 'unsafe-none')\n"),
        severity="info", confidence="medium", message_contains="unless COOP is set")


def test_silent_on_safe_values_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "default", RULE, settings(""))  # Django's default: same-origin
    assert_silent(tmp_path / "same-origin", RULE, settings(f"{NAME} = 'same-origin'\n"))
    assert_silent(tmp_path / "popups", RULE, settings(f"{NAME} = 'same-origin-allow-popups'\n"))
    assert_silent(tmp_path / "comment", RULE, settings(f"# {NAME} = None\n"))
    assert_silent(tmp_path / "similar", RULE, settings(
        "SECURE_CROSS_ORIGIN_EMBEDDER_POLICY = 'bogus'\n"))
    assert_silent(tmp_path / "safe-env", RULE, settings(
        f"{NAME} = os.environ.get('COOP', 'same-origin')\n"))
    assert_silent(tmp_path / "no-middleware", RULE, {"settings.py": f"{NAME} = 'bogus'\n"})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, RULE, settings(
        f"{NAME} = os.environ.get('COOP', 'same-origin-allow-popup')\n"),
        env={"COOP": "same-origin-allow-popups"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "value", RULE, settings(f"import vault\n{NAME} = vault.read('c')\n"))
    assert_silent(tmp_path / "required-env", RULE, settings(f"{NAME} = os.environ['COOP']\n"))
    assert_silent(tmp_path / "middleware", RULE, {"settings.py": (
        f"import extra\nMIDDLEWARE = extra.MIDDLEWARE\n{NAME} = 'bogus'\n")})
