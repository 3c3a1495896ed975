"""Scan one or many sites into :class:`~ponyguard.core.result.RunResult` s.

Each site is scanned on its own (its own connections, cache, deadline) and gets its own
result, score and grade; :func:`combine` merges several into the one result the reporters
render: findings grouped by URL, every scanned URL in ``scopes``, one :class:`SiteGrade` per
site, and the worst site's score and grade as the run's (a CI threshold holds for every site).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace

from .. import __version__
from ..core.config import Config
from ..core.pipeline import Collected, finish
from ..core.redact import redact_text
from ..core.result import RunResult, SiteGrade
from . import grade as scan_grade
from .engine import TargetOutcome, scan_target, selected_probes
from .options import secrets_of
from .probe import Probe, ScanOptions, Target
from .target import parse_target

DEFAULT_CONCURRENCY = 8


def scan_url(url: str, options: ScanOptions | None = None,
             config: Config | None = None) -> RunResult:
    """Scan one site. Raises :class:`~ponyguard.core.errors.InputError` for a bad URL only."""
    return scan_sites([url], options, config)[0]


def scan_sites(urls: Iterable[str], options: ScanOptions | None = None,
               config: Config | None = None,
               concurrency: int = DEFAULT_CONCURRENCY) -> list[RunResult]:
    """Scan every URL, at most ``concurrency`` at a time; one result per URL, in order."""
    return asyncio.run(ascan_sites(urls, options, config, concurrency))


async def ascan_sites(urls: Iterable[str], options: ScanOptions | None = None,
                      config: Config | None = None,
                      concurrency: int = DEFAULT_CONCURRENCY) -> list[RunResult]:
    """:func:`scan_sites` for callers already in an event loop."""
    targets = [parse_target(url) for url in urls]
    options = options or ScanOptions()
    config = config or Config()
    probes = selected_probes(config)
    slots = asyncio.Semaphore(max(1, concurrency))

    async def one(target: Target) -> RunResult:
        async with slots:
            return await _scan_one(target, options, config, probes)

    return list(await asyncio.gather(*(one(target) for target in targets)))


async def _scan_one(target: Target, options: ScanOptions, config: Config,
                    probes: Sequence[Probe]) -> RunResult:
    started = time.perf_counter()
    outcome = await scan_target(target, options, probes)
    return redacted(result_of(target, outcome, config, started), secrets_of(options))


def result_of(target: Target, outcome: TargetOutcome, config: Config,
              started: float) -> RunResult:
    """Filter one target's findings (select, confidence, baseline) and grade what is left."""
    collected = Collected(kind="scan", target=target.url, findings=outcome.findings,
                         scopes=(target.url,), errors=outcome.errors,
                         incomplete=outcome.incomplete, started=started)
    result = finish(collected, config)
    points, letter = scan_grade.grade(result.findings, scan_grade.bonuses_of(outcome.facts))
    site = SiteGrade(target.url, points, letter, result.incomplete)
    return replace(result, score=points, grade=letter, sites=(site,))


def redacted(result: RunResult, secrets: tuple[str, ...]) -> RunResult:
    """``result`` with the user's own secrets (``--auth`` password, cookie and header values)
    masked wherever a site echoed them into a message or evidence."""
    if not secrets:
        return result
    findings = tuple(
        replace(f, message=redact_text(f.message, secrets),
                evidence=redact_text(f.evidence, secrets) if f.evidence else f.evidence)
        for f in result.findings)
    errors = tuple(redact_text(error, secrets) for error in result.errors)
    return replace(result, findings=findings, errors=errors)


def combine(results: Sequence[RunResult]) -> RunResult:
    """One result for several sites (see the module docstring); a single result as it is."""
    if len(results) == 1:
        return results[0]
    if not results:
        raise ValueError("nothing to combine")
    sites = tuple(site for result in results for site in result.sites)
    worst = max(sites, key=lambda site: (scan_grade.rank(site.grade), -site.score))
    return RunResult(
        kind="scan",
        target=f"{results[0].target} and {len(results) - 1} more",
        findings=tuple(f for result in results for f in result.findings),
        scopes=tuple(scope for result in results for scope in result.scopes),
        suppressed=sum(result.suppressed for result in results),
        held_back=sum(result.held_back for result in results),
        min_confidence=results[0].min_confidence,
        baselined=sum(result.baselined for result in results),
        baseline_fixed=sum(result.baseline_fixed for result in results),
        incomplete=any(result.incomplete for result in results),
        errors=tuple(error for result in results for error in result.errors),
        duration=max(result.duration for result in results),
        tool_version=__version__,
        score=min(site.score for site in sites),
        grade=worst.grade,
        sites=sites,
    )
