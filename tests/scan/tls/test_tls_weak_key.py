from __future__ import annotations

import pytest

from tests.scan.fakes import assert_finds, assert_silent

from .certs import issue
from .servers import server_context

pytestmark = pytest.mark.network


def test_fires_on_a_1024_bit_rsa_key(scan, ca, tmp_path) -> None:
    findings = scan(server_context(issue(ca, tmp_path, key_size=1024)))
    assert_finds(findings, "PG805", severity="high", message_contains="1024-bit RSA")
    assert_silent(findings, "PG801")  # the chain verifies; the key is the problem


def test_fires_at_medium_on_a_1536_bit_rsa_key(scan, ca, tmp_path) -> None:
    assert_finds(scan(server_context(issue(ca, tmp_path, key_size=1536))), "PG805",
                 severity="medium")


def test_silent_on_2048_bit_rsa_and_p256(scan, ca, tmp_path) -> None:
    assert_silent(scan(server_context(issue(ca, tmp_path, key_size=2048))), "PG805")
    assert_silent(scan(server_context(issue(ca, tmp_path, key_kind="ec", tag="ec"))), "PG805")
