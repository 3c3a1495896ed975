from __future__ import annotations

from ponyguard.scan.probes.http.hsts import hsts_probe
from tests.scan.fakes import assert_finds, assert_silent, run_probe
from tests.scan.probes.hsts_sites import hsts_site


def test_fires_medium_on_a_short_max_age() -> None:
    [finding] = assert_finds(run_probe(hsts_probe, hsts_site("max-age=3600")), "PG711",
                             severity="medium")
    assert finding.message == "max-age=3600 (1 hour) is shorter than a year"


def test_fires_low_between_six_months_and_a_year() -> None:
    assert_finds(run_probe(hsts_probe, hsts_site("max-age=20000000; includeSubDomains")),
                 "PG711", severity="low")


def test_fires_on_max_age_zero_which_removes_the_policy() -> None:
    assert_finds(run_probe(hsts_probe, hsts_site("max-age=0")), "PG711",
                 message_contains="forget")


def test_silent_at_one_year_and_above() -> None:
    assert_silent(run_probe(hsts_probe, hsts_site("max-age=31536000")), "PG711")
    assert_silent(run_probe(hsts_probe, hsts_site("max-age=63072000")), "PG711")
