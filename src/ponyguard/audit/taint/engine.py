"""The intra-procedural analysis: statements of one function, in order, to a fixpoint.

:func:`analyze` runs a function body forwards over an environment (variable → Value):
assignments (tuple unpacking, augmented, ``self.x = …``, ``d[k] = …``), ``with … as``,
``for`` targets, ``.append()``-style mutation, ``if``/``while``/``try``/``match`` with both
branches joined, guards that refine a branch (see :mod:`.sanitizers`), and loops iterated
until nothing changes (at most :data:`MAX_LOOP_PASSES` passes). It records:

* ``returns``: the join of every returned value (the function's summary);
* ``snapshots`` (when ``record``): the environment before each statement, so that
  ``ctx.flow(expr, sink)`` can evaluate ``expr`` exactly where it appears;
* call sites into the project (when ``calls`` is given) and nested functions (``nested``).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field

from ..code.facts import CallSite
from ..code.names import import_bindings, package_of
from .assume import Assumptions
from .expressions import Evaluator, element_of
from .sanitizers import (
    DERIVED,
    FIELD_OF,
    MUTATORS,
    Guards,
    checked_field_name,
    field_names_checked,
    is_derived_name,
    is_test,
)
from .scope import FunctionInfo, FunctionNode, ModuleScope
from .sources import CBV_HANDLERS
from .values import (
    PARAM,
    REQUEST,
    SAFE,
    URLARG,
    Origin,
    Step,
    Value,
    data,
    join,
    join_env,
    of,
    stored,
    unknown,
    with_step,
)

Env = dict[str, Value]
MAX_LOOP_PASSES = 3


@dataclass
class Analysis:
    """The result of analysing one function (or a module's top-level code)."""

    info: FunctionInfo
    evaluator: Evaluator
    returns: Value = SAFE
    snapshots: dict[int, Env] = field(default_factory=dict)
    guards: dict[int, Guards] = field(default_factory=dict)
    """The guard variables known before each statement (when recording)."""
    nested: list[FunctionNode] = field(default_factory=list)
    attributes: dict[str, Value] = field(default_factory=dict)
    """Every value assigned to ``self.<name>`` in the function, joined by name."""


def analyze(scope: ModuleScope, info: FunctionInfo, body: list[ast.stmt] | None = None, *,
            record: bool = False, calls: dict[int, CallSite] | None = None,
            truthy: tuple[str, ...] = ()) -> Analysis:
    """Analyse ``info.node``'s body (or ``body`` for module-level code), following only the
    branches reachable when the variables ``truthy`` are true (see :mod:`.assume`)."""
    evaluator = Evaluator(scope, info, calls)
    if truthy:
        evaluator.assumptions = Assumptions(truthy)
    result = Analysis(info, evaluator)
    runner = _Runner(result, record)
    statements = body if body is not None else (info.node.body if info.node else [])
    runner.block(statements, initial_env(scope, info))
    return result


def initial_env(scope: ModuleScope, info: FunctionInfo) -> Env:
    """Parameters: ``self``, ``request``, URL arguments of CBV handlers, or PARAM origins."""
    env: Env = {}
    node = info.node
    if node is None:
        return env
    args = node.args
    line = node.lineno
    handler = info.in_view_class and node.name in CBV_HANDLERS
    cls = info.class_qual or ""
    positional = [*args.posonlyargs, *args.args]
    for index, arg in enumerate(positional):
        if index == 0 and info.is_method:
            env[arg.arg] = Value(obj="self")
        elif arg.arg == "request":
            env[arg.arg] = REQUEST
        elif handler:
            env[arg.arg] = of(Origin(URLARG, arg.arg, scope.rel, line, scope=cls))
        elif arg.arg == "form" and node.name in ("form_valid", "form_invalid") and cls:
            env[arg.arg] = Value(obj="form", scope=f"view:{cls}")
        else:
            env[arg.arg] = of(Origin(PARAM, arg.arg, scope.rel, line, scope=info.qualname))
    for arg in args.kwonlyargs:
        env[arg.arg] = REQUEST if arg.arg == "request" else of(
            Origin(PARAM, arg.arg, scope.rel, line, scope=info.qualname))
    if args.vararg is not None:
        env[args.vararg.arg] = of(Origin(URLARG, "", scope.rel, line, scope=cls)) if handler \
            else of(Origin(PARAM, args.vararg.arg, scope.rel, line, scope=info.qualname))
    if args.kwarg is not None:
        env[args.kwarg.arg] = Value(obj="urlkwargs", scope=cls) if handler else of(
            Origin(PARAM, args.kwarg.arg, scope.rel, line, scope=info.qualname))
    return env


class _Runner:
    def __init__(self, result: Analysis, record: bool) -> None:
        self.result = result
        self.ev = result.evaluator
        self.rel = result.evaluator.rel
        self.record = record
        self.loops: list[tuple[list[Env], list[Env]]] = []

    def block(self, statements: list[ast.stmt], env: Env | None) -> Env | None:
        for statement in statements:
            if env is None:
                return None
            if self.record:
                self.result.snapshots[id(statement)] = dict(env)
                if self.ev.guards:
                    self.result.guards[id(statement)] = dict(self.ev.guards)
            env = self.statement(statement, env)
        return env

    def statement(self, node: ast.stmt, env: Env) -> Env | None:
        handler = _STATEMENTS.get(type(node))
        if handler is not None:
            return handler(self, node, env)
        return env

    # --- simple statements ----------------------------------------------------------------

    def _assign(self, node: ast.Assign, env: Env) -> Env:
        value = self.ev.eval(node.value, env)
        self.check_fields(node.value, env)
        for target in node.targets:
            self.bind(target, value, env, node.value)
        target = node.targets[0]
        if len(node.targets) == 1 and isinstance(target, ast.Name):
            names = frozenset(n.id for n in ast.walk(node.value) if isinstance(n, ast.Name))
            if is_test(node.value, self.ev.scope.dotted):
                self.ev.guards[target.id] = (node.value, names)
            elif is_derived_name(node.value):
                self.ev.guards[DERIVED + target.id] = (node.value, names | {target.id})
            elif checked_field_name(node.value) is not None:
                self.ev.guards[FIELD_OF + target.id] = (node.value, names | {target.id})
        return env

    def _annassign(self, node: ast.AnnAssign, env: Env) -> Env:
        if node.value is not None:
            value = self.ev.eval(node.value, env)
            self.check_fields(node.value, env)
            self.bind(node.target, value, env, node.value)
        return env

    def check_fields(self, expr: ast.expr, env: Env) -> None:
        """After ``model._meta.get_field(name)`` returns, ``name`` is a field of the model: no
        relation or lookup (``user__password``), no SQL; but it may still name a secret
        field of that model (``password``), so it becomes of unknown origin rather than
        safe (a type check of the field then makes it safe, see :mod:`.sanitizers`)."""
        if not self.ev.saw_get_field:
            return
        self.ev.saw_get_field = False
        for name in field_names_checked(expr):
            if name in env and env[name].origins:
                env[name] = unknown(f"`{name}`, checked to be a field of the model by "
                                    "get_field()", self.rel, expr.lineno)

    def _augassign(self, node: ast.AugAssign, env: Env) -> Env:
        value = self.ev.eval(node.value, env)
        if isinstance(node.target, (ast.Name, ast.Attribute, ast.Subscript)):
            current = self.ev.eval(node.target, env)
            self.bind(node.target, join(data(current), data(value)), env, None)
        return env

    def _expr(self, node: ast.Expr, env: Env) -> Env:
        value = node.value
        self.ev.eval(value, env)
        self.check_fields(value, env)
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                and value.func.attr in MUTATORS:
            key = _key(value.func.value)
            if key is not None and key in env:
                env[key] = join(env[key], self._added(value, env))
        return env

    def _added(self, call: ast.Call, env: Env) -> Value:
        """What ``call`` (``x.append(a)``, ``d.update(k=v)``) puts into its receiver: the
        keyword values of ``update()`` and the value of ``setdefault(key, value)`` are values
        of a mapping (:func:`~.values.stored`)."""
        method = call.func.attr  # type: ignore[attr-defined]
        args = [data(self.ev.eval(a, env)) for a in call.args]
        if method == "setdefault" and len(args) == 2:
            args[1] = stored(args[1])
        keywords = [self.ev.eval(k.value, env) for k in call.keywords]
        return join(*args, *(data(v) if k.arg is None or method != "update" else stored(v)
                             for k, v in zip(call.keywords, keywords, strict=True)))

    def _return(self, node: ast.Return, env: Env) -> None:
        if node.value is not None:
            self.result.returns = join(self.result.returns, self.ev.eval(node.value, env))
        return None

    def _raise(self, node: ast.Raise, env: Env) -> None:
        if node.exc is not None:
            self.ev.eval(node.exc, env)
        return None

    def _break(self, node: ast.stmt, env: Env) -> None:
        if self.loops:
            self.loops[-1][0 if isinstance(node, ast.Break) else 1].append(env)
        return None

    def _assert(self, node: ast.Assert, env: Env) -> Env:
        self.ev.eval(node.test, env)
        return self.refine(node.test, env, True)

    def _delete(self, node: ast.Delete, env: Env) -> Env:
        for target in node.targets:
            if isinstance(target, ast.Name):
                env.pop(target.id, None)
        return env

    def _import(self, node: ast.Import | ast.ImportFrom, env: Env) -> Env:
        package = package_of(self.ev.scope.module, self.rel)
        for local, dotted in import_bindings(node, package):
            env[local] = Value(obj="name:" + dotted)
        return env

    def _define(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef,
                env: Env) -> Env:
        info = self.ev.info
        qualname = f"{info.qualname}.<locals>.{node.name}"
        env[node.name] = Value(obj="name:" + qualname)
        if not isinstance(node, ast.ClassDef):
            self.result.nested.append(node)
        return env

    # --- compound statements --------------------------------------------------------------

    def _if(self, node: ast.If, env: Env) -> Env | None:
        self.ev.eval(node.test, env)
        self.check_fields(node.test, env)
        inside = self.ev.branch(node.test, dict(env), True)
        outside = self.ev.branch(node.test, dict(env), False)
        then = self.block(node.body, inside) if inside is not None else None
        other = self.block(node.orelse, outside) if outside is not None else None
        return join_env(then, other)

    def _for(self, node: ast.For | ast.AsyncFor, env: Env) -> Env | None:
        element = element_of(self.ev.eval(node.iter, env))
        return self.loop(node, env, (node.target, element),
                         self.ev.counter(node.iter, node.target))

    def _while(self, node: ast.While, env: Env) -> Env | None:
        self.ev.eval(node.test, env)
        return self.loop(node, env, None)

    def loop(self, node: ast.For | ast.AsyncFor | ast.While, env: Env,
             target: tuple[ast.expr, Value] | None,
             counter: ast.expr | None = None) -> Env | None:
        """``counter``: the index variable of ``for i, x in enumerate(...)`` (an int)."""
        head = env
        breaks: list[Env] = []
        for _ in range(MAX_LOOP_PASSES):
            current = dict(head)
            if target is not None:
                self.bind(target[0], target[1], current, None)
            if isinstance(counter, ast.Name):
                current[counter.id] = SAFE
            if isinstance(node, ast.While):
                current = self.refine(node.test, current, True)
            continues: list[Env] = []
            self.loops.append((breaks, continues))
            out = self.block(node.body, current)
            self.loops.pop()
            merged = join_env(head, out, *continues)
            assert merged is not None
            if merged == head:
                break
            head = merged
        after = self.block(node.orelse, dict(head))
        return join_env(after, *breaks)

    def _with(self, node: ast.With | ast.AsyncWith, env: Env) -> Env | None:
        for item in node.items:
            value = self.ev.eval(item.context_expr, env)
            if item.optional_vars is not None:
                self.bind(item.optional_vars, value, env, item.context_expr)
        return self.block(node.body, env)

    def _try(self, node: ast.Try, env: Env) -> Env | None:
        body = self.block(node.body, dict(env))
        start = join_env(env, body)
        assert start is not None
        handled: list[Env | None] = []
        for handler in node.handlers:
            inner = dict(start)
            if handler.name:
                inner[handler.name] = unknown("an exception", self.rel, handler.lineno)
            handled.append(self.block(handler.body, inner))
        after = join_env(self.block(node.orelse, body) if body is not None else None, *handled)
        if node.finalbody:
            final = self.block(node.finalbody, dict(after if after is not None else start))
            return final if after is not None else None
        return after

    def _match(self, node: ast.Match, env: Env) -> Env | None:
        subject = data(self.ev.eval(node.subject, env))
        outs: list[Env | None] = []
        for case in node.cases:
            inner = dict(env)
            for sub in ast.walk(case.pattern):
                name = getattr(sub, "name", None)
                if isinstance(name, str):
                    inner[name] = subject
            if case.guard is not None:
                inner = self.refine(case.guard, inner, True)
            outs.append(self.block(case.body, inner))
        outs.append(env)
        return join_env(*outs)

    # --- helpers --------------------------------------------------------------------------

    def refine(self, test: ast.expr, env: Env, positive: bool) -> Env:
        return self.ev.refine(test, env, positive)

    def bind(self, target: ast.expr, value: Value, env: Env, source: ast.expr | None) -> None:
        if isinstance(target, ast.Name):
            env[target.id] = with_step(value, Step(f"`{target.id}`", self.rel, target.lineno))
            if self.ev.assumptions is not None:
                self.ev.assumptions.rebind(target.id, source)
            guards = self.ev.guards
            if guards:
                for stale in [g for g, (_, names) in guards.items()
                              if target.id in names or g == target.id]:
                    del guards[stale]
        elif isinstance(target, (ast.Tuple, ast.List)):
            pairs = _unpack(target, source)
            separator = _partition_separator(target, source)
            for index, (element, part) in enumerate(pairs):
                if index == separator:
                    part_value = SAFE  # the literal separator, or ""
                else:
                    part_value = self.ev.eval(part, env) if part is not None else data(value)
                self.bind(element, part_value, env, part)
        elif isinstance(target, ast.Starred):
            self.bind(target.value, data(value), env, None)
        elif isinstance(target, ast.Attribute):
            key = _key(target)
            if key is not None and key.startswith("self."):
                env[key] = with_step(value, Step(f"`{key}`", self.rel, target.lineno))
                known = self.result.attributes.get(key[5:])
                self.result.attributes[key[5:]] = data(value) if known is None else join(
                    known, data(value))
        elif isinstance(target, ast.Subscript):
            self.ev.eval(target.slice, env)
            key = _key(target.value)
            if key is not None and key in env and value.origins:
                env[key] = join(env[key], data(value) if _positional(target.slice)
                                else stored(value))


def _unpack(target: ast.Tuple | ast.List,
            source: ast.expr | None) -> list[tuple[ast.expr, ast.expr | None]]:
    if isinstance(source, (ast.Tuple, ast.List)) and len(source.elts) == len(target.elts) \
            and not any(isinstance(e, ast.Starred) for e in (*source.elts, *target.elts)):
        return list(zip(target.elts, source.elts, strict=True))
    return [(element, None) for element in target.elts]


def _partition_separator(target: ast.Tuple | ast.List, source: ast.expr | None) -> int | None:
    """1 for ``head, sep, tail = s.partition("-")`` (``rpartition`` too) with a literal
    separator: the middle part is that literal or empty, whatever ``s`` is."""
    if isinstance(source, ast.Call) and isinstance(source.func, ast.Attribute) \
            and source.func.attr in ("partition", "rpartition") and len(target.elts) == 3 \
            and len(source.args) == 1 and isinstance(source.args[0], ast.Constant):
        return 1
    return None


def _positional(index: ast.expr) -> bool:
    """``items[0] = x``, ``items[1:] = xs``: a list's elements rather than a mapping's values
    (``d["k"] = x``, ``d[key] = x``)."""
    return isinstance(index, ast.Slice) or (
        isinstance(index, ast.Constant) and isinstance(index.value, int))


def _key(node: ast.expr) -> str | None:
    """``x`` → "x"; ``self.x`` → "self.x"; anything else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
            and node.value.id == "self":
        return "self." + node.attr
    return None


_STATEMENTS: dict[type, Callable[..., Env | None]] = {
    ast.Assign: _Runner._assign,
    ast.AnnAssign: _Runner._annassign,
    ast.AugAssign: _Runner._augassign,
    ast.Expr: _Runner._expr,
    ast.Return: _Runner._return,
    ast.Raise: _Runner._raise,
    ast.Break: _Runner._break,
    ast.Continue: _Runner._break,
    ast.Assert: _Runner._assert,
    ast.Delete: _Runner._delete,
    ast.Import: _Runner._import,
    ast.ImportFrom: _Runner._import,
    ast.FunctionDef: _Runner._define,
    ast.AsyncFunctionDef: _Runner._define,
    ast.ClassDef: _Runner._define,
    ast.If: _Runner._if,
    ast.For: _Runner._for,
    ast.AsyncFor: _Runner._for,
    ast.While: _Runner._while,
    ast.With: _Runner._with,
    ast.AsyncWith: _Runner._with,
    ast.Try: _Runner._try,
    ast.Match: _Runner._match,
}
if hasattr(ast, "TryStar"):
    _STATEMENTS[ast.TryStar] = _Runner._try
