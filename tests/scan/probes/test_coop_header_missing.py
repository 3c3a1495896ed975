from __future__ import annotations

from ponyguard.scan.probes.http.headers import headers_probe
from tests.scan.fakes import assert_finds, assert_silent, run_probe
from tests.scan.probes.header_sites import home_with


def test_fires_when_absent_or_unsafe_none() -> None:
    assert_finds(run_probe(headers_probe, home_with(drop=("Cross-Origin-Opener-Policy",))),
                 "PG737", severity="low")
    assert_finds(run_probe(headers_probe, home_with(Cross_Origin_Opener_Policy="unsafe-none")),
                 "PG737", message_contains="unsafe-none")


def test_silent_on_same_origin_variants() -> None:
    for value in ("same-origin", "same-origin-allow-popups",
                  'same-origin; report-to="coop"'):
        assert_silent(run_probe(headers_probe, home_with(Cross_Origin_Opener_Policy=value)),
                      "PG737")
