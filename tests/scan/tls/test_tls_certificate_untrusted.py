from __future__ import annotations

from datetime import timedelta

import pytest

from tests.scan.fakes import assert_finds, assert_silent

from .certs import NOW, issue, trustme_leaf
from .servers import server_context

pytestmark = pytest.mark.network


def test_fires_on_a_self_signed_certificate(scan, tmp_path) -> None:
    findings = scan(server_context(issue(None, tmp_path)))
    assert_finds(findings, "PG801", count=1, severity="high", message_contains="self-signed")


def test_fires_on_a_certificate_from_an_unknown_ca(scan, ca, tmp_path) -> None:
    # trusted by nobody: no --ca-bundle, and the test CA is not in the system store
    findings = scan(server_context(trustme_leaf(ca, tmp_path)), ca=None)
    assert_finds(findings, "PG801", message_contains="unable to get local issuer")


def test_silent_when_the_ca_bundle_trusts_it(scan, ca, tmp_path) -> None:
    assert_silent(scan(server_context(trustme_leaf(ca, tmp_path))), "PG801")


def test_silent_on_an_expired_but_trusted_certificate(scan, ca, tmp_path) -> None:
    cert = issue(ca, tmp_path, not_before=NOW - timedelta(days=90),
                 not_after=NOW - timedelta(days=1))
    findings = scan(server_context(cert))
    assert_silent(findings, "PG801")  # PG803 says it more precisely
    assert_finds(findings, "PG803")
