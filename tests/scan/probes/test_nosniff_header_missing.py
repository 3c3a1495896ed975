from __future__ import annotations

from ponyguard.scan.probes.http.headers import headers_probe
from tests.scan.fakes import Canned, FakeContext, assert_finds, assert_silent, run_probe
from tests.scan.probes.header_sites import home_with


def test_fires_without_nosniff_even_on_non_html() -> None:
    assert_finds(run_probe(headers_probe, home_with(drop=("X-Content-Type-Options",))),
                 "PG735", severity="low")
    ctx = FakeContext(routes={"https://example.test/": Canned(
        200, {"Content-Type": "application/json"}, "{}")})
    assert_finds(run_probe(headers_probe, ctx), "PG735")


def test_fires_on_a_wrong_value() -> None:
    assert_finds(run_probe(headers_probe, home_with(X_Content_Type_Options="sniff")), "PG735")


def test_silent_with_nosniff_in_any_case() -> None:
    assert_silent(run_probe(headers_probe, home_with()), "PG735")
    assert_silent(run_probe(headers_probe, home_with(X_Content_Type_Options="NoSniff")), "PG735")
