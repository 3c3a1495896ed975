"""Shapes of code that several rules look for: literal strings, statements, class bases, Meta."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator

from ...code.names import module_statements
from ...context import FileContext

MAX_DEPTH = 4


def literal_string(expr: ast.expr | None, ctx: FileContext, depth: int = 0) -> str | None:
    """The text of a string literal, of a variable bound once to one, or the literal start of
    a formatted string (``f"text/plain; charset={c}"`` → ``"text/plain; charset="``)."""
    if expr is None or depth > MAX_DEPTH:
        return None
    if isinstance(expr, ast.Constant):
        return str(expr.value) if isinstance(expr.value, str) else None
    if isinstance(expr, ast.JoinedStr):
        first = expr.values[0] if expr.values else None
        return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) \
            and first.value else None
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, (ast.Add, ast.Mod)):
        start = literal_string(expr.left, ctx, depth + 1)
        if start is not None and isinstance(expr.op, ast.Mod):
            start = start.split("%", 1)[0]
        return start or None
    if isinstance(expr, ast.Name):
        bound = ctx.assigned_value(expr)
        if bound is not None:
            return literal_string(bound, ctx, depth + 1)
        if ctx.enclosing_function(expr) is None or expr.id not in _locals(expr, ctx):
            return _module_constant(expr.id, ctx)
    return None


def _locals(name: ast.Name, ctx: FileContext) -> set[str]:
    function = ctx.enclosing_function(name)
    if function is None:
        return set()
    found = {a.arg for a in (*function.args.posonlyargs, *function.args.args,
                             *function.args.kwonlyargs)}
    for statement in statements(function.body):
        for node in ast.walk(statement):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                found.add(node.id)
    return found


def _module_constant(name: str, ctx: FileContext) -> str | None:
    if name not in ctx.scope.constants:
        return None
    for statement in module_statements(ctx.tree.body):
        if isinstance(statement, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in statement.targets):
            value = statement.value
            return value.value if isinstance(value, ast.Constant) \
                and isinstance(value.value, str) else None
    return None


def statements(body: Iterable[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement of a body, nested blocks included (not nested functions or classes)."""
    pending = list(body)
    while pending:
        statement = pending.pop(0)
        yield statement
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for child in ast.iter_child_nodes(statement):
            if isinstance(child, ast.stmt):
                pending.append(child)
            elif isinstance(child, (ast.excepthandler, ast.match_case)):
                pending.extend(c for c in ast.iter_child_nodes(child) if isinstance(c, ast.stmt))


# --- classes ------------------------------------------------------------------------------

def class_bases(cls: ast.ClassDef, ctx: FileContext,
                resolve: Callable[[ast.expr], str | None] | None = None) -> list[str]:
    """The dotted names of a class's bases and, for project bases, of theirs (transitively):
    ``["app.forms.BaseForm", "django.forms.ModelForm"]``. ``resolve`` names the bases of a
    class of another module (default: ``ctx.qualname``)."""
    found: list[str] = []
    resolve = resolve or ctx.qualname
    pending = [resolve(b) or ast.unparse(b) for b in cls.bases]
    while pending and len(found) < 12:
        name = pending.pop(0)
        if name in found:
            continue
        found.append(name)
        facts = ctx.index.cls(name)
        if facts is not None:
            pending.extend(facts.bases)
    return found


def inherits(cls: ast.ClassDef, ctx: FileContext, targets: Iterable[str]) -> str | None:
    """The first of ``targets`` (dotted names, or bare class names) the class derives from."""
    wanted = tuple(targets)
    for base in class_bases(cls, ctx):
        for target in wanted:
            if base == target or ("." not in target and base.rsplit(".", 1)[-1] == target):
                return target
    return None


def inner_class(cls: ast.ClassDef, name: str) -> ast.ClassDef | None:
    for statement in cls.body:
        if isinstance(statement, ast.ClassDef) and statement.name == name:
            return statement
    return None


def class_assignment(body: Iterable[ast.stmt], name: str) -> ast.Assign | ast.AnnAssign | None:
    """The last ``name = ...`` of a class body."""
    found: ast.Assign | ast.AnnAssign | None = None
    for statement in body:
        if isinstance(statement, ast.Assign):
            if any(isinstance(t, ast.Name) and t.id == name for t in statement.targets):
                found = statement
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None \
                and isinstance(statement.target, ast.Name) and statement.target.id == name:
            found = statement
    return found


def string_items(expr: ast.expr | None, ctx: FileContext) -> list[tuple[str, ast.expr]] | None:
    """The strings of a literal list/tuple/set (and ``+`` of them), each with its node;
    None when the value is not such a literal."""
    if expr is None:
        return None
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        found: list[tuple[str, ast.expr]] = []
        for element in expr.elts:
            if isinstance(element, ast.Constant) and isinstance(element.value, str):
                found.append((element.value, element))
            else:
                return None
        return found
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        left, right = string_items(expr.left, ctx), string_items(expr.right, ctx)
        return None if left is None or right is None else left + right
    return None


def is_all_fields(expr: ast.expr | None, ctx: FileContext) -> bool:
    """``"__all__"`` or Django's ``ALL_FIELDS`` constant."""
    if isinstance(expr, ast.Constant):
        return expr.value == "__all__"
    if isinstance(expr, (ast.Name, ast.Attribute)):
        dotted = ctx.qualname(expr) or ""
        return dotted.endswith(".ALL_FIELDS") or literal_string(expr, ctx) == "__all__"
    return False


USER_BASES = ("AbstractUser", "AbstractBaseUser", "PermissionsMixin")
USER_MODELS = frozenset({
    "django.contrib.auth.models.User", "django.contrib.auth.get_user_model()",
    "django.contrib.auth.models.AbstractUser",
})


def is_user_model(expr: ast.expr | None, ctx: FileContext) -> bool:
    """``User``, ``get_user_model()``, or a project model derived from ``AbstractUser``."""
    if expr is None:
        return False
    name = ctx.qualname(expr)
    if name is None:
        return False
    if name in USER_MODELS or name.endswith("settings.AUTH_USER_MODEL"):
        return True
    return any(base.rsplit(".", 1)[-1] in USER_BASES for base in project_bases(name, ctx))


def project_bases(name: str, ctx: FileContext) -> Iterator[str]:
    """The base classes named by ``name`` and by each of its project ancestors."""
    for owner in ctx.index.mro(name):
        facts = ctx.index.cls(owner)
        if facts is not None:
            yield from facts.bases


def model_label(expr: ast.expr | None) -> str:
    """``Profile`` for ``model = Profile`` (the source text, short)."""
    if expr is None:
        return "the model"
    text = " ".join(ast.unparse(expr).split())
    return text if len(text) <= 40 else text[:37] + "..."


def is_admin_module(rel: str) -> bool:
    """``admin.py`` or a module of an ``admin/`` package: staff-only code."""
    return rel.endswith("admin.py") or "/admin/" in rel


def last_name(func: ast.expr, ctx: FileContext) -> str | None:
    """The last component of what a call's function is called, cheaply: ``write`` for
    ``response.write``, ``HttpResponse`` for ``R`` after ``from django.http import
    HttpResponse as R``. A prefilter before the (dearer) :meth:`FileContext.qualname`."""
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        dotted = ctx.scope.lookup(func.id)
        return dotted.rsplit(".", 1)[-1] if dotted else func.id
    return None
