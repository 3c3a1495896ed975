"""One walk per file: every node goes to the callbacks registered for its type.

``@rule.on(ast.Call)`` registers a callback ``check(node, ctx) -> Iterator[Finding]``.
Registering a base class (``ast.expr``, ``ast.stmt``) dispatches every concrete subclass;
``ast.FunctionDef`` does *not* include ``ast.AsyncFunctionDef`` (register both). Only the
rules of the run's selection are in the dispatch table, so an unselected rule costs nothing.

While walking, the visitor tells the :class:`FileContext` which function/class and
statement the node is in, so ``ctx.enclosing_function()`` and ``ctx.flow()`` are cheap.
A callback that raises does not stop the run: the error is collected (the run is then
reported incomplete) and the walk goes on. A ``RecursionError`` (an expression nested deeper
than the analysis can follow) is not a rule's bug: the runner adds a note for the file.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..core.finding import Finding
from ..core.rule import Rule
from .context import FileContext, Scopes


class _Named(Protocol):
    @property
    def id(self) -> str: ...


DispatchTable = dict[type, list[tuple[_Named, Callable[..., Iterable[Any]]]]]


@dataclass(frozen=True, slots=True)
class Collector:
    """A callback that gathers facts rather than findings (see :func:`add_collector`)."""

    id: str


def add_collector(table: DispatchTable, kind: type, name: str,
                  callback: Callable[..., Iterable[Any]]) -> None:
    """Also call ``callback(node, ctx)`` on nodes of ``kind``; what it yields is kept in
    :attr:`VisitResult.collected` instead of the findings."""
    collector = Collector(name)
    for concrete in _concrete(kind):
        table.setdefault(concrete, []).append((collector, callback))


def is_code_rule(rule: Rule) -> bool:
    """Whether a rule registered a callback for an AST node type."""
    return any(isinstance(t, type) and issubclass(t, ast.AST) for t in rule.callbacks)


def dispatch_table(rules: Iterable[Rule]) -> DispatchTable:
    """Concrete node type → (rule, callback) pairs, for the given rules."""
    table: DispatchTable = {}
    for rule in rules:
        for target, callbacks in rule.callbacks.items():
            if not (isinstance(target, type) and issubclass(target, ast.AST)):
                continue
            for concrete in _concrete(target):
                table.setdefault(concrete, []).extend((rule, cb) for cb in callbacks)
    return table


def _concrete(target: type) -> list[type]:
    """``target`` and every subclass of it (``ast.expr`` → ``ast.Call``, ``ast.Name``…)."""
    found = [target]
    pending: list[type] = list(target.__subclasses__())
    while pending:
        sub = pending.pop()
        found.append(sub)
        pending.extend(sub.__subclasses__())
    return found


@dataclass
class VisitResult:
    findings: list[Finding] = field(default_factory=list)
    collected: list[Any] = field(default_factory=list)
    """What collectors yielded (facts, not findings), in walk order."""
    errors: list[str] = field(default_factory=list)
    too_deep: bool = False
    """Some expression nests deeper than the analysis can follow (the rest was audited)."""


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_FIELDS: dict[type, tuple[str, ...]] = {}
_SKIP = frozenset({
    "ctx", "type_comment", "kind", "id", "attr", "arg", "asname", "module", "level",
    "conversion", "is_async", "kwd_attrs", "rest",
})
"""Fields that never hold nodes (names, flags); ``name`` and ``names`` are handled below."""
_NODE_NAMES = frozenset({"names"})


def _fields(kind: type) -> tuple[str, ...]:
    """The fields of a node type that may hold child nodes, in walking order."""
    if kind in (ast.Constant, ast.alias):
        return ()
    names = [n for n in getattr(kind, "_fields", ()) if n not in _SKIP]
    if kind not in (ast.Import, ast.ImportFrom):
        names = [n for n in names if n not in _NODE_NAMES]
    return tuple(n for n in names if n != "name")


def visit(ctx: FileContext, table: DispatchTable) -> VisitResult:
    """Walk ``ctx.tree`` once and run every matching callback."""
    result = VisitResult()
    if table:
        _Walker(ctx, table, result).walk(ctx.tree, (), None)
    return result


class _Walker:
    def __init__(self, ctx: FileContext, table: DispatchTable, result: VisitResult) -> None:
        self.ctx = ctx
        self.table = table
        self.result = result

    def walk(self, root: ast.AST, scopes: Scopes, statement: ast.stmt | None) -> None:
        """Pre-order, children in field order; iterative, so deep trees cannot overflow it."""
        table = self.table
        pending: list[tuple[ast.AST, Scopes, ast.stmt | None]] = [(root, scopes, statement)]
        while pending:
            node, scopes, statement = pending.pop()
            kind = type(node)
            if isinstance(node, ast.stmt):
                statement = node
            callbacks = table.get(kind)
            if callbacks is not None:
                self.run(node, callbacks, scopes, statement)
            names = _FIELDS.get(kind)
            if names is None:
                names = _FIELDS[kind] = _fields(kind)
            if not names:
                continue
            inner = (*scopes, node) if kind in _SCOPES else scopes
            children: list[tuple[ast.AST, Scopes, ast.stmt | None]] = []
            for name in names:
                value = getattr(node, name, None)
                target = inner if name == "body" else scopes
                if isinstance(value, list):
                    for item in value:
                        if isinstance(item, ast.AST):
                            children.append((item, target, statement))
                elif isinstance(value, ast.AST):
                    children.append((value, target, statement))
            pending.extend(reversed(children))

    def run(self, node: ast.AST, callbacks: list[tuple[_Named, Callable[..., Iterable[Any]]]],
            scopes: Scopes,
            statement: ast.stmt | None) -> None:
        ctx = self.ctx
        findings, collected = self.result.findings, self.result.collected
        ctx._set_current(node, scopes, statement)
        for rule, callback in callbacks:
            try:
                (collected if isinstance(rule, Collector) else findings).extend(
                    callback(node, ctx))
            except RecursionError:
                self.result.too_deep = True
            except Exception as exc:  # noqa: BLE001 - one rule's bug must not lose the run
                line = getattr(node, "lineno", "?")
                self.result.errors.append(
                    f"{rule.id} failed on {ctx.rel}:{line}: {type(exc).__name__}: {exc}")
