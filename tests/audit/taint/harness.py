"""Evaluate ``sink(expr)`` markers in a small project with the taint engine."""

from __future__ import annotations

import ast
from pathlib import Path

from ponyguard.audit.code.index import ProjectIndex
from ponyguard.audit.code.runner import code_files, project_packages
from ponyguard.audit.code.store import FactsStore
from ponyguard.audit.code.work import Analyzer
from ponyguard.audit.context import FileContext
from ponyguard.audit.discovery import discover
from ponyguard.audit.taint.flow import Flow
from tests.helpers import write_project


def flows(tmp_path: Path, files: dict[str, str], sink: str = "sql") -> dict[tuple[str, int], Flow]:
    """(file, line) → the flow of the argument of every ``sink(...)`` call."""
    write_project(tmp_path, files)
    project = discover(tmp_path)
    rels = code_files(project)
    packages = project_packages(project)
    store = FactsStore()
    for facts in Analyzer(project, packages, ()).facts(rels):
        store.add(facts)
    index = ProjectIndex(store, packages)
    found: dict[tuple[str, int], Flow] = {}
    for rel in rels:
        source = project.source(rel)
        facts = store.facts(rel)
        if source.tree is None or facts is None:
            continue
        ctx = FileContext(source, source.tree, project.module_name(rel), facts, index, project)
        for node in ast.walk(source.tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "sink":
                found[(rel, node.lineno)] = ctx.flow(node.args[0], sink)
    return found


def kinds(tmp_path: Path, code: str, sink: str = "sql", rel: str = "app/views.py") -> list[str]:
    """The flow kinds of the ``sink(...)`` markers of one module, in line order."""
    found = flows(tmp_path, {rel: code}, sink)
    return [flow.kind for (_, _), flow in sorted(found.items())]
