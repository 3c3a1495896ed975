"""Import statements of a settings file, as a mixin of :class:`~.interpreter.Interpreter`.

``import`` binds module references; ``from X import NAME`` and ``from X import *`` follow
project modules through the resolver (a star import honours ``__all__`` and carries over what
the imported module leaves "unset unless"), and note an import of a project module that cannot
be found. django-split-settings ``include()``/``optional()`` runs the matching files into the
same namespace. ``try: ... except ImportError`` makes imports optional: a project import inside
``try`` that cannot be followed raises :class:`ImportFailed`, and the handler runs instead.
"""

from __future__ import annotations

import ast
import fnmatch
import posixpath
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .refs import Ref
from .values import UNKNOWN, EnvUse, Value, merge_env

if TYPE_CHECKING:
    from .resolver import Resolver

IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})


class ImportFailed(Exception):
    """A project import inside ``try:`` could not be followed: run the ``except`` branch."""


class ImportStatements:
    """``import``, ``from ... import``, ``include()`` and ``try`` for the interpreter."""

    resolver: Resolver
    module: str
    package: str
    rel: str
    ns: dict[str, Value]
    condition: tuple[EnvUse, ...]
    try_depth: int
    undecided_depth: int

    if TYPE_CHECKING:
        def run(self, body: list[ast.stmt]) -> None: ...
        def bind(self, name: str, value: Value, node: ast.AST) -> None: ...
        def eval(self, node: ast.expr) -> Value: ...
        def _unset_unless(self, name: str, env: tuple[EnvUse, ...]) -> None: ...

    # django-split-settings include() ----------------------------------------------------
    def _include(self, call: ast.Call) -> None:
        folder = posixpath.dirname(self.rel)
        for argument in call.args:
            optional = isinstance(argument, ast.Call) and is_ref(
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
                raise ImportFailed(target)
            if self.undecided_depth:
                # `if (BASE_DIR / "local.py").exists(): from .local import *` guards the
                # import like `try`/`except ImportError` does: an optional module.
                self._bind_unknown_names(node, f"imported from {target}, which was not found")
                return
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

    # optional imports ------------------------------------------------------------------
    def _exec_Try(self, node: ast.Try) -> None:
        self.try_depth += 1
        try:
            self.run(node.body)
            failed: str | None = None
        except ImportFailed as failure:
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


def is_ref(data: Any, suffix: str) -> bool:
    """Whether ``data`` refers to a name ending in ``suffix`` (``split_settings.tools.include``)."""
    return isinstance(data, Ref) and data.path.endswith(suffix)


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(n, ast.Name) and n.id in IMPORT_ERRORS for n in names)
