from __future__ import annotations

from ponyguard.core.severity import Severity
from tests.deps.helpers import assert_finds, assert_silent


def test_fires_per_advisory_with_cve_and_nearest_fix_in_the_series(tmp_path) -> None:
    found = assert_finds(tmp_path, "PG601", {"requirements.txt": "Django==4.2.15\n"},
                         path="requirements.txt", line=1)
    by_cve = {f.message.split(" affected by ")[1].split(" ")[0]: f for f in found}
    # CVE-2024-45230 (PYSEC-2024-102) was fixed in 4.2.16, 5.0.9 and 5.1.1.
    finding = by_cve["CVE-2024-45230"]
    assert "PYSEC-2024-102" in finding.message
    assert "fixed in 4.2.16" in finding.message
    assert finding.fix_text.startswith("Upgrade Django to 4.2.16 or later")
    assert len({f.fingerprint for f in found}) == len(found)


def test_severity_comes_from_the_advisory_with_a_documented_default(tmp_path) -> None:
    found = assert_finds(tmp_path, "PG601", {"requirements.txt": "Django==5.2.18\n"})
    severities = {f.message.split(" affected by ")[1].split(";")[0]: f.severity for f in found}
    assert severities["CVE-2026-114582"] is Severity.LOW  # Django rated it low
    old = assert_finds(tmp_path / "old", "PG601", {"requirements.txt": "Django==4.2.15\n"})
    unrated = [f for f in old if "CVE-2024-45230" in f.message]
    assert unrated[0].severity is Severity.HIGH  # no rating in the data: the rule's default


def test_nearest_fix_prefers_the_same_series_then_the_next_one() -> None:
    from packaging.version import Version

    from ponyguard.deps.advisories.model import Advisory, AffectedRange

    advisory = Advisory("X-1", "django", ranges=(
        AffectedRange(None, Version("4.2.16")), AffectedRange(Version("5.1"), Version("5.1.1"))))
    assert advisory.nearest_fix(Version("4.2.3")) == Version("4.2.16")
    assert advisory.nearest_fix(Version("5.0.2")) == Version("5.1.1")  # no 5.0 fix: next one
    assert advisory.nearest_fix(Version("5.1.1")) is None


def test_an_end_of_life_series_is_told_where_the_fix_is(tmp_path) -> None:
    found = assert_finds(tmp_path, "PG601", {"requirements.txt": "Django==2.0.11\n"},
                         message_contains="")
    cve = next(f for f in found if "CVE-2021-33203" in f.message)
    assert "GHSA-68w8-qjq3-2gfm" in cve.message
    assert "fixed in 2.2.24 (no fix in the 2.0 series)" in cve.message


def test_silent_on_the_latest_patch_release(tmp_path) -> None:
    assert_silent(tmp_path, "PG601", {"requirements.txt": "Django==5.2.19\n"})


def test_silent_on_a_range_pin_and_on_other_packages(tmp_path) -> None:
    assert_silent(tmp_path, "PG601", {"requirements.txt": "Django~=5.2.0\nrequests==2.0.0\n"})


def test_markers_that_exclude_this_interpreter_lower_confidence(tmp_path) -> None:
    found = assert_finds(tmp_path, "PG601", {
        "requirements.txt": 'Django==4.2.15; python_version < "3.0"\n'})
    assert {f.confidence.value for f in found} == {"medium"}
