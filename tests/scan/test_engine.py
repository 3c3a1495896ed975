"""The engine: shared responses, TLS fallback, stages, failures and the deadline."""

from __future__ import annotations

import asyncio

import pytest

from ponyguard.core.config import Config
from ponyguard.core.finding import Location
from ponyguard.core.registry import load_rules
from ponyguard.scan import engine
from ponyguard.scan.context import TLS_ERROR, EngineContext
from ponyguard.scan.engine import scan_target, selected_probes
from ponyguard.scan.http import FetchError, Response
from ponyguard.scan.probe import PROBES, Probe, ScanOptions
from ponyguard.scan.target import parse_target

pytestmark = pytest.mark.network
OPTIONS = ScanOptions(timeout=1.5, deadline=10, ports=False)


def run(coro):
    return asyncio.run(coro)


def in_context(url: str, body, options: ScanOptions = OPTIONS):
    async def go():
        ctx = EngineContext(parse_target(url), options)
        try:
            return await body(ctx), ctx
        finally:
            await ctx.aclose()

    return run(go())


def test_home_is_fetched_once_however_many_probes_ask(hostile) -> None:
    async def body(ctx):
        return await asyncio.gather(*(ctx.home() for _ in range(5)), ctx.fetch("/"))

    results, ctx = in_context(f"http://127.0.0.1:{hostile['echo']}/", body)
    assert ctx.requests == 1
    assert all(result is results[0] for result in results)
    assert len(list(ctx.seen())) == 1


def test_requests_with_headers_or_cookies_are_not_shared(hostile) -> None:
    async def body(ctx):
        plain = await ctx.fetch("/")
        special = await ctx.fetch("/", headers={"Origin": "https://evil.test"})
        first = await ctx.fetch("/login", cookies=True)
        second = await ctx.fetch("/login", cookies=True)
        return plain, special, first, second

    (plain, special, first, second), ctx = in_context(
        f"http://127.0.0.1:{hostile['echo']}/", body)
    assert ctx.requests == 4
    assert "Origin: https://evil.test" in special.text and "Origin" not in plain.text
    assert "Cookie:" not in first.text
    assert "Cookie: echo=1" in second.text


def test_other_hosts_are_not_fetched(hostile) -> None:
    async def body(ctx):
        return await ctx.fetch("https://example.com/")

    result, ctx = in_context(f"http://127.0.0.1:{hostile['echo']}/", body)
    assert isinstance(result, FetchError) and result.kind == "other"
    assert ctx.requests == 0


def test_tls_failure_is_noted_and_the_probes_still_get_responses(server_loop, pki) -> None:
    with server_loop.serve("ok", tls=pki.server_context(pki.expired())) as port:
        async def body(ctx):
            return await asyncio.gather(ctx.home(), ctx.fetch("/robots.txt"))

        (home, robots), ctx = in_context(
            f"https://127.0.0.1:{port}/", body,
            ScanOptions(timeout=1.5, ca_bundle=str(pki.ca_bundle)))
    assert isinstance(home, Response) and home.status == 200
    assert isinstance(robots, Response)
    assert "expired" in str(ctx.fact(TLS_ERROR))


def test_verified_tls_sets_no_fact(server_loop, pki) -> None:
    with server_loop.serve("ok", tls=pki.server_context()) as port:
        async def body(ctx):
            return await ctx.home()

        home, ctx = in_context(f"https://127.0.0.1:{port}/", body,
                               ScanOptions(timeout=1.5, ca_bundle=str(pki.ca_bundle)))
    assert isinstance(home, Response) and ctx.fact(TLS_ERROR) is None


# --- the probe runner ------------------------------------------------------------------------

def _rule(rule_id: str):
    return load_rules().get(rule_id)


def fake_probe(name: str, func, stage: int = 1, rules: tuple[str, ...] = ("PG013",)) -> Probe:
    return Probe(name, func, stage, rules)


def test_stages_run_in_order_and_share_facts(hostile) -> None:
    async def first(ctx):
        home = await ctx.home()
        ctx.note("first_saw", home.status)
        return []

    async def second(ctx):
        seen = [r.status for r in ctx.seen()]
        return [_rule("PG013").finding(f"stage 2 read {ctx.fact('first_saw')} {seen}",
                                       Location(url=ctx.target.url), key="x")]

    outcome = run(scan_target(parse_target(f"http://127.0.0.1:{hostile['ok']}/"), OPTIONS,
                              [fake_probe("second", second, 2), fake_probe("first", first)]))
    assert [f.message for f in outcome.findings] == ["stage 2 read 200 [200]"]
    assert set(outcome.probe_times) == {"first", "second"}
    assert not outcome.incomplete and outcome.requests == 1


def test_a_probe_that_raises_is_reported_and_the_others_go_on(hostile) -> None:
    async def broken(ctx):
        raise ValueError("cannot parse 'x'")

    async def fine(ctx):
        return [_rule("PG013").finding("fine", Location(url=ctx.target.url), key="fine")]

    outcome = run(scan_target(parse_target(f"http://127.0.0.1:{hostile['ok']}/"), OPTIONS,
                              [fake_probe("broken", broken, rules=("PG701",)),
                               fake_probe("fine", fine)]))
    messages = {f.rule.id: f.message for f in outcome.findings}
    assert messages["PG013"] == "fine"
    assert "probe `broken` failed: ValueError: cannot parse 'x'" in messages["PG012"]
    assert "PG701" in messages["PG012"]
    assert outcome.incomplete and any("broken" in error for error in outcome.errors)


def test_the_deadline_cancels_what_is_left_and_names_it(hostile) -> None:
    async def slow(ctx):
        await asyncio.sleep(30)
        return []

    async def quick(ctx):
        await ctx.home()
        return []

    options = ScanOptions(timeout=1, deadline=0.5, ports=False)
    outcome = run(scan_target(parse_target(f"http://127.0.0.1:{hostile['ok']}/"), options,
                              [fake_probe("slow", slow), fake_probe("quick", quick),
                               fake_probe("later", quick, stage=2)]))
    deadline = [f for f in outcome.findings if f.rule.id == "PG011"]
    assert len(deadline) == 2
    assert "not finished: slow" in deadline[0].message
    assert "not finished: later" in deadline[1].message
    assert outcome.incomplete and "quick" in outcome.probe_times


def test_unreachable_home_is_pg010(unused_port) -> None:
    outcome = run(scan_target(parse_target(f"http://127.0.0.1:{unused_port}/"), OPTIONS, []))
    assert [f.rule.id for f in outcome.findings] == ["PG010"]
    assert "connection refused" in outcome.findings[0].message and outcome.incomplete


def test_blocked_home_is_pg013_and_not_unreachable(hostile) -> None:
    outcome = run(scan_target(parse_target(f"http://127.0.0.1:{hostile['waf-403']}/"),
                              OPTIONS, []))
    assert [f.rule.id for f in outcome.findings] == ["PG013"]
    assert "answered 403 (server: hostile-test)" in outcome.findings[0].message
    assert not outcome.incomplete


def test_probes_whose_rules_are_all_deselected_do_not_run(monkeypatch) -> None:
    async def nothing(ctx):
        return []

    monkeypatch.setattr(engine, "_loaded", True)
    monkeypatch.setattr(engine, "PROBES", {
        "headers": fake_probe("headers", nothing, rules=("PG701", "PG702")),
        "tls": fake_probe("tls", nothing, rules=("PG801",)),
        "unknown-rules": fake_probe("unknown-rules", nothing, rules=("PG799",)),
    })
    names = [p.name for p in selected_probes(Config(ignore=("PG8",)))]
    assert names == ["headers", "unknown-rules"]
    names = [p.name for p in selected_probes(Config(select=("PG702",)))]
    assert "headers" in names and "tls" not in names


def test_import_errors_of_probe_modules_are_reported(hostile, monkeypatch) -> None:
    monkeypatch.setitem(engine.LOAD_ERRORS, "ponyguard.scan.probes.bad", "SyntaxError: x")
    outcome = run(scan_target(parse_target(f"http://127.0.0.1:{hostile['ok']}/"), OPTIONS, []))
    assert [f.rule.id for f in outcome.findings] == ["PG012"]
    assert "module ponyguard.scan.probes.bad failed: SyntaxError: x" in outcome.findings[0].message


def test_every_registered_probe_is_loaded_and_declares_known_rules() -> None:
    probes = engine.load_probes()
    assert engine.LOAD_ERRORS == {}
    assert probes == PROBES
    registry = load_rules()
    for probe in probes.values():
        assert probe.stage in (1, 2), probe
        for rule_id in probe.rules:
            assert registry.get(rule_id) is not None, f"{probe.name} declares unknown {rule_id}"


@pytest.fixture
def unused_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
