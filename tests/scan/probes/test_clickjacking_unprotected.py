from __future__ import annotations

import pytest

from ponyguard.scan.probes.http.headers import headers_probe
from tests.scan.fakes import assert_finds, assert_silent, run_probe
from tests.scan.probes.header_sites import home_with

NO_FRAME_ANCESTORS = "default-src 'self'"


def test_fires_without_x_frame_options_or_frame_ancestors() -> None:
    ctx = home_with(drop=("X-Frame-Options",), Content_Security_Policy=NO_FRAME_ANCESTORS)
    assert_finds(run_probe(headers_probe, ctx), "PG734", severity="medium",
                 message_contains="no X-Frame-Options")


@pytest.mark.parametrize("value", ["ALLOW-FROM https://a.example", "ALLOWALL", "nonsense"])
def test_fires_on_x_frame_options_values_browsers_ignore(value: str) -> None:
    ctx = home_with(X_Frame_Options=value, Content_Security_Policy=NO_FRAME_ANCESTORS)
    assert_finds(run_probe(headers_probe, ctx), "PG734", message_contains=value)


@pytest.mark.parametrize("changes", [
    {"X_Frame_Options": "deny", "Content_Security_Policy": NO_FRAME_ANCESTORS},
    {"X_Frame_Options": " SAMEORIGIN ", "Content_Security_Policy": NO_FRAME_ANCESTORS},
    {"X_Frame_Options": "bogus", "Content_Security_Policy": "frame-ancestors 'self'"},
])
def test_silent_when_either_mechanism_protects(changes: dict[str, str]) -> None:
    assert_silent(run_probe(headers_probe, home_with(**changes)), "PG734")
