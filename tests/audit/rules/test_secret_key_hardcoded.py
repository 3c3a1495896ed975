from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

STRONG = "q8#Lr2@vX9!mZp4$Tw7^Kd1&Hs6*Fj3(Nb5)Gc0-Yx8+Ue2=Ri9"


def test_fires_on_a_literal_even_a_strong_one(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG103",
                             {"settings.py": f"X = 1\nSECRET_KEY = {STRONG!r}\n"},
                             path="settings.py", line=2, severity="critical", confidence="high")
    assert "literal in source" in finding.message
    for text in (finding.message, finding.evidence or "", finding.key, finding.fix or ""):
        assert STRONG not in text and STRONG[:8] not in text
    assert finding.evidence == f"SECRET_KEY = ******** ({len(STRONG)} chars)"


def test_fires_on_a_computed_literal_and_in_a_split_base(tmp_path) -> None:
    assert_finds(tmp_path / "concat", "PG103",
                 {"settings.py": "PREFIX = 'abc'\nSECRET_KEY = PREFIX + '-' + 'x' * 40\n"}, line=2)
    assert_finds(tmp_path / "split", "PG103", {
        "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', "
                     "'site.settings.production')\n",
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/base.py": f"SECRET_KEY = {STRONG!r}\n",
        "site/settings/production.py": "from .base import *\nDEBUG = False\n",
    }, path="site/settings/base.py", line=1)


def test_fires_at_medium_confidence_on_a_literal_fallback(tmp_path) -> None:
    expected = "SECRET_KEY falls back to a literal in source when DJANGO_SECRET_KEY is unset"
    [finding] = assert_finds(tmp_path / "os", "PG103", {"settings.py": (
        "import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'dev-key')\n")},
        line=2, confidence="medium", severity="critical")
    assert finding.message == expected
    assert "dev-key" not in (finding.evidence or "") + finding.message
    assert_finds(tmp_path / "environ", "PG103", {"settings.py": (
        "import environ\nenv = environ.Env()\n"
        "SECRET_KEY = env('DJANGO_SECRET_KEY', default='dev-key')\n")},
        confidence="medium", message_contains=expected)
    assert_finds(tmp_path / "decouple", "PG103", {"settings.py": (
        "from decouple import config\nSECRET_KEY = config('DJANGO_SECRET_KEY', default='x')\n")},
        confidence="medium", message_contains=expected)
    assert_finds(tmp_path / "or", "PG103", {"settings.py": (
        "import os\nSECRET_KEY = os.getenv('DJANGO_SECRET_KEY') or 'fallback'\n")},
        confidence="medium", message_contains=expected)


def test_fires_on_literal_fallback_keys(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG103", {"settings.py": (
        "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n"
        f"SECRET_KEY_FALLBACKS = [{STRONG!r}]\n")}, line=3)
    assert finding.key == "SECRET_KEY_FALLBACKS"
    assert STRONG not in (finding.evidence or "")


def test_silent_on_keys_from_the_environment_or_files(tmp_path) -> None:
    assert_silent(tmp_path / "environ-index", "PG103", {"settings.py": (
        "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n")})
    assert_silent(tmp_path / "environ-nodefault", "PG103", {"settings.py": (
        "import environ\nenv = environ.Env()\nSECRET_KEY = env('DJANGO_SECRET_KEY')\n")})
    assert_silent(tmp_path / "decouple", "PG103", {"settings.py": (
        "from decouple import config\nSECRET_KEY = config('DJANGO_SECRET_KEY')\n")})
    assert_silent(tmp_path / "file", "PG103", {"settings.py": (
        "SECRET_KEY = open('/run/secrets/django_key').read().strip()\n")})
    assert_silent(tmp_path / "fallbacks-env", "PG103", {"settings.py": (
        "import os\nSECRET_KEY = os.environ['K']\n"
        "SECRET_KEY_FALLBACKS = [os.environ['OLD_K']]\n")})


def test_silent_on_empty_defaults_which_make_django_refuse_to_start(tmp_path) -> None:
    assert_silent(tmp_path / "empty", "PG103", {"settings.py": (
        "import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '')\n")})
    assert_silent(tmp_path / "none", "PG103", {"settings.py": (
        "import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY')\n")})
    assert_silent(tmp_path / "fallbacks-empty", "PG103", {"settings.py": (
        "import os\nSECRET_KEY = os.environ['K']\nSECRET_KEY_FALLBACKS = []\n")})


def test_silent_on_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "comment", "PG103", {"settings.py": (
        f"import os\n# SECRET_KEY = {STRONG!r}\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n")})
    assert_silent(tmp_path / "similar", "PG103", {"settings.py": (
        f"import os\nSECRET_KEY = os.environ['K']\nSTRIPE_SECRET_KEY_NAME = {STRONG!r}\n")})
    assert_silent(tmp_path / "overridden", "PG103", {
        "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', "
                     "'site.settings.production')\n",
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/base.py": "SECRET_KEY = 'dev-only'\n",
        "site/settings/production.py": (
            "import os\nfrom .base import *\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n"),
    })
    assert_silent(tmp_path / "dev-module", "PG103", {
        "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', "
                     "'site.settings.production')\n",
        "site/__init__.py": "", "site/settings/__init__.py": "",
        "site/settings/production.py": "import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n",
        "site/settings/dev.py": "SECRET_KEY = 'dev-only'\n",
    })


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, "PG103", {"settings.py": (
        "import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'dev-key')\n")},
        env={"DJANGO_SECRET_KEY": STRONG})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "call", "PG103", {"settings.py": (
        "from vault import read\nSECRET_KEY = read('django')\n")})
    assert_silent(tmp_path / "random", "PG103", {"settings.py": (
        "from django.core.management.utils import get_random_secret_key\n"
        "SECRET_KEY = get_random_secret_key()\n")})


def test_silent_when_the_settings_refuse_the_fallback(tmp_path) -> None:
    assert_silent(tmp_path, "PG103", {"settings.py": (
        "import os\nfrom django.core.exceptions import ImproperlyConfigured\n"
        "SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'change-me')\n"
        "if SECRET_KEY == 'change-me':\n"
        "    raise ImproperlyConfigured('Set DJANGO_SECRET_KEY')\n")})
