"""Where the work runs: in this process, or split across worker processes that keep their trees.

Both pools have the same two calls, one per phase. :class:`ProcessPool` partitions the files
by size across the main process and ``processes - 1`` children; each parses its share once,
computes its facts (phase 1) and sends them back pickled; then each receives everybody
else's facts and runs the rules on the files it already parsed (phase 2). A child that
fails or dies is replaced by the main process doing its share, so a run never loses files.
"""

from __future__ import annotations

import multiprocessing
import sys
import traceback
from dataclasses import replace
from multiprocessing.connection import Connection
from typing import Any, Protocol

from ..discovery import Project
from .index import ProjectIndex
from .store import FactsHead, FactsStore, head_of, pack
from .work import Analyzer, FileResult

MAIN = -1


class Pool(Protocol):
    def facts(self, rels: list[str]) -> None: ...
    def rules(self, index: ProjectIndex, rels: list[str]) -> list[FileResult]: ...
    def close(self) -> None: ...


class LocalPool:
    """Everything in this process (small trees, warm runs, one core)."""

    def __init__(self, analyzer: Analyzer, store: FactsStore) -> None:
        self.analyzer = analyzer
        self.store = store

    def facts(self, rels: list[str]) -> None:
        for facts in self.analyzer.facts(rels):
            self.store.add(facts)

    def rules(self, index: ProjectIndex, rels: list[str]) -> list[FileResult]:
        return self.analyzer.rules(index, rels)

    def close(self) -> None:
        return None


class ProcessPool:
    """The main process plus ``processes - 1`` children, each keeping its parsed trees."""

    def __init__(self, project: Project, packages: frozenset[str], rule_ids: tuple[str, ...],
                 store: FactsStore, processes: int) -> None:
        self.project = project
        self.store = store
        self.local = LocalPool(Analyzer(project, packages, rule_ids), store)
        self.owner: dict[str, int] = {}
        self.children: list[tuple[Any, Connection]] = []
        self.failures = 0
        """Shares a child could not do (the main process did them instead)."""
        context = _context()
        shared = project if context.get_start_method() == "fork" else replace(
            project, _sources={}, other_files={})
        for _ in range(max(0, processes - 1)):
            mine, theirs = context.Pipe()
            child = context.Process(target=_serve, args=(theirs, shared, packages, rule_ids),
                                    daemon=True)
            child.start()
            theirs.close()
            self.children.append((child, mine))

    def facts(self, rels: list[str]) -> None:
        parts = partition(rels, len(self.children) + 1, self._size)
        sent = [self._send(conn, ("facts", parts[number + 1]))
                for number, (_, conn) in enumerate(self.children)]
        for rel in parts[0]:
            self.owner[rel] = MAIN
        self.local.facts(parts[0])
        for number, (_, conn) in enumerate(self.children):
            reply = self._receive(conn) if sent[number] else None
            if reply is None:
                self.local.facts(parts[number + 1])
                for rel in parts[number + 1]:
                    self.owner[rel] = MAIN
                continue
            for head, blob in reply:
                self.store.add_packed(head, blob)
                self.owner[head.rel] = number

    def rules(self, index: ProjectIndex, rels: list[str]) -> list[FileResult]:
        shares: list[list[str]] = [[] for _ in range(len(self.children) + 1)]
        loose = []
        for rel in rels:
            owner = self.owner.get(rel)
            if owner is None:
                loose.append(rel)
            else:
                shares[owner + 1].append(rel)
        for number, extra in enumerate(partition(loose, len(shares), self._size)):
            shares[number].extend(extra)
        sent = []
        for number, (_, conn) in enumerate(self.children):
            theirs = {rel for rel, owner in self.owner.items() if owner == number}
            packed = self.store.packed([r for r in self.store.heads if r not in theirs])
            # Their own facts they keep; the heads may differ (see runner._keep_unchanged_facts).
            heads = [self.store.heads[r] for r in theirs if r in self.store.heads]
            sent.append(self._send(conn, ("rules", packed, shares[number + 1], heads)))
        results = self.local.rules(index, shares[0])
        for number, (_, conn) in enumerate(self.children):
            reply = self._receive(conn) if sent[number] else None
            results.extend(reply if reply is not None else self.local.rules(
                index, shares[number + 1]))
        return results

    def close(self) -> None:
        for child, conn in self.children:
            try:
                conn.send(("stop",))
                conn.close()
            except OSError:
                pass
            child.join(timeout=5)
            if child.is_alive():  # pragma: no cover - a stuck child
                child.kill()
        self.children = []

    def _send(self, conn: Connection, message: tuple[Any, ...]) -> bool:
        """Send work to a child; False (and counted as a failure) when it is gone."""
        try:
            conn.send(message)
        except (OSError, ValueError):
            self.failures += 1
            return False
        return True

    def _receive(self, conn: Connection) -> Any:
        try:
            status, payload = conn.recv()
        except (EOFError, OSError):
            status, payload = "error", None
        if status != "ok":
            self.failures += 1
            return None
        return payload

    def _size(self, rel: str) -> int:
        return len(self.project.source(rel).text or "") + 500


def partition(rels: list[str], parts: int, size: Any) -> list[list[str]]:
    """``rels`` in ``parts`` shares of about equal total size (largest files first)."""
    shares: list[list[str]] = [[] for _ in range(parts)]
    totals = [0] * parts
    for rel in sorted(rels, key=size, reverse=True):
        smallest = totals.index(min(totals))
        shares[smallest].append(rel)
        totals[smallest] += size(rel)
    return shares


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _serve(conn: Connection, project: Project, packages: frozenset[str],
           rule_ids: tuple[str, ...]) -> None:
    """A child's loop: ``("facts", rels)``, ``("rules", packed facts, rels)``, ``("stop",)``."""
    analyzer = Analyzer(project, packages, rule_ids)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message[0] == "stop":
            return
        try:
            if message[0] == "facts":
                found = analyzer.facts(message[1])
                reply: Any = [(head_of(f), pack(f)) for f in found]
            else:
                reply = analyzer.rules(_index(analyzer, message[1], packages, message[3]),
                                       message[2])
            conn.send(("ok", reply))
        except Exception:  # noqa: BLE001 - reported to the parent, which redoes the work
            conn.send(("error", traceback.format_exc()))


def _index(analyzer: Analyzer, packed: list[tuple[FactsHead, bytes]],
           packages: frozenset[str], own_heads: list[FactsHead]) -> ProjectIndex:
    store = FactsStore()
    for head, blob in packed:
        store.add_packed(head, blob)
    for facts in analyzer.own.values():
        store.add(facts)
    for head in own_heads:
        store.heads[head.rel] = head
    return ProjectIndex(store, packages)
