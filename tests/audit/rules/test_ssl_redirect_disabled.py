from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

SECURITY = "django.middleware.security.SecurityMiddleware"
BASE = f"import os\nMIDDLEWARE = ['{SECURITY}']\n"
PROXY = "fine if a reverse proxy or load balancer in front of Django already redirects"


def test_fires_when_never_set_and_mentions_the_proxy(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG110", {"settings.py": BASE}, path="settings.py",
                             line=1, severity="medium", confidence="medium")
    assert finding.message.startswith("SECURE_SSL_REDIRECT is not set (Django's default is "
                                      "False): SecurityMiddleware serves plain-HTTP requests")
    assert PROXY in finding.message


def test_fires_on_false_at_its_line(tmp_path) -> None:
    assert_finds(tmp_path, "PG110", {"settings.py": BASE + "SECURE_SSL_REDIRECT = False\n"},
                 line=3, severity="medium", confidence="medium",
                 message_contains="SECURE_SSL_REDIRECT is False: ")


def test_fires_with_the_variable_named_on_an_env_default(tmp_path) -> None:
    assert_finds(tmp_path / "environ", "PG110", {"settings.py": BASE + (
        "import environ\nenv = environ.Env()\n"
        "SECURE_SSL_REDIRECT = env.bool('DJANGO_SSL_REDIRECT', default=False)\n")},
        line=5, confidence="medium",
        message_contains="SECURE_SSL_REDIRECT is False unless DJANGO_SSL_REDIRECT is set: ")
    assert_finds(tmp_path / "os", "PG110", {"settings.py": BASE + (
        "SECURE_SSL_REDIRECT = os.environ.get('SSL', '') == '1'\n")},
        message_contains="unless SSL is set")


def test_fires_at_low_confidence_behind_a_tls_terminating_proxy(tmp_path) -> None:
    assert_finds(tmp_path, "PG110", {"settings.py": BASE + (
        "SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')\n")},
        confidence="low", message_contains="SECURE_PROXY_SSL_HEADER is set")


def test_reports_a_truthy_non_boolean_as_info(tmp_path) -> None:
    assert_finds(tmp_path, "PG110", {"settings.py": BASE + (
        "SECURE_SSL_REDIRECT = os.environ.get('SSL', 'True')\n")},
        severity="info", message_contains="SECURE_SSL_REDIRECT is 'True', not the boolean True")


def test_silent_on_true_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "true", "PG110",
                  {"settings.py": BASE + "SECURE_SSL_REDIRECT = True\n"})
    assert_silent(tmp_path / "comment", "PG110", {"settings.py": (
        BASE + "# SECURE_SSL_REDIRECT = False\nSECURE_SSL_REDIRECT = True\n")})
    assert_silent(tmp_path / "similar", "PG110", {"settings.py": (
        BASE + "SECURE_SSL_REDIRECT = True\nSECURE_REDIRECT_EXEMPT = []\n")})
    assert_silent(tmp_path / "env-default", "PG110", {"settings.py": BASE + (
        "import environ\nenv = environ.Env()\n"
        "SECURE_SSL_REDIRECT = env.bool('DJANGO_SSL_REDIRECT', default=True)\n")})


def test_silent_without_security_middleware(tmp_path) -> None:
    # Django's cascade: W001 (PG106) reports the missing middleware instead.
    assert_silent(tmp_path / "missing", "PG110", {"settings.py": "MIDDLEWARE = []\n"})
    assert_silent(tmp_path / "unset", "PG110", {"settings.py": "DEBUG = False\n"})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, "PG110", {"settings.py": BASE + (
        "from decouple import config\n"
        "SECURE_SSL_REDIRECT = config('SSL_REDIRECT', default=False, cast=bool)\n")},
        env={"SSL_REDIRECT": "true"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "value", "PG110", {"settings.py": BASE + (
        "SECURE_SSL_REDIRECT = os.environ['SSL_REDIRECT'] == '1'\n")})
    assert_silent(tmp_path / "middleware", "PG110", {"settings.py": (
        "from mysite.conf import MW\nMIDDLEWARE = [*MW]\n")})
