from __future__ import annotations

import string

from tests.helpers import assert_finds, assert_silent, audit_files, findings_of

STRONG = string.ascii_letters + string.digits  # 62 distinct characters
WEAK = "hunter22"
INSECURE = "django-insecure-" + STRONG


def _never_shows(findings, secret: str) -> None:
    for finding in findings:
        for text in (finding.message, finding.key, finding.evidence or "", finding.fix or ""):
            assert secret not in text


def test_fires_on_a_short_literal_key_without_showing_it(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG102", {"settings.py": f"X = 1\nSECRET_KEY = {WEAK!r}\n"},
                             path="settings.py", line=2, severity="critical", confidence="high")
    assert finding.message == ("SECRET_KEY is weak: it is 8 characters long "
                               "(Django asks for at least 50)")
    assert finding.evidence == "SECRET_KEY = ******** (8 chars)"
    _never_shows([finding], WEAK)


def test_fires_on_each_of_djangos_criteria(tmp_path) -> None:
    [insecure] = assert_finds(tmp_path / "prefix", "PG102",
                              {"settings.py": f"SECRET_KEY = {INSECURE!r}\n"},
                              severity="critical", message_contains="'django-insecure-'")
    _never_shows([insecure], STRONG)
    assert_finds(tmp_path / "repetitive", "PG102", {"settings.py": "SECRET_KEY = 'abcd' * 20\n"},
                 message_contains="uses only 4 distinct characters")
    assert_finds(tmp_path / "both", "PG102", {"settings.py": "SECRET_KEY = 'aaaa'\n"},
                 message_contains="is 4 characters long (Django asks for at least 50) and uses "
                                  "only 1 distinct character (")
    assert_finds(tmp_path / "bytes", "PG102", {"settings.py": "SECRET_KEY = b'abc'\n"},
                 message_contains="is 3 bytes long")


def test_fires_at_medium_confidence_on_a_weak_env_default(tmp_path) -> None:
    [finding] = assert_finds(tmp_path / "os", "PG102", {"settings.py": (
        f"import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', {INSECURE!r})\n")},
        line=2, severity="critical", confidence="medium")
    assert finding.message.startswith("SECRET_KEY falls back to a weak hard-coded default "
                                      "unless DJANGO_SECRET_KEY is set: the default starts with")
    assert "os.environ[\"DJANGO_SECRET_KEY\"]" in (finding.fix or "")
    _never_shows([finding], STRONG)
    assert_finds(tmp_path / "environ", "PG102", {"settings.py": (
        "import environ\nenv = environ.Env()\nSECRET_KEY = env('SECRET_KEY', default='dev')\n")},
        confidence="medium", message_contains="unless SECRET_KEY is set")
    assert_finds(tmp_path / "decouple", "PG102", {"settings.py": (
        "from decouple import config\nSECRET_KEY = config('SK', default='changeme')\n")},
        confidence="medium", message_contains="unless SK is set")


def test_fires_when_the_profile_sets_a_weak_key(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG102", {"settings.py": (
        "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n")},
        env={"DJANGO_SECRET_KEY": WEAK}, confidence="high")
    assert "unless" not in finding.message
    _never_shows([finding], WEAK)


def test_fires_on_a_missing_or_empty_key_at_lower_severity(tmp_path) -> None:
    [missing] = assert_finds(tmp_path / "missing", "PG102", {"settings.py": "DEBUG = False\n"},
                             path="settings.py", line=1, severity="medium", confidence="medium")
    assert missing.message.startswith("SECRET_KEY is not set in settings (Django's default is "
                                      "an empty string)")
    assert_finds(tmp_path / "empty", "PG102", {"settings.py": "DEBUG = False\nSECRET_KEY = ''\n"},
                 line=2, severity="medium", confidence="high",
                 message_contains="SECRET_KEY is empty")
    assert_finds(tmp_path / "none", "PG102", {"settings.py": "SECRET_KEY = None\n"},
                 severity="medium", message_contains="SECRET_KEY is None")


def test_fires_in_a_split_settings_base_not_overridden(tmp_path) -> None:
    assert_finds(tmp_path, "PG102", {
        "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', "
                     "'site.settings.production')\n",
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/base.py": "DEBUG = False\nSECRET_KEY = 'changeme'\n",
        "site/settings/production.py": "from .base import *\nALLOWED_HOSTS = ['x.com']\n",
    }, path="site/settings/base.py", line=2, count=1)


def test_silent_on_strong_keys_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "strong", "PG102", {"settings.py": f"SECRET_KEY = {STRONG!r}\n"})
    assert_silent(tmp_path / "comment", "PG102", {"settings.py": (
        f"# SECRET_KEY = 'changeme'\nSECRET_KEY = {STRONG!r}\n")})
    assert_silent(tmp_path / "similar", "PG102", {"settings.py": (
        f"SECRET_KEY = {STRONG!r}\nMY_SECRET_KEY = 'short'\nSECRET_KEY_FALLBACKS = []\n")})
    assert_silent(tmp_path / "overridden", "PG102", {
        "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', "
                     "'site.settings.production')\n",
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/base.py": "SECRET_KEY = 'changeme'\n",
        "site/settings/production.py": (
            "import os\nfrom .base import *\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n"),
    })


def test_silent_when_the_key_comes_from_the_environment_without_a_default(tmp_path) -> None:
    assert_silent(tmp_path / "subscript", "PG102", {"settings.py": (
        "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n")})
    assert_silent(tmp_path / "decouple", "PG102", {"settings.py": (
        "from decouple import config\nSECRET_KEY = config('SECRET_KEY')\n")})
    # Without the variable Django refuses to sign anything: a loud failure, not a weak key.
    assert_silent(tmp_path / "get", "PG102", {"settings.py": (
        "import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY')\n")})
    assert_silent(tmp_path / "empty-default", "PG102", {"settings.py": (
        "import os\nSECRET_KEY = os.getenv('DJANGO_SECRET_KEY', '')\n")})


def test_silent_when_the_profile_sets_a_strong_key(tmp_path) -> None:
    assert_silent(tmp_path, "PG102", {"settings.py": (
        "import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'dev')\n")},
        env={"DJANGO_SECRET_KEY": STRONG})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "file", "PG102", {"settings.py": (
        "SECRET_KEY = open('/etc/django/secret_key').read().strip()\n")})
    assert_silent(tmp_path / "random", "PG102", {"settings.py": (
        "from django.core.management.utils import get_random_secret_key\n"
        "SECRET_KEY = get_random_secret_key()\n")})


def test_no_finding_ever_contains_the_key(tmp_path) -> None:
    result = audit_files(tmp_path, {"settings.py": f"SECRET_KEY = {WEAK!r}\n"})
    _never_shows(findings_of(result, "PG102"), WEAK)
