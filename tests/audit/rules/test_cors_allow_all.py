from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

APPS = "INSTALLED_APPS = ['django.contrib.auth', 'corsheaders']\n"
MIDDLEWARE = "MIDDLEWARE = ['corsheaders.middleware.CorsMiddleware']\n"


def test_fires_medium_on_allow_all_without_credentials(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG127",
                             {"settings.py": APPS + "CORS_ALLOW_ALL_ORIGINS = True\n"},
                             path="settings.py", line=2, severity="medium", confidence="high")
    assert finding.message.startswith("CORS_ALLOW_ALL_ORIGINS is True: any website can read")
    assert finding.key == "CORS_ALLOW_ALL_ORIGINS"


def test_fires_critical_with_credentials(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG127", {"settings.py": MIDDLEWARE + (
        "CORS_ORIGIN_ALLOW_ALL = True\nCORS_ALLOW_CREDENTIALS = True\n")},
        line=2, severity="critical", confidence="high")
    assert "with CORS_ALLOW_CREDENTIALS = True" in finding.message
    assert finding.key == "CORS_ORIGIN_ALLOW_ALL"


def test_fires_on_a_match_everything_regex(tmp_path) -> None:
    patterns = [r".*", r"^https?://.*$", r"^https://.+$", r"(.*)", r"^.*", r"^http://.*$"]
    for case, pattern in enumerate(patterns):
        assert_finds(tmp_path / f"c{case}", "PG127", {"settings.py": APPS + (
            f"CORS_ALLOWED_ORIGIN_REGEXES = [r'^https://app\\.example\\.com$', {pattern!r}]\n")},
            line=2, message_contains="which matches every origin")
    [legacy] = assert_finds(tmp_path / "legacy", "PG127", {"settings.py": APPS + (
        "CORS_ORIGIN_REGEX_WHITELIST = (r'.*',)\nCORS_ALLOW_CREDENTIALS = True\n")},
        severity="critical")
    assert legacy.key == "CORS_ORIGIN_REGEX_WHITELIST"


def test_medium_confidence_without_corsheaders_installed(tmp_path) -> None:
    assert_finds(tmp_path, "PG127", {"settings.py": "CORS_ALLOW_ALL_ORIGINS = True\n"},
                 confidence="medium", severity="medium")


def test_fires_at_medium_confidence_on_an_env_default(tmp_path) -> None:
    assert_finds(tmp_path / "allow", "PG127", {"settings.py": APPS + (
        "import environ\nenv = environ.Env()\n"
        "CORS_ALLOW_ALL_ORIGINS = env.bool('CORS_ALLOW_ALL', default=True)\n")},
        confidence="medium", message_contains="unless CORS_ALLOW_ALL is set")
    assert_finds(tmp_path / "credentials", "PG127", {"settings.py": APPS + (
        "import os\nCORS_ALLOW_ALL_ORIGINS = True\n"
        "CORS_ALLOW_CREDENTIALS = os.environ.get('CORS_CREDENTIALS', '1') == '1'\n")},
        severity="critical", confidence="medium", message_contains="unless CORS_CREDENTIALS is set")


def test_silent_on_allow_lists_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "list", "PG127", {"settings.py": APPS + (
        "CORS_ALLOWED_ORIGINS = ['https://app.example.com']\nCORS_ALLOW_CREDENTIALS = True\n")})
    assert_silent(tmp_path / "false", "PG127", {"settings.py": APPS + (
        "CORS_ALLOW_ALL_ORIGINS = False\n")})
    assert_silent(tmp_path / "new-name-wins", "PG127", {"settings.py": APPS + (
        "CORS_ORIGIN_ALLOW_ALL = True\nCORS_ALLOW_ALL_ORIGINS = False\n")})
    assert_silent(tmp_path / "anchored-regexes", "PG127", {"settings.py": APPS + (
        "CORS_ALLOWED_ORIGIN_REGEXES = [r'^https://\\w+\\.example\\.com$', r'^http://localhost:\\d+$',"
        " r'https://.*\\.example\\.com']\n")})
    assert_silent(tmp_path / "bad-regex", "PG127", {"settings.py": APPS + (
        "CORS_ALLOWED_ORIGIN_REGEXES = [r'(.*']\n")})
    assert_silent(tmp_path / "comment", "PG127", {"settings.py": APPS + (
        "# CORS_ALLOW_ALL_ORIGINS = True\n")})
    assert_silent(tmp_path / "similar", "PG127", {"settings.py": APPS + (
        "CORS_ALLOW_ALL_HEADERS = True\nCORS_URLS_REGEX = r'^.*$'\n"
        "CORS_ALLOW_CREDENTIALS = True\n")})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, "PG127", {"settings.py": APPS + (
        "import environ\nenv = environ.Env()\n"
        "CORS_ALLOW_ALL_ORIGINS = env.bool('CORS_ALLOW_ALL', default=True)\n")},
        env={"CORS_ALLOW_ALL": "false"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "flag", "PG127", {"settings.py": APPS + (
        "import os\nCORS_ALLOW_ALL_ORIGINS = os.environ['CORS_ALLOW_ALL'] == '1'\n")})
    assert_silent(tmp_path / "regexes", "PG127", {"settings.py": APPS + (
        "import os\nCORS_ALLOWED_ORIGIN_REGEXES = [os.environ['CORS_REGEX']]\n")})


def test_a_narrow_cors_urls_regex_lowers_the_severity(tmp_path) -> None:
    [finding] = assert_finds(tmp_path / "scoped", "PG127", {"settings.py": MIDDLEWARE + (
        "CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n"
        "CORS_URLS_REGEX = r'^/api/public/.*$'\n")}, severity="high")
    assert "CORS_URLS_REGEX '^/api/public/.*$'" in finding.message
    assert_finds(tmp_path / "whole-site", "PG127", {"settings.py": MIDDLEWARE + (
        "CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n"
        "CORS_URLS_REGEX = r'^.*$'\n")}, severity="critical")
