from __future__ import annotations

import ssl

import pytest

from ponyguard.scan.tls import Status
from ponyguard.scan.tls import inspect as inspect_module
from ponyguard.scan.tls.capability import can_offer_version
from tests.scan.fakes import assert_finds, assert_silent

from .certs import issue
from .servers import server_context

pytestmark = pytest.mark.network


@pytest.fixture
def no_local_tls10(monkeypatch):
    """Pretend the local OpenSSL cannot offer TLS 1.0 (as with MinProtocol = TLSv1.2)."""
    monkeypatch.setattr(inspect_module, "can_offer_version", lambda version: version != "TLS 1.0")


def test_fires_when_the_local_openssl_cannot_offer_a_version(scan, ca, tmp_path,
                                                             no_local_tls10) -> None:
    findings = scan(server_context(issue(ca, tmp_path)))
    assert_finds(findings, "PG810", count=1, key="TLS 1.0", severity="info",
                 message_contains="not tested")


@pytest.mark.skipif(not can_offer_version("TLS 1.0"),
                    reason=f"the local OpenSSL ({ssl.OPENSSL_VERSION}) cannot serve TLS 1.0")
def test_a_server_accepting_it_is_not_reported_as_refusing(inspect, scan, ca, tmp_path,
                                                           no_local_tls10) -> None:
    context = server_context(issue(ca, tmp_path), lowest=ssl.TLSVersion.TLSv1,
                             ciphers="ALL:@SECLEVEL=0")
    report = inspect(context)
    assert report.version("TLS 1.0").status is Status.NOT_TESTED
    assert report.version("TLS 1.1").status is Status.ACCEPTED
    findings = scan(context)
    assert_silent([f for f in findings if f.key == "TLS 1.0"], "PG807")
    assert_finds(findings, "PG810", key="TLS 1.0")


def test_silent_when_every_version_could_be_tested(scan, ca, tmp_path) -> None:
    if not all(can_offer_version(v) for v in ("TLS 1.0", "TLS 1.1", "TLS 1.2", "TLS 1.3")):
        pytest.skip("the local OpenSSL cannot offer every version: PG810 rightly fires")
    assert_silent(scan(server_context(issue(ca, tmp_path))), "PG810")
