from __future__ import annotations

import pytest

from ponyguard.scan.probes.http.headers import headers_probe
from tests.scan.fakes import assert_finds, assert_silent, run_probe
from tests.scan.probes.header_sites import home_with


@pytest.mark.parametrize(("policy", "shown"), [
    ("default-src 'self' 'unsafe-inline'", "'unsafe-inline'"),
    ("default-src 'self'; script-src 'self' 'unsafe-eval'", "'unsafe-eval'"),
    ("script-src *; frame-ancestors 'none'", "*"),
    ("script-src 'self' https:", "https:"),
    ("script-src 'self' data:", "data:"),
    ("default-src 'self'; script-src 'self' 'UNSAFE-INLINE'", "'UNSAFE-INLINE'"),
])
def test_fires_on_unsafe_script_sources(policy: str, shown: str) -> None:
    [finding] = assert_finds(run_probe(headers_probe, home_with(
        Content_Security_Policy=policy)), "PG731", severity="medium")
    assert shown in finding.message


def test_fires_when_no_directive_governs_scripts() -> None:
    assert_finds(run_probe(headers_probe, home_with(
        Content_Security_Policy="img-src 'self'; frame-ancestors 'none'")), "PG731",
        message_contains="not restricted")


def test_script_src_overrides_default_src() -> None:
    # default-src is weak, but script-src governs scripts and is strict
    assert_silent(run_probe(headers_probe, home_with(
        Content_Security_Policy="default-src * 'unsafe-inline'; script-src 'self'")), "PG731")


@pytest.mark.parametrize("policy", [
    "default-src 'self'",
    # unsafe-inline is ignored by browsers next to a nonce or a hash (CSP2 fallback)
    "script-src 'self' 'nonce-r4nd0m' 'unsafe-inline'",
    "script-src 'sha256-abc=' 'unsafe-inline'",
    # strict-dynamic: host and scheme sources are ignored
    "script-src 'nonce-r4nd0m' 'strict-dynamic' https: 'unsafe-inline'",
])
def test_silent_on_strict_policies(policy: str) -> None:
    assert_silent(run_probe(headers_probe, home_with(Content_Security_Policy=policy)), "PG731")


def test_one_strict_policy_among_several_is_enough() -> None:
    # every policy is enforced: the strict one blocks the injected script
    assert_silent(run_probe(headers_probe, home_with(
        Content_Security_Policy="default-src * 'unsafe-inline', script-src 'self'")), "PG731")
