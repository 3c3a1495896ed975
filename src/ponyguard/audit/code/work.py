"""The work one process does on its share of the files, in either phase.

:class:`Analyzer` parses each of its files once (through the project's shared
:class:`~ponyguard.audit.source.SourceFile` objects) and keeps the trees between phase 1
(:meth:`Analyzer.facts`) and phase 2 (:meth:`Analyzer.rules`). Results are plain data
(:class:`FileResult`, findings as tuples) so that they can be cached and sent between
processes; :func:`to_finding` turns them back into :class:`Finding` objects.
"""

from __future__ import annotations

import ast
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ...core.finding import Finding, Location
from ...core.registry import REGISTRY, STATIC_PACKAGES, load_rules
from ...core.severity import Confidence, Severity
from ..context import FileContext
from ..discovery import Project
from ..visitor import add_collector, dispatch_table, visit
from .collect import collect
from .facts import ModuleFacts
from .index import Dependency, ProjectIndex
from .renders import RenderRecord, collect_call, collect_class

RENDERS = "@renders"
"""Put in an analyser's rule ids to also collect which templates views render, and with what
(the view↔template link of :mod:`.renders`); it takes part in the cache key like a rule id."""

FindingRecord = tuple[str, str, tuple[int | None, int | None, int | None, int | None], str, str,
                      str, str | None, str | None]
"""(rule id, message, (line, column, end line, end column), severity, confidence, key,
evidence, fix) — a finding of the file the record belongs to."""
PROBLEM_RULES = {"syntax": "PG001", "unreadable": "PG002"}
TOO_DEEP = ("unreadable", "nested too deeply to analyse; not audited", None)
"""A file that parses but whose expressions nest deeper than the analysis can follow."""
PARTLY_DEEP = ("unreadable", "some expressions nest too deeply to analyse; the rest was "
               "audited", None)


@dataclass(frozen=True, slots=True)
class FileResult:
    """Phase 2's outcome for one file, valid while its digest and dependencies hold."""

    rel: str
    digest: str
    dependencies: tuple[tuple[Dependency, str], ...]
    findings: tuple[FindingRecord, ...]
    errors: tuple[str, ...] = ()
    renders: tuple[RenderRecord, ...] = ()


def record(finding: Finding) -> FindingRecord:
    loc = finding.location
    return (finding.rule.id, finding.message, (loc.line, loc.column, loc.end_line,
            loc.end_column), finding.severity.value, finding.confidence.value, finding.key,
            finding.evidence, finding.fix)


def to_finding(rel: str, item: FindingRecord) -> Finding | None:
    rule_id, message, (line, column, end_line, end_column), severity, confidence, key, \
        evidence, fix = item
    rule = REGISTRY.get(rule_id)
    if rule is None:
        return None
    return Finding(rule=rule, message=message,
                   location=Location(path=rel, line=line, column=column, end_line=end_line,
                                     end_column=end_column),
                   severity=Severity(severity), confidence=Confidence(confidence), key=key,
                   evidence=evidence, fix=fix)


def problem_finding(facts_problem: tuple[str, str, int | None], rel: str) -> FindingRecord:
    kind, message, line = facts_problem
    rule = REGISTRY.get(PROBLEM_RULES.get(kind, "PG002"))
    assert rule is not None
    return (rule.id, f"{rel}: {message}", (line, None, None, None), rule.severity.value,
            rule.confidence.value, f"{kind}:{message}", None, None)


@contextmanager
def no_gc() -> Iterator[None]:
    """Suspend the cyclic GC: ASTs are acyclic and long-lived, and collecting them while they
    are built costs more than parsing (the audit frees them when it ends)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Analyzer:
    """One process's share of the files: parsed once, facts first, rules second."""

    def __init__(self, project: Project, packages: frozenset[str],
                 rule_ids: tuple[str, ...]) -> None:
        self.project = project
        self.packages = packages
        registry = load_rules(STATIC_PACKAGES)
        rules = [r for r in (registry.get(i) for i in rule_ids) if r is not None]
        self.table = dispatch_table(rules)
        if RENDERS in rule_ids:
            add_collector(self.table, ast.Call, RENDERS, collect_call)
            add_collector(self.table, ast.ClassDef, RENDERS, collect_class)
        self.modules: dict[str, str | None] = {}
        self.own: dict[str, ModuleFacts] = {}

    def module(self, rel: str) -> str | None:
        if rel not in self.modules:
            self.modules[rel] = self.project.module_name(rel)
        return self.modules[rel]

    def facts(self, rels: list[str]) -> list[ModuleFacts]:
        found = []
        with no_gc():
            for rel in rels:
                source = self.project.source(rel)
                try:
                    facts = collect(source, self.module(rel), self.packages)
                except RecursionError:
                    facts = ModuleFacts(rel, self.module(rel), source.digest, problem=TOO_DEEP)
                self.own[rel] = facts
                found.append(facts)
        return found

    def rules(self, index: ProjectIndex, rels: list[str]) -> list[FileResult]:
        with no_gc():
            return [self.rules_one(index, rel) for rel in rels]

    def rules_one(self, index: ProjectIndex, rel: str) -> FileResult:
        source = self.project.source(rel)
        facts = index.store.facts(rel)
        tree = source.tree
        if facts is None or tree is None or facts.problem is not None:
            problem = facts.problem if facts is not None and facts.problem else (
                source.problem_kind or "unreadable", source.problem or "not audited",
                source.problem_line)
            return FileResult(rel, source.digest, (), (problem_finding(problem, rel),))
        ctx = FileContext(source, tree, self.module(rel), facts, index, self.project)
        with index.recording() as recorded:
            outcome = visit(ctx, self.table)
        dependencies = tuple(sorted((dep, index.answer(dep)) for dep in recorded
                                    if dep != ("file", rel)))
        notes = (problem_finding(PARTLY_DEEP, rel),) if outcome.too_deep else ()
        return FileResult(rel, source.digest, dependencies,
                          (*(record(f) for f in outcome.findings), *notes), tuple(outcome.errors),
                          tuple(r.record() for r in outcome.collected))
