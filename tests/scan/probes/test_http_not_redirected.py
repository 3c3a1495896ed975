from __future__ import annotations

from ponyguard.scan.http import FetchError
from ponyguard.scan.probes.http.https import https_probe
from tests.scan.fakes import FakeContext, assert_finds, assert_silent, html, redirect, run_probe

HTTPS_HOME = {"https://example.test/": html("<p>home</p>")}


def test_fires_when_http_serves_the_page() -> None:
    ctx = FakeContext(routes={**HTTPS_HOME, "http://example.test/": html("<p>home</p>")})
    assert_finds(run_probe(https_probe, ctx), "PG702", url="http://example.test/",
                 severity="high", message_contains="answers 200")


def test_fires_when_http_only_redirects_to_other_http_pages() -> None:
    ctx = FakeContext(routes={**HTTPS_HOME,
                              "http://example.test/": redirect("http://example.test/home/"),
                              "http://example.test/home/": html("<p>home</p>")})
    assert_finds(run_probe(https_probe, ctx), "PG702", message_contains="only to other")


def test_uses_the_configured_plain_http_port() -> None:
    from ponyguard.scan.probe import ScanOptions

    ctx = FakeContext("https://example.test:8443/", {
        "https://example.test:8443/": html("<p>home</p>"),
        "http://example.test:8080/": html("<p>home</p>"),
    }, options=ScanOptions(http_port=8080))
    assert_finds(run_probe(https_probe, ctx), "PG702", url="http://example.test:8080/")


def test_silent_when_http_redirects_to_https() -> None:
    ctx = FakeContext(routes={**HTTPS_HOME,
                              "http://example.test/": redirect("https://example.test/")})
    assert_silent(run_probe(https_probe, ctx), "PG702")


def test_silent_when_http_is_closed_or_refuses_with_an_error() -> None:
    closed = FakeContext(routes={**HTTPS_HOME, "http://example.test/": FetchError(
        "http://example.test/", "connect", "refused")})
    assert_silent(run_probe(https_probe, closed), "PG702")
    forbidden = FakeContext(routes={**HTTPS_HOME,
                                    "http://example.test/": html("no", status=403)})
    assert_silent(run_probe(https_probe, forbidden), "PG702")


def test_silent_when_there_is_no_https_at_all() -> None:
    # PG701 says it; "not redirected to HTTPS" would be a second finding for one problem
    ctx = FakeContext("http://example.test/", {
        "http://example.test/": html("<p>home</p>"),
        "https://example.test/": FetchError("https://example.test/", "connect", "refused")})
    findings = run_probe(https_probe, ctx)
    assert_silent(findings, "PG702")
    assert_finds(findings, "PG701")
