from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

RULE = "PG112"
SECURITY = "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n"
HSTS = "SECURE_HSTS_SECONDS = 31536000\n"


def settings(body: str, hsts: str = HSTS) -> dict[str, str]:
    return {"settings.py": "import os\n" + SECURITY + hsts + body}


def test_fires_when_never_set(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, RULE, settings(""), path="settings.py", line=1,
                             severity="low", confidence="high")
    assert finding.message.startswith(
        "SECURE_HSTS_INCLUDE_SUBDOMAINS is not set (Django's default is False): ")
    assert "SECURE_HSTS_INCLUDE_SUBDOMAINS = True" in finding.fix_text


def test_fires_on_false_at_its_line(tmp_path) -> None:
    assert_finds(tmp_path, RULE, settings("SECURE_HSTS_INCLUDE_SUBDOMAINS = False\n"),
                 line=4, severity="low", message_contains="is False:")


def test_fires_whatever_the_hsts_max_age_is(tmp_path) -> None:
    # Django only asks that SECURE_HSTS_SECONDS be truthy (a short one is PG111's business)
    assert_finds(tmp_path, RULE, settings("", hsts="SECURE_HSTS_SECONDS = 60\n"))


def test_fires_at_medium_confidence_on_an_env_default(tmp_path) -> None:
    assert_finds(tmp_path / "environ", RULE, settings(
        "import environ\nenv = environ.Env()\n"
        "SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool('HSTS_SUBDOMAINS', default=False)\n"),
        line=6, confidence="medium",
        message_contains="SECURE_HSTS_INCLUDE_SUBDOMAINS is False unless HSTS_SUBDOMAINS is set:")
    assert_finds(tmp_path / "os", RULE, settings(
        "SECURE_HSTS_INCLUDE_SUBDOMAINS = os.getenv('SUBS', 'no') == 'yes'\n"),
        confidence="medium", message_contains="unless SUBS is set")


def test_a_truthy_value_that_is_not_true_is_reported_lower(tmp_path) -> None:
    # Django's check wants `is True`; the middleware only wants truthiness: the header does
    # carry includeSubDomains, so this is a note about the type, one severity lower, and not
    # "unless X is set" (the uncast variable would be a string either way).
    [finding] = assert_finds(tmp_path, RULE, settings(
        "SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get('SUBS', 'False')\n"),
        severity="info", confidence="high")
    assert "is 'False', not the boolean True" in finding.message
    assert "even 'False'" in finding.message and "security.W005" in finding.message
    assert "unless" not in finding.message
    assert finding.key == "SECURE_HSTS_INCLUDE_SUBDOMAINS:not-bool"
    assert_finds(tmp_path / "one", RULE, settings("SECURE_HSTS_INCLUDE_SUBDOMAINS = 1\n"),
                 severity="info")


def test_silent_on_safe_values_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "true", RULE, settings("SECURE_HSTS_INCLUDE_SUBDOMAINS = True\n"))
    assert_silent(tmp_path / "comment", RULE, settings(
        "# SECURE_HSTS_INCLUDE_SUBDOMAINS = False\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\n"))
    assert_silent(tmp_path / "safe-env", RULE, settings(
        "import environ\nenv = environ.Env()\n"
        "SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool('HSTS_SUBDOMAINS', default=True)\n"))
    # Django's cascade: no HSTS at all is PG111's finding, not this one
    assert_silent(tmp_path / "no-hsts", RULE, settings("", hsts=""))
    assert_silent(tmp_path / "hsts-zero", RULE, settings("", hsts="SECURE_HSTS_SECONDS = 0\n"))
    assert_silent(tmp_path / "no-middleware", RULE, {"settings.py": HSTS})
    assert_silent(tmp_path / "similar-name", RULE, {"settings.py": (
        "MIDDLEWARE = ['django.middleware.security.SecurityMiddlewareX']\n" + HSTS)})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, RULE, settings(
        "import environ\nenv = environ.Env()\n"
        "SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool('HSTS_SUBDOMAINS', default=False)\n"),
        env={"HSTS_SUBDOMAINS": "true"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "value", RULE, settings(
        "import vault\nSECURE_HSTS_INCLUDE_SUBDOMAINS = vault.flag('subs')\n"))
    assert_silent(tmp_path / "hsts", RULE, settings(
        "", hsts="SECURE_HSTS_SECONDS = int(os.environ['HSTS'])\n"))
    assert_silent(tmp_path / "middleware", RULE, {"settings.py": (
        "import extra\nMIDDLEWARE = extra.MIDDLEWARE\n" + HSTS)})
