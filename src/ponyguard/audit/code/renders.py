"""Which templates the project's views render, and which context variables carry request data.

The code walk calls :func:`collect_call` on every call and :func:`collect_class` on every
class; each returns :class:`Render` records that the template audit turns into
:attr:`~ponyguard.audit.templates.files.TemplateFile.context_taint`, so that a ``|safe`` on a
variable the view filled from ``request.GET`` is reported at high confidence and says where
the data came from. Only literal template names are linked (``render(request,
"shop/search.html", {...})``, ``template_name = "billing/invoice.html"``); a context variable
counts when the taint engine proves it holds request data (judged for an HTML sink, so
``escape()`` or ``int()`` clears it).

Recognised: ``render``, ``render_to_string``, ``TemplateResponse`` and
``SimpleTemplateResponse``, ``get_template(name).render(context)`` (Django and Jinja2),
``Environment.get_template(name).render(**kwargs)``, and class-based views whose
``template_name`` is a literal, with ``get_context_data``'s ``context["x"] = …``,
``context.update(...)`` and returned dict literals, and ``extra_context``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from ..context import FileContext
from ..taint.sinks import HTML
from .names import argument

RenderRecord = tuple[tuple[str, ...], tuple[tuple[str, str], ...]]
"""(template names, ((variable, origin), …)) — plain data, cached and sent between processes."""

_RENDER_CALLS = {
    # qualified name → (template-name argument, context argument), as (position, keyword)
    "django.shortcuts.render": ((1, "template_name"), (2, "context")),
    "django.shortcuts.render_to_response": ((0, "template_name"), (1, "context")),
    "django.template.loader.render_to_string": ((0, "template_name"), (1, "context")),
    "django.template.response.TemplateResponse": ((1, "template"), (2, "context")),
    "django.template.response.SimpleTemplateResponse": ((0, "template"), (1, "context")),
}
_LOADERS = ("get_template", "select_template")
_CONTEXT_METHODS = frozenset({"get_context_data", "get_context"})
TEMPLATE_SUFFIXES = (".html", ".htm", ".txt", ".xml", ".jinja", ".jinja2", ".j2", ".js",
                     ".svg", ".email", ".tpl")


@dataclass(frozen=True, slots=True)
class Render:
    names: tuple[str, ...]
    variables: tuple[tuple[str, str], ...]

    def record(self) -> RenderRecord:
        return (self.names, self.variables)


def collect_call(node: ast.Call, ctx: FileContext) -> Iterator[Render]:
    """The render this call performs, if it renders a literally named template."""
    spec = _RENDER_CALLS.get(ctx.qualname(node.func) or "")
    if spec is not None:
        (name_at, name_kw), (context_at, context_kw) = spec
        names = _template_names(argument(node, name_at, name_kw), ctx)
        if names:
            yield Render(names, tuple(_context_variables(
                argument(node, context_at, context_kw), node, ctx)))
        return
    loaded = _loaded_template(node, ctx)
    if loaded:
        variables = list(_context_variables(argument(node, 0, "context"), node, ctx))
        variables += _keyword_variables(node, ctx)
        yield Render(loaded, tuple(variables))


def collect_class(node: ast.ClassDef, ctx: FileContext) -> Iterator[Render]:
    """A class-based view's literal ``template_name`` and what its context carries."""
    names: tuple[str, ...] = ()
    variables: list[tuple[str, str]] = []
    for statement in node.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 \
                and isinstance(statement.targets[0], ast.Name):
            target = statement.targets[0].id
            if target == "template_name":
                names = _template_names(statement.value, ctx)
            elif target == "extra_context" and isinstance(statement.value, ast.Dict):
                variables += _dict_variables(statement.value, ctx)
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                and statement.name in _CONTEXT_METHODS:
            variables += _method_variables(statement, ctx)
    if names:
        yield Render(names, tuple(dict.fromkeys(variables)))


def _template_names(expr: ast.expr | None, ctx: FileContext, depth: int = 0) -> tuple[str, ...]:
    """Literal template names: a string, a list/tuple of strings, or a name bound to one."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return (expr.value,) if expr.value.lower().endswith(TEMPLATE_SUFFIXES) else ()
    if isinstance(expr, (ast.List, ast.Tuple)):
        return tuple(n for item in expr.elts for n in _template_names(item, ctx, depth + 1))
    if isinstance(expr, ast.Name) and depth < 2 and ctx.enclosing_function() is not None:
        return _template_names(ctx.assigned_value(expr), ctx, depth + 1)
    return ()


def _loaded_template(call: ast.Call, ctx: FileContext) -> tuple[str, ...]:
    """``get_template("x.html").render(...)``, directly or through a local variable."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "render"):
        return ()
    loader = func.value
    if isinstance(loader, ast.Name) and ctx.enclosing_function() is not None:
        loader = ctx.assigned_value(loader) or loader
    if isinstance(loader, ast.Call) and isinstance(loader.func, ast.Attribute | ast.Name):
        called = loader.func.attr if isinstance(loader.func, ast.Attribute) else loader.func.id
        if called in _LOADERS:
            return _template_names(argument(loader, 0, "template_name"), ctx)
    return ()


def _context_variables(expr: ast.expr | None, at: ast.AST,
                       ctx: FileContext) -> Iterator[tuple[str, str]]:
    """Tainted variables of a context argument: a dict literal, ``dict(...)``, or a local
    dict variable with its literal, ``ctx["k"] = v`` and ``ctx.update(k=v)`` entries."""
    if isinstance(expr, ast.Dict):
        yield from _dict_variables(expr, ctx)
    elif isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) \
            and expr.func.id == "dict":
        yield from _keyword_variables(expr, ctx)
    elif isinstance(expr, ast.Name):
        function = ctx.enclosing_function(at)
        if function is not None:
            yield from _local_dict_variables(function, expr.id, ctx)


def _dict_variables(expr: ast.Dict, ctx: FileContext) -> Iterator[tuple[str, str]]:
    for key, value in zip(expr.keys, expr.values, strict=True):
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            yield from _tainted(key.value, value, ctx)


def _keyword_variables(call: ast.Call, ctx: FileContext) -> Iterator[tuple[str, str]]:
    for item in call.keywords:
        if item.arg is not None:
            yield from _tainted(item.arg, item.value, ctx)


def _local_dict_variables(function: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda,
                          name: str, ctx: FileContext) -> Iterator[tuple[str, str]]:
    """Entries put into the local dict ``name`` anywhere in ``function``."""
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id == name \
                        and isinstance(node.value, ast.Dict):
                    yield from _dict_variables(node.value, ctx)
                key = _subscript_key(target, name)
                if key is not None:
                    yield from _tainted(key, node.value, ctx)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "update" and isinstance(node.func.value, ast.Name) \
                and node.func.value.id == name:
            yield from _keyword_variables(node, ctx)
            if node.args and isinstance(node.args[0], ast.Dict):
                yield from _dict_variables(node.args[0], ctx)


def _method_variables(method: ast.FunctionDef | ast.AsyncFunctionDef,
                      ctx: FileContext) -> Iterator[tuple[str, str]]:
    """What ``get_context_data`` adds: to the dict it returns or to its local dicts."""
    names: set[str] = set()
    for node in ast.walk(method):
        if isinstance(node, ast.Return) and node.value is not None:
            if isinstance(node.value, ast.Dict):
                yield from _dict_variables(node.value, ctx)
            elif isinstance(node.value, ast.Name):
                names.add(node.value.id)
    for name in sorted(names):
        yield from _local_dict_variables(method, name, ctx)


def _subscript_key(target: ast.expr, name: str) -> str | None:
    if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) \
            and target.value.id == name and isinstance(target.slice, ast.Constant) \
            and isinstance(target.slice.value, str):
        return target.slice.value
    return None


def _tainted(variable: str, value: ast.expr, ctx: FileContext) -> Iterator[tuple[str, str]]:
    flow = ctx.flow(value, HTML)
    if flow.tainted and flow.source is not None:
        line = flow.source_line
        where = f"{flow.source_path or ctx.rel}:{line}" if line else (flow.source_path or ctx.rel)
        yield variable, f"{flow.source} in {where}"
