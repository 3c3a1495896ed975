"""Resolve a settings module statically: interpret its AST, never import it.

Handled: split settings (``from .base import *`` chains, ``from .base import NAME``, later
overrides), django-split-settings ``include()``/``optional()``, ``+=``, ``.append``,
``.insert``, ``.extend``, ``.remove``, ``.update``, item assignment
(``DATABASES["default"]["PASSWORD"] = ...``), ``try: from .local import * except
ImportError`` (optional imports), ``if``/``else`` on conditions it can decide (an undecidable
one makes the values its branches disagree on unknown), ``for`` over known lists, ``list +=
tuple``, calls to the project's own helper functions (:mod:`.functions`), and every expression
:mod:`.evaluator` models. Each value keeps the file and line that set it.

This module holds the entry point :func:`resolve_settings`, what it returns
(:class:`Resolution`, :class:`ResolverNote`), and :class:`Resolver`, which runs each module once
per resolution. The statements of a file are executed by :class:`~.interpreter.Interpreter`,
with imports in :mod:`.imports` and ``if`` in :mod:`.branches`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .environment import EnvReader
from .interpreter import Interpreter
from .refs import Ref
from .values import EnvUse, Value

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..discovery import Project


@dataclass(frozen=True)
class ResolverNote:
    """Something the resolver could not do; becomes a PG0xx finding."""

    kind: str
    """``"syntax"`` (PG001), ``"unreadable"`` (PG002) or ``"import-not-followed"`` (PG007)."""
    rel: str
    line: int | None
    message: str


@dataclass
class Resolution:
    """One settings module, resolved: its settings with provenance, and what went wrong."""

    module: str
    rel: str
    values: dict[str, Value]
    notes: list[ResolverNote] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    """Every project file the module's evaluation read, in order."""
    broken: bool = False
    """The settings module itself could not be read or parsed."""
    unset_unless: dict[str, tuple[EnvUse, ...]] = field(default_factory=dict)
    """Settings left unset only because an ``if`` on these variables skipped the branch that
    sets them (``if env.bool("HTTPS"): SECURE_SSL_REDIRECT = True``)."""



def resolve_settings(
    project: Project, module: str, profile: Mapping[str, str]
) -> Resolution | None:
    """Resolve ``module`` under the environment ``profile``; None when it is not in the tree."""
    rel = project.module_file(module)
    if rel is None:
        return None
    resolver = Resolver(project, dict(profile))
    namespace = resolver.run_module(module)
    values = {
        name: value for name, value in (namespace or {}).items()
        if name.isupper() and not isinstance(value.data, (Ref, EnvReader))
    }
    unset = resolver.unset.get(id(namespace), {}) if namespace is not None else {}
    return Resolution(module, rel, values, resolver.notes, list(dict.fromkeys(resolver.files)),
                      broken=rel in resolver.broken,
                      unset_unless={name: env for name, env in unset.items()
                                    if name not in (namespace or {})})


class Resolver:
    """Runs modules once each (a cache per resolution) and collects notes."""

    def __init__(self, project: Project, profile: dict[str, str]) -> None:
        self.project = project
        self.profile = profile
        self.cache: dict[str, dict[str, Value]] = {}
        self.running: set[str] = set()
        self.notes: list[ResolverNote] = []
        self.files: list[str] = []
        self.broken: set[str] = set()
        self.simulating = False
        """Running the branch an ``if`` skipped, to learn what it would have set."""
        self.required: dict[str, str] = {}
        """Variables the settings stop without: a ``raise`` ran because they were unset."""
        self.unset: dict[int, dict[str, tuple[EnvUse, ...]]] = {}
        """Per namespace (by id): names only a skipped branch sets, and its condition."""

    def note(self, kind: str, rel: str, line: int | None, message: str) -> None:
        self.notes.append(ResolverNote(kind, rel, line, message))

    def run_module(self, module: str) -> dict[str, Value] | None:
        rel = self.project.module_file(module)
        if rel is None:
            return None
        if module in self.cache:
            return self.cache[module]
        if module in self.running:
            return {}
        self.running.add(module)
        namespace: dict[str, Value] = {}
        self.run_file(rel, module, namespace)
        self.running.discard(module)
        self.cache[module] = namespace
        return namespace

    def run_file(self, rel: str, module: str, namespace: dict[str, Value]) -> None:
        self.files.append(rel)
        source = self.project.source(rel)
        tree = source.tree
        if tree is None:
            self.broken.add(rel)
            self.note(source.problem_kind or "unreadable", rel, source.problem_line,
                      source.problem or "cannot be read")
            return
        package = module if self.project.is_package(rel) else module.rpartition(".")[0]
        self.interpreter(module, package, rel, namespace).run(tree.body)

    def interpreter(self, module: str, package: str, rel: str,
                    namespace: dict[str, Value]) -> Interpreter:
        """An interpreter of one file of ``module``, executing into ``namespace``."""
        return Interpreter(self, module, package, rel, namespace)
