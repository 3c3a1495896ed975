from __future__ import annotations

from ponyguard.scan.probes.http.hsts import hsts_probe
from tests.scan.fakes import Canned, FakeContext, assert_finds, assert_silent, redirect, run_probe
from tests.scan.probes.hsts_sites import PRELOAD_READY, hsts_site


def test_fires_as_info_when_preload_is_not_requested() -> None:
    [finding] = assert_finds(run_probe(hsts_probe, hsts_site("max-age=31536000")), "PG713",
                             severity="info")
    assert "no preload directive" in finding.message and "includeSubDomains" in finding.message


def test_fires_low_when_preload_is_requested_without_the_requirements() -> None:
    assert_finds(run_probe(hsts_probe, hsts_site("max-age=86400; includeSubDomains; preload")),
                 "PG713", severity="low", message_contains="below 31536000")


def test_fires_when_the_https_redirect_does_not_send_the_header() -> None:
    ctx = FakeContext(routes={
        "http://example.test/": redirect("https://example.test/"),
        "https://example.test/": redirect("https://example.test/en/"),   # no HSTS here
        "https://example.test/en/": Canned(200, (("Strict-Transport-Security", PRELOAD_READY),)),
    })
    assert_finds(run_probe(hsts_probe, ctx), "PG713", message_contains="HTTPS redirect")


def test_fires_when_http_goes_to_another_host_first() -> None:
    ctx = hsts_site(PRELOAD_READY, http_first_hop=redirect("https://www.example.test/"))
    assert_finds(run_probe(hsts_probe, ctx), "PG713", message_contains="same host")


def test_silent_when_eligible() -> None:
    ctx = hsts_site(PRELOAD_READY)
    assert_silent(run_probe(hsts_probe, ctx), "PG713")
    assert ctx.fact("bonus:hsts-preload") is True


def test_eligible_through_an_https_redirect_that_sends_the_header() -> None:
    hsts = (("Strict-Transport-Security", PRELOAD_READY),)
    ctx = FakeContext(routes={
        "http://example.test/": redirect("https://example.test/"),
        "https://example.test/": redirect("https://example.test/en/", 301, *hsts),
        "https://example.test/en/": Canned(200, hsts),
    })
    assert_silent(run_probe(hsts_probe, ctx), "PG713")
