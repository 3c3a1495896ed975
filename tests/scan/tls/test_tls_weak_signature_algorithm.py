from __future__ import annotations

import pytest

from tests.scan.fakes import assert_finds, assert_silent

from .certs import issue
from .servers import server_context

pytestmark = pytest.mark.network


def test_fires_on_a_sha1_signed_certificate(scan, ca, tmp_path) -> None:
    findings = scan(server_context(issue(ca, tmp_path, sha1=True)))
    assert_finds(findings, "PG806", severity="medium", message_contains="SHA1")
    assert_silent(findings, "PG801")


def test_silent_on_sha256(scan, ca, tmp_path) -> None:
    assert_silent(scan(server_context(issue(ca, tmp_path))), "PG806")


def test_silent_on_a_self_signed_certificate(scan, tmp_path) -> None:
    # its signature proves nothing whatever the hash: PG801 reports it
    findings = scan(server_context(issue(None, tmp_path)))
    assert_silent(findings, "PG806")
    assert_finds(findings, "PG801")
