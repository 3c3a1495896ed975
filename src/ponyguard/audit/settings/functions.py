"""Calling the project's own helper functions without running them.

Settings modules often wrap environment reads in small helpers: healthchecks'
``envbool(name, default)``, paperless-ngx's ``get_bool_from_env``, saleor's ``get_list``. A
helper *defined in the project* (in the settings module or a project module it imports) is
called by interpreting its body with the arguments bound, so a setting such as
``DEBUG = envbool("DEBUG", "True")`` keeps its provenance: which variable, which default.

Only straight-line bodies are modelled: a docstring, assignments to local names, ``if``/
``elif``/``else`` whose condition can be decided, ``return``, ``raise``, ``pass`` and calls whose
result is unused (logging, warnings). An ``if`` whose condition cannot be decided is followed
only when one branch just raises (a validation guard: the settings that load are the ones where
it did not raise) or when neither branch returns (then locals the branches disagree on become
unknown). Anything else (loops, ``try``, ``with``, ``global``, assignments to attributes or
items, mutating a list, nested definitions, recursion deeper than :data:`MAX_DEPTH`) makes the
result unknown with the reason. Every condition the call decided on is part of the result's
environment dependencies.
"""

from __future__ import annotations

import ast
from typing import Any

from .evaluator import Evaluator
from .refs import FunctionDefinition, Ref, bind_target, truth
from .values import UNKNOWN, Value, merge_env

MAX_DEPTH = 8
"""Nested helper calls followed (``get_bool_from_env`` → ``str_to_bool`` is two)."""
MUTATING_METHODS = frozenset({"append", "insert", "extend", "remove", "update", "setdefault",
                              "pop", "popitem", "add", "discard", "clear", "sort", "reverse"})
HARMLESS_DECORATORS = frozenset({"cache", "lru_cache", "functools.cache",
                                 "functools.lru_cache"})
"""Decorators that do not change what a call returns."""


def modelled(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether calls to this definition can be interpreted (plain, non-async, undecorated)."""
    if isinstance(node, ast.AsyncFunctionDef):
        return False
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if ast.unparse(target) not in HARMLESS_DECORATORS:
            return False
    return True


class _Return(Exception):
    def __init__(self, value: Value) -> None:
        self.value = value


class _Raise(Exception):
    pass


class _Unmodelled(Exception):
    def __init__(self, reason: str, *parts: Value) -> None:
        super().__init__(reason)
        self.reason = reason
        self.parts = parts


def call_function(evaluator: Evaluator, definition: FunctionDefinition, node: ast.Call,
                  args: list[Value], kwargs: dict[str, Value]) -> Value:
    """The value a call to a project helper returns, with the call site as its origin."""
    name = definition.node.name
    parts = [*args, *kwargs.values()]
    if evaluator.depth >= MAX_DEPTH:
        return evaluator.unknown(node, f"calls {name}() through too many nested helpers", *parts)
    if any(isinstance(a, ast.Starred) for a in node.args) or any(
            k.arg is None for k in node.keywords):
        return evaluator.unknown(node, f"calls {name}() with *args or **kwargs", *parts)
    local = _bind_arguments(definition, args, kwargs)
    if local is None:
        return evaluator.unknown(node, f"calls {name}() with arguments that do not match its "
                                 "parameters", *parts)
    inner = evaluator.scoped(local, rel=definition.rel, outer=definition.scope)
    inner.depth = evaluator.depth + 1
    frame = _Frame(inner, local)
    origin = evaluator.origin(node)
    try:
        frame.run(definition.node.body)
        result = Value(None, origin, hardcoded=True)
    except _Return as returned:
        result = returned.value
    except _Raise:
        return Value(UNKNOWN, origin, env=merge_env([*parts, *frame.conditions]),
                     reason=f"calls {name}(), which raises for these arguments")
    except _Unmodelled as unmodelled:
        return Value(UNKNOWN, origin, env=merge_env([*parts, *frame.conditions,
                                                     *unmodelled.parts]),
                     reason=f"calls {name}(), which {unmodelled.reason}")
    env = merge_env([result, *frame.conditions])
    reason = result.reason
    if result.data is UNKNOWN and reason and not reason.startswith("in "):
        reason = f"in {name}(): {reason}"
    return result.with_data(result.data, origin=origin, env=env, reason=reason)


def _bind_arguments(definition: FunctionDefinition, args: list[Value],
                    kwargs: dict[str, Value]) -> dict[str, Value] | None:
    """Parameters bound the way Python binds them, or None when the call would fail."""
    spec = definition.node.args
    positional = [*spec.posonlyargs, *spec.args]
    defaults: dict[str, Value] = dict(zip(
        [p.arg for p in positional[len(positional) - len(definition.defaults):]],
        definition.defaults, strict=True))
    remaining = dict(kwargs)
    local: dict[str, Value] = {}
    for index, parameter in enumerate(positional):
        if index < len(args):
            if parameter.arg in remaining:
                return None
            local[parameter.arg] = args[index]
        elif parameter.arg in remaining and parameter not in spec.posonlyargs:
            local[parameter.arg] = remaining.pop(parameter.arg)
        elif parameter.arg in defaults:
            local[parameter.arg] = defaults[parameter.arg]
        else:
            return None
    extra = args[len(positional):]
    if spec.vararg is not None:
        local[spec.vararg.arg] = Value(tuple(v.data for v in extra), env=merge_env(extra),
                                       hardcoded=all(v.hardcoded for v in extra))
    elif extra:
        return None
    for parameter, default in zip(spec.kwonlyargs, definition.kw_defaults, strict=True):
        if parameter.arg in remaining:
            local[parameter.arg] = remaining.pop(parameter.arg)
        elif default is not None:
            local[parameter.arg] = default
        else:
            return None
    if spec.kwarg is not None:
        local[spec.kwarg.arg] = Value({k: v.data for k, v in remaining.items()},
                                      env=merge_env(remaining.values()),
                                      hardcoded=all(v.hardcoded for v in remaining.values()),
                                      leaves={(k,): v for k, v in remaining.items()})
    elif remaining:
        return None
    return local


class _Frame:
    """Runs one helper body; raises :class:`_Return`, :class:`_Raise` or :class:`_Unmodelled`."""

    def __init__(self, evaluator: Evaluator, local: dict[str, Value]) -> None:
        self.evaluator = evaluator
        self.local = local
        self.conditions: list[Value] = []

    def run(self, body: list[ast.stmt]) -> None:
        for statement in body:
            self.step(statement)

    def step(self, statement: ast.stmt) -> None:
        if isinstance(statement, ast.Expr):
            self._expression(statement.value)
        elif isinstance(statement, ast.Assign):
            value = self.evaluator.eval(statement.value)
            for target in statement.targets:
                self._assign(target, value)
        elif isinstance(statement, ast.AnnAssign):
            if statement.value is not None:
                self._assign(statement.target, self.evaluator.eval(statement.value))
        elif isinstance(statement, ast.AugAssign):
            self._augmented(statement)
        elif isinstance(statement, ast.If):
            self._if(statement)
        elif isinstance(statement, ast.Return):
            value = self.evaluator.eval(statement.value) if statement.value is not None \
                else Value(None, self.evaluator.origin(statement), hardcoded=True)
            raise _Return(value)
        elif isinstance(statement, ast.Raise):
            raise _Raise
        elif not isinstance(statement, ast.Pass):
            raise _Unmodelled(f"uses a {type(statement).__name__} statement (line "
                              f"{statement.lineno})")

    def _expression(self, expression: ast.expr) -> None:
        """A docstring or a call for its side effect: only a mutation of data matters."""
        if not isinstance(expression, ast.Call):
            return
        func = expression.func
        if isinstance(func, ast.Attribute) and func.attr in MUTATING_METHODS:
            base = func.value
            while isinstance(base, (ast.Attribute, ast.Subscript)):
                base = base.value
            if isinstance(base, ast.Name) and base.id in self.evaluator.namespace and not \
                    isinstance(self.evaluator.namespace[base.id].data, Ref):
                raise _Unmodelled(f"changes {base.id} with .{func.attr}() (line "
                                  f"{expression.lineno})")
        self.evaluator.eval(expression)  # a walrus inside still binds

    def _assign(self, target: ast.expr, value: Value) -> None:
        if not isinstance(target, (ast.Name, ast.Tuple, ast.List)):
            raise _Unmodelled(f"assigns to {ast.unparse(target)} (line {target.lineno})")
        if not bind_target(target, value, self.local):
            for node in ast.walk(target):
                if isinstance(node, ast.Name):
                    self.local[node.id] = value.with_data(
                        UNKNOWN, reason="unpacked from a value that cannot be known")

    def _augmented(self, statement: ast.AugAssign) -> None:
        if not isinstance(statement.target, ast.Name):
            raise _Unmodelled(f"assigns to {ast.unparse(statement.target)} (line "
                              f"{statement.lineno})")
        combined = ast.BinOp(left=ast.Name(statement.target.id, ast.Load()), op=statement.op,
                             right=statement.value)
        ast.copy_location(combined, statement)
        ast.fix_missing_locations(combined)
        self.local[statement.target.id] = self.evaluator.eval(combined)

    def _if(self, statement: ast.If) -> None:
        test = self.evaluator.eval(statement.test)
        self.conditions.append(test)
        decided = truth(test.data)
        if decided is not None:
            self.run(statement.body if decided else statement.orelse)
            return
        body_raises, else_raises = _raises(statement.body), _raises(statement.orelse)
        if body_raises != else_raises:
            self.run(statement.orelse if body_raises else statement.body)
            return
        if _exits(statement.body) or _exits(statement.orelse):
            raise _Unmodelled(f"returns depending on a condition that cannot be known (line "
                              f"{statement.lineno})", test)
        before = dict(self.local)
        self.run(statement.body)
        after_body = dict(self.local)
        self.local.clear()
        self.local.update(before)
        self.run(statement.orelse)
        for name in set(after_body) | set(self.local):
            one, other = after_body.get(name), self.local.get(name)
            if one is None or other is None or not _same(one.data, other.data):
                chosen = one or other
                assert chosen is not None
                self.local[name] = chosen.with_data(UNKNOWN, reason=(
                    f"set differently by an `if` (line {statement.lineno}) whose condition "
                    "cannot be known"))


def _raises(body: list[ast.stmt]) -> bool:
    """A branch that only validates: it ends in ``raise`` and returns nothing."""
    return bool(body) and isinstance(body[-1], ast.Raise) and not _exits(body[:-1])


def _exits(body: list[ast.stmt]) -> bool:
    return any(isinstance(node, (ast.Return, ast.Raise)) for statement in body
               for node in ast.walk(statement))


def _same(one: Any, other: Any) -> bool:
    if one is UNKNOWN or other is UNKNOWN:
        return False
    try:
        return bool(one == other) and type(one) is type(other)
    except TypeError:
        return False
