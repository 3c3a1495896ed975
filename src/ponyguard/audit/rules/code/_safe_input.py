"""Safe in, safe out: ``mark_safe()`` of a value computed from input checked to be ``SafeData``.

Django's own filters and translation functions keep a value's safety through a computation::

    safe = isinstance(value, SafeData)
    value = value.replace(arg, "")
    if safe:
        return mark_safe(value)

The marked value is already escaped HTML whenever this branch runs. :func:`remarks_safe_input`
recognises the idiom: the call sits where an ``isinstance(x, SafeData)`` check holds (an
``if``/``elif`` or conditional expression, directly or through a variable bound to the check),
and every variable the marked expression reads is one of the checked ones or is computed from
one (any of its assignments in the function reads a checked variable, a few hops deep).

:func:`escaped_when_autoescaping` recognises a filter that escapes on the autoescape branch
and marks the merged result safe: on every path where its ``autoescape`` parameter is true,
the value is escaped (see :mod:`ponyguard.audit.taint.assume`).

:func:`in_autoescape_off_branch` recognises the other half of a filter or tag that escapes on
the autoescape branch: ``Markup(result)`` / ``mark_safe(result)`` where the template's own
autoescaping is off (``if context.autoescape: ... else:``, Jinja2's ``eval_ctx.autoescape``),
where the template would print the value unescaped anyway.
"""

from __future__ import annotations

import ast

from ...context import FileContext, encloses
from ...taint.scope import FunctionNode
from ...taint.sinks import HTML

SAFE_TYPES = frozenset({
    "django.utils.safestring.SafeData", "django.utils.safestring.SafeString",
    "django.utils.safestring.SafeText", "markupsafe.Markup", "jinja2.Markup",
})
MAX_HOPS = 3
AUTOESCAPE_OFF = "<autoescape off>"
"""Stands in :func:`_checked`'s result for "the template's autoescaping is off here"."""
TEMPLATE_CONTEXTS = frozenset({"context", "eval_ctx"})
AUTOESCAPE = "autoescape"


def in_autoescape_off_branch(call: ast.Call, ctx: FileContext) -> bool:
    """Whether ``call`` runs only when the rendering template's autoescaping is off."""
    function = ctx.enclosing_function(call)
    return function is not None and AUTOESCAPE_OFF in _checked(function.body, call, ctx)


def escaped_when_autoescaping(call: ast.Call, value: ast.expr, ctx: FileContext) -> bool:
    """Whether ``value`` is escaped HTML whenever the enclosing function's ``autoescape``
    parameter (Django's ``needs_autoescape`` filter convention) is true."""
    function = ctx.enclosing_function(call)
    return function is not None and _is_param(function, AUTOESCAPE) \
        and ctx.flow_assuming(value, HTML, (AUTOESCAPE,)).safe


def remarks_safe_input(call: ast.Call, value: ast.expr, ctx: FileContext) -> bool:
    """Whether ``call`` marks ``value`` safe only when the input it is computed from was."""
    function = ctx.enclosing_function(call)
    if function is None:
        return False
    checked = _checked(function.body, call, ctx)
    if not checked:
        return False
    bindings = _bindings(function)
    names = _read_names(value)
    return bool(names) and all(_derived(n, checked, bindings, 0) for n in names
                               if n in bindings or n in checked or _is_param(function, n))


def _checked(body: list[ast.stmt], call: ast.Call, ctx: FileContext) -> set[str]:
    """The variables proven ``SafeData`` where ``call`` runs (also after an early exit:
    ``if not isinstance(x, SafeData): return x``)."""
    after_exits: set[str] = set()
    for statement in body:
        if not encloses(statement, call):
            if isinstance(statement, ast.If) and not statement.orelse and statement.body \
                    and isinstance(statement.body[-1], (ast.Return, ast.Raise)):
                after_exits |= _proven(statement.test, False, ctx, 0)
            continue
        found = after_exits
        if isinstance(statement, ast.If):
            if any(encloses(s, call) for s in statement.body):
                found |= _proven(statement.test, True, ctx, 0)
                return found | _checked(statement.body, call, ctx)
            if any(encloses(s, call) for s in statement.orelse):
                found |= _proven(statement.test, False, ctx, 0)
                return found | _checked(statement.orelse, call, ctx)
        for node in ast.walk(statement):
            if isinstance(node, ast.IfExp) and encloses(node.body, call):
                found |= _proven(node.test, True, ctx, 0)
            elif isinstance(node, ast.IfExp) and encloses(node.orelse, call):
                found |= _proven(node.test, False, ctx, 0)
        for block in ("body", "orelse", "finalbody"):
            inner = getattr(statement, block, None)
            if isinstance(inner, list) and not isinstance(statement, ast.If):
                found |= _checked(inner, call, ctx)
        for handler in getattr(statement, "handlers", ()):
            found |= _checked(handler.body, call, ctx)
        return found
    return set()


def _proven(test: ast.expr, positive: bool, ctx: FileContext, depth: int) -> set[str]:
    """The variables ``test`` proves ``SafeData`` when it is ``positive``."""
    if depth > MAX_HOPS:
        return set()
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _proven(test.operand, not positive, ctx, depth + 1)
    if isinstance(test, ast.BoolOp):
        if isinstance(test.op, ast.And) == positive:  # every operand holds
            return set().union(*(_proven(v, positive, ctx, depth + 1) for v in test.values))
        return set()
    if isinstance(test, ast.Name):
        bound = ctx.assigned_value(test)
        return _proven(bound, positive, ctx, depth + 1) if bound is not None else set()
    if not positive and isinstance(test, ast.Attribute) and test.attr == "autoescape" \
            and _tail(test.value) in TEMPLATE_CONTEXTS:
        return {AUTOESCAPE_OFF}
    if positive and isinstance(test, ast.Call) and ctx.qualname(test.func) == "isinstance" \
            and len(test.args) == 2 and isinstance(test.args[0], ast.Name) \
            and _safe_types(test.args[1], ctx):
        return {test.args[0].id}
    return set()


def _tail(node: ast.expr) -> str | None:
    """``context`` for ``context`` and ``self.context``, ``eval_ctx`` for ``ctx.eval_ctx``."""
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


def _safe_types(node: ast.expr, ctx: FileContext) -> bool:
    types = node.elts if isinstance(node, ast.Tuple) else [node]
    return bool(types) and all(ctx.qualname(t) in SAFE_TYPES for t in types)


def _bindings(function: FunctionNode) -> dict[str, list[ast.expr]]:
    """Every value assigned to each local variable of ``function`` (nested scopes apart)."""
    found: dict[str, list[ast.expr]] = {}
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, []).append(node.value)
        elif isinstance(node, (ast.AugAssign, ast.NamedExpr)) \
                and isinstance(node.target, ast.Name):
            found.setdefault(node.target.id, []).append(node.value)
        pending.extend(ast.iter_child_nodes(node))
    return found


def _derived(name: str, checked: set[str], bindings: dict[str, list[ast.expr]],
             hops: int) -> bool:
    if name in checked:
        return True
    if hops >= MAX_HOPS:
        return False
    return any(_derived(read, checked, bindings, hops + 1)
               for value in bindings.get(name, ()) for read in _read_names(value)
               if read != name)


def _read_names(node: ast.expr) -> set[str]:
    """Variables an expression reads as data (not the names of the functions it calls)."""
    called = {id(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)}
    return {n.id for n in ast.walk(node)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and id(n) not in called}


def _is_param(function: FunctionNode, name: str) -> bool:
    args = function.args
    return any(a.arg == name for a in (*args.posonlyargs, *args.args, *args.kwonlyargs,
                                       *(x for x in (args.vararg, args.kwarg) if x)))
