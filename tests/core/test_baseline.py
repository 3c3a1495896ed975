from __future__ import annotations

import json

import pytest

from ponyguard.core.baseline import apply_baseline, read_baseline, write_baseline
from ponyguard.core.errors import InputError
from ponyguard.core.finding import Location
from ponyguard.core.fingerprint import with_fingerprints
from ponyguard.core.registry import load_rules


def finding(line: int, key: str = "DEBUG", path: str = "settings.py", message: str = "m"):
    rule = load_rules().get("PG004")
    return rule.finding(message, Location(path=path, line=line), key=key)


def test_fingerprints_do_not_depend_on_lines() -> None:
    [a] = with_fingerprints([finding(3)])
    [b] = with_fingerprints([finding(40)])
    assert a.fingerprint == b.fingerprint


def test_identical_findings_get_distinct_fingerprints() -> None:
    a, b = with_fingerprints([finding(3), finding(9)])
    assert a.fingerprint != b.fingerprint


def test_new_identical_finding_elsewhere_is_still_reported(tmp_path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(path, with_fingerprints([finding(3)]), "0")
    later = with_fingerprints([finding(10), finding(30)])
    outcome = apply_baseline(later, read_baseline(path))
    assert outcome.baselined == 1
    assert len(outcome.new) == 1


def test_moved_finding_stays_baselined_and_fixed_are_counted(tmp_path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(path, with_fingerprints([finding(3), finding(5, key="SECRET_KEY")]), "0")
    outcome = apply_baseline(with_fingerprints([finding(80)]), read_baseline(path))
    assert outcome.new == [] and outcome.baselined == 1 and outcome.unmatched == 1


def test_baseline_never_stores_messages_or_evidence(tmp_path) -> None:
    path = tmp_path / "baseline.json"
    f = finding(1, message="SECRET_KEY is 'hunter2hunter2'")
    write_baseline(path, with_fingerprints([f]), "0")
    text = path.read_text()
    assert "hunter2" not in text and "SECRET_KEY is" not in text
    assert set(json.loads(text)["entries"][0]) == {"rule", "path", "fingerprint"}


@pytest.mark.parametrize("content", ["not json", "{}", '{"entries": [{"x": 1}]}'])
def test_bad_baseline_is_an_input_error(tmp_path, content) -> None:
    path = tmp_path / "b.json"
    path.write_text(content)
    with pytest.raises(InputError):
        read_baseline(path)


def test_missing_baseline_says_how_to_create_it(tmp_path) -> None:
    with pytest.raises(InputError, match="--write-baseline"):
        read_baseline(tmp_path / "nope.json")
