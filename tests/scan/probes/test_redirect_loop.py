from __future__ import annotations

from ponyguard.scan.probes.http.https import https_probe
from tests.scan.fakes import FakeContext, assert_finds, assert_silent, html, redirect, run_probe


def test_fires_on_the_secure_proxy_ssl_header_trap_https_to_itself() -> None:
    # behind a TLS-terminating proxy without SECURE_PROXY_SSL_HEADER, Django redirects every
    # HTTPS request to HTTPS again
    ctx = FakeContext(routes={"https://example.test/": redirect("https://example.test/"),
                              "http://example.test/": redirect("https://example.test/")})
    [finding] = assert_finds(run_probe(https_probe, ctx), "PG705", count=1, severity="high")
    assert "SECURE_PROXY_SSL_HEADER" in finding.message
    assert "HTTP_X_FORWARDED_PROTO" in finding.message


def test_fires_on_https_http_https_ping_pong() -> None:
    ctx = FakeContext(routes={"https://example.test/": redirect("http://example.test/"),
                              "http://example.test/": redirect("https://example.test/")})
    [finding] = assert_finds(run_probe(https_probe, ctx), "PG705", count=1)
    assert "SECURE_PROXY_SSL_HEADER" in finding.message
    assert "https://example.test/ (301) → http://example.test/ (301)" in finding.evidence


def test_fires_on_a_plain_http_loop_with_a_generic_explanation() -> None:
    ctx = FakeContext("http://example.test/", routes={
        "http://example.test/": redirect("/a/"), "http://example.test/a/": redirect("/"),
        "https://example.test/": html("ok")})
    [finding] = assert_finds(run_probe(https_probe, ctx), "PG705")
    assert "never reach a page" in finding.message


def test_silent_on_a_long_but_finite_chain() -> None:
    ctx = FakeContext(routes={
        "http://example.test/": redirect("https://example.test/"),
        "https://example.test/": redirect("https://example.test/en/"),
        "https://example.test/en/": redirect("https://example.test/en/home/"),
        "https://example.test/en/home/": html("<p>home</p>"),
    })
    assert_silent(run_probe(https_probe, ctx), "PG705")
