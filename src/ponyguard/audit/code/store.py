"""Module facts kept cheaply: a small head always in memory, the body pickled until needed.

Most of a project's facts are never consulted in a run (a flow only leaves its function at
a sink), so each module's full :class:`ModuleFacts` travels between processes and lives in
the cache as pickled bytes, and is unpickled only when a query needs it. The
:class:`FactsHead` — digest, routes, which project functions the module calls — is what
every run needs to build the project index and to check cached results.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass

from .facts import Include, ModuleFacts, Route


@dataclass(frozen=True, slots=True)
class FactsHead:
    """What the index needs of every module without unpickling its facts."""

    rel: str
    module: str | None
    digest: str
    problem: tuple[str, str, int | None] | None
    routes: tuple[Route, ...]
    includes: tuple[Include, ...]
    callees: frozenset[str]
    """Dotted names of the project functions the module calls."""
    classes: frozenset[str] = frozenset()
    """Dotted names of the classes the module defines."""


def head_of(facts: ModuleFacts) -> FactsHead:
    return FactsHead(facts.rel, facts.module, facts.digest, facts.problem,
                     tuple(facts.routes), tuple(facts.includes),
                     frozenset(call.callee for call in facts.calls), frozenset(facts.classes))


def pack(facts: ModuleFacts) -> bytes:
    return pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)


class FactsStore:
    """Heads of every module; full facts from objects at hand or unpickled on first use."""

    def __init__(self) -> None:
        self.heads: dict[str, FactsHead] = {}
        self._blobs: dict[str, bytes] = {}
        self._loaded: dict[str, ModuleFacts] = {}

    def add(self, facts: ModuleFacts, blob: bytes | None = None) -> None:
        self.heads[facts.rel] = head_of(facts)
        self._loaded[facts.rel] = facts
        if blob is not None:
            self._blobs[facts.rel] = blob

    def add_packed(self, head: FactsHead, blob: bytes) -> None:
        self.heads[head.rel] = head
        self._blobs[head.rel] = blob
        self._loaded.pop(head.rel, None)

    def facts(self, rel: str) -> ModuleFacts | None:
        found = self._loaded.get(rel)
        if found is None and rel in self._blobs:
            found = pickle.loads(self._blobs[rel])
            self._loaded[rel] = found
        return found

    def blob(self, rel: str) -> bytes:
        """The pickled facts of ``rel`` (pickled now if only the object is at hand)."""
        if rel not in self._blobs:
            facts = self._loaded[rel]
            self._blobs[rel] = pack(facts)
        return self._blobs[rel]

    def packed(self, rels: list[str] | None = None) -> list[tuple[FactsHead, bytes]]:
        chosen = self.heads if rels is None else rels
        return [(self.heads[rel], self.blob(rel)) for rel in chosen]
