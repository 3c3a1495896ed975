"""The project index: every module's facts, looked up by dotted name, with dependencies.

It answers the taint engine's questions about the rest of the project (a function's
summary, its callers, the routes to a view, a class attribute through the bases, a form
field's type). While a file is analysed, every question is *recorded* with a digest of its
answer (:meth:`ProjectIndex.recording`); a cached result of that file stays valid as long as
every recorded answer is unchanged (:meth:`ProjectIndex.still_valid`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TypeVar

from ..taint.values import Value
from .facts import CallSite, ClassFacts, FunctionSummary, ModuleFacts, Route, UrlArg
from .store import FactsStore

Dependency = tuple[str, str]
"""``("file", rel)`` (its facts), ``("source", rel)`` (its text), ``("module", dotted)``,
``("callers", dotted)``, ``("class-name", name)``, ``("mentions", name)``,
``("method-name", name)`` or
``("routes", "")``."""
MAX_BASES = 8
MAX_ALIASES = 4
MAX_INCLUDE_DEPTH = 4
MAX_METHODS_NAMED = 8
T = TypeVar("T")


class ProjectIndex:
    """Facts of the audited modules, by module name, plus lazily built reverse indexes."""

    def __init__(self, store: FactsStore, packages: frozenset[str]) -> None:
        self.store = store
        self.packages = packages
        self.modules: dict[str, str] = {
            head.module: rel for rel, head in store.heads.items() if head.module}
        self._callers: dict[str, set[str]] | None = None
        self._routes: dict[str, list[Route]] | None = None
        self._names: dict[str, list[tuple[str, str]]] | None = None
        self._mentions: dict[str, list[str]] | None = None
        self._method_names: dict[str, list[tuple[str, str]]] | None = None
        self._answers: dict[Dependency, str] = {}
        self._recorded: set[Dependency] | None = None
        self._derived: dict[str, tuple[object, frozenset[Dependency]]] = {}

    # --- recording ------------------------------------------------------------------------

    @contextmanager
    def recording(self) -> Iterator[set[Dependency]]:
        """Record the dependencies of everything looked up inside the ``with`` block."""
        found: set[Dependency] = set()
        self._recorded = found
        try:
            yield found
        finally:
            self._recorded = None

    def _note(self, dependency: Dependency) -> None:
        if self._recorded is not None:
            self._recorded.add(dependency)

    def derived(self, key: str, compute: Callable[[ProjectIndex], T]) -> T:
        """A project-wide answer computed once per run (``compute(self)``), such as how many
        routed views require a login. Every use records the dependencies its computation had,
        so a cached result that relied on it is invalidated like one that asked directly."""
        entry = self._derived.get(key)
        if entry is None:
            outer, found = self._recorded, set[Dependency]()
            self._recorded = found
            try:
                value: object = compute(self)
            finally:
                self._recorded = outer
            entry = self._derived[key] = (value, frozenset(found))
        if self._recorded is not None:
            self._recorded.update(entry[1])
        return entry[0]  # type: ignore[return-value]

    def answer(self, dependency: Dependency) -> str:
        """A digest of the current answer to a recorded question."""
        if dependency not in self._answers:
            self._answers[dependency] = self._compute_answer(dependency)
        return self._answers[dependency]

    def still_valid(self, dependencies: Sequence[tuple[Dependency, str]]) -> bool:
        return all(self.answer(dep) == answer for dep, answer in dependencies)

    def _compute_answer(self, dependency: Dependency) -> str:
        kind, key = dependency
        heads = self.store.heads
        if kind == "file":
            return heads[key].version if key in heads else ""
        if kind == "source":
            return heads[key].digest if key in heads else ""
        if kind == "module":
            return self.modules.get(key, "")
        if kind == "callers":
            rels = sorted(self._caller_index().get(_last(key), ()))
        elif kind == "class-name":
            rels = sorted({rel for rel, _ in self._class_names().get(key, ())})
        elif kind == "mentions":
            rels = self._mention_index().get(key, [])
        elif kind == "method-name":
            rels = sorted({rel for rel, _ in self._methods().get(key, ())})
        else:
            rels = sorted(rel for rel, head in heads.items() if head.routes or head.includes)
        text = "\n".join(f"{rel}:{heads[rel].version}" for rel in rels)
        return hashlib.sha256(text.encode()).hexdigest()[:20]

    # --- modules and definitions ----------------------------------------------------------

    def facts(self, rel: str) -> ModuleFacts | None:
        self._note(("file", rel))
        return self.store.facts(rel)

    def note_source(self, rel: str) -> None:
        """Record that a result read ``rel``'s source itself, not only its facts (so any
        edit of that file invalidates it)."""
        self._note(("source", rel))

    def module_facts(self, dotted: str) -> ModuleFacts | None:
        """The facts of the module that defines ``dotted`` (longest module-name prefix)."""
        parts = dotted.split(".")
        for end in range(len(parts), 0, -1):
            name = ".".join(parts[:end])
            rel = self.modules.get(name)
            if rel is not None:
                return self.facts(rel)
        self._note(("module", dotted))
        return None

    def resolve(self, dotted: str) -> str:
        """``dotted`` through re-exports: ``app.utils.helper`` when ``app/utils/__init__.py``
        does ``from .text import helper`` is ``app.utils.text.helper``."""
        for _ in range(MAX_ALIASES):
            parts = dotted.split(".")
            for end in range(len(parts) - 1, 0, -1):
                rel = self.modules.get(".".join(parts[:end]))
                if rel is None:
                    continue
                facts = self.facts(rel)
                target = facts.imports.get(parts[end]) if facts is not None else None
                if target is None or target == ".".join(parts[: end + 1]):
                    return dotted
                dotted = ".".join([target, *parts[end + 1:]])
                break
            else:
                return dotted
        return dotted

    def function(self, qualname: str, follow: bool = True) -> FunctionSummary | None:
        facts = self.module_facts(qualname)
        if facts is not None and qualname in facts.functions:
            return facts.functions[qualname]
        target = self.resolve(qualname) if follow else qualname
        if target != qualname:
            return self.function(target, follow=False)
        owner, _, name = qualname.rpartition(".")
        for base in self.mro(owner)[1:]:
            found = self.module_facts(base)
            if found is not None and f"{base}.{name}" in found.functions:
                return found.functions[f"{base}.{name}"]
        holder, _, attr = owner.rpartition(".")
        instance = self._instance_class(holder, attr) if holder else None
        return self.function(f"{instance}.{name}") if instance else None

    def _instance_class(self, cls: str, name: str) -> str | None:
        """The project class of the object a class attribute holds: ``objects =
        RevisionManager()`` (or ``RevisionQuerySet.as_manager()``), so that
        ``Revision.objects.latest_for(x)`` is a call of ``RevisionManager.latest_for``."""
        callee = self.form_field(cls, name)
        if callee is None:
            return None
        callee = callee.removesuffix(".as_manager")
        return callee if self.cls(callee) is not None else None

    def cls(self, qualname: str, follow: bool = True) -> ClassFacts | None:
        facts = self.module_facts(qualname)
        found = facts.classes.get(qualname) if facts is not None else None
        if found is None and facts is not None and follow:
            target = self.resolve(qualname)
            if target != qualname:
                return self.cls(target, follow=False)
        return found

    def mro(self, qualname: str) -> list[str]:
        """The class and its project bases, depth first (at most :data:`MAX_BASES`)."""
        order: list[str] = []
        pending = [qualname]
        while pending and len(order) < MAX_BASES:
            name = pending.pop(0)
            if name in order:
                continue
            found = self.cls(name)
            if found is None:
                continue
            order.append(name)
            pending.extend(found.bases)
        return order

    def class_attr(self, qualname: str, name: str) -> str | None:
        for owner in self.mro(qualname):
            found = self.cls(owner)
            value = found.attr(name) if found is not None else None
            if value is not None:
                return value
        return None

    def form_field(self, form: str, name: str) -> str | None:
        for owner in self.mro(form):
            found = self.cls(owner)
            kind = found.field(name) if found is not None else None
            if kind is not None:
                return kind
        return None

    def attribute(self, cls: str, name: str) -> Value | None:
        """What ``self.<name>`` holds in ``cls``: the first project class of its MRO that
        assigns it (in its body or a method); None when no project class does."""
        for owner in self.mro(cls):
            facts = self.module_facts(owner)
            found = facts.attributes.get(owner, {}).get(name) if facts is not None else None
            if found is not None:
                return found
        return None

    def unique_class(self, name: str) -> str | None:
        """The one project class named ``name`` (``EmailUserCreationForm``), if exactly one:
        for classes loaded dynamically (``get_class("customer.forms", "...")``)."""
        self._note(("class-name", name))
        found = self._class_names().get(name, [])
        return found[0][1] if len(found) == 1 else None

    def _class_names(self) -> dict[str, list[tuple[str, str]]]:
        if self._names is None:
            names: dict[str, list[tuple[str, str]]] = {}
            for rel, head in self.store.heads.items():
                for qualname in head.classes:
                    names.setdefault(_last(qualname), []).append((rel, qualname))
            self._names = names
        return self._names

    def mentioning(self, name: str) -> list[str]:
        """The modules whose text mentions ``name`` (a form class's name), in path order."""
        self._note(("mentions", name))
        return self._mention_index().get(name, [])

    def _mention_index(self) -> dict[str, list[str]]:
        if self._mentions is None:
            mentions: dict[str, list[str]] = {}
            for rel in sorted(self.store.heads):
                for name in self.store.heads[rel].mentions:
                    mentions.setdefault(name, []).append(rel)
            self._mentions = mentions
        return self._mentions

    def methods_named(self, name: str) -> list[FunctionSummary] | None:
        """Every project method called ``name`` (for ``obj.name()`` on an object whose class
        is not known), in a fixed order; None when there are more than
        :data:`MAX_METHODS_NAMED`."""
        self._note(("method-name", name))
        found = sorted(self._methods().get(name, ()))
        if len(found) > MAX_METHODS_NAMED:
            return None
        summaries = []
        for rel, qualname in found:
            facts = self.store.facts(rel)
            summary = facts.functions.get(qualname) if facts is not None else None
            if summary is not None:
                summaries.append(summary)
        return summaries

    def _methods(self) -> dict[str, list[tuple[str, str]]]:
        if self._method_names is None:
            names: dict[str, list[tuple[str, str]]] = {}
            for rel, head in self.store.heads.items():
                for qualname in head.methods:
                    names.setdefault(_last(qualname), []).append((rel, qualname))
            self._method_names = names
        return self._method_names

    def is_views_module(self, rel: str) -> bool:
        return rel.endswith("views.py") or "/views/" in rel or rel.endswith("/api.py")

    # --- callers --------------------------------------------------------------------------

    def _caller_index(self) -> dict[str, set[str]]:
        if self._callers is None:
            index: dict[str, set[str]] = {}
            for rel, head in self.store.heads.items():
                for callee in head.callees:
                    index.setdefault(_last(callee), set()).add(rel)
            self._callers = index
        return self._callers

    def callers(self, qualname: str) -> list[CallSite]:
        """Call sites of ``qualname``, also through subclasses (``self.helper()`` in a child),
        constructors (``Policy(...)`` for ``Policy.__init__``) and managers
        (``Revision.objects.latest_for()``). Computed once per run for each name."""
        return self.derived("callers:" + qualname, lambda index: index._find_callers(qualname))

    def _find_callers(self, qualname: str) -> list[CallSite]:
        self._note(("callers", qualname))
        found: list[CallSite] = []
        last = _last(qualname)
        for rel in sorted(self._caller_index().get(last, ())):
            facts = self.store.facts(rel)
            for site in facts.calls if facts is not None else ():
                if site.callee == qualname or _last(site.callee) == last \
                        and self._target(site.callee) == qualname:
                    found.append(site)
        return found

    def _target(self, callee: str) -> str | None:
        """The function a call to ``callee`` reaches (through a subclass, a re-export, a
        manager), once per run for each name: every constructor call is a candidate caller
        of every ``__init__``."""
        def target(index: ProjectIndex) -> str | None:
            summary = index.function(callee)
            return summary.qualname if summary is not None else None
        return self.derived("function:" + callee, target)

    # --- routes ---------------------------------------------------------------------------

    def _route_index(self) -> dict[str, list[Route]]:
        if self._routes is None:
            self._routes = build_routes(self)
        return self._routes

    def routes_to(self, view: str) -> list[Route]:
        self._note(("routes", ""))
        return self._route_index().get(view, [])

    def has_routes(self) -> bool:
        self._note(("routes", ""))
        return bool(self._route_index())

    def routes(self) -> dict[str, list[Route]]:
        """Every route of the project, by view (do not modify)."""
        self._note(("routes", ""))
        return self._route_index()


def build_routes(index: ProjectIndex) -> dict[str, list[Route]]:
    """Routes by view, with the URL arguments of the ``include()`` s above them."""
    heads = index.store.heads
    prefixes: dict[str, list[tuple[str, tuple[UrlArg, ...]]]] = {}
    for head in heads.values():
        for edge in head.includes:
            rel = index.modules.get(edge.target)
            if rel is not None:
                prefixes.setdefault(rel, []).append((head.rel, edge.args))
    routes: dict[str, list[Route]] = {}
    for rel, head in heads.items():
        for prefix in _prefix_args(rel, prefixes, MAX_INCLUDE_DEPTH):
            for route in head.routes:
                combined = replace(route, args=prefix + route.args) if prefix else route
                routes.setdefault(route.view, []).append(combined)
    return routes


def _prefix_args(rel: str, prefixes: dict[str, list[tuple[str, tuple[UrlArg, ...]]]],
                 depth: int) -> list[tuple[UrlArg, ...]]:
    """Every chain of include() arguments that leads to module ``rel`` (``()`` at the root)."""
    above = prefixes.get(rel)
    if not above or depth == 0:
        return [()]
    found: list[tuple[UrlArg, ...]] = []
    for parent, args in above:
        if parent == rel:
            continue
        found.extend(outer + tuple(args) for outer in _prefix_args(parent, prefixes, depth - 1))
    return found or [()]


def _last(dotted: str) -> str:
    return dotted.rsplit(".", 1)[-1]
