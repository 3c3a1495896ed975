"""pip-audit is the anchor: on the same pinned version ponyguard names every advisory that
pip-audit would (with the data as of the bundled date), and adds what pip-audit cannot.

The expected set is computed here straight from the bundled advisory JSON with ``packaging``
(an implementation independent of ponyguard's matcher): every advisory whose OSV range
``introduced <= v < fixed`` holds. ``benchmarks/deps_vs_pip_audit.py`` compares with a real
pip-audit run.
"""

from __future__ import annotations

import json
from importlib import resources

import pytest
from packaging.version import Version

from tests.deps.helpers import check_files

PINS = ["1.11.29", "2.2.28", "3.2.25", "4.2.7", "4.2.15", "5.0.14", "5.1.4", "5.2.18",
        "6.0.8", "6.1.2", "6.1.3"]


def expected_ids(pinned: str) -> set[str]:
    data = json.loads(resources.files("ponyguard.deps").joinpath("data/advisories.json")
                      .read_text(encoding="utf-8"))
    version = Version(pinned)
    hits = set()
    for entry in data["packages"]["django"]:
        for rng in entry["ranges"]:
            low = Version(rng["introduced"]) if rng["introduced"] not in ("0", "") else None
            if (low is None or low <= version) and version < Version(rng["fixed"]):
                hits.add(entry["id"])
    return hits


@pytest.mark.parametrize("pinned", PINS)
def test_every_advisory_affecting_the_pin_is_named(tmp_path, pinned) -> None:
    result = check_files(tmp_path, {"requirements.txt": f"Django=={pinned}\n"})
    messages = [f.message for f in result.findings if f.rule.id == "PG601"]
    named = {i for i in expected_ids(pinned) if any(i in m for m in messages)}
    assert named == expected_ids(pinned)
    assert len(messages) == len(expected_ids(pinned))  # one finding per advisory, no extras


def test_the_anchor_is_not_vacuous() -> None:
    assert len(expected_ids("4.2.7")) > 30
    assert expected_ids("6.1.3") == set()


def test_beyond_pip_audit_end_of_life_and_latest_patch(tmp_path) -> None:
    # pip-audit reports nothing for 4.1.13 (no advisory lists an end-of-life series).
    assert expected_ids("4.1.13") == set()
    result = check_files(tmp_path, {"requirements.txt": "Django==4.1.13\n"})
    assert {f.rule.id for f in result.findings} == {"PG602"}
    result = check_files(tmp_path / "b", {"requirements.txt": "Django==4.2.7\n"})
    assert {"PG601", "PG602", "PG603"} <= {f.rule.id for f in result.findings}
