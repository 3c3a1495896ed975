"""FileContext: everything a code rule may ask about the file it is looking at.

Code rules are written against this API only::

    \"\"\"<summary, then ## Why it matters / ## Insecure example / ## Fix / ## References>\"\"\"
    rule = Rule("PG2nn", "some-injection", "Title", Severity.HIGH, Confidence.HIGH,
                cwe=(89,), doc_text=__doc__, runtime=False)

    @rule.on(ast.Call)                      # any ast node type (FunctionDef, ClassDef, …)
    def check(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if ctx.qualname(node.func) != "django.db.connection.cursor().execute":
            return
        flow = ctx.flow(node.args[0], "sql")           # tainted / unknown / safe
        if not flow.safe:
            yield report(rule, ctx, node, flow, "...")  # rules/code/_support.py

What the context offers:

* ``rel``, ``module`` (dotted or None), ``source`` (:class:`SourceFile`: ``lines``,
  ``column()``), ``tree``, ``project`` and ``index`` (the project's facts);
* :meth:`qualname` — the dotted name of a name/attribute/call through the module's imports and
  single-assignment local variables: ``cursor.execute`` after ``cursor = connection.cursor()``
  is ``"django.db.connection.cursor().execute"``; builtins keep their bare name (``"eval"``);
* :meth:`flow` — where the value of an expression comes from, for one sink class
  (:mod:`ponyguard.audit.taint.sinks`); :meth:`value` is the raw engine value;
  :meth:`assigned_value` is the expression a local variable was bound to (once);
* :meth:`location`, :meth:`evidence`, :meth:`snippet` — 1-based code-point columns, the
  redacted source line, the expression's text;
* :meth:`enclosing_function`, :meth:`enclosing_class`, :meth:`enclosing_statement`,
  :meth:`function_qualname`, :meth:`is_view`;
* cheap facts: :attr:`looks_like_views`, :attr:`looks_like_urls`, :attr:`is_migration`,
  :attr:`is_test_file` (test files and migrations are not audited by default).
"""

from __future__ import annotations

import ast
import re
from functools import cached_property
from typing import TYPE_CHECKING

from ..core.finding import Location
from ..core.redact import redact_code
from .code.collect import module_label
from .code.names import import_bindings, package_of, short
from .taint.engine import Analysis, analyze
from .taint.flow import SAFE_FLOW, Flow, resolve
from .taint.scope import FunctionInfo, FunctionNode, ModuleScope, is_method, method_names
from .taint.sinks import check_sink
from .taint.sources import CBV_HANDLERS
from .taint.values import Value

if TYPE_CHECKING:
    from .code.facts import ModuleFacts
    from .code.index import ProjectIndex
    from .discovery import Project
    from .source import SourceFile

Scopes = tuple[ast.AST, ...]
"""The enclosing ``FunctionDef``/``ClassDef`` nodes, outermost first."""

TEST_FILE = re.compile(
    r"(^|/)(tests?|testing)(/|$)|(^|/)(test_[^/]*|[^/]*_tests?|tests|conftest)\.py$")
MIGRATION_FILE = re.compile(r"(^|/)migrations/[^/]+\.py$")


def is_test_file(rel: str) -> bool:
    """Files of a test suite: under ``tests/``/``test/``, ``test_*.py``, ``*_tests.py``…"""
    return bool(TEST_FILE.search(rel))


def is_migration(rel: str) -> bool:
    return bool(MIGRATION_FILE.search(rel))


class FileContext:
    """One Python file of the project, as code rules see it."""

    def __init__(self, source: SourceFile, tree: ast.Module, module: str | None,
                 facts: ModuleFacts, index: ProjectIndex, project: Project | None = None) -> None:
        self.source = source
        self.rel = source.rel
        self.tree = tree
        self.module = module
        self.project = project
        self.index = index
        self.scope = ModuleScope(source.rel, module_label(module, source.rel), facts.imports,
                                 facts.constants, facts.globals, facts.defs, index.packages,
                                 facts.escape_tables)
        self._analyses: dict[int, Analysis] = {}
        self._assumed: dict[tuple[int, tuple[str, ...]], Analysis] = {}
        self._locals: dict[int, dict[str, ast.expr | str | None]] = {}
        self._qualnames: dict[int, tuple[ast.AST, str | None]] = {}
        self._located: dict[int, tuple[ast.AST, Scopes, ast.stmt | None]] = {}
        self._current: tuple[ast.AST, Scopes, ast.stmt | None] = (tree, (), None)

    # --- cheap facts ----------------------------------------------------------------------

    @cached_property
    def looks_like_views(self) -> bool:
        return self.index.is_views_module(self.rel)

    @cached_property
    def looks_like_urls(self) -> bool:
        return self.rel.endswith("urls.py") or "/urls/" in self.rel

    @cached_property
    def is_migration(self) -> bool:
        return is_migration(self.rel)

    @cached_property
    def is_test_file(self) -> bool:
        return is_test_file(self.rel)

    # --- places ---------------------------------------------------------------------------

    def location(self, node: ast.AST) -> Location:
        """Where ``node`` is: 1-based line, 1-based code-point columns."""
        line = getattr(node, "lineno", None)
        if line is None:
            return Location(path=self.rel)
        end_line = getattr(node, "end_lineno", None)
        end_col = getattr(node, "end_col_offset", None)
        return Location(
            path=self.rel, line=line, column=self.source.column(line, node.col_offset),  # type: ignore[attr-defined]
            end_line=end_line,
            end_column=self.source.column(end_line, end_col) if end_line and end_col is not None
            else None)

    def evidence(self, node: ast.AST) -> str | None:
        """The (redacted) source line of ``node``."""
        line = self.source.line(getattr(node, "lineno", 0)).strip()
        return redact_code(line) if line else None

    def snippet(self, node: ast.AST, limit: int = 60) -> str:
        """The source text of ``node`` on one line, shortened."""
        return short(node, limit)

    # --- scopes ---------------------------------------------------------------------------

    def enclosing_function(self, node: ast.AST | None = None) -> FunctionNode | None:
        """The innermost function around ``node`` (default: the node being visited)."""
        scopes, _ = self._context(node)
        for owner in reversed(scopes):
            if isinstance(owner, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return owner
        return None

    def enclosing_class(self, node: ast.AST | None = None) -> ast.ClassDef | None:
        """The innermost class around ``node`` (a method's class)."""
        scopes, _ = self._context(node)
        for owner in reversed(scopes):
            if isinstance(owner, ast.ClassDef):
                return owner
        return None

    def enclosing_statement(self, node: ast.AST | None = None) -> ast.stmt | None:
        """The innermost statement around ``node`` (default: the node being visited): the
        assignment a call's result goes to, the ``return`` it is returned by…"""
        return self._context(node)[1]

    def function_qualname(self, func: FunctionNode | ast.ClassDef) -> str:
        """``app.views.InvoiceView.get`` for a method, ``app.views.detail`` for a function."""
        scopes, _ = self._context(func)
        return self._qualname((*scopes, func))

    def is_view(self, func: FunctionNode) -> bool:
        """Routed by a URL pattern, a CBV handler, or ``def x(request, ...)`` in a views module."""
        qualname = self.function_qualname(func)
        if self.index.routes_to(qualname):
            return True
        cls = self.enclosing_class(func)
        if cls is not None and func.name in CBV_HANDLERS:
            info = self._info(self._context(func)[0] + (func,))
            return info.in_view_class or bool(self.index.routes_to(info.class_qual or ""))
        args = func.args.posonlyargs + func.args.args
        return cls is None and bool(args) and args[0].arg == "request" and self.looks_like_views

    # --- names and flows ------------------------------------------------------------------

    def qualname(self, expr: ast.AST) -> str | None:
        """The dotted name ``expr`` refers to, through imports and local single assignments."""
        key = id(expr)
        if key not in self._qualnames:
            self._qualnames[key] = (expr, self._dotted(expr, 0))
        return self._qualnames[key][1]

    def _dotted(self, expr: ast.AST, depth: int) -> str | None:
        if depth > 6:
            return None
        if isinstance(expr, ast.Name):
            bindings = self._bindings(expr)
            if expr.id in bindings:
                bound = bindings[expr.id]
                if bound is None or isinstance(bound, str):
                    return bound
                return self._dotted(bound, depth + 1)
            return self.scope.lookup(expr.id)
        if isinstance(expr, ast.Attribute):
            base = self._dotted(expr.value, depth)
            return f"{base}.{expr.attr}" if base else None
        if isinstance(expr, ast.Call):
            base = self._dotted(expr.func, depth)
            return f"{base}()" if base else None
        if isinstance(expr, ast.Subscript):
            base = self._dotted(expr.value, depth)
            return f"{base}[]" if base else None
        return None

    def assigned_value(self, name: ast.Name) -> ast.expr | None:
        """The expression a local variable is bound to, when it is bound exactly once."""
        bound = self._bindings(name).get(name.id)
        return bound if isinstance(bound, ast.expr) else None

    def flow(self, expr: ast.expr, sink: str) -> Flow:
        """Where the value of ``expr`` comes from, judged for a ``sink``-class sink."""
        return resolve(self.value(expr), check_sink(sink), self.index)

    def value(self, expr: ast.expr) -> Value:
        """The engine's raw value of ``expr`` at the point where it appears."""
        scopes, statement = self._context(expr)
        analysis = self._analysis(scopes)
        key = id(statement)
        env = analysis.snapshots.get(key, {}) if statement is not None else {}
        analysis.evaluator.guards = dict(analysis.guards.get(key, {}))
        return analysis.evaluator.eval(expr, dict(env))

    def flow_assuming(self, expr: ast.expr, sink: str, truthy: tuple[str, ...]) -> Flow:
        """:meth:`flow` on the paths where the variables ``truthy`` of the enclosing function
        are true (safe where no such path reaches ``expr``)."""
        scopes, statement = self._context(expr)
        owner = scopes[-1] if scopes else None
        if not isinstance(owner, (ast.FunctionDef, ast.AsyncFunctionDef)) or statement is None:
            return self.flow(expr, sink)
        key = (id(owner), truthy)
        analysis = self._assumed.get(key)
        if analysis is None:
            analysis = analyze(self.scope, self._info(scopes), record=True, truthy=truthy)
            self._assumed[key] = analysis
        env = analysis.snapshots.get(id(statement))
        if env is None:
            return SAFE_FLOW
        analysis.evaluator.guards = dict(analysis.guards.get(id(statement), {}))
        return resolve(analysis.evaluator.eval(expr, dict(env)), check_sink(sink), self.index)

    # --- internals ------------------------------------------------------------------------

    def _set_current(self, node: ast.AST, scopes: Scopes, statement: ast.stmt | None) -> None:
        self._current = (node, scopes, statement)

    def _context(self, node: ast.AST | None) -> tuple[Scopes, ast.stmt | None]:
        current, scopes, statement = self._current
        if node is None or node is current or (
                not isinstance(node, (ast.stmt, ast.Lambda)) and encloses(current, node)
                and not isinstance(current, ast.stmt)):
            return scopes, statement
        key = id(node)
        found = self._located.get(key)
        if found is not None and found[0] is node:
            return found[1], found[2]
        if statement is not None and encloses(statement, node):
            inner_scopes, inner_statement = _locate(statement, node, scopes)
            located: tuple[Scopes, ast.stmt | None] = (inner_scopes,
                                                       inner_statement or statement)
        else:
            located = _locate(self.tree, node, ())
        self._located[key] = (node, *located)
        return located

    def _qualname(self, scopes: Scopes) -> str:
        name = self.scope.module
        previous: ast.AST | None = None
        for owner in scopes:
            if isinstance(previous, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name += ".<locals>"
            name += "." + owner.name  # type: ignore[attr-defined]
            previous = owner
        return name

    def _info(self, scopes: Scopes) -> FunctionInfo:
        owner = scopes[-1] if scopes else None
        qualname = self._qualname(scopes)
        if not isinstance(owner, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return FunctionInfo(qualname)
        parent = scopes[-2] if len(scopes) > 1 else None
        if isinstance(parent, ast.ClassDef):
            class_qual = self._qualname(scopes[:-1])
            bases = tuple(self.scope.dotted(b) or short(b, 80) for b in parent.bases)
            return FunctionInfo(qualname, owner, class_qual, bases,
                                is_method(owner, self.scope, True), method_names(parent))
        return FunctionInfo(qualname, owner)

    def _analysis(self, scopes: Scopes) -> Analysis:
        owner = scopes[-1] if scopes else self.tree
        key = id(owner)
        if key not in self._analyses:
            info = self._info(scopes)
            body = None if info.node is not None else owner.body  # type: ignore[attr-defined]
            self._analyses[key] = analyze(self.scope, info, body, record=True)
        return self._analyses[key]

    def _bindings(self, name: ast.Name) -> dict[str, ast.expr | str | None]:
        function = self.enclosing_function(name)
        if function is None:
            return {}
        bindings = self._locals.get(id(function))
        if bindings is None:
            bindings = self._locals[id(function)] = _local_bindings(function, self.scope)
        return bindings


def _local_bindings(function: FunctionNode,
                    scope: ModuleScope) -> dict[str, ast.expr | str | None]:
    """Local names bound once: to an expression, or to a dotted name by a local import.

    Parameters and names bound more than once map to None (not resolvable). Only statements
    are looked at (names bound by ``:=`` or comprehensions are not seen): this runs for
    every function a rule asks a name about, so it must stay cheap.
    """
    found: dict[str, ast.expr | str | None] = {}
    args = function.args
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg):
        if arg is not None:
            found[arg.arg] = None
    package = package_of(scope.module, scope.rel)

    def bind(target: ast.expr | None, value: ast.expr | str | None) -> None:
        if isinstance(target, ast.Name):
            found[target.id] = value if target.id not in found else None
        elif isinstance(target, (ast.Tuple, ast.List, ast.Starred)):
            for element in (target.elts if not isinstance(target, ast.Starred)
                            else [target.value]):
                bind(element, None)
                if isinstance(element, ast.Name):
                    found[element.id] = None

    pending = list(function.body)
    while pending:
        node = pending.pop()
        kind = type(node)
        if kind is ast.Assign:
            for target in node.targets:  # type: ignore[attr-defined]
                bind(target, node.value)  # type: ignore[attr-defined]
        elif kind is ast.AnnAssign or kind is ast.AugAssign:
            bind(node.target,  # type: ignore[attr-defined]
                 node.value if kind is ast.AnnAssign else None)  # type: ignore[attr-defined]
        elif kind is ast.With or kind is ast.AsyncWith:
            for item in node.items:  # type: ignore[attr-defined]
                bind(item.optional_vars, item.context_expr)
        elif kind is ast.For or kind is ast.AsyncFor:
            bind(node.target, None)  # type: ignore[attr-defined]
        elif kind is ast.Import or kind is ast.ImportFrom:
            for local, dotted in import_bindings(node, package):  # type: ignore[arg-type]
                found[local] = dotted if local not in found else None
        elif kind is ast.FunctionDef or kind is ast.AsyncFunctionDef or kind is ast.ClassDef:
            found[node.name] = None  # type: ignore[attr-defined]
            continue
        pending.extend(_child_statements(node))
        if kind is ast.Try or kind.__name__ == "TryStar":
            for handler in node.handlers:  # type: ignore[attr-defined]
                if handler.name:
                    found[handler.name] = None
    return found


def encloses(outer: ast.AST, inner: ast.AST) -> bool:
    """Whether ``inner`` lies within ``outer`` in the same file (by position, no walk)."""
    try:
        start = (outer.lineno, outer.col_offset)  # type: ignore[attr-defined]
        end = (outer.end_lineno, outer.end_col_offset)  # type: ignore[attr-defined]
        return start <= (inner.lineno, inner.col_offset) and (  # type: ignore[attr-defined]
            inner.end_lineno, inner.end_col_offset) <= end  # type: ignore[attr-defined]
    except (AttributeError, TypeError):
        return False


def _locate(root: ast.AST, target: ast.AST, scopes: Scopes) -> tuple[Scopes, ast.stmt | None]:
    """The scopes and innermost statement around ``target``, descending from ``root``."""
    statement: ast.stmt | None = root if isinstance(root, ast.stmt) else None
    node = root
    while True:
        if node is not root and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                  ast.ClassDef)):
            if node is target or not _in_body(node, target):
                return scopes, statement
            scopes = (*scopes, node)
        elif node is root and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                ast.ClassDef)) and node is not target \
                and _in_body(node, target):
            scopes = (*scopes, node)
        child = next((c for c in _child_statements(node) if encloses(c, target)), None)
        if child is None:
            return scopes, statement
        statement, node = child, child


def _in_body(owner: ast.AST, target: ast.AST) -> bool:
    return any(encloses(s, target) for s in owner.body)  # type: ignore[attr-defined]


def _child_statements(node: ast.AST) -> list[ast.stmt]:
    """The statements directly inside a statement's blocks (or a module's body)."""
    found: list[ast.stmt] = []
    for name in ("body", "orelse", "finalbody"):
        block = getattr(node, name, None)
        if isinstance(block, list):
            found.extend(block)
    for handler in getattr(node, "handlers", ()):
        found.extend(handler.body)
    for case in getattr(node, "cases", ()):
        found.extend(case.body)
    return found


__all__ = ["FileContext", "encloses", "is_migration", "is_test_file"]
