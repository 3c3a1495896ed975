"""Read dependency files (or the environment, or given versions) and run the PG6xx rules.

Shared by ``ponyguard deps`` (:func:`ponyguard.deps.audit_deps`) and ``ponyguard audit``,
which passes the dependency files its project walk found.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from ..core.config import Config
from ..core.finding import Finding, Location
from ..core.pipeline import rule_selected
from ..core.registry import STATIC_PACKAGES, load_rules
from .advisories.cache import OsvCache
from .advisories.database import AdvisoryDatabase, load_database
from .model import Dependency, PinKind
from .rules import dependency_file_unreadable
from .rules._support import TARGET, DepsContext
from .sources import reader_for
from .sources.interface import DependencySourceError, Problem, ReadResult, SourceFile

STALE_AFTER = timedelta(days=90)


def current_date() -> date:
    """Today, for support dates (one seam, so a test suite can hold the date still)."""
    return date.today()


@dataclass
class DepsOutcome:
    """Findings of one dependency check, the files read and the packages seen."""

    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """The data's date (and its age when stale): shown in every report format."""
    files: list[str] = field(default_factory=list)
    dependencies: list[Dependency] = field(default_factory=list)


def rules_selected(config: Config) -> bool:
    """Whether any dependency rule runs under ``config`` (else nothing needs reading)."""
    return any(rule_selected(r, config) for r in load_rules(STATIC_PACKAGES).with_target(TARGET))


def read_files(root: Path, rels: Iterable[str]) -> ReadResult:
    """Every dependency among ``rels`` (paths relative to ``root``); problems never raise."""
    combined = ReadResult()
    for rel in sorted(set(rels)):
        reader = reader_for(rel)
        if reader is None:
            continue
        source = SourceFile(root / rel, rel, root)
        try:
            result = reader(source)
        except DependencySourceError as exc:
            combined.problems.append(Problem(rel, exc.line, str(exc)))
            combined.files.append(rel)
            continue
        combined.dependencies.extend(result.dependencies)
        combined.problems.extend(result.problems)
        combined.files.extend(f for f in result.files if f not in combined.files)
    return combined


def check(read: ReadResult, database: AdvisoryDatabase, today: date | None = None) -> DepsOutcome:
    """Run every dependency rule on what ``read`` found; add PG020 findings and the data date."""
    today = today or current_date()
    registry = load_rules(STATIC_PACKAGES)
    context = DepsContext(database=database, today=today, locked=_locked(read.dependencies))
    outcome = DepsOutcome(files=list(read.files), dependencies=list(read.dependencies))
    for problem in read.problems:
        outcome.findings.append(dependency_file_unreadable.rule.finding(
            problem.message, Location(problem.path or None, problem.line),
            key=f"unreadable:{problem.message}"))
    seen: set[tuple[str, str, Location, str]] = set()
    for dependency in read.dependencies:
        marker = (dependency.key, str(dependency.version or dependency.constraint or ""),
                  dependency.location, dependency.kind.value)
        if marker in seen:
            continue
        seen.add(marker)
        for rule in registry.with_target(TARGET):
            outcome.findings.extend(rule.run(TARGET, dependency, context))
    if read.dependencies or read.files:
        outcome.notes.append(data_date_note(database, today))
    return outcome


def data_date_note(database: AdvisoryDatabase, today: date) -> str:
    """``dependency data: bundled … of 2026-11-22`` (and how old, when over 90 days)."""
    when = database.date
    note = f"dependency data: {when.describe()}"
    bundled = date.fromisoformat(when.bundled[:10])
    newest = max(bundled, date.fromisoformat(when.osv_fetched[:10])) \
        if when.osv_fetched else bundled
    if today - newest > STALE_AFTER:
        note += (f"; {(today - newest).days} days old: run `ponyguard deps --update` for "
                 "newer advisories")
    return note


def audit_dependency_files(root: Path, rels: Iterable[str], config: Config) -> DepsOutcome:
    """The dependency part of ``ponyguard audit``: the dependency files among ``rels``."""
    from .sources import is_dependency_file

    chosen = [rel for rel in rels if is_dependency_file(rel)]
    if not chosen or not rules_selected(config):
        return DepsOutcome()
    return check(read_files(root, chosen), database_for())


def _locked(dependencies: Iterable[Dependency]) -> set[tuple[str, str]]:
    return {(posixpath.dirname(d.location.path), d.key) for d in dependencies
            if d.locked and d.kind is PinKind.EXACT and d.location.path is not None}


def database_for(*, use_cache: bool = True, cache_dir: Path | None = None) -> AdvisoryDatabase:
    return load_database(OsvCache(cache_dir) if use_cache else None)
