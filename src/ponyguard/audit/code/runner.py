"""The code audit: every Python file of the project, two phases, cached, in parallel.

1. Read every audited file (the settings audit shares the same :class:`SourceFile`
   objects) and take its digest; reuse cached facts of unchanged files.
2. Phase 1 — the other files are parsed once and summarised (:mod:`.collect`).
3. The :class:`~ponyguard.audit.code.index.ProjectIndex` merges all facts; a cached result
   whose digest, rule selection and recorded dependencies still hold is reused.
4. Phase 2 — the remaining files go through one walk each (:mod:`ponyguard.audit.visitor`)
   with every selected code rule.

Small trees run in this process; from :data:`PARALLEL_MIN_BYTES` of source to analyse, the
work is split across the CPUs (:mod:`.workers`). Test files and migrations are not audited.
A file that cannot be read or parsed becomes one PG001/PG002 finding and the run goes on.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field, replace

from ...core.config import Config
from ...core.finding import Finding
from ...core.pipeline import rule_selected
from ...core.registry import STATIC_PACKAGES, load_rules
from ..context import is_migration, is_test_file
from ..discovery import Project
from ..visitor import is_code_rule
from .cache import CodeCache, Stored, engine_fingerprint
from .index import ProjectIndex
from .renders import RenderRecord
from .store import FactsStore, facts_shape
from .work import RENDERS, Analyzer, FileResult, no_gc, to_finding
from .workers import LocalPool, Pool, ProcessPool

PARALLEL_MIN_BYTES = 300_000
"""Below this much source to analyse, a worker process costs more than it saves (measured on
two cores: 200 KB of django.contrib.auth ran 25% slower in two processes, 350 KB of
django.contrib.admin 35% faster)."""
MAX_PROCESSES = 8


@dataclass
class CodeOutcome:
    """What the code audit hands to :func:`~ponyguard.audit.audit_project`."""

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stats: dict[str, float] = field(default_factory=dict)
    """Counts and timings (files, parsed, cached, processes, seconds per phase)."""
    renders: list[RenderRecord] = field(default_factory=list)
    """Templates the views render and their tainted context variables (when linking)."""


def code_files(project: Project) -> list[str]:
    """The project's Python files the code audit looks at (no tests, no migrations)."""
    return sorted(rel for rel in project.python_files
                  if not is_test_file(rel) and not is_migration(rel))


def project_packages(project: Project) -> frozenset[str]:
    """Top-level importable names of the project (``app`` for ``app/views.py``)."""
    found = set()
    for rel in project.python_files:
        module = project.module_name(rel)
        if module:
            found.add(module.split(".", 1)[0])
    return frozenset(found)


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def audit_code(project: Project, config: Config, processes: int | None = None, *,
               link_templates: bool = False) -> CodeOutcome:
    """Run the selected code rules over the project (``processes``: None to decide).

    ``link_templates`` also collects which templates the views render with request data in
    their context (:attr:`CodeOutcome.renders`), even when no code rule is selected.
    """
    with no_gc():
        return _audit_code(project, config, processes, link_templates)


def _audit_code(project: Project, config: Config, processes: int | None,
                link_templates: bool) -> CodeOutcome:
    rules = [r for r in load_rules(STATIC_PACKAGES) if is_code_rule(r) and rule_selected(r, config)]
    outcome = CodeOutcome()
    if not rules and not link_templates:
        return outcome
    started = time.perf_counter()
    rule_ids = tuple(sorted(r.id for r in rules)) + ((RENDERS,) if link_templates else ())
    rels = code_files(project)
    digests = {rel: project.source(rel).digest for rel in rels}
    packages = project_packages(project)
    modules = {rel: project.module_name(rel) for rel in rels}
    packages_key = hashlib.sha256(",".join(sorted(packages)).encode()).hexdigest()[:12]
    cache = CodeCache.open(config.cache_dir)
    stored = cache.load() if cache is not None else Stored()
    store = FactsStore()
    fact_keys = {rel: f"{digests[rel]}:{modules[rel]}:{packages_key}" for rel in rels}
    need_facts = []
    for rel in rels:
        entry = stored.facts.get(rel)
        if entry is not None and entry[0] == fact_keys[rel]:
            store.add_packed(entry[1], entry[2])
        else:
            need_facts.append(rel)
    outcome.stats.update(files=len(rels), facts_computed=len(need_facts),
                         read_seconds=time.perf_counter() - started)
    result_key = ",".join(rule_ids)
    changed = frozenset(need_facts)
    likely = [rel for rel in rels if rel in changed
              or stored.results.get(rel, ("",))[0] != f"{digests[rel]}:{result_key}"]
    work = sum(len(project.source(rel).text or "") for rel in likely)
    pool = _pool(project, packages, rule_ids, store, work, processes)
    outcome.stats["processes"] = len(getattr(pool, "children", ())) + 1
    try:
        phase = time.perf_counter()
        pool.facts(need_facts)
        outcome.stats["facts_seconds"] = time.perf_counter() - phase
        outcome.stats["facts_unchanged"] = _keep_unchanged_facts(store, stored, need_facts)
        index = ProjectIndex(store, packages)
        results: dict[str, FileResult] = {}
        need_rules = []
        for rel in rels:
            entry_r = stored.results.get(rel)
            if entry_r is not None and entry_r[0] == f"{digests[rel]}:{result_key}" \
                    and index.still_valid(entry_r[1].dependencies):
                results[rel] = entry_r[1]
            else:
                need_rules.append(rel)
        phase = time.perf_counter()
        for result in pool.rules(index, need_rules):
            results[result.rel] = result
        outcome.stats.update(rules_run=len(need_rules),
                             rules_seconds=time.perf_counter() - phase,
                             worker_failures=getattr(pool, "failures", 0))
    finally:
        pool.close()
    if cache is not None and (need_facts or need_rules):
        cache.save(Stored(
            engine=engine_fingerprint(),
            facts={rel: (fact_keys[rel], store.heads[rel], store.blob(rel)) for rel in rels},
            results={rel: (f"{r.digest}:{result_key}", r) for rel, r in results.items()
                     if not r.errors},
        ))
    for rel in rels:
        result = results[rel]
        outcome.findings.extend(f for f in (to_finding(rel, item) for item in result.findings)
                                if f is not None)
        outcome.errors.extend(result.errors)
        outcome.renders.extend(result.renders)
    outcome.files = rels
    outcome.stats["seconds"] = time.perf_counter() - started
    return outcome


def _keep_unchanged_facts(store: FactsStore, stored: Stored, rels: list[str]) -> int:
    """Give a changed file whose facts came out as before its previous facts' identity.

    Other files' cached results depend on a file's facts through the head's ``version``. An
    edit that leaves the facts as they were (a comment, a body change that keeps the function
    summaries) must not invalidate them: the head keeps the version it had, so the answers
    recorded in the cache still match. Only files that changed pay for the comparison.
    """
    kept = 0
    for rel in rels:
        entry = stored.facts.get(rel)
        new = store.facts(rel)
        if entry is None or new is None or entry[1].module != new.module:
            continue
        old = FactsStore()
        old.add_packed(entry[1], entry[2])
        previous = old.facts(rel)
        if previous is not None and facts_shape(previous) == facts_shape(new):
            store.heads[rel] = replace(store.heads[rel], identity=entry[1].version)
            kept += 1
    return kept


def _pool(project: Project, packages: frozenset[str], rule_ids: tuple[str, ...],
          store: FactsStore, work: int, processes: int | None) -> Pool:
    """The pool for ``work`` bytes of source to analyse (``processes``: None to decide)."""
    if processes is None:
        processes = min(cpu_count(), MAX_PROCESSES) if work >= PARALLEL_MIN_BYTES else 1
    if processes > 1:
        return ProcessPool(project, packages, rule_ids, store, processes)
    return LocalPool(Analyzer(project, packages, rule_ids), store)
