"""The static context the engine analyses a function in: its module and its class."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from ..code.names import BUILTINS, dotted
from .sources import is_view_base

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass
class ModuleScope:
    """One module's names, as the engine needs them (built from its facts or its tree)."""

    rel: str
    module: str
    """The dotted module name, or ``<rel>`` for files that cannot be imported."""
    aliases: dict[str, str] = field(default_factory=dict)
    constants: frozenset[str] = frozenset()
    """Module-level names only ever bound to literals."""
    globals: frozenset[str] = frozenset()
    """Other module-level variables (their values are of unknown origin)."""
    defs: dict[str, str] = field(default_factory=dict)
    """Module-level functions and classes → dotted names."""
    packages: frozenset[str] = frozenset()
    """Top-level package names of the audited project."""
    escape_tables: frozenset[str] = frozenset()
    """Module-level names bound once to a ``str.translate()`` table that escapes ``<``, ``>``
    and ``&`` (see :func:`.sanitizers.is_escape_table`)."""

    def lookup(self, name: str) -> str | None:
        """The dotted name a module-level ``name`` refers to (import, def or builtin)."""
        if name in self.defs:
            return self.defs[name]
        if name in self.aliases:
            return self.aliases[name]
        if name in BUILTINS and name not in self.globals and name not in self.constants:
            return name
        return None

    def is_project(self, name: str) -> bool:
        """Whether a dotted name points into the audited project."""
        return name.split(".", 1)[0] in self.packages or name.startswith(self.module + ".")

    def dotted(self, node: ast.AST) -> str | None:
        if isinstance(node, ast.Name):
            return self.lookup(node.id)
        if isinstance(node, ast.Attribute):
            base = self.dotted(node.value)
            return f"{base}.{node.attr}" if base else None
        return dotted(node, self.aliases)


@dataclass
class FunctionInfo:
    """The function being analysed (None ``node``: module-level code)."""

    qualname: str
    node: FunctionNode | None = None
    class_qual: str | None = None
    class_bases: tuple[str, ...] = ()
    is_method: bool = False
    class_methods: tuple[str, ...] = ()
    """The names of the methods defined in the body of the function's class."""

    @property
    def name(self) -> str:
        return self.node.name if self.node is not None else ""

    @property
    def in_view_class(self) -> bool:
        return self.class_qual is not None and any(is_view_base(b) for b in self.class_bases)


def decorator_names(node: FunctionNode, scope: ModuleScope) -> tuple[str, ...]:
    names = []
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = scope.dotted(target)
        if name:
            names.append(name)
    return tuple(names)


def method_names(node: ast.ClassDef) -> tuple[str, ...]:
    return tuple(s.name for s in node.body
                 if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)))


def is_method(node: FunctionNode, scope: ModuleScope, in_class: bool) -> bool:
    return in_class and "staticmethod" not in decorator_names(node, scope)
