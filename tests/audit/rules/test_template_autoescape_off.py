from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

DJANGO = "django.template.backends.django.DjangoTemplates"
JINJA = "django.template.backends.jinja2.Jinja2"


def templates(*entries: str) -> str:
    return "TEMPLATES = [\n" + "".join(f"    {e},\n" for e in entries) + "]\n"


def test_fires_on_the_django_backend(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG126", {"settings.py": "DEBUG = False\n" + templates(
        f"{{'BACKEND': {DJANGO!r}, 'APP_DIRS': True, 'OPTIONS': {{'autoescape': False}}}}")},
        path="settings.py", line=2, severity="high", confidence="high")
    assert "(Django template) sets OPTIONS autoescape to False" in finding.message
    assert finding.key == "TEMPLATES[0].OPTIONS.autoescape"


def test_fires_on_the_jinja2_backend(tmp_path) -> None:
    assert_finds(tmp_path, "PG126", {"settings.py": templates(
        f"{{'BACKEND': {JINJA!r}, 'NAME': 'jinja', 'OPTIONS': {{'autoescape': 0}}}}")},
        message_contains="TEMPLATES entry 'jinja' (Jinja2)")


def test_points_at_an_item_assignment(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG126", {"settings.py": templates(
        f"{{'BACKEND': {DJANGO!r}, 'OPTIONS': {{'context_processors': []}}}}")
        + "TEMPLATES[0]['OPTIONS']['autoescape'] = False\n"}, line=4)
    assert finding.confidence.value == "high"


def test_medium_confidence_when_another_engine_escapes(tmp_path) -> None:
    found = assert_finds(tmp_path, "PG126", {"settings.py": templates(
        f"{{'BACKEND': {DJANGO!r}, 'APP_DIRS': True}}",
        f"{{'BACKEND': {DJANGO!r}, 'NAME': 'text', 'DIRS': ['mail'], "
        "'OPTIONS': {'autoescape': False}}")}, count=1, confidence="medium")
    assert found[0].key == "TEMPLATES[1].OPTIONS.autoescape"


def test_fires_at_medium_confidence_on_an_env_default(tmp_path) -> None:
    assert_finds(tmp_path, "PG126", {"settings.py": "import os\n" + templates(
        f"{{'BACKEND': {DJANGO!r}, 'OPTIONS': {{'autoescape': "
        "os.environ.get('TEMPLATE_AUTOESCAPE', '') == 'on'}}")},
        confidence="medium", message_contains="unless TEMPLATE_AUTOESCAPE is set")


def test_silent_on_escaping_engines_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "default", "PG126", {"settings.py": templates(
        f"{{'BACKEND': {DJANGO!r}, 'APP_DIRS': True, 'OPTIONS': {{}}}}",
        f"{{'BACKEND': {JINJA!r}}}")})
    assert_silent(tmp_path / "explicit", "PG126", {"settings.py": templates(
        f"{{'BACKEND': {DJANGO!r}, 'OPTIONS': {{'autoescape': True}}}}")})
    assert_silent(tmp_path / "select", "PG126", {"settings.py": (
        "from jinja2 import select_autoescape\n" + templates(
            f"{{'BACKEND': {JINJA!r}, 'OPTIONS': {{'autoescape': select_autoescape()}}}}"))})
    assert_silent(tmp_path / "other-backend", "PG126", {"settings.py": templates(
        "{'BACKEND': 'myproject.backends.PlainText', 'OPTIONS': {'autoescape': False}}")})
    assert_silent(tmp_path / "comment", "PG126", {"settings.py": (
        "# TEMPLATES[0]['OPTIONS']['autoescape'] = False\n"
        + templates(f"{{'BACKEND': {DJANGO!r}}}"))})
    assert_silent(tmp_path / "similar", "PG126", {"settings.py": templates(
        f"{{'BACKEND': {DJANGO!r}, 'OPTIONS': {{'debug': False, 'autoescape_html': False}}}}")})
    assert_silent(tmp_path / "no-templates", "PG126", {"settings.py": "DEBUG = False\n"})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, "PG126", {"settings.py": "import os\n" + templates(
        f"{{'BACKEND': {DJANGO!r}, 'OPTIONS': {{'autoescape': "
        "os.environ.get('TEMPLATE_AUTOESCAPE', '') == 'on'}}")},
        env={"TEMPLATE_AUTOESCAPE": "on"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "value", "PG126", {"settings.py": "import os\n" + templates(
        f"{{'BACKEND': {DJANGO!r}, 'OPTIONS': {{'autoescape': os.environ['ESCAPE']}}}}")})
    assert_silent(tmp_path / "options", "PG126", {"settings.py": (
        "from conf import options\n"
        + templates(f"{{'BACKEND': {DJANGO!r}, 'OPTIONS': options}}"))})
    assert_silent(tmp_path / "all", "PG126", {"settings.py": (
        "from conf import engines\nTEMPLATES = engines()\n")})
