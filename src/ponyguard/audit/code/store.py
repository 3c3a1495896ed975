"""Module facts kept cheaply: a small head always in memory, the body pickled until needed.

Most of a project's facts are never consulted in a run (a flow only leaves its function at
a sink), so each module's full :class:`ModuleFacts` travels between processes and lives in
the cache as pickled bytes, and is unpickled only when a query needs it. The
:class:`FactsHead` — digest, routes, which project functions the module calls — is what
every run needs to build the project index and to check cached results.
"""

from __future__ import annotations

import dataclasses
import hashlib
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
    mentions: frozenset[str] = frozenset()
    """Names ending in ``Form`` that the module's text mentions (:attr:`ModuleFacts.mentions`)."""
    methods: frozenset[str] = frozenset()
    """Dotted names of the methods its classes define."""
    identity: str = ""
    """Which version of the facts these are: the digest of the source they were first
    computed from, kept while later edits leave the facts as they were (a comment, a body
    change that keeps the summaries), so results that depend on them stay valid."""

    @property
    def version(self) -> str:
        return self.identity or self.digest


def head_of(facts: ModuleFacts) -> FactsHead:
    return FactsHead(facts.rel, facts.module, facts.digest, facts.problem,
                     tuple(facts.routes), tuple(facts.includes),
                     frozenset(call.callee for call in facts.calls), frozenset(facts.classes),
                     mentions=facts.mentions,
                     methods=frozenset(q for q, f in facts.functions.items()
                                       if f.is_method and q.rpartition(".")[0] in facts.classes))


def facts_shape(facts: ModuleFacts) -> str:
    """A digest of ``facts`` without the source digest, the same in every process (sets are
    written in sorted order, so hash randomisation does not change it). Computed only for
    the files that changed, to tell whether other modules can learn anything new from them."""
    hasher = hashlib.blake2b(digest_size=16)
    _feed(hasher, dataclasses.replace(facts, digest=""))
    return hasher.hexdigest()


def _feed(hasher: hashlib.blake2b, value: object) -> None:
    """Write a canonical encoding of ``value`` (dataclasses, containers, scalars)."""
    pending: list[object] = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, (str, int, float, bool)) or item is None:
            hasher.update(f"{type(item).__name__}:{item!r};".encode("utf-8", "surrogatepass"))
        elif isinstance(item, (tuple, list)):
            hasher.update(f"[{len(item)};".encode())
            pending.extend(reversed(item))
        elif isinstance(item, dict):
            hasher.update(f"{{{len(item)};".encode())
            for key in sorted(item, key=repr, reverse=True):
                pending.extend((item[key], key))
        elif isinstance(item, (set, frozenset)):
            members = sorted((_canonical(member) for member in item), reverse=True)
            hasher.update(f"<{len(members)};".encode())
            pending.extend(members)
        elif dataclasses.is_dataclass(item):
            hasher.update(f"@{type(item).__name__};".encode())
            pending.extend(reversed([getattr(item, f.name) for f in dataclasses.fields(item)]))
        else:
            hasher.update(f"?{item!r};".encode("utf-8", "surrogatepass"))


def _canonical(value: object) -> str:
    """A set member as sortable text (its own canonical digest)."""
    hasher = hashlib.blake2b(digest_size=16)
    _feed(hasher, value)
    return hasher.hexdigest()


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
