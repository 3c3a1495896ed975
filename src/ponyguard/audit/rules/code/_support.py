"""Helpers shared by code rules: arguments of calls, formatting checks, reporting a flow."""

from __future__ import annotations

import ast
import hashlib

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...code.names import argument as argument  # re-exported: the rules import them here
from ...code.names import keyword as keyword
from ...context import FileContext
from ...taint.flow import Flow


def is_literal_true(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def is_formatted(expr: ast.expr | None, ctx: FileContext, depth: int = 0) -> bool:
    """Whether a string is built by formatting (f-string, ``%``, ``+``, ``.format()``,
    ``.join()``), directly or through the local variable it was assigned to."""
    if expr is None or depth > 3:
        return False
    if isinstance(expr, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in expr.values)
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, (ast.Mod, ast.Add)):
        return True
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) \
            and expr.func.attr in ("format", "join", "format_map"):
        return True
    if isinstance(expr, ast.Name):
        return is_formatted(ctx.assigned_value(expr), ctx, depth + 1)
    return False


def confidence_of(flow: Flow, expr: ast.expr, ctx: FileContext) -> Confidence:
    """High when tainted; medium for an unknown value built by formatting; else low."""
    if flow.tainted:
        return Confidence.HIGH
    return Confidence.MEDIUM if is_formatted(expr, ctx) else Confidence.LOW


def report(rule: Rule, ctx: FileContext, node: ast.AST, expr: ast.expr, flow: Flow,
           what: str, *, fix: str | None = None, confidence: Confidence | None = None,
           severity: Severity | None = None) -> Finding:
    """A finding for ``flow`` reaching ``what`` (``"SQL passed to cursor.execute()"``)."""
    origin = "request data" if flow.tainted else "a value of unknown origin"
    message = f"{what} comes from {origin}: {flow.describe(ctx.rel)}"
    scope = ctx.enclosing_function(node)
    owner = ctx.function_qualname(scope) if scope is not None else ctx.scope.module
    digest = hashlib.sha256(ctx.snippet(expr, 200).encode()).hexdigest()[:12]
    return rule.finding(
        message, ctx.location(node), key=f"{owner}:{what}:{digest}",
        severity=severity, confidence=confidence or confidence_of(flow, expr, ctx),
        evidence=ctx.evidence(node), fix=fix)
