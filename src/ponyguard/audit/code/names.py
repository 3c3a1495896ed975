"""Names: imports, dotted names, and the module-level bindings of one module.

``from django.db import connection`` makes ``connection.cursor`` mean
``django.db.connection.cursor``; ``import subprocess as sp`` makes ``sp.run`` mean
``subprocess.run``; a function defined in ``app/utils.py`` is ``app.utils.helper``. Builtins keep
their bare name (``open``, ``eval``).
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterator, Mapping

BUILTINS = frozenset(dir(builtins))


def package_of(module: str | None, rel: str) -> str:
    """The package relative imports start from (the module itself for ``__init__.py``)."""
    if not module:
        return ""
    if rel.endswith("__init__.py"):
        return module
    return module.rpartition(".")[0]


def absolute(module: str, level: int, package: str) -> str:
    """``from ..x import y`` inside ``package`` → the absolute module name of ``..x``."""
    if level == 0:
        return module
    parts = package.split(".") if package else []
    if level > 1:
        parts = parts[: max(0, len(parts) - (level - 1))]
    return ".".join(p for p in [*parts, *module.split(".")] if p)


def import_bindings(node: ast.Import | ast.ImportFrom, package: str) -> Iterator[tuple[str, str]]:
    """(local name, dotted name) for every name an import statement binds."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.asname:
                yield alias.asname, alias.name
            else:
                first = alias.name.split(".")[0]
                yield first, first
        return
    base = absolute(node.module or "", node.level, package)
    for alias in node.names:
        if alias.name != "*":
            yield alias.asname or alias.name, f"{base}.{alias.name}" if base else alias.name


def module_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements that run at module level, looking inside if/try/with/for blocks."""
    for statement in body:
        yield statement
        if isinstance(statement, (ast.If, ast.For, ast.AsyncFor, ast.While)):
            yield from module_statements(statement.body)
            yield from module_statements(statement.orelse)
        elif isinstance(statement, (ast.With, ast.AsyncWith)):
            yield from module_statements(statement.body)
        elif isinstance(statement, ast.Try) or type(statement).__name__ == "TryStar":
            node: ast.Try = statement  # type: ignore[assignment]
            yield from module_statements(node.body)
            for handler in node.handlers:
                yield from module_statements(handler.body)
            yield from module_statements(node.orelse)
            yield from module_statements(node.finalbody)


def dotted(node: ast.AST | None, aliases: Mapping[str, str]) -> str | None:
    """The dotted name of a Name/Attribute chain through ``aliases``, if its root is known."""
    if isinstance(node, ast.Name):
        return aliases.get(node.id)
    if isinstance(node, ast.Attribute):
        base = dotted(node.value, aliases)
        return f"{base}.{node.attr}" if base else None
    return None


def chain(node: ast.AST) -> list[str] | None:
    """``request.GET.get`` → ``["request", "GET", "get"]``; None for anything else."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return parts[::-1]
    return None


def short(node: ast.AST, limit: int = 60) -> str:
    """The source text of ``node`` on one line, shortened for messages."""
    try:
        text = " ".join(ast.unparse(node).split())
    except (ValueError, RecursionError):  # pragma: no cover - malformed synthetic nodes
        text = type(node).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


def label(node: ast.AST, limit: int = 40) -> str:
    """A cheap short name for an expression (``self.form.save``, ``get_x()``), no unparsing."""
    if isinstance(node, ast.Name):
        text = node.id
    elif isinstance(node, ast.Attribute):
        text = f"{label(node.value, limit)}.{node.attr}"
    elif isinstance(node, ast.Call):
        text = f"{label(node.func, limit)}()"
    elif isinstance(node, ast.Subscript):
        text = f"{label(node.value, limit)}[...]"
    else:
        text = "(...)"
    return text if len(text) <= limit else "..." + text[-(limit - 3):]


def is_literal(node: ast.AST) -> bool:
    """A constant, or a container/f-string/concatenation made only of constants."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(is_literal(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and is_literal(k) for k in node.keys) and all(
            is_literal(v) for v in node.values)
    if isinstance(node, ast.JoinedStr):
        return all(isinstance(v, ast.Constant) for v in node.values)
    if isinstance(node, ast.BinOp):
        return is_literal(node.left) and is_literal(node.right)
    if isinstance(node, ast.UnaryOp):
        return is_literal(node.operand)
    return False


def argument(call: ast.Call, index: int, name: str) -> ast.expr | None:
    """The argument at position ``index`` or passed as ``name=`` (positions after a
    ``*args`` are unknown)."""
    for position, arg in enumerate(call.args):
        if isinstance(arg, ast.Starred):
            break
        if position == index:
            return arg
    return keyword(call, name)


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    for item in call.keywords:
        if item.arg == name:
            return item.value
    return None
