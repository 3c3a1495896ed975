"""``if`` statements of a settings file, as a mixin of :class:`~.interpreter.Interpreter`.

A condition it can decide runs the branch taken. What the skipped branch would have changed then
depends on the condition's variables, a setting only the skipped branch sets is recorded as
"unset unless" those variables are set, and when the condition is on unset variables the skipped
branch is simulated to record each setting's alternative. A condition it cannot decide runs both
branches and makes the values they disagree on unknown. :func:`assigned_names` (the names a block
of statements sets or mutates) is shared with the interpreter.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .environment import EnvReader
from .imports import ImportFailed
from .refs import Ref
from .values import UNKNOWN, Alternative, EnvUse, Value, conditional, is_unknown, merge_env

if TYPE_CHECKING:
    from .resolver import Resolver

LIST_METHODS = frozenset({"append", "insert", "extend", "remove", "update", "setdefault",
                          "pop", "add", "discard", "clear"})


class BranchStatements:
    """``if``/``else`` for the interpreter, and the simulation of a skipped branch."""

    resolver: Resolver
    module: str
    package: str
    rel: str
    ns: dict[str, Value]
    condition: tuple[EnvUse, ...]
    undecided_depth: int
    """How many undecidable ``if`` statements enclose the code now running."""

    if TYPE_CHECKING:
        def run(self, body: list[ast.stmt]) -> None: ...
        def eval(self, node: ast.expr) -> Value: ...

    def _exec_If(self, node: ast.If) -> None:
        test = self.eval(node.test)
        truth = _truth(test.data)
        saved = self.condition
        self.condition = merge_env([Value(None, env=saved),
                                    Value(None, env=conditional(test.env))])
        try:
            if truth is None:
                self._run_both(node)
            else:
                taken, skipped = (node.body, node.orelse) if truth else (node.orelse, node.body)
                before = dict(self.ns)
                self.run(taken)
                self._depends_on_condition(skipped)
                self._record_alternatives(test, before, taken, skipped)
        finally:
            self.condition = saved

    def _record_alternatives(self, test: Value, before: dict[str, Value],
                             taken: list[ast.stmt], skipped: list[ast.stmt]) -> None:
        """Give the settings either branch sets what the other branch would have made them.

        Only for conditions on unset variables (the ones an "unless" clause names), and not
        inside such a simulation: one level of what-if is enough to tell "unless USE_GZIP is
        set" from a variable that could really change a finding.
        """
        names = test.env_defaulted
        if not names or self.resolver.simulating:
            return
        changed = {name for name, _ in assigned_names([*taken, *skipped]) if name.isupper()}
        if not changed:
            return
        other = self._simulate(before, skipped)
        for name in sorted(changed):
            current = self.ns.get(name)
            if current is None:
                continue
            flipped = other.get(name) if other is not None else None
            alternative = Alternative(names, UNKNOWN if flipped is None else flipped.data)
            self.ns[name] = replace(current, alternatives=(*current.alternatives, alternative))

    def _simulate(self, before: dict[str, Value], body: list[ast.stmt]
                  ) -> dict[str, Value] | None:
        """The namespace after running ``body`` from ``before``, leaving no notes behind."""
        resolver = self.resolver
        notes, files, broken = len(resolver.notes), len(resolver.files), set(resolver.broken)
        cached = set(resolver.cache)
        namespace = dict(before)
        resolver.simulating = True
        try:
            sandbox = resolver.interpreter(self.module, self.package, self.rel, namespace)
            sandbox.condition = self.condition
            sandbox.run(body)
        except ImportFailed:
            return None
        finally:
            resolver.simulating = False
            del resolver.notes[notes:]
            del resolver.files[files:]
            resolver.broken = broken
            for module in set(resolver.cache) - cached:  # run again, with notes, if imported
                del resolver.cache[module]
        return namespace

    def _depends_on_condition(self, skipped: list[ast.stmt]) -> None:
        """Values the skipped branch would have changed depend on the condition's variables;
        so does the absence of a setting only the skipped branch sets."""
        if not self.condition:
            return
        for name, _ in assigned_names(skipped):
            if name in self.ns:
                value = self.ns[name]
                self.ns[name] = replace(value, env=merge_env(
                    [value, Value(None, env=self.condition)]))
            elif name.isupper() and not self.resolver.simulating:
                self._unset_unless(name, self.condition)

    def _unset_unless(self, name: str, env: tuple[EnvUse, ...]) -> None:
        record = self.resolver.unset.setdefault(id(self.ns), {})
        record[name] = merge_env([Value(None, env=record.get(name, ())), Value(None, env=env)])

    def _run_both(self, node: ast.If) -> None:
        before = dict(self.ns)
        self.undecided_depth += 1
        try:
            self.run(node.body)
            after_body = dict(self.ns)
            self.ns.clear()
            self.ns.update(before)
            self.run(node.orelse)
        finally:
            self.undecided_depth -= 1
        after_else = dict(self.ns)
        line = node.lineno
        for name in set(after_body) | set(after_else):
            one, other = after_body.get(name), after_else.get(name)
            if one is not None and other is not None and _same(one, other):
                continue
            chosen = one or other
            assert chosen is not None
            self.ns[name] = replace(chosen, data=UNKNOWN, reason=(
                f"set differently by an `if` (line {line}) whose condition cannot be known"))


def assigned_names(body: list[ast.stmt]) -> Iterator[tuple[str, ast.AST]]:
    """The names ``body`` binds or mutates in place (``X = ...``, ``X.append(...)``), with nodes."""
    for statement in body:
        for node in ast.walk(statement):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                yield node.id, node
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and isinstance(node.func.value, ast.Name) and node.func.attr in LIST_METHODS:
                yield node.func.value.id, node


def _truth(data: Any) -> bool | None:
    if is_unknown(data) or isinstance(data, (Ref, EnvReader)):
        return None
    try:
        return bool(data)
    except TypeError:
        return None


def _same(one: Value, other: Value) -> bool:
    if is_unknown(one.data) or is_unknown(other.data):
        return one.data is other.data and one.origin == other.origin
    try:
        return bool(one.data == other.data) and type(one.data) is type(other.data)
    except TypeError:
        return False
