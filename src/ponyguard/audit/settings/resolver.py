"""Resolve a settings module statically: interpret its AST, never import it.

Handled: split settings (``from .base import *`` chains, ``from .base import NAME``, later
overrides), django-split-settings ``include()``/``optional()``, ``+=``, ``.append``,
``.insert``, ``.extend``, ``.remove``, ``.update``, item assignment
(``DATABASES["default"]["PASSWORD"] = ...``), ``try: from .local import * except
ImportError`` (optional imports), ``if``/``else`` on conditions it can decide (an undecidable
one makes the values its branches disagree on unknown), ``for`` over known lists, ``list +=
tuple``, calls to the project's own helper functions (:mod:`.functions`), and every expression
:mod:`.evaluator` models. Each value keeps the file and line that set it.
"""

from __future__ import annotations

import ast
import fnmatch
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from . import functions
from .environment import EnvReader
from .evaluator import Evaluator, FunctionDefinition, Ref
from .values import (
    MISSING,
    UNKNOWN,
    Alternative,
    EnvUse,
    Origin,
    Value,
    conditional,
    is_unknown,
    merge_env,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..discovery import Project

MAX_LOOP_UNROLL = 64
IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})
LIST_METHODS = frozenset({"append", "insert", "extend", "remove", "update", "setdefault",
                          "pop", "add", "discard", "clear"})


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


class _ImportFailed(Exception):
    """A project import inside ``try:`` could not be followed: run the ``except`` branch."""


def resolve_settings(
    project: Project, module: str, profile: Mapping[str, str]
) -> Resolution | None:
    """Resolve ``module`` under the environment ``profile``; None when it is not in the tree."""
    rel = project.module_file(module)
    if rel is None:
        return None
    resolver = _Resolver(project, dict(profile))
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


class _Resolver:
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
        _Interpreter(self, module, package, rel, namespace).run(tree.body)


class _Interpreter:
    """Executes the statements of one file into a namespace."""

    def __init__(self, resolver: _Resolver, module: str, package: str, rel: str,
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
        if _is_ref(callee, "split_settings.tools.include"):
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

    def _include(self, call: ast.Call) -> None:
        folder = posixpath.dirname(self.rel)
        for argument in call.args:
            optional = isinstance(argument, ast.Call) and _is_ref(
                self.eval(argument.func).data, "optional")
            pattern_node = argument.args[0] if isinstance(argument, ast.Call) and optional \
                and argument.args else argument
            pattern = self.eval(pattern_node).data
            if not isinstance(pattern, str):
                continue
            wanted = posixpath.normpath(posixpath.join(folder, pattern))
            matches = sorted(r for r in self.resolver.project.python_files
                             if fnmatch.fnmatch(r, wanted))
            if not matches and not optional:
                self.resolver.note("import-not-followed", self.rel, call.lineno,
                                   f"include({pattern!r}) matches no file")
            for rel in matches:
                if rel != self.rel:
                    self.resolver.run_file(rel, self.module, self.ns)

    # imports ----------------------------------------------------------------------------
    def _exec_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.asname:
                self.bind(alias.asname, Value(Ref(alias.name)), node)
            else:
                first = alias.name.split(".")[0]
                self.bind(first, Value(Ref(first)), node)

    def _exec_ImportFrom(self, node: ast.ImportFrom) -> None:
        target = self._absolute(node.module or "", node.level)
        namespace = self.resolver.run_module(target) if target else None
        if namespace is None and self._is_project_module(target, node.level):
            if self.try_depth:
                raise _ImportFailed(target)
            self.resolver.note("import-not-followed", self.rel, node.lineno,
                               f"cannot follow import of {target or '.' * node.level}: "
                               "not found in the project")
            self._bind_unknown_names(node, f"imported from {target}, which was not found")
            return
        for alias in node.names:
            if alias.name == "*":
                if namespace is not None:
                    self._star_import(namespace, node)
                continue
            name = alias.asname or alias.name
            if namespace is None:
                self.bind(name, Value(Ref(f"{target}.{alias.name}")), node)
            elif alias.name in namespace:
                self.ns[name] = namespace[alias.name]
            else:
                sub = self.resolver.run_module(f"{target}.{alias.name}")
                self.bind(name, Value(Ref(f"{target}.{alias.name}")) if sub is not None else
                          Value(UNKNOWN, reason=f"{alias.name} is not set in {target}"), node)

    def _star_import(self, namespace: dict[str, Value], node: ast.ImportFrom) -> None:
        exported = namespace.get("__all__")
        if exported is not None and isinstance(exported.data, (list, tuple)):
            names = [n for n in exported.data if isinstance(n, str) and n in namespace]
        else:
            names = [n for n in namespace if not n.startswith("_")]
        for name in names:
            value = namespace[name]
            if self.condition:
                value = replace(value, env=merge_env([value, Value(None, env=self.condition)]))
            self.ns[name] = value
        for name, env in self.resolver.unset.get(id(namespace), {}).items():
            if name not in namespace and not self.resolver.simulating:
                self._unset_unless(name, env)

    def _bind_unknown_names(self, node: ast.ImportFrom, reason: str) -> None:
        for alias in node.names:
            if alias.name != "*":
                self.bind(alias.asname or alias.name, Value(UNKNOWN, reason=reason), node)

    def _absolute(self, module: str, level: int) -> str:
        if level == 0:
            return module
        parts = self.package.split(".") if self.package else []
        if level > 1:
            parts = parts[: len(parts) - (level - 1)]
        return ".".join(p for p in [*parts, *module.split(".")] if p)

    def _is_project_module(self, target: str, level: int) -> bool:
        if level:
            return True
        top = target.split(".")[0]
        return bool(top) and self.resolver.project.module_file(top) is not None

    # control flow -----------------------------------------------------------------------
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
        changed = {name for name, _ in _assigned_names([*taken, *skipped]) if name.isupper()}
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
            sandbox = _Interpreter(resolver, self.module, self.package, self.rel, namespace)
            sandbox.condition = self.condition
            sandbox.run(body)
        except _ImportFailed:
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
        for name, _ in _assigned_names(skipped):
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
        self.run(node.body)
        after_body = dict(self.ns)
        self.ns.clear()
        self.ns.update(before)
        self.run(node.orelse)
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

    def _exec_Try(self, node: ast.Try) -> None:
        self.try_depth += 1
        try:
            self.run(node.body)
            failed: str | None = None
        except _ImportFailed as failure:
            failed = str(failure)
        finally:
            self.try_depth -= 1
        if failed is None:
            self.run(node.orelse)
        else:
            handler = next((h for h in node.handlers if _catches_import_error(h)), None)
            if handler is None:
                self.resolver.note("import-not-followed", self.rel, node.lineno,
                                   f"cannot follow import of {failed}: not found in the project")
            else:
                self.run(handler.body)
        self.run(node.finalbody)

    _exec_TryStar = _exec_Try

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
        for name, node in _assigned_names(body):
            value = self.ns.get(name, Value(UNKNOWN))
            self.bind(name, value.with_data(UNKNOWN, reason=reason), node)


def _assigned_names(body: list[ast.stmt]) -> Iterator[tuple[str, ast.AST]]:
    for statement in body:
        for node in ast.walk(statement):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                yield node.id, node
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and isinstance(node.func.value, ast.Name) and node.func.attr in LIST_METHODS:
                yield node.func.value.id, node


def _is_ref(data: Any, suffix: str) -> bool:
    return isinstance(data, Ref) and data.path.endswith(suffix)


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(n, ast.Name) and n.id in IMPORT_ERRORS for n in names)


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
