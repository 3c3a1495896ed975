from __future__ import annotations

import ssl

import pytest

from ponyguard.scan.tls import Status
from ponyguard.scan.tls.capability import can_offer_version
from tests.scan.fakes import assert_finds, assert_silent

from .certs import issue
from .servers import server_context

pytestmark = pytest.mark.network

needs_tls10 = pytest.mark.skipif(
    not can_offer_version("TLS 1.0"),
    reason=f"the local OpenSSL ({ssl.OPENSSL_VERSION}) cannot serve TLS 1.0")


@needs_tls10
def test_fires_on_a_tls_1_0_only_server(inspect, scan, ca, tmp_path) -> None:
    context = server_context(issue(ca, tmp_path), lowest=ssl.TLSVersion.TLSv1,
                             highest=ssl.TLSVersion.TLSv1, ciphers="ALL:@SECLEVEL=0")
    report = inspect(context)
    assert report.version("TLS 1.0").status is Status.ACCEPTED
    assert report.version("TLS 1.2").status is Status.REJECTED
    findings = scan(context)
    assert_finds(findings, "PG807", count=1, key="TLS 1.0", severity="high")


@needs_tls10
def test_fires_once_per_legacy_version(scan, ca, tmp_path) -> None:
    context = server_context(issue(ca, tmp_path), lowest=ssl.TLSVersion.TLSv1,
                             ciphers="ALL:@SECLEVEL=0")
    findings = scan(context)
    assert_finds(findings, "PG807", count=1, key="TLS 1.0")
    assert_finds(findings, "PG807", count=1, key="TLS 1.1")


def test_silent_on_a_tls_1_3_only_server(inspect, scan, ca, tmp_path) -> None:
    context = server_context(issue(ca, tmp_path), lowest=ssl.TLSVersion.TLSv1_3)
    report = inspect(context)
    assert report.negotiated is not None and report.negotiated.version == "TLSv1.3"
    assert report.version("TLS 1.3").status is Status.ACCEPTED
    assert report.version("TLS 1.2").status is Status.REJECTED
    findings = scan(context)
    assert findings == [] or all(f.rule.id == "PG810" for f in findings), findings
    assert_silent(findings, "PG807")


def test_silent_on_a_default_python_server(scan, ca, tmp_path) -> None:
    assert_silent(scan(server_context(issue(ca, tmp_path))), "PG807")
