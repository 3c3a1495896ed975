from __future__ import annotations

from ponyguard.scan.probes.http.https import https_probe
from tests.scan.fakes import FakeContext, assert_finds, assert_silent, html, redirect, run_probe


def site(first_hop):
    return FakeContext(routes={
        "http://example.test/": first_hop,
        "https://example.test/": html("<p>home</p>"),
        "https://www.example.test/": html("<p>home</p>"),
        "http://www.example.test/": redirect("https://www.example.test/"),
    })


def test_fires_low_on_a_temporary_redirect() -> None:
    for status in (302, 307):
        [finding] = assert_finds(run_probe(https_probe, site(redirect("https://example.test/",
                                                                       status))),
                                 "PG703", severity="low", message_contains="temporary")
        assert str(status) in finding.message


def test_fires_medium_when_the_first_hop_leaves_the_host() -> None:
    assert_finds(run_probe(https_probe, site(redirect("https://www.example.test/"))), "PG703",
                 severity="medium", message_contains="leaves the host")


def test_fires_medium_when_the_first_hop_stays_on_http() -> None:
    assert_finds(run_probe(https_probe, site(redirect("http://www.example.test/"))), "PG703",
                 severity="medium", message_contains="over plain HTTP")


def test_silent_on_a_permanent_same_host_redirect() -> None:
    for status in (301, 308):
        assert_silent(run_probe(https_probe, site(redirect("https://example.test/", status))),
                      "PG703")
