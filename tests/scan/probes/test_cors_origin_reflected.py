from __future__ import annotations

from ponyguard.scan.probes.http.cors import EVIL_ORIGIN, cors_probe
from tests.scan.fakes import Canned, FakeContext, Request, assert_finds, assert_silent, run_probe


def echoing(credentials: bool):
    def answer(request: Request) -> Canned:
        headers = {"Content-Type": "application/json"}
        if "Origin" in request.headers:
            headers["Access-Control-Allow-Origin"] = request.headers["Origin"]
        if credentials:
            headers["Access-Control-Allow-Credentials"] = "true"
        return Canned(200, headers, "{}")
    return answer


def test_fires_high_when_any_origin_is_echoed_with_credentials() -> None:
    ctx = FakeContext(routes={"https://example.test/": echoing(credentials=True)})
    [finding] = assert_finds(run_probe(cors_probe, ctx), "PG738", severity="high")
    assert EVIL_ORIGIN in finding.message
    [request] = ctx.requests
    assert request.headers == {"Origin": EVIL_ORIGIN}


def test_fires_low_when_echoed_without_credentials() -> None:
    ctx = FakeContext(routes={"https://example.test/": echoing(credentials=False)})
    assert_finds(run_probe(cors_probe, ctx), "PG738", severity="low")


def test_fires_on_the_null_origin_with_credentials() -> None:
    ctx = FakeContext(routes={"https://example.test/": Canned(200, {
        "Access-Control-Allow-Origin": "null", "Access-Control-Allow-Credentials": "true"})})
    assert_finds(run_probe(cors_probe, ctx), "PG738", key="null")


def test_silent_on_an_allow_list_and_on_plain_wildcard() -> None:
    allow_list = FakeContext(routes={"https://example.test/": Canned(200, {
        "Access-Control-Allow-Origin": "https://app.example.test",
        "Access-Control-Allow-Credentials": "true", "Vary": "Origin"})})
    assert_silent(run_probe(cors_probe, allow_list), "PG738")
    public = FakeContext(routes={"https://example.test/": Canned(200, {
        "Access-Control-Allow-Origin": "*"})})
    assert_silent(run_probe(cors_probe, public), "PG738")
    no_cors = FakeContext(routes={"https://example.test/": Canned(200, {})})
    assert_silent(run_probe(cors_probe, no_cors), "PG738")
