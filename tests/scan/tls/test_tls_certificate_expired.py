from __future__ import annotations

from datetime import timedelta

import pytest

from tests.scan.fakes import assert_finds, assert_silent

from .certs import NOW, issue, trustme_leaf
from .servers import server_context

pytestmark = pytest.mark.network


def test_fires_on_an_expired_certificate(scan, ca, tmp_path) -> None:
    cert = issue(ca, tmp_path, not_before=NOW - timedelta(days=100),
                 not_after=NOW - timedelta(days=3))
    findings = scan(server_context(cert))
    [finding] = assert_finds(findings, "PG803", severity="high", key="expired")
    assert "days ago" in finding.message
    assert_silent(findings, "PG804")


def test_fires_on_a_certificate_not_valid_yet(scan, ca, tmp_path) -> None:
    cert = issue(ca, tmp_path, not_before=NOW + timedelta(days=2),
                 not_after=NOW + timedelta(days=90))
    assert_finds(scan(server_context(cert)), "PG803", key="not-yet-valid")


def test_silent_on_a_valid_certificate(scan, ca, tmp_path) -> None:
    assert_silent(scan(server_context(trustme_leaf(ca, tmp_path))), "PG803")
