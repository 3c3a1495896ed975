from __future__ import annotations

from tests.deps.helpers import assert_finds, assert_silent


def test_fires_on_a_series_past_mainstream_support(tmp_path) -> None:
    found = assert_finds(tmp_path, "PG604", {"requirements.txt": "Django==5.2.19\n"},
                         severity="info", line=1)
    assert "5.2 LTS series receives only security and data-loss fixes until 2028-04-30" \
        in found[0].message
    assert "5.2.19" not in found[0].fix_text  # it suggests moving on, not staying


def test_silent_in_mainstream_support_and_after_end_of_life(tmp_path) -> None:
    assert_silent(tmp_path, "PG604", {"requirements.txt": "Django==6.1.3\n"})
    assert_silent(tmp_path / "eol", "PG604", {"requirements.txt": "Django==4.1.13\n"})
