from __future__ import annotations

from ponyguard.scan.probes.http.hsts import hsts_probe
from tests.scan.fakes import Canned, FakeContext, assert_finds, assert_silent, redirect, run_probe
from tests.scan.probes.hsts_sites import PRELOAD_READY, hsts_site

HSTS = ("Strict-Transport-Security", PRELOAD_READY)


def test_fires_as_info_when_the_plain_http_redirect_sends_hsts() -> None:
    ctx = hsts_site(PRELOAD_READY,
                    http_first_hop=redirect("https://example.test/", 301, HSTS))
    assert_finds(run_probe(hsts_probe, ctx), "PG714", severity="info",
                 url="http://example.test/")


def test_fires_when_an_http_only_site_sends_it() -> None:
    ctx = FakeContext("http://example.test/", {"http://example.test/": Canned(200, (HSTS,))})
    assert_finds(run_probe(hsts_probe, ctx), "PG714")


def test_silent_when_only_https_sends_it() -> None:
    assert_silent(run_probe(hsts_probe, hsts_site(PRELOAD_READY)), "PG714")
