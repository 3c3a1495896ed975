"""Every hostile server gets a clean finding within the deadline, and every report renders.

These run the whole scan (every registered probe), so a probe that crashes or hangs on a hostile
answer fails here (PG012 / PG011).
"""

from __future__ import annotations

import json
import socket
import ssl

import pytest

from ponyguard.core.result import RunResult
from ponyguard.report import HtmlReporter, JsonReporter, SarifReporter, TextReporter
from ponyguard.scan.context import TLS_ERROR

from .conftest import tls10_context
from .servers.harness import rule_ids, run_probes, scan

pytestmark = pytest.mark.network


def assert_clean_run(result: RunResult, *, unreachable: bool = False) -> None:
    """No probe crashed or ran out of time, and all four formats render."""
    ids = rule_ids(result)
    assert "PG012" not in ids, [f.message for f in result.findings if f.rule.id == "PG012"]
    assert "PG011" not in ids, [f.message for f in result.findings if f.rule.id == "PG011"]
    assert result.incomplete is unreachable, result.errors
    assert result.grade and result.score is not None
    for reporter in (TextReporter(color=False), HtmlReporter()):
        assert result.grade in reporter.render(result)
    for reporter in (JsonReporter(), SarifReporter()):
        json.loads(reporter.render(result))


def messages(result: RunResult, rule_id: str) -> list[str]:
    return [f.message for f in result.findings if f.rule.id == rule_id]


@pytest.mark.parametrize(("behaviour", "words"), [
    ("slow-drip", "still arriving when the 1s request timeout ran out"),
    ("endless-body", "at 100000 bytes"),
    ("gzip-bomb", "at 100000 bytes (counted after decompression)"),
])
def test_bodies_that_never_end_are_cut_not_fatal(hostile, behaviour, words) -> None:
    result = scan(f"http://127.0.0.1:{hostile[behaviour]}/", max_body=100_000, timeout=1)
    assert_clean_run(result)
    assert "PG010" not in rule_ids(result)
    [message] = messages(result, "PG014")
    assert words in message


def test_a_normal_page_is_not_truncated(hostile) -> None:
    result = scan(f"http://127.0.0.1:{hostile['ok']}/")
    assert_clean_run(result)
    assert not {"PG010", "PG013", "PG014"} & rule_ids(result)


def test_redirect_loop(hostile) -> None:
    result = scan(f"http://127.0.0.1:{hostile['redirect-loop']}/")
    assert_clean_run(result, unreachable=True)
    [message] = messages(result, "PG010")
    assert "redirect loop" in message and "/loop-a" in message and "/loop-b" in message


@pytest.mark.parametrize(("behaviour", "words"), [
    ("garbage", "not a valid HTTP response"),
    ("silent", "timed out"),
])
def test_servers_that_do_not_speak_http(hostile, behaviour, words) -> None:
    result = scan(f"http://127.0.0.1:{hostile[behaviour]}/", timeout=1)
    assert_clean_run(result, unreachable=True)
    [message] = messages(result, "PG010")
    assert words in message


def test_refused_port() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = scan(f"http://127.0.0.1:{port}/")
    assert_clean_run(result, unreachable=True)
    assert "connection refused" in messages(result, "PG010")[0]


def test_waf_block_is_reported_not_site_down(hostile) -> None:
    """Observatory says "site seems down" and djcheckup aborts on a 403 home page."""
    result = scan(f"http://127.0.0.1:{hostile['waf-403']}/")
    assert_clean_run(result)
    assert "PG010" not in rule_ids(result)
    assert "answered 403" in messages(result, "PG013")[0]


@pytest.mark.parametrize(("kind", "words"), [
    ("expired", "expired"),
    ("untrusted", "unable to get local issuer certificate"),
    ("wrong_host", "mismatch"),
])
def test_bad_certificates_still_get_every_http_probe(server_loop, pki, kind, words) -> None:
    context = pki.server_context(getattr(pki, kind)())
    with server_loop.serve("ok", tls=context) as port:
        url = f"https://127.0.0.1:{port}/"
        outcome = run_probes(url, ca_bundle=pki.ca_bundle)
        result = scan(url, ca_bundle=pki.ca_bundle)
    assert words in str(outcome.facts[TLS_ERROR]).lower()
    assert_clean_run(result)
    assert "PG010" not in rule_ids(result)


def test_tls13_only_site_is_scanned_normally(server_loop, pki) -> None:
    """Observatory fails TLS-1.3-only sites."""
    context = pki.server_context()
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    with server_loop.serve("ok", tls=context) as port:
        url = f"https://127.0.0.1:{port}/"
        outcome = run_probes(url, ca_bundle=pki.ca_bundle)
        result = scan(url, ca_bundle=pki.ca_bundle)
    assert TLS_ERROR not in outcome.facts
    assert_clean_run(result)
    assert not [f for f in result.findings if f.rule.id.startswith("PG8")], \
        [f"{f.rule.id} {f.message}" for f in result.findings]


def test_tls10_only_site_is_scanned_and_reported(server_loop, pki) -> None:
    context = tls10_context(pki)
    if context is None:
        pytest.skip("the local OpenSSL cannot serve TLS 1.0")
    with server_loop.serve("ok", tls=context) as port:
        url = f"https://127.0.0.1:{port}/"
        outcome = run_probes(url, ca_bundle=pki.ca_bundle)
        result = scan(url, ca_bundle=pki.ca_bundle)
    assert "TLS" in str(outcome.facts[TLS_ERROR]) or "tls" in str(outcome.facts[TLS_ERROR])
    assert_clean_run(result)
    assert "PG010" not in rule_ids(result)
