from __future__ import annotations

import pytest

from ponyguard.scan.http import FetchError
from ponyguard.scan.probes.http.hsts import hsts_probe
from tests.scan.fakes import FakeContext, assert_finds, assert_silent, html, run_probe
from tests.scan.probes.hsts_sites import PRELOAD_READY, hsts_site


def test_fires_without_the_header() -> None:
    assert_finds(run_probe(hsts_probe, hsts_site()), "PG710", severity="medium",
                 url="https://example.test/", message_contains="no Strict-Transport-Security")


@pytest.mark.parametrize("value", [
    "includeSubDomains",                       # no max-age
    "max-age=abc",                             # not a number
    "max-age=-5",
    "max-age=300; max-age=31536000",           # a directive twice: the header is invalid
])
def test_fires_on_headers_browsers_ignore(value: str) -> None:
    [finding] = assert_finds(run_probe(hsts_probe, hsts_site(value)), "PG710",
                             message_contains="ignored by browsers")
    assert value in (finding.evidence or "")


def test_only_the_first_of_several_headers_counts() -> None:
    assert_finds(run_probe(hsts_probe, hsts_site("max-age=x", PRELOAD_READY)), "PG710")
    assert_silent(run_probe(hsts_probe, hsts_site(PRELOAD_READY, "max-age=x")), "PG710")


@pytest.mark.parametrize("value", [
    PRELOAD_READY,
    "MAX-AGE=31536000",                        # names are case-insensitive
    'max-age="31536000"; includesubdomains',   # quoted value
    "  max-age = 31536000 ;; includeSubDomains ; ",   # spaces and empty directives
    "max-age=31536000; foo=bar",               # unknown directives are ignored
])
def test_silent_on_valid_headers_however_written(value: str) -> None:
    assert_silent(run_probe(hsts_probe, hsts_site(value)), "PG710")


def test_silent_when_the_site_has_no_https() -> None:
    ctx = FakeContext("http://example.test/", {
        "http://example.test/": html("<p>home</p>"),
        "https://example.test/": FetchError("https://example.test/", "connect", "refused")})
    assert_silent(run_probe(hsts_probe, ctx), "PG710")
