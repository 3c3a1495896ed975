"""Every reader on its real-format sample: names, versions, kinds and the pinning line."""

from __future__ import annotations

from pathlib import Path

import pytest

from ponyguard.deps.model import PinKind
from ponyguard.deps.sources import reader_for
from ponyguard.deps.sources.interface import DependencySourceError, SourceFile
from tests.deps.helpers import SAMPLES


def read(folder: str, name: str):
    root = SAMPLES / folder
    reader = reader_for(name)
    assert reader is not None, name
    return reader(SourceFile(root / name, name, root))


def pins(result) -> dict[str, tuple[str, str | None, int | None]]:
    return {d.key: (d.kind.value, str(d.version) if d.version else None, d.location.line)
            for d in result.dependencies}


def line_of(folder: str, name: str, needle: str) -> int:
    lines = (SAMPLES / folder / name).read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_requirements_with_includes_constraints_hashes_markers_extras_and_urls() -> None:
    result = read("requirements", "requirements.txt")
    found = pins(result)
    assert found["django"] == ("exact", "4.2.7", line_of("requirements", "requirements.txt",
                                                           "django[argon2]==4.2.7"))
    assert found["asgiref"][:2] == ("exact", "3.8.1")
    assert found["gunicorn"][:2] == ("exact", "23.0.0")
    # From the -r include, at its own file and line.
    pillow = next(d for d in result.dependencies if d.key == "pillow")
    assert (pillow.location.path, pillow.location.line) == ("requirements/base.txt", 2)
    assert found["django-environ"][0] == "range"
    # whitenoise is unpinned in base.txt; the -c constraints file pins it, so that is the pin.
    whitenoise = next(d for d in result.dependencies if d.key == "whitenoise")
    assert (whitenoise.kind, str(whitenoise.version)) == (PinKind.EXACT, "6.6.0")
    assert whitenoise.location.path == "requirements/constraints.txt"
    assert "redis" not in found  # constrained but never required: not installed
    # A wheel URL names its version; a VCS pin does not; "-e ." is the project itself.
    assert found["djangorestframework"][:2] == ("exact", "3.15.2")
    assert found["django-allauth"][0] == "unknown"
    assert found["django-vcs-fork"][0] == "unknown"
    assert result.files == ["requirements.txt", "requirements/base.txt",
                            "requirements/constraints.txt"]
    assert result.problems == []


def test_pyproject_pep621_and_dependency_groups() -> None:
    result = read("pyproject_pep621", "pyproject.toml")
    found = pins(result)
    assert found["django"] == ("range", None, line_of("pyproject_pep621", "pyproject.toml",
                                                       '"Django>=4.2,<5.0"'))
    assert set(found) == {"django", "djangorestframework", "psycopg", "django-storages",
                          "pytest-django", "ruff"}


def test_pyproject_poetry_constraints() -> None:
    result = read("poetry", "pyproject.toml")
    by_key = {d.key: d for d in result.dependencies}
    django = by_key["django"]
    assert django.kind is PinKind.RANGE and django.location.line == 10
    from packaging.version import Version

    assert django.constraint.admits(Version("5.2.19"))
    assert not django.constraint.admits(Version("6.0"))
    drf = by_key["djangorestframework"].constraint
    assert drf.admits(Version("3.15.2")) and not drf.admits(Version("3.16"))
    pillow = by_key["pillow"].constraint  # ">=10.3,<11 || 11.0.0"
    assert pillow.admits(Version("11.0.0")) and not pillow.admits(Version("11.0.1"))
    assert by_key["django-debug-toolbar"].kind is PinKind.ANY
    assert "python" not in by_key


@pytest.mark.parametrize(("folder", "name", "django", "needle"), [
    ("poetry", "poetry.lock", "5.1.4", 'version = "5.1.4"'),
    ("uv", "uv.lock", "5.2.17", 'version = "5.2.17"'),
    ("pdm", "pdm.lock", "6.0.8", 'version = "6.0.8"'),
    ("pylock", "pylock.toml", "6.1.3", 'version = "6.1.3"'),
    ("pipenv", "Pipfile.lock", "4.1.13", '"version": "==4.1.13"'),
])
def test_lockfiles_pin_django_at_its_version_line(folder, name, django, needle) -> None:
    result = read(folder, name)
    found = pins(result)
    assert found["django"] == ("exact", django, line_of(folder, name, needle))
    assert all(d.locked for d in result.dependencies)
    assert result.problems == []


def test_lockfile_vcs_entries_are_unknown_and_the_project_itself_is_skipped() -> None:
    assert pins(read("poetry", "poetry.lock"))["django-debug-toolbar"][0] == "unknown"
    assert pins(read("pdm", "pdm.lock"))["django-filter"][0] == "unknown"
    assert pins(read("pylock", "pylock.toml"))["django-htmx"][0] == "unknown"
    assert "bookings" not in pins(read("uv", "uv.lock"))
    assert "django-payments" not in pins(read("pipenv", "Pipfile.lock"))  # editable: own code


@pytest.mark.parametrize(("name", "text"), [
    ("uv.lock", "version = 1\n[[package]\nname = "),
    ("Pipfile.lock", "{not json"),
    ("pyproject.toml", "[project\n"),
])
def test_a_broken_file_raises_a_source_error_with_its_line(tmp_path: Path, name, text) -> None:
    (tmp_path / name).write_text(text)
    with pytest.raises(DependencySourceError) as info:
        reader_for(name)(SourceFile(tmp_path / name, name, tmp_path))
    assert info.value.line is not None


def test_bad_lines_are_problems_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text(
        "-r missing.txt\nDjango==4.2.*,,\nsqlparse==0.5.1\n")
    result = reader_for("requirements.txt")(
        SourceFile(tmp_path / "requirements.txt", "requirements.txt", tmp_path))
    assert [p.line for p in result.problems] == [1, 2]
    assert pins(result)["sqlparse"][:2] == ("exact", "0.5.1")


def test_include_cycles_are_read_once(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("-r requirements-dev.txt\nDjango==6.1.3\n")
    (tmp_path / "requirements-dev.txt").write_text("-r requirements.txt\npytest==8.0.0\n")
    result = reader_for("requirements.txt")(
        SourceFile(tmp_path / "requirements.txt", "requirements.txt", tmp_path))
    assert sorted(d.key for d in result.dependencies) == ["django", "pytest"]


@pytest.mark.parametrize(("rel", "expected"), [
    ("requirements.txt", True), ("requirements-prod.txt", True), ("requirements/base.txt", True),
    ("pylock.toml", True), ("pylock.web.toml", True), ("pylock.a.b.toml", False),
    ("constraints.txt", False), ("docs/notes.txt", False), ("Pipfile", False),
])
def test_which_files_are_dependency_files(rel, expected) -> None:
    assert (reader_for(rel) is not None) is expected


def test_environment_reader_sees_installed_django() -> None:
    import django

    from ponyguard.deps.sources.environment import read_environment

    found = {d.key: d for d in read_environment().dependencies}
    assert str(found["django"].version) == django.__version__
