from __future__ import annotations

from packaging.version import Version

from ponyguard.deps.advisories.database import load_database
from ponyguard.deps.versions import parse_version, series_name


def test_year_versions_parse_and_order_after_6_2() -> None:
    versions = [parse_version(t) for t in ("2028.1", "6.2", "2028", "6.2.1", "2029", "5.2.19")]
    assert sorted(versions) == [Version(v) for v in
                                ("5.2.19", "6.2", "6.2.1", "2028", "2028.1", "2029")]


def test_series_of_both_schemes() -> None:
    assert series_name(Version("4.2.16")) == "4.2"
    assert series_name(Version("6.2")) == "6.2"
    assert series_name(Version("2028")) == "2028"
    assert series_name(Version("2028.1")) == "2028"


def test_the_bundled_data_knows_the_2028_series_as_planned() -> None:
    series = load_database().series
    assert series["2028"].planned and series["6.2"].lts
    assert series["2028"].released.isoformat() == "2028-01-01"


def test_not_a_version() -> None:
    assert parse_version("latest") is None and parse_version("") is None
