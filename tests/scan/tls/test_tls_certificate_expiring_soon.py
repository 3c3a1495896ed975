from __future__ import annotations

from datetime import timedelta

import pytest

from tests.scan.fakes import assert_finds, assert_silent

from .certs import NOW, issue
from .servers import server_context

pytestmark = pytest.mark.network


def test_fires_within_30_days(scan, ca, tmp_path) -> None:
    cert = issue(ca, tmp_path, not_after=NOW + timedelta(days=10, hours=1))
    [finding] = assert_finds(scan(server_context(cert)), "PG804", severity="medium")
    assert "in 10 days" in finding.message


def test_silent_with_more_than_30_days_left(scan, ca, tmp_path) -> None:
    cert = issue(ca, tmp_path, not_after=NOW + timedelta(days=31))
    assert_silent(scan(server_context(cert)), "PG804")


def test_silent_once_expired(scan, ca, tmp_path) -> None:
    cert = issue(ca, tmp_path, not_before=NOW - timedelta(days=9),
                 not_after=NOW - timedelta(days=1))
    findings = scan(server_context(cert))
    assert_silent(findings, "PG804")
    assert_finds(findings, "PG803")
