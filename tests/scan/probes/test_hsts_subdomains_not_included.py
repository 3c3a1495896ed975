from __future__ import annotations

from ponyguard.scan.probes.http.hsts import hsts_probe
from tests.scan.fakes import assert_finds, assert_silent, run_probe
from tests.scan.probes.hsts_sites import hsts_site


def test_fires_without_include_subdomains() -> None:
    assert_finds(run_probe(hsts_probe, hsts_site("max-age=31536000")), "PG712", severity="low")


def test_silent_with_include_subdomains_in_any_case() -> None:
    for value in ("max-age=31536000; includeSubDomains", "max-age=31536000;INCLUDESUBDOMAINS"):
        assert_silent(run_probe(hsts_probe, hsts_site(value)), "PG712")


def test_silent_on_max_age_zero() -> None:
    # max-age=0 removes the policy: PG711 says so, subdomains are moot
    assert_silent(run_probe(hsts_probe, hsts_site("max-age=0")), "PG712")
