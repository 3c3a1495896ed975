from __future__ import annotations

from tests.deps.helpers import assert_finds, assert_silent


def test_names_the_vulnerable_releases_a_range_admits(tmp_path) -> None:
    found = assert_finds(tmp_path, "PG606", {"requirements.txt": "Django>=4.2,<5.0\n"},
                         severity="medium", line=1)
    assert found[0].message == "Django<5.0,>=4.2 admits vulnerable 4.2.0\u20134.2.29"
    assert "Django~=4.2.30" in found[0].fix_text


def test_high_when_even_the_newest_admitted_release_is_vulnerable(tmp_path) -> None:
    found = assert_finds(tmp_path, "PG606", {"requirements.txt": "Django>=4.2,<4.2.16\n"},
                         severity="high")
    assert "4.2.0\u20134.2.15" in found[0].message


def test_a_lower_bound_alone_still_admits_other_series(tmp_path) -> None:
    found = assert_finds(tmp_path, "PG606", {"requirements.txt": "Django>=5.2.19\n"})
    assert found[0].message.endswith("admits vulnerable 6.0.0\u20136.0.9, 6.1.0\u20136.1.2")


def test_poetry_caret_ranges_are_understood(tmp_path) -> None:
    assert_finds(tmp_path, "PG606", {"pyproject.toml": """
        [tool.poetry.dependencies]
        python = "^3.12"
        django = "^5.1"
        """}, line=3, message_contains="5.1.0\u20135.1.14")


def test_silent_on_a_safe_range_or_when_a_lockfile_pins_it(tmp_path) -> None:
    assert_silent(tmp_path, "PG606", {"requirements.txt": "Django~=5.2.19\n"})
    assert_silent(tmp_path / "locked", "PG606", {
        "pyproject.toml": '[project]\nname = "x"\nversion = "1"\n'
                          'dependencies = ["django>=4.2"]\n',
        "poetry.lock": '[[package]]\nname = "django"\nversion = "6.1.3"\n'
                       'optional = false\npython-versions = ">=3.12"\nfiles = []\n',
    })
