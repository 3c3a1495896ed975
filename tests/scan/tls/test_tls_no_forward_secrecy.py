from __future__ import annotations

import ssl

import pytest

from tests.scan.fakes import assert_finds, assert_silent

from .certs import issue
from .servers import server_context

pytestmark = pytest.mark.network


def test_fires_when_the_server_picks_rsa_key_exchange(scan, ca, tmp_path) -> None:
    context = server_context(issue(ca, tmp_path), highest=ssl.TLSVersion.TLSv1_2,
                             ciphers="AES128-GCM-SHA256:@SECLEVEL=0")
    [finding] = assert_finds(scan(context), "PG809", severity="medium")
    assert finding.evidence == "AES128-GCM-SHA256"


def test_silent_with_ecdhe(scan, ca, tmp_path) -> None:
    context = server_context(issue(ca, tmp_path), ciphers="ECDHE+AESGCM")
    assert_silent(scan(context), "PG809")


def test_silent_on_tls_1_3_only(scan, ca, tmp_path) -> None:
    # TLS 1.3 is always forward secret; there is no TLS 1.2 suite to judge
    context = server_context(issue(ca, tmp_path), lowest=ssl.TLSVersion.TLSv1_3)
    assert_silent(scan(context), "PG809")
