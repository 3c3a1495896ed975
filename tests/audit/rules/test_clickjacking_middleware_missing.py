from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

XFRAME = "django.middleware.clickjacking.XFrameOptionsMiddleware"
WITHOUT = ("MIDDLEWARE = [\n"
           "    'django.middleware.security.SecurityMiddleware',\n"
           "    'django.middleware.csrf.CsrfViewMiddleware',\n"
           "]\n")


def test_fires_when_middleware_lacks_it(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG108", {"settings.py": "DEBUG = False\n" + WITHOUT},
                             path="settings.py", line=2, severity="medium", confidence="high")
    assert finding.message == (f"'{XFRAME}' is not in MIDDLEWARE: no X-Frame-Options header is "
                               "sent, so any site can show these pages in a frame (clickjacking)")


def test_fires_at_the_settings_module_when_middleware_is_never_set(tmp_path) -> None:
    assert_finds(tmp_path, "PG108", {"settings.py": "DEBUG = False\n"}, path="settings.py", line=1,
                 message_contains="so XFrameOptionsMiddleware is not installed")


def test_fires_at_low_confidence_when_csp_sets_frame_ancestors(tmp_path) -> None:
    assert_finds(tmp_path / "django-csp-4", "PG108", {"settings.py": WITHOUT + (
        "CONTENT_SECURITY_POLICY = {'DIRECTIVES': {'frame-ancestors': [\"'none'\"]}}\n")},
        confidence="low", message_contains="CONTENT_SECURITY_POLICY sets a CSP frame-ancestors")
    assert_finds(tmp_path / "django-csp-3", "PG108", {"settings.py": WITHOUT + (
        "CSP_FRAME_ANCESTORS = (\"'none'\",)\n")}, confidence="low")
    assert_finds(tmp_path / "replacement", "PG108", {"settings.py": (
        "MIDDLEWARE = ['mysite.middleware.XFrameOptionsMiddleware']\n")}, confidence="low")


def test_silent_when_installed_and_on_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "literal", "PG108", {"settings.py": (
        f"MIDDLEWARE = ['django.middleware.security.SecurityMiddleware', '{XFRAME}']\n")})
    assert_silent(tmp_path / "extended", "PG108", {"settings.py": (
        WITHOUT + f"MIDDLEWARE.extend(['{XFRAME}'])\n")})
    assert_silent(tmp_path / "comment", "PG108", {"settings.py": (
        f"# MIDDLEWARE = []\nMIDDLEWARE = ['{XFRAME}']\n")})
    assert_silent(tmp_path / "similar", "PG108", {"settings.py": (
        f"MIDDLEWARE = ['{XFRAME}']\nX_FRAME_MIDDLEWARE = []\n")})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, "PG108", {"settings.py": (
        "import os\n"
        f"MIDDLEWARE = [] if os.environ.get('EMBEDDED', 'yes') == 'yes' else ['{XFRAME}']\n")},
        env={"EMBEDDED": "no"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path, "PG108", {"settings.py": (
        "import yaml\nMIDDLEWARE = yaml.safe_load(open('middleware.yml'))\n")})
