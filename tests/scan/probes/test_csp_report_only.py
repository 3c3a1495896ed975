from __future__ import annotations

from ponyguard.scan.probes.http.headers import headers_probe
from tests.scan.fakes import assert_finds, assert_silent, run_probe
from tests.scan.probes.header_sites import home_with


def test_fires_when_only_a_report_only_policy_is_sent() -> None:
    ctx = home_with(drop=("Content-Security-Policy",),
                    Content_Security_Policy_Report_Only="default-src 'self'")
    [finding] = assert_finds(run_probe(headers_probe, ctx), "PG733", severity="medium")
    assert "default-src 'self'" in (finding.evidence or "")


def test_silent_when_a_policy_is_also_enforced() -> None:
    ctx = home_with(Content_Security_Policy_Report_Only="default-src 'none'")
    assert_silent(run_probe(headers_probe, ctx), "PG733")
    assert_silent(run_probe(headers_probe, home_with()), "PG733")
