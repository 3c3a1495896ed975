from __future__ import annotations

from tests.deps.helpers import assert_finds, assert_silent


def test_fires_on_a_vcs_pin_of_django_and_redacts_credentials(tmp_path) -> None:
    found = assert_finds(tmp_path, "PG607", {"requirements.txt": (
        "django @ git+https://deploy:s3cr3tT0ken@github.com/acme/django.git@stable/4.2.x\n")},
        line=1, severity="low")
    assert "s3cr3tT0ken" not in found[0].message


def test_fires_on_a_pipfile_lock_git_entry(tmp_path) -> None:
    assert_finds(tmp_path, "PG607", {"Pipfile.lock": """
        {"_meta": {}, "default": {"django": {"git": "https://github.com/django/django.git",
         "ref": "0123456789abcdef"}}, "develop": {}}
        """})


def test_silent_on_released_versions_and_unknown_packages(tmp_path) -> None:
    assert_silent(tmp_path, "PG607", {"requirements.txt": (
        "Django==6.1.3\nmy-lib @ git+https://github.com/acme/my-lib.git@v1\n")})
