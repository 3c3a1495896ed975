"""What a data-reading sink reads: the request object itself, a file opened by path, a
variable bound at module level. Shared by the SSRF, path, XML and deserialisation rules."""

from __future__ import annotations

import ast

from ...code.names import module_statements
from ...context import FileContext
from ...taint.flow import Flow

OPENERS = frozenset({"open", "io.open", "codecs.open", "builtins.open", "gzip.open",
                     "bz2.open", "lzma.open"})
"""Calls that open a file by path and return it (the path is the first argument)."""
MAX_DEPTH = 4


def request_flow(expr: ast.expr, ctx: FileContext) -> Flow | None:
    """A tainted flow when ``expr`` is the request object itself (``HttpRequest`` is a
    file-like object that reads the request body: ``pickle.load(request)``)."""
    if ctx.value(expr).obj != "request":
        return None
    line = getattr(expr, "lineno", 0)
    return Flow("tainted", f"the request body (`{ctx.snippet(expr, 40)}` read as a file)",
                ctx.rel, line)


def opened_path(expr: ast.expr, ctx: FileContext, depth: int = 0) -> ast.expr | None:
    """The path of a file object: ``open(p)``, ``f`` after ``with open(p) as f:``,
    ``f.read()``, ``Path(p).open()``; None when ``expr`` is not visibly a file opened by path."""
    if depth > MAX_DEPTH:
        return None
    if isinstance(expr, ast.Name):
        bound = ctx.assigned_value(expr)
        return opened_path(bound, ctx, depth + 1) if bound is not None else None
    if not isinstance(expr, ast.Call):
        return None
    func = expr.func
    if ctx.qualname(func) in OPENERS:
        return expr.args[0] if expr.args else None
    if not isinstance(func, ast.Attribute):
        return None
    if func.attr == "read":
        return opened_path(func.value, ctx, depth + 1)
    if func.attr in ("read_bytes", "read_text") or (
            func.attr == "open" and (ctx.qualname(func) or "").startswith("pathlib.")):
        return _path_of(func.value, ctx)
    return None


def _path_of(receiver: ast.expr, ctx: FileContext) -> ast.expr | None:
    """``Path(p)`` → ``p``; other path objects are their own path."""
    if isinstance(receiver, ast.Call) and (ctx.qualname(receiver.func) or "").startswith(
            "pathlib.") and receiver.args:
        return receiver.args[0]
    return receiver


def module_value(name: str, ctx: FileContext) -> ast.expr | None:
    """The expression a module-level variable is bound to, when it is bound exactly once."""
    found: list[ast.expr] = []
    for statement in module_statements(ctx.tree.body):
        if isinstance(statement, ast.Assign):
            if any(isinstance(t, ast.Name) and t.id == name for t in statement.targets):
                found.append(statement.value)
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) \
                and statement.target.id == name and statement.value is not None:
            found.append(statement.value)
    return found[0] if len(found) == 1 else None


def bound_value(expr: ast.expr, ctx: FileContext) -> ast.expr | None:
    """What a name stands for: a local bound once, else a module variable bound once."""
    if not isinstance(expr, ast.Name):
        return None
    bound = ctx.assigned_value(expr)
    if bound is not None:
        return bound
    function = ctx.enclosing_function(expr)
    if function is not None and _is_local(expr.id, function):
        return None
    return module_value(expr.id, ctx)


def _is_local(name: str, function: ast.AST) -> bool:
    args = function.args  # type: ignore[attr-defined]
    if any(a.arg == name for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)):
        return True
    return any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store)
               for n in ast.walk(function))
