from __future__ import annotations

from ponyguard.scan.probes.http.headers import headers_probe
from tests.scan.fakes import Canned, FakeContext, assert_finds, assert_silent, run_probe
from tests.scan.probes.header_sites import home_with


def test_fires_without_a_policy() -> None:
    assert_finds(run_probe(headers_probe, home_with(drop=("Content-Security-Policy",))),
                 "PG730", severity="medium", confidence="high", url="https://example.test/")


def test_fires_at_medium_confidence_on_an_error_page() -> None:
    # a WAF block or a 404 home page may not carry the site's headers: still reported
    ctx = home_with(status=403, drop=("Content-Security-Policy",))
    assert_finds(run_probe(headers_probe, ctx), "PG730", confidence="medium",
                 message_contains="403")


def test_silent_with_a_policy_in_any_header_case() -> None:
    assert_silent(run_probe(headers_probe, home_with()), "PG730")
    ctx = home_with(drop=("Content-Security-Policy",),
                    content_security_policy="default-src 'self'")
    assert_silent(run_probe(headers_probe, ctx), "PG730")


def test_silent_on_non_html_responses() -> None:
    ctx = FakeContext(routes={"https://example.test/": Canned(
        200, {"Content-Type": "application/json", "X-Content-Type-Options": "nosniff"}, "{}")})
    assert_silent(run_probe(headers_probe, ctx), "PG730")


def test_report_only_is_pg733_not_pg730() -> None:
    ctx = home_with(drop=("Content-Security-Policy",),
                    Content_Security_Policy_Report_Only="default-src 'self'")
    findings = run_probe(headers_probe, ctx)
    assert_silent(findings, "PG730")
    assert_finds(findings, "PG733")
