"""Run the probes on one target: stage 1 concurrently, then stage 2, within the deadline.

* Probes are found by importing every module under :data:`PROBE_PACKAGES` (each registers
  itself with :func:`~ponyguard.scan.probe.probe`).
* A probe whose rules are all deselected (``--select``/``--ignore``) does not run.
* A probe that raises is reported as PG012 with the exception's summary; the others go on.
* When the target's deadline passes, what is still running is cancelled and PG011 names it.
* A home page that cannot be fetched at all is PG010 (the run is incomplete); a home page that
  answers but not with 2xx (a WAF block, a login wall) is PG013, and every probe still runs;
  one whose body was cut at the size or time limit (endless, a gzip bomb, a slow drip) is PG014.
"""

from __future__ import annotations

import asyncio
import importlib
import importlib.util
import pkgutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..core.config import Config
from ..core.finding import Finding, Location
from ..core.pipeline import rule_selected
from ..core.registry import load_rules
from ..core.rule import Rule
from .context import EngineContext
from .http import FetchError, Response
from .probe import PROBES, Probe, ScanOptions, Target

PROBE_PACKAGES = ("ponyguard.scan.probes", "ponyguard.scan.tls", "ponyguard.scan.ports")
LOAD_ERRORS: dict[str, str] = {}
"""Probe modules that failed to import: module name → exception summary (reported as PG012)."""
_loaded = False


def load_probes() -> dict[str, Probe]:
    """Import every probe module once; the registered probes by name.

    A module that fails to import does not stop the scan: every target reports it as PG012
    and the run is incomplete.
    """
    global _loaded
    if not _loaded:
        for package in PROBE_PACKAGES:
            for name in _modules(package):
                try:
                    importlib.import_module(name)
                except Exception as exc:
                    LOAD_ERRORS[name] = f"{type(exc).__name__}: {exc}"
        _loaded = True
    return dict(PROBES)


def _modules(package: str) -> list[str]:
    try:
        spec = importlib.util.find_spec(package)
    except ImportError:
        spec = None
    if spec is None:
        return []
    names = [package]
    for info in pkgutil.walk_packages(spec.submodule_search_locations or [],
                                      prefix=package + "."):
        names.append(info.name)
    return names


def selected_probes(config: Config) -> list[Probe]:
    """The probes with at least one selected rule (unknown rule ids count as selected)."""
    registry = load_rules()
    chosen = []
    for probe in load_probes().values():
        rules = [registry.get(rule_id) for rule_id in probe.rules]
        if not rules or any(rule is None or rule_selected(rule, config) for rule in rules):
            chosen.append(probe)
    return sorted(chosen, key=lambda probe: (probe.stage, probe.name))


@dataclass
class TargetOutcome:
    """What one target's scan produced, before filtering."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    facts: dict[str, object] = field(default_factory=dict)
    incomplete: bool = False
    probe_times: dict[str, float] = field(default_factory=dict)
    """Wall time of every probe that finished, seconds."""
    requests: int = 0


async def scan_target(target: Target, options: ScanOptions, probes: Iterable[Probe]
                      ) -> TargetOutcome:
    """Every probe on ``target``, never raising for anything the site does."""
    outcome = TargetOutcome()
    for module, error in sorted(LOAD_ERRORS.items()):
        _add_failure(target, f"module {module}", error, (), outcome)
    ctx = EngineContext(target, options)
    deadline = time.monotonic() + options.deadline
    try:
        home = asyncio.ensure_future(ctx.home())
        by_stage: dict[int, list[Probe]] = {}
        for probe in probes:
            by_stage.setdefault(probe.stage, []).append(probe)
        for stage in sorted(by_stage):
            await _run_stage(ctx, by_stage[stage], deadline, outcome)
        if not home.done():
            await asyncio.wait([home], timeout=max(0.0, deadline - time.monotonic()))
        _judge_home(target, home, outcome, options)
    finally:
        await ctx.aclose()
    outcome.facts = ctx.facts
    outcome.requests = ctx.requests
    return outcome


async def _run_stage(ctx: EngineContext, probes: list[Probe], deadline: float,
                     outcome: TargetOutcome) -> None:
    tasks = {asyncio.ensure_future(_timed(probe, ctx)): probe for probe in probes}
    if not tasks:
        return
    remaining = deadline - time.monotonic()
    done, pending = (await asyncio.wait(tasks, timeout=remaining) if remaining > 0
                     else (set(), set(tasks)))
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for task in done:
        _collect(ctx.target, tasks[task], task, outcome)
    if pending:
        names = sorted(tasks[task].name for task in pending)
        _add_deadline_finding(ctx.target, ctx.options.deadline, names, outcome)


async def _timed(probe: Probe, ctx: EngineContext) -> tuple[list[Finding], float]:
    started = time.perf_counter()
    findings = list(await probe.func(ctx))
    return findings, time.perf_counter() - started


def _collect(target: Target, probe: Probe, task: asyncio.Future[tuple[list[Finding], float]],
             outcome: TargetOutcome) -> None:
    exc = task.exception()
    if exc is None:
        findings, seconds = task.result()
        outcome.findings.extend(findings)
        outcome.probe_times[probe.name] = seconds
        return
    summary = f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"
    _add_failure(target, f"probe `{probe.name}`", summary, probe.rules, outcome)


def _add_failure(target: Target, what: str, summary: str, rules: tuple[str, ...],
                 outcome: TargetOutcome) -> None:
    missing = f"; its checks ({', '.join(rules)}) are missing" if rules else ""
    outcome.findings.append(_tool_rule("PG012").finding(
        f"{what} failed: {summary}{missing}", Location(url=target.url), key=what))
    outcome.errors.append(f"{target.url}: {what} failed: {summary}")
    outcome.incomplete = True


def _add_deadline_finding(target: Target, seconds: float, names: list[str],
                          outcome: TargetOutcome) -> None:
    outcome.findings.append(_tool_rule("PG011").finding(
        f"the scan deadline of {seconds:g}s was reached; not finished: {', '.join(names)}",
        Location(url=target.url), key="deadline"))
    outcome.errors.append(f"{target.url}: deadline of {seconds:g}s reached before "
                          f"{', '.join(names)} finished")
    outcome.incomplete = True


def _judge_home(target: Target, home: asyncio.Future[Response | FetchError],
                outcome: TargetOutcome, options: ScanOptions) -> None:
    result: Response | FetchError
    if not home.done() or home.cancelled() or home.exception() is not None:
        result = FetchError(target.url, "deadline", "no answer before the deadline")
    else:
        result = home.result()
    where = Location(url=target.url)
    if isinstance(result, FetchError):
        outcome.findings.append(_tool_rule("PG010").finding(
            f"{target.url} could not be fetched ({result.kind}): {result.message}", where,
            key="unreachable"))
        outcome.errors.append(f"{target.url}: unreachable: {result.message}")
        outcome.incomplete = True
        return
    if result.truncated:
        outcome.findings.append(_tool_rule("PG014").finding(
            f"the home page's body was cut {_why_cut(result, options)}; checks that read the "
            "page saw its beginning", where, key="truncated"))
    if not 200 <= result.status < 300:
        server = result.header("server")
        hint = f" (server: {server})" if server else ""
        outcome.findings.append(_tool_rule("PG013").finding(
            f"the home page answered {result.status}{hint}; every probe still ran, but checks "
            "that read the page saw this answer, not the site", where,
            key=f"status:{result.status}"))


def _why_cut(response: Response, options: ScanOptions) -> str:
    if len(response.body) >= options.max_body:
        return f"at {options.max_body} bytes (counted after decompression)"
    return (f"after {len(response.body)} bytes: it was still arriving when the "
            f"{options.timeout:g}s request timeout ran out, or the connection broke off")


def _tool_rule(rule_id: str) -> Rule:
    rule = load_rules().get(rule_id)
    assert rule is not None, rule_id
    return rule
