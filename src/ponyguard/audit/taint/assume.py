"""Analysing a function under an assumption: some of its variables are truthy.

A Django filter registered with ``needs_autoescape=True`` gets ``autoescape=True`` whenever
the template autoescapes; with ``{% autoescape off %}`` the template author chose raw output.
Such a filter typically escapes on one branch and marks the result safe after the merge::

    if autoescape:
        value = escape(value)
    return mark_safe(value.replace("\\n", "<br>"))

:class:`Assumptions` lets the engine follow only the branches reachable when ``autoescape``
is true (``if``, conditional expressions, ``and``/``or``/``not`` around it, and a variable
rebound to ``autoescape and <test>``, which then stands for ``<test>``). Where what is left
of a test is ``isinstance(x, SafeData)``, the input ``x`` is already escaped HTML, and so is
everything computed from it (the variables whose origins are ``x``'s origins).
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from .values import Origin, Value, sanitized

SAFE_TYPES = frozenset({
    "django.utils.safestring.SafeData", "django.utils.safestring.SafeString",
    "django.utils.safestring.SafeText", "markupsafe.Markup", "jinja2.Markup",
})
Residual = bool | ast.expr
"""What a test is under the assumptions: known true or false, or the part still open."""
DottedOf = Callable[[ast.expr], "str | None"]


class Assumptions:
    """Variables assumed truthy (``None``) or bound to a test that stands for them."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names: dict[str, ast.expr | None] = dict.fromkeys(names)

    def rebind(self, name: str, value: ast.expr | None) -> None:
        """``name = value``: ``name and <test>`` keeps standing for ``<test>``; anything else
        ends the assumption."""
        if name not in self.names:
            return
        residual = self.residual(value) if value is not None else False
        if isinstance(residual, ast.expr):
            self.names[name] = residual
        else:
            del self.names[name]

    def residual(self, test: ast.expr, depth: int = 0) -> Residual:
        if depth > 6:
            return test
        if isinstance(test, ast.Name) and test.id in self.names:
            bound = self.names[test.id]
            return True if bound is None else bound
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            inner = self.residual(test.operand, depth + 1)
            return (not inner) if isinstance(inner, bool) else ast.UnaryOp(ast.Not(), inner)
        if isinstance(test, ast.BoolOp):
            absorbing = isinstance(test.op, ast.Or)  # True decides an ``or``
            open_parts: list[ast.expr] = []
            for value in test.values:
                part = self.residual(value, depth + 1)
                if part is absorbing:
                    return absorbing
                if isinstance(part, ast.expr):
                    open_parts.append(part)
            if not open_parts:
                return not absorbing
            return open_parts[0] if len(open_parts) == 1 else ast.BoolOp(test.op, open_parts)
        return test


def safe_inputs(test: ast.expr, positive: bool, dotted_of: DottedOf) -> list[str]:
    """The variables ``test`` proves ``SafeData`` when it is ``positive``."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return safe_inputs(test.operand, not positive, dotted_of)
    if isinstance(test, ast.BoolOp):
        if isinstance(test.op, ast.And) == positive:
            return [n for v in test.values for n in safe_inputs(v, positive, dotted_of)]
        return []
    if positive and isinstance(test, ast.Call) and dotted_of(test.func) == "isinstance" \
            and len(test.args) == 2 and isinstance(test.args[0], ast.Name):
        types = test.args[1].elts if isinstance(test.args[1], ast.Tuple) else [test.args[1]]
        if types and all(dotted_of(t) in SAFE_TYPES for t in types):
            return [test.args[0].id]
    return []


def escaped_from(env: dict[str, Value], names: list[str]) -> dict[str, Value]:
    """``env`` where the inputs ``names`` are known to be escaped HTML: they and every
    variable computed only from their origins are safe for ``html``."""
    roots = {_root(o) for n in names if n in env for o in env[n].origins}
    if not roots:
        return env
    refined = dict(env)
    for name, value in env.items():
        if value.origins and all(_root(o) in roots for o in value.origins):
            refined[name] = sanitized(value, ("html",))
    return refined


def _root(origin: Origin) -> tuple[str, str, str, str, int]:
    return origin.kind, origin.text, origin.scope, origin.rel, origin.line
