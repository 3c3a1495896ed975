from __future__ import annotations

import pytest

from ponyguard.scan.probes.http.headers import headers_probe
from tests.scan.fakes import assert_finds, assert_silent, run_probe
from tests.scan.probes.header_sites import home_with


@pytest.mark.parametrize("value", ["unsafe-url", "no-referrer-when-downgrade",
                                   "same-origin, unsafe-url"])
def test_fires_low_on_leaky_policies(value: str) -> None:
    assert_finds(run_probe(headers_probe, home_with(Referrer_Policy=value)), "PG736",
                 severity="low")


def test_fires_as_info_when_absent_or_unknown() -> None:
    assert_finds(run_probe(headers_probe, home_with(drop=("Referrer-Policy",))), "PG736",
                 severity="info")
    assert_finds(run_probe(headers_probe, home_with(Referrer_Policy="bogus")), "PG736",
                 severity="info")


@pytest.mark.parametrize("value", ["same-origin", "strict-origin-when-cross-origin",
                                   "no-referrer", "unsafe-url, strict-origin", "SAME-ORIGIN"])
def test_silent_on_safe_policies_last_known_token_wins(value: str) -> None:
    assert_silent(run_probe(headers_probe, home_with(Referrer_Policy=value)), "PG736")
