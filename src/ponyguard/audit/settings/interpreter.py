"""Execute the statements of one settings file into its namespace.

:class:`Interpreter` handles assignments (to names, by unpacking, and to items:
``DATABASES["default"]["PASSWORD"] = ...``), ``+=``, the methods that mutate a list or dict
(``.append``, ``.update``...), ``for`` over known items, ``while`` and ``with``, function and
class definitions (a helper it can model becomes a :class:`~.refs.FunctionDefinition` for
:mod:`.functions`), ``del``, and a ``raise`` reached because variables are unset (they become
required). Import statements, ``include()`` and ``try`` come from the mixin in :mod:`.imports`;
``if`` from the one in :mod:`.branches`. Expressions are left to :class:`~.evaluator.Evaluator`.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from . import functions
from .branches import LIST_METHODS, BranchStatements, assigned_names
from .environment import EnvReader
from .evaluator import Evaluator
from .imports import ImportStatements, is_ref
from .refs import FunctionDefinition, Ref
from .values import MISSING, UNKNOWN, EnvUse, Origin, Value, is_unknown, merge_env

if TYPE_CHECKING:
    from .resolver import Resolver

MAX_LOOP_UNROLL = 64


class Interpreter(ImportStatements, BranchStatements):
    """Executes the statements of one file into a namespace."""

    def __init__(self, resolver: Resolver, module: str, package: str, rel: str,
                 namespace: dict[str, Value]) -> None:
        self.resolver = resolver
        self.module = module
        self.package = package
        self.rel = rel
        self.ns = namespace
        self.evaluator = Evaluator(namespace, resolver.profile, rel)
        self.evaluator.required = resolver.required
        self.evaluator.modules = resolver.run_module
        self.condition: tuple[EnvUse, ...] = ()
        self.try_depth = 0
        self.undecided_depth = 0

    def run(self, body: list[ast.stmt]) -> None:
        for statement in body:
            handler = getattr(self, f"_exec_{type(statement).__name__}", None)
            if handler is not None:
                handler(statement)
            else:
                self._forget_assigned([statement], "set in a statement the audit does not model")

    # binding ----------------------------------------------------------------------------
    def bind(self, name: str, value: Value, node: ast.AST) -> None:
        origin = Origin(self.rel, getattr(node, "lineno", 1), getattr(node, "col_offset", 0) + 1)
        env = merge_env([value, Value(None, env=self.condition)]) if self.condition else value.env
        self.ns[name] = replace(value, origin=origin, env=env)

    def eval(self, node: ast.expr) -> Value:
        return self.evaluator.eval(node)

    # assignments ------------------------------------------------------------------------
    def _exec_Assign(self, node: ast.Assign) -> None:
        value = self.eval(node.value)
        for target in node.targets:
            self._assign(target, value, node)

    def _exec_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self._assign(node.target, self.eval(node.value), node)

    def _exec_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.target, ast.Name):
            current = self.ns.get(node.target.id)
            if current is not None and isinstance(current.data, list) \
                    and isinstance(node.op, ast.Add):
                # list += iterable extends in place: MIDDLEWARE += ("a.Middleware",)
                added = self.eval(node.value)
                if isinstance(added.data, (tuple, set, frozenset, str)):
                    self.bind(node.target.id, replace(
                        current, data=[*current.data, *added.data],
                        env=merge_env([current, added]),
                        hardcoded=current.hardcoded and added.hardcoded), node)
                    return
            combined = ast.BinOp(left=ast.Name(node.target.id, ast.Load()), op=node.op,
                                 right=node.value)
            ast.copy_location(combined, node)
            ast.fix_missing_locations(combined)
            self.bind(node.target.id, self.eval(combined), node)

    def _assign(self, target: ast.expr, value: Value, node: ast.stmt) -> None:
        if isinstance(target, ast.Name):
            self.bind(target.id, value, target)
        elif isinstance(target, (ast.Tuple, ast.List)):
            self._unpack(target, value, node)
        elif isinstance(target, ast.Subscript):
            self._assign_item(target, value, node)

    def _unpack(self, target: ast.Tuple | ast.List, value: Value, node: ast.stmt) -> None:
        data = value.data
        if isinstance(data, (list, tuple)) and len(data) == len(target.elts) and not any(
                isinstance(e, ast.Starred) for e in target.elts):
            for element, item in zip(target.elts, data, strict=True):
                self._assign(element, value.with_data(item), node)
            return
        for element in target.elts:
            inner = element.value if isinstance(element, ast.Starred) else element
            self._assign(inner, value.with_data(UNKNOWN, reason="unpacked from a value "
                                                "that cannot be known"), node)

    def _assign_item(self, target: ast.Subscript, value: Value, node: ast.stmt) -> None:
        path: list[Any] = []
        current: ast.expr = target
        while isinstance(current, ast.Subscript):
            key = self.eval(current.slice)
            if is_unknown(key.data) or isinstance(key.data, (list, dict, set, Ref)):
                return self._forget(current, "set through a key that cannot be known")
            path.insert(0, key.data)
            current = current.value
        if not isinstance(current, ast.Name) or current.id not in self.ns:
            return None
        base = self.ns[current.id]
        data = _set_path(base.data, path, value.data)
        leaves = {p: v for p, v in base.leaves.items() if p[: len(path)] != tuple(path)}
        origin = Origin(self.rel, node.lineno, node.col_offset + 1)
        leaves[tuple(path)] = replace(value, origin=origin)
        leaves.update({(*path, *sub): leaf for sub, leaf in value.leaves.items()})
        self.ns[current.id] = replace(base, data=data, leaves=leaves,
                                      env=merge_env([base, value]),
                                      hardcoded=base.hardcoded and value.hardcoded)
        return None

    def _forget(self, node: ast.expr, reason: str) -> None:
        while isinstance(node, (ast.Subscript, ast.Attribute)):
            node = node.value
        if isinstance(node, ast.Name) and node.id in self.ns:
            self.bind(node.id, self.ns[node.id].with_data(UNKNOWN, reason=reason), node)

    # expression statements: list mutation, split-settings include() ------------------------
    def _exec_Expr(self, node: ast.Expr) -> None:
        call = node.value
        if not isinstance(call, ast.Call):
            return
        func = call.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) \
                and func.attr in LIST_METHODS and func.value.id in self.ns:
            self._mutate(func.value.id, func.attr, call, node)
            return
        callee = self.eval(func).data
        if is_ref(callee, "split_settings.tools.include"):
            self._include(call)

    def _mutate(self, name: str, method: str, call: ast.Call, node: ast.stmt) -> None:
        base = self.ns[name]
        args = [self.eval(a) for a in call.args]
        if is_unknown(base.data) or isinstance(base.data, (Ref, EnvReader)):
            return
        data = _copy(base.data)
        try:
            _apply_method(data, method, [a.data for a in args])
        except (TypeError, ValueError, KeyError, IndexError, AttributeError):
            data = UNKNOWN
        leaves = dict(base.leaves)
        if method == "update" and args:
            leaves.update(args[0].leaves)
        self.bind(name, replace(base, data=data, leaves=leaves, env=merge_env([base, *args]),
                                hardcoded=base.hardcoded and all(a.hardcoded for a in args),
                                reason=f"changed by .{method}() with a value that cannot be "
                                       "known" if data is UNKNOWN else base.reason), node)

    # loops, definitions, raise ---------------------------------------------------------
    def _exec_With(self, node: ast.With) -> None:
        self.run(node.body)

    def _exec_For(self, node: ast.For) -> None:
        iterable = self.eval(node.iter)
        items = iterable.data
        if isinstance(items, (list, tuple, set)) and len(items) <= MAX_LOOP_UNROLL \
                and not any(is_unknown(i) for i in items):
            for item in list(items):
                self._assign(node.target, iterable.with_data(item), node)
                self.run(node.body)
            self.run(node.orelse)
            return
        self._forget_assigned(node.body, f"set in a loop (line {node.lineno}) over values "
                              "that cannot be known")

    def _exec_While(self, node: ast.While) -> None:
        self._forget_assigned(node.body, f"set in a while loop (line {node.lineno})")

    def _exec_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        path = f"{self.module}.{node.name}"
        if isinstance(node, ast.FunctionDef) and functions.modelled(node):
            # Defaults are evaluated once, at definition time, as Python does.
            defaults = tuple(self.eval(d) for d in node.args.defaults)
            kw_defaults = tuple(None if d is None else self.eval(d)
                                for d in node.args.kw_defaults)
            definition = FunctionDefinition(path, node, self.ns, self.rel, defaults,
                                            kw_defaults)
            self.bind(node.name, Value(Ref(path, definition)), node)
            return
        self.bind(node.name, Value(Ref(path)), node)

    _exec_AsyncFunctionDef = _exec_FunctionDef

    def _exec_ClassDef(self, node: ast.ClassDef) -> None:
        self.bind(node.name, Value(Ref(f"{self.module}.{node.name}")), node)

    def _exec_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            if isinstance(target, ast.Name):
                self.ns.pop(target.id, None)

    def _exec_Pass(self, node: ast.Pass) -> None:
        return None

    def _exec_Raise(self, node: ast.Raise) -> None:
        """A ``raise`` reached because variables are unset: the site cannot run without them.

        ``if SECRET_KEY == "change-me": raise ImproperlyConfigured(...)`` makes the default
        unreachable, so the variables become required (unknown, no default), here and in
        every value already computed from their defaults.
        """
        if self.try_depth or self.resolver.simulating:
            return
        names = tuple(dict.fromkeys(use.name for use in self.condition if use.default_used))
        if not names:
            return
        reason = (f"the settings stop with an error (line {node.lineno}) when "
                  f"{' or '.join(names)} {'is' if len(names) == 1 else 'are'} unset")
        for name in names:
            self.resolver.required.setdefault(name, reason)
        for key, value in list(self.ns.items()):
            if any(use.name in names and use.default_used for use in value.env):
                env = tuple(replace(use, default=MISSING) if use.name in names else use
                            for use in value.env)
                self.ns[key] = Value(UNKNOWN, value.origin, env=env, reason=reason)

    _exec_Global = _exec_Nonlocal = _exec_Assert = _exec_Return = _exec_Pass
    _exec_Break = _exec_Continue = _exec_Pass

    def _forget_assigned(self, body: list[ast.stmt], reason: str) -> None:
        for name, node in assigned_names(body):
            value = self.ns.get(name, Value(UNKNOWN))
            self.bind(name, value.with_data(UNKNOWN, reason=reason), node)


def _copy(data: Any) -> Any:
    if isinstance(data, list):
        return [_copy(x) for x in data]
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, set):
        return set(data)
    return data


def _set_path(data: Any, path: list[Any], item: Any) -> Any:
    if is_unknown(data):
        return data
    copied = _copy(data)
    cursor = copied
    for key in path[:-1]:
        try:
            cursor = cursor[key]
        except (KeyError, IndexError, TypeError):
            return UNKNOWN
    try:
        cursor[path[-1]] = item
    except (IndexError, TypeError):
        return UNKNOWN
    return copied


def _apply_method(data: Any, method: str, args: list[Any]) -> None:
    if isinstance(data, tuple):
        raise TypeError("tuples are immutable")
    if any(is_unknown(a) for a in args) and method in {"append", "insert", "add"}:
        args = [a if not is_unknown(a) else UNKNOWN for a in args]
    if method == "extend" and args and not isinstance(args[0], (list, tuple, set)):
        raise ValueError("extend with a value that cannot be known")
    if method == "update" and args and not isinstance(args[0], dict):
        raise ValueError("update with a value that cannot be known")
    getattr(data, method)(*args)
