from __future__ import annotations

from ponyguard.scan.http import FetchError
from ponyguard.scan.probes.http.https import https_probe
from tests.scan.fakes import FakeContext, assert_finds, assert_silent, html, redirect, run_probe

REFUSED = FetchError("https://example.test/", "connect", "connection refused")


def test_fires_when_only_plain_http_answers() -> None:
    ctx = FakeContext("http://example.test/", {
        "http://example.test/": html("<p>hi</p>"),
        "https://example.test/": REFUSED,
    })
    [finding] = assert_finds(run_probe(https_probe, ctx), "PG701", severity="high",
                             url="https://example.test/")
    assert "connect" in finding.message


def test_fires_on_a_target_given_as_https_that_refuses_tls_while_http_works() -> None:
    ctx = FakeContext("https://example.test/", {
        "http://example.test/": html("<p>hi</p>"),
        "https://example.test/": FetchError("https://example.test/", "timeout", "timed out"),
    })
    assert_finds(run_probe(https_probe, ctx), "PG701")


def test_silent_when_https_works() -> None:
    ctx = FakeContext("https://example.test/", {
        "http://example.test/": redirect("https://example.test/"),
        "https://example.test/": html("<p>hi</p>"),
    })
    assert_silent(run_probe(https_probe, ctx), "PG701")


def test_silent_when_https_answers_with_an_error_page() -> None:
    # a 403 from a WAF is an answer: HTTPS is there
    ctx = FakeContext("https://example.test/", {
        "http://example.test/": redirect("https://example.test/"),
        "https://example.test/": html("blocked", status=403),
    })
    assert_silent(run_probe(https_probe, ctx), "PG701")


def test_silent_when_nothing_answers_at_all() -> None:
    # a site that is down is the engine's PG010, not "no HTTPS"
    ctx = FakeContext("https://example.test/", {
        "http://example.test/": FetchError("http://example.test/", "connect", "refused"),
        "https://example.test/": REFUSED,
    })
    assert_silent(run_probe(https_probe, ctx), "PG701")
