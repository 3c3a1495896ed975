from __future__ import annotations

import pytest

from ponyguard.scan.tls import CertificateInfo, matches_hostname
from tests.scan.fakes import assert_finds, assert_silent

from .certs import NOW, issue, trustme_leaf
from .servers import server_context

pytestmark = pytest.mark.network


def test_fires_when_the_certificate_names_another_host(scan, ca, tmp_path) -> None:
    findings = scan(server_context(trustme_leaf(ca, tmp_path, "example.org")),
                    server_name="localhost")
    [finding] = assert_finds(findings, "PG802", severity="high",
                             message_contains="not valid for localhost")
    assert "example.org" in finding.message
    assert_silent(findings, "PG801")  # the chain itself is fine


def test_fires_for_an_ip_address_not_in_the_certificate(scan, ca, tmp_path) -> None:
    findings = scan(server_context(trustme_leaf(ca, tmp_path, "localhost")),
                    server_name="127.0.0.1")
    assert_finds(findings, "PG802", message_contains="127.0.0.1")


def test_silent_when_the_name_matches(scan, ca, tmp_path) -> None:
    assert_silent(scan(server_context(trustme_leaf(ca, tmp_path, "localhost"))), "PG802")


def test_silent_for_a_matching_wildcard(scan, ca, tmp_path) -> None:
    findings = scan(server_context(issue(ca, tmp_path, ("*.example.test",))),
                    server_name="www.example.test")
    assert_silent(findings, "PG802")


def _cert(*dns: str, ips: tuple[str, ...] = ()) -> CertificateInfo:
    return CertificateInfo("CN=x", "CN=ca", NOW, NOW, "EC", 256, "sha256", dns, ips, False)


@pytest.mark.parametrize(("names", "host", "expected"), [
    (("example.com",), "example.com", True),
    (("Example.COM",), "example.com.", True),
    (("*.example.com",), "www.example.com", True),
    (("*.example.com",), "example.com", False),
    (("*.example.com",), "a.b.example.com", False),
    (("*.com",), "example.com", False),
    (("www.example.com",), "example.com", False),
    (("xn--bcher-kva.example",), "bücher.example", True),
    ((), "example.com", False),
])
def test_host_name_matching(names, host, expected) -> None:
    assert matches_hostname(_cert(*names), host) is expected


def test_ip_addresses_match_ip_entries_only() -> None:
    assert matches_hostname(_cert("127.0.0.1", ips=("::1",)), "::1")
    assert not matches_hostname(_cert("127.0.0.1"), "127.0.0.1")
    assert matches_hostname(_cert(ips=("127.0.0.1",)), "127.0.0.1")
