from __future__ import annotations

from ponyguard.scan.probes.http.headers import headers_probe
from tests.scan.fakes import assert_finds, assert_silent, run_probe
from tests.scan.probes.header_sites import home_with


def test_fires_when_the_policy_lacks_frame_ancestors() -> None:
    ctx = home_with(Content_Security_Policy="default-src 'self'")
    assert_finds(run_probe(headers_probe, ctx), "PG732", severity="low")


def test_silent_with_frame_ancestors() -> None:
    assert_silent(run_probe(headers_probe, home_with()), "PG732")


def test_silent_when_nothing_protects_framing_pg734_says_it() -> None:
    ctx = home_with(drop=("X-Frame-Options",), Content_Security_Policy="default-src 'self'")
    findings = run_probe(headers_probe, ctx)
    assert_silent(findings, "PG732")
    assert_finds(findings, "PG734")
