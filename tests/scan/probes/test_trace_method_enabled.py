from __future__ import annotations

from ponyguard.scan.probes.http.server import TRACE_HEADER, trace_probe
from tests.scan.fakes import Canned, FakeContext, Request, assert_finds, assert_silent, run_probe


def echo(request: Request) -> Canned:
    lines = ["TRACE / HTTP/1.1"] + [f"{k}: {v}" for k, v in request.headers.items()]
    return Canned(200, {"Content-Type": "message/http"}, "\r\n".join(lines))


def test_fires_when_the_marker_header_is_echoed() -> None:
    ctx = FakeContext(routes={"TRACE https://example.test/": echo})
    assert_finds(run_probe(trace_probe, ctx), "PG741", severity="low")
    [request] = ctx.requests
    assert request.method == "TRACE" and TRACE_HEADER in request.headers


def test_silent_when_refused_or_not_echoed() -> None:
    refused = FakeContext(routes={"TRACE https://example.test/": Canned(405, {}, "nope")})
    assert_silent(run_probe(trace_probe, refused), "PG741")
    # a 200 that does not contain our marker is not an echo (a catch-all page)
    catch_all = FakeContext(default=Canned(200, {"Content-Type": "text/html"}, "<p>hi</p>"))
    assert_silent(run_probe(trace_probe, catch_all), "PG741")
