from __future__ import annotations

import ssl

import pytest

from ponyguard.scan.tls import Status
from tests.scan.fakes import assert_finds, assert_silent

from .certs import issue
from .servers import server_context

pytestmark = pytest.mark.network


def test_fires_on_null_and_anonymous_suites(inspect, scan, ca, tmp_path) -> None:
    context = server_context(issue(ca, tmp_path), highest=ssl.TLSVersion.TLSv1_2,
                             ciphers="ALL:eNULL:@SECLEVEL=0")
    findings = scan(context)
    assert_finds(findings, "PG808", key="NULL", severity="high", message_contains="NULL")
    assert_finds(findings, "PG808", key="anonymous", severity="high")
    assert_finds(findings, "PG808", key="CBC-SHA1", severity="low")


def test_untestable_families_are_not_reported_as_refused(inspect, ca, tmp_path) -> None:
    report = inspect(server_context(issue(ca, tmp_path)))
    by_family = {check.family: check.status for check in report.ciphers}
    assert set(by_family) == {"NULL", "anonymous", "EXPORT", "RC4", "3DES", "CBC-SHA1"}
    from ponyguard.scan.tls.capability import can_offer_suites

    if not can_offer_suites("RC4"):
        assert by_family["RC4"] is Status.NOT_TESTED


def test_silent_on_a_modern_suite_list(scan, ca, tmp_path) -> None:
    context = server_context(issue(ca, tmp_path), ciphers="ECDHE+AESGCM:ECDHE+CHACHA20")
    assert_silent(scan(context), "PG808")


def test_silent_on_tls_1_3_only(scan, ca, tmp_path) -> None:
    context = server_context(issue(ca, tmp_path), lowest=ssl.TLSVersion.TLSv1_3)
    assert_silent(scan(context), "PG808")
