from __future__ import annotations

from datetime import date

from tests.deps.helpers import assert_finds, assert_silent


def test_fires_on_an_end_of_life_series_without_any_advisory(tmp_path) -> None:
    # 4.1.13 is the last 4.1 release: no advisory lists it, yet 4.1 ended on 2023-12-01.
    assert_silent(tmp_path / "a", "PG601", {"requirements.txt": "Django==4.1.13\n"})
    found = assert_finds(tmp_path / "b", "PG602", {"requirements.txt": "Django==4.1.13\n"},
                         line=1, severity="high", count=1)
    assert "4.1 series reached end of life on 2023-12-01" in found[0].message
    assert "5.2.19 (LTS" in found[0].fix_text


def test_end_of_life_is_judged_by_date(tmp_path) -> None:
    files = {"requirements.txt": "Django==4.2.30\n"}
    assert_silent(tmp_path / "before", "PG602", files, today=date(2026, 4, 7))
    assert_finds(tmp_path / "after", "PG602", files, today=date(2026, 4, 8))


def test_a_range_whose_newest_release_is_end_of_life(tmp_path) -> None:
    assert_finds(tmp_path, "PG602", {"requirements.txt": "Django>=3.2,<4\n"},
                 confidence="medium", message_contains="newest admitted: 3.2.25")


def test_silent_on_supported_series_and_open_ranges(tmp_path) -> None:
    assert_silent(tmp_path, "PG602", {"requirements.txt": "Django==6.1.3\n"})
    assert_silent(tmp_path / "open", "PG602", {"requirements.txt": "Django>=3.2\n"})
