from __future__ import annotations

import string

from tests.helpers import assert_finds, assert_silent

STRONG = string.ascii_letters + string.digits
OLDER = string.digits + string.ascii_letters
BASE = f"import os\nSECRET_KEY = {STRONG!r}\n"


def test_fires_once_per_weak_entry_with_its_index(tmp_path) -> None:
    found = assert_finds(tmp_path, "PG120", {"settings.py": BASE + (
        f"SECRET_KEY_FALLBACKS = [{OLDER!r}, 'old-dev-key', 'django-insecure-' + {OLDER!r}]\n")},
        path="settings.py", line=3, count=2, severity="critical", confidence="high")
    by_key = {f.key: f for f in found}
    assert set(by_key) == {"SECRET_KEY_FALLBACKS[1]", "SECRET_KEY_FALLBACKS[2]"}
    assert by_key["SECRET_KEY_FALLBACKS[1]"].message == (
        "SECRET_KEY_FALLBACKS[1] is weak: it is 11 characters long (Django asks for at least 50)")
    assert "'django-insecure-'" in by_key["SECRET_KEY_FALLBACKS[2]"].message
    assert by_key["SECRET_KEY_FALLBACKS[1]"].evidence == (
        "SECRET_KEY_FALLBACKS[1] = ******** (11 chars)")
    for finding in found:
        assert "old-dev-key" not in finding.message + (finding.evidence or "")
        assert OLDER not in finding.message + (finding.evidence or "")


def test_fires_on_an_empty_entry_from_an_unset_variable(tmp_path) -> None:
    [finding] = assert_finds(tmp_path / "get", "PG120", {"settings.py": BASE + (
        f"SECRET_KEY_FALLBACKS = [{OLDER!r}, os.environ.get('DJANGO_OLD_SECRET_KEY', '')]\n")},
        confidence="medium", severity="critical")
    assert finding.message == (
        "SECRET_KEY_FALLBACKS[1] falls back to a weak hard-coded default unless "
        "DJANGO_OLD_SECRET_KEY is set: the default is empty, and Django accepts signatures "
        "made with the empty key, which anyone can compute")
    assert_finds(tmp_path / "split", "PG120", {"settings.py": BASE + (
        "SECRET_KEY_FALLBACKS = os.environ.get('OLD_KEYS', '').split(',')\n")},
        confidence="medium", message_contains="SECRET_KEY_FALLBACKS[0] falls back")


def test_a_literal_entry_is_not_blamed_on_a_neighbours_variable(tmp_path) -> None:
    found = assert_finds(tmp_path, "PG120", {"settings.py": BASE + (
        "SECRET_KEY_FALLBACKS = ['short', os.environ.get('OLD', 'dev')]\n")}, count=2)
    by_key = {f.key: f for f in found}
    literal, env = by_key["SECRET_KEY_FALLBACKS[0]"], by_key["SECRET_KEY_FALLBACKS[1]"]
    assert literal.confidence.value == "high" and "unless" not in literal.message
    assert env.confidence.value == "medium" and "unless OLD is set" in env.message


def test_counts_from_the_end_after_a_part_of_unknown_length(tmp_path) -> None:
    assert_finds(tmp_path, "PG120", {"settings.py": BASE + (
        "import json\nSECRET_KEY_FALLBACKS = [*json.loads(os.environ['OLD_KEYS']), 'short', "
        f"{OLDER!r}]\n")}, count=1, message_contains="SECRET_KEY_FALLBACKS[-2] is weak")


def test_silent_on_strong_fallbacks_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "default", "PG120", {"settings.py": BASE})
    assert_silent(tmp_path / "empty", "PG120",
                  {"settings.py": BASE + "SECRET_KEY_FALLBACKS = []\n"})
    assert_silent(tmp_path / "strong", "PG120", {"settings.py": BASE + (
        f"SECRET_KEY_FALLBACKS = ({OLDER!r},)\n")})
    assert_silent(tmp_path / "comment", "PG120", {"settings.py": BASE + (
        f"# SECRET_KEY_FALLBACKS = ['short']\nSECRET_KEY_FALLBACKS = [{OLDER!r}]\n")})
    assert_silent(tmp_path / "similar", "PG120", {"settings.py": BASE + (
        "OLD_SECRET_KEY_FALLBACKS = ['short']\n")})
    assert_silent(tmp_path / "env-list", "PG120", {"settings.py": BASE + (
        "import environ\nenv = environ.Env()\n"
        "SECRET_KEY_FALLBACKS = env.list('OLD_KEYS', default=[])\n")})
    assert_silent(tmp_path / "filtered", "PG120", {"settings.py": BASE + (
        "SECRET_KEY_FALLBACKS = [k for k in os.environ.get('OLD', '').split(',') if k]\n")})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, "PG120", {"settings.py": BASE + (
        "SECRET_KEY_FALLBACKS = [os.environ.get('DJANGO_OLD_SECRET_KEY', '')]\n")},
        env={"DJANGO_OLD_SECRET_KEY": OLDER})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "no-default", "PG120", {"settings.py": BASE + (
        "SECRET_KEY_FALLBACKS = os.environ['OLD_KEYS'].split(',')\n")})
    assert_silent(tmp_path / "unknown-item", "PG120", {"settings.py": BASE + (
        "SECRET_KEY_FALLBACKS = [os.environ['OLD_KEY']]\n")})
