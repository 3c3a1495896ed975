"""The fingerprinted Django version is judged by the dependency rules (issue 5's PG6xx)."""

from __future__ import annotations

from ponyguard.core.finding import Location
from ponyguard.scan.probes.django_version import version_findings

WHERE = Location(url="https://example.test/")


def rules(versions: list[str]) -> set[str]:
    return {f.rule.id for f in version_findings(versions, WHERE)}


def test_only_what_holds_for_every_candidate_is_reported() -> None:
    assert rules(["4.1.0", "4.1.13"]) == {"PG602"}, "every candidate is past end of life"
    assert "PG602" not in rules(["4.1.13", "6.1.3"]), "6.1 is supported"
    assert rules(["6.1.3"]) == set()


def test_advisories_common_to_the_candidates_at_medium_confidence() -> None:
    found = version_findings(["5.2.0", "5.2.1"], WHERE)
    advisories = [f for f in found if f.rule.id == "PG601"]
    assert advisories and all(f.confidence.value == "medium" for f in found)
    assert all(f.location.url == "https://example.test/" for f in found)
    only_older = {f.key for f in version_findings(["5.2.0"], WHERE) if f.rule.id == "PG601"}
    assert {f.key for f in advisories} <= only_older
