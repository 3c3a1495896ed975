from __future__ import annotations

from ponyguard.scan.probes.http.cors import cors_probe
from tests.scan.fakes import Canned, FakeContext, assert_finds, assert_silent, run_probe


def site(**headers: str) -> FakeContext:
    return FakeContext(routes={"https://example.test/": Canned(
        200, {k.replace("_", "-"): v for k, v in headers.items()})})


def test_fires_on_wildcard_with_credentials() -> None:
    ctx = site(Access_Control_Allow_Origin="*", Access_Control_Allow_Credentials="True")
    assert_finds(run_probe(cors_probe, ctx), "PG739", severity="medium")


def test_silent_on_wildcard_without_credentials_or_credentials_false() -> None:
    assert_silent(run_probe(cors_probe, site(Access_Control_Allow_Origin="*")), "PG739")
    assert_silent(run_probe(cors_probe, site(Access_Control_Allow_Origin="*",
                                             Access_Control_Allow_Credentials="false")), "PG739")
