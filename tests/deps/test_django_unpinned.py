from __future__ import annotations

from tests.deps.helpers import assert_finds, assert_silent


def test_fires_on_a_bare_requirement(tmp_path) -> None:
    assert_finds(tmp_path, "PG605", {"requirements.txt": "# web\ndjango[argon2]\n"},
                 line=2, severity="medium")


def test_fires_on_poetry_star(tmp_path) -> None:
    assert_finds(tmp_path, "PG605", {"pyproject.toml": """
        [tool.poetry.dependencies]
        python = "^3.12"
        Django = "*"
        """}, line=3)


def test_silent_when_pinned_or_locked_beside(tmp_path) -> None:
    assert_silent(tmp_path, "PG605", {"requirements.txt": "Django==5.2.19\n"})
    assert_silent(tmp_path / "locked", "PG605", {
        "pyproject.toml": '[project]\nname = "x"\nversion = "1"\ndependencies = ["django"]\n',
        "uv.lock": 'version = 1\n\n[[package]]\nname = "django"\nversion = "6.1.3"\n'
                   'source = { registry = "https://pypi.org/simple" }\n',
    })


def test_silent_for_other_packages(tmp_path) -> None:
    assert_silent(tmp_path, "PG605", {"requirements.txt": "djangorestframework\n"})
