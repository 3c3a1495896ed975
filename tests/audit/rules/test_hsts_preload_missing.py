from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

RULE = "PG113"
SECURITY = "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n"
HSTS = "SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\n"


def settings(body: str, hsts: str = HSTS) -> dict[str, str]:
    return {"settings.py": "import os\n" + SECURITY + hsts + body}


def test_fires_as_info_when_never_set(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, RULE, settings(""), path="settings.py", line=1,
                             severity="info", confidence="high")
    assert finding.message.startswith(
        "SECURE_HSTS_PRELOAD is not set (Django's default is False): the site cannot be "
        "submitted to the browsers' HSTS preload list")
    assert "hard to undo" in finding.fix_text


def test_fires_on_false_at_its_line(tmp_path) -> None:
    assert_finds(tmp_path, RULE, settings("SECURE_HSTS_PRELOAD = False\n"), line=5,
                 message_contains="SECURE_HSTS_PRELOAD is False:")


def test_fires_without_include_subdomains_too(tmp_path) -> None:
    # Django's W021 only depends on SECURE_HSTS_SECONDS being truthy
    assert_finds(tmp_path, RULE, settings("", hsts="SECURE_HSTS_SECONDS = 3600\n"))


def test_fires_at_medium_confidence_on_an_env_default(tmp_path) -> None:
    assert_finds(tmp_path, RULE, settings(
        "from decouple import config\n"
        "SECURE_HSTS_PRELOAD = config('HSTS_PRELOAD', default=False, cast=bool)\n"),
        line=6, confidence="medium",
        message_contains="SECURE_HSTS_PRELOAD is False unless HSTS_PRELOAD is set:")


def test_a_truthy_value_that_is_not_true_is_noted(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, RULE, settings(
        "SECURE_HSTS_PRELOAD = os.environ.get('HSTS_PRELOAD', 'yes')\n"),
        severity="info", confidence="high")
    assert "not the boolean True" in finding.message and "security.W021" in finding.message


def test_the_docs_warn_that_preloading_is_permanent() -> None:
    from ponyguard.core.registry import load_rules

    rule = load_rules().get(RULE)
    assert rule is not None
    assert "permanent" in rule.doc.why and "hstspreload.org" in rule.doc.fix


def test_silent_on_safe_values_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "true", RULE, settings("SECURE_HSTS_PRELOAD = True\n"))
    assert_silent(tmp_path / "comment", RULE, settings(
        "SECURE_HSTS_PRELOAD = True  # SECURE_HSTS_PRELOAD = False\n"))
    assert_silent(tmp_path / "safe-env", RULE, settings(
        "from decouple import config\n"
        "SECURE_HSTS_PRELOAD = config('HSTS_PRELOAD', default=True, cast=bool)\n"))
    assert_silent(tmp_path / "no-hsts", RULE, settings("", hsts=""))
    assert_silent(tmp_path / "hsts-env-zero", RULE, settings(
        "", hsts="SECURE_HSTS_SECONDS = int(os.environ.get('HSTS', '0'))\n"))
    assert_silent(tmp_path / "no-middleware", RULE, {"settings.py": HSTS})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, RULE, settings(
        "from decouple import config\n"
        "SECURE_HSTS_PRELOAD = config('HSTS_PRELOAD', default=False, cast=bool)\n"),
        env={"HSTS_PRELOAD": "True"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "value", RULE, settings(
        "import vault\nSECURE_HSTS_PRELOAD = vault.flag('preload')\n"))
    assert_silent(tmp_path / "hsts", RULE, settings(
        "", hsts="import vault\nSECURE_HSTS_SECONDS = vault.number('hsts')\n"))
    assert_silent(tmp_path / "middleware", RULE, {"settings.py": (
        "import extra\nMIDDLEWARE = extra.MIDDLEWARE\n" + HSTS)})
