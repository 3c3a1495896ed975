"""The request chooses field names: `order_by(request.GET["sort"])`, `values(*fields)`, `F(x)`.

## Why it matters
`order_by()`, `values()`, `values_list()`, `only()`, `defer()`, `F()`, aggregates such as
`Count()`/`Sum()`, and the aliases of `annotate(**...)`/`aggregate(**...)` take *field
names*, and any name that follows relations is accepted: `?sort=user__password` sorts a
public list by the users' password hashes, and by watching where a known row lands an
attacker recovers the hash (or a token, or an email address) character by character.
`values("owner__email")` returns fields the page never meant to show.

Django validates these names, but several releases turned request-chosen names into SQL
injection: `order_by()` (CVE-2021-35042), `annotate`/`aggregate`/`extra` aliases from
`**kwargs` (CVE-2022-28346, and on MySQL CVE-2025-59681), `values()`/`values_list()` on a
JSONField (CVE-2024-42005). Request data in `extra(order_by=...)` is raw SQL: PG201
sql-injection reports it.

A finding is high confidence when the field name provably comes from the request; low when
it is a non-literal of unknown origin passed to a queryset. A value checked against an
allowlist (`if sort in ALLOWED_SORTS`), looked up in a literal dict (`SORTS[key]`,
`SORTS.get(key, "-created")`) or written as a literal is safe. A query expression
(`F("name").desc()`, `OrderBy(...)`, `Lower("name")`) is not a field name: the names inside
it are checked where it is built (`F(request.GET["sort"])` is reported).

A name checked with `Model._meta.get_field(name)` (which raises `FieldDoesNotExist` for
anything else) is one field of that model: no relation to follow, no lookup, nothing that
reaches the SQL as text. It may still be a secret field of the same model (`password`), so
such a name is reported at low confidence at most; checking the field's type as well
(`isinstance(field, GeometryField)`, else 404) makes it safe.

## Insecure example
```python
def product_list(request):
    sort = request.GET.get("sort", "name")
    products = Product.objects.order_by(sort)
    columns = request.GET.getlist("columns")
    return JsonResponse(list(products.values(*columns)), safe=False)
```

## Fix
Map request values to field names through a fixed dict, or check them against an
allowlist: `SORTS = {"name": "name", "new": "-created"}` then
`Product.objects.order_by(SORTS.get(request.GET.get("sort"), "name"))`;
`fields = [c for c in request.GET.getlist("columns") if c in PUBLIC_COLUMNS]`.

## References
- https://docs.djangoproject.com/en/stable/ref/models/querysets/#order-by
- https://docs.djangoproject.com/en/stable/ref/models/querysets/#values
- https://nvd.nist.gov/vuln/detail/CVE-2021-35042
- https://nvd.nist.gov/vuln/detail/CVE-2022-28346
- https://nvd.nist.gov/vuln/detail/CVE-2024-42005
- https://nvd.nist.gov/vuln/detail/CVE-2025-59681
- https://cwe.mitre.org/data/definitions/943.html
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ...taint.flow import Flow
from ...taint.sinks import ORM_FIELD
from ._orm import code_defined, flow_at, is_queryset, mapping_keys, uses_filtered_relation, worst
from ._support import argument, report

rule = Rule("PG203", "orm-field-injection", "ORM field names chosen by the request",
            Severity.MEDIUM, Confidence.HIGH, cwe=(943,), doc_text=__doc__, runtime=False)

FIELD_METHODS = frozenset({"order_by", "values", "values_list", "only", "defer"})
ALIAS_METHODS = frozenset({"annotate", "aggregate", "alias", "values"})
FILTERED_RELATION_METHODS = frozenset({"annotate", "alias"})
"""Aliases of ``FilteredRelation`` annotations are PG202's (CVE-2025-57833)."""
FIELD_CALLS = frozenset({
    f"django.db.models.{module}{name}"
    for module in ("", "expressions.")
    for name in ("F", "OuterRef")
} | {
    f"django.db.models.{module}{name}"
    for module in ("", "aggregates.")
    for name in ("Count", "Sum", "Avg", "Max", "Min", "StdDev", "Variance")
})
NAMES = frozenset(name.rsplit(".", 1)[-1] for name in FIELD_CALLS)
EXPRESSION_PACKAGE = "django.db.models."
EXPRESSION_METHODS = frozenset({"asc", "desc", "resolve_expression"})
FIX = ("Map request values to field names through a fixed dict "
       "(order_by(SORTS.get(key, \"name\"))) or check them against an allowlist "
       "(if sort in ALLOWED_SORTS) before passing them to the queryset.")


@rule.on(ast.Call)
def check(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    func = node.func
    if isinstance(func, ast.Attribute):
        method = func.attr
        queryset: bool | None = None
        if method in FIELD_METHODS and not all(isinstance(a, ast.Constant) for a in node.args):
            queryset = is_queryset(func.value, ctx)
            for arg in node.args:
                yield from _field(node, arg, ctx, _callee(func, ctx), queryset)
        if method in ALIAS_METHODS and any(k.arg is None for k in node.keywords) \
                and not (method in FILTERED_RELATION_METHODS
                         and uses_filtered_relation(node, ctx)):
            if queryset is None:
                queryset = is_queryset(func.value, ctx)
            yield from _aliases(node, ctx, method, queryset)
        if method not in NAMES:
            return
    callee = ctx.qualname(func)
    if callee in FIELD_CALLS:
        name = argument(node, 0, "name")
        if name is not None and not isinstance(name, ast.Starred):
            yield from _field(node, name, ctx, f"{callee.rsplit('.', 1)[-1]}()", True)


def _field(node: ast.Call, arg: ast.expr, ctx: FileContext, callee: str,
           queryset: bool) -> Iterator[Finding]:
    expr = arg.value if isinstance(arg, ast.Starred) else arg
    if isinstance(expr, ast.Constant) or _is_expression(expr, ctx):
        return
    flow = flow_at(expr, ctx, ORM_FIELD)
    if flow.tainted or flow.unknown and queryset and not code_defined(expr, flow, ctx):
        yield _report(node, expr, flow, ctx, f"the field name passed to {callee}")


def _aliases(node: ast.Call, ctx: FileContext, method: str,
             queryset: bool) -> Iterator[Finding]:
    keys = []
    for keyword in node.keywords:
        if keyword.arg is None:
            keys.extend(mapping_keys(keyword.value, ctx, ORM_FIELD))
    found = worst(keys)
    if found is None or not (found.flow.tainted or queryset):
        return
    what = (f"an alias in .{method}(**...)" if found.seen
            else f"the mapping of aliases unpacked into .{method}()")
    yield report(rule, ctx, node, found.expr, found.flow, what, fix=FIX,
                 confidence=found.confidence)


def _report(node: ast.Call, expr: ast.expr, flow: Flow, ctx: FileContext,
            what: str) -> Finding:
    return report(rule, ctx, node, expr, flow, what, fix=FIX,
                  confidence=Confidence.HIGH if flow.tainted else Confidence.LOW)


def _callee(func: ast.Attribute, ctx: FileContext) -> str:
    """``Product.objects.order_by()``; ``.defer()`` after a chain of calls."""
    node: ast.expr = func.value
    while isinstance(node, ast.Attribute):
        node = node.value
    return f"{ctx.snippet(func, 50)}()" if isinstance(node, ast.Name) else f".{func.attr}()"


def _is_expression(expr: ast.expr, ctx: FileContext, depth: int = 0) -> bool:
    """A query expression rather than a name (``F("x").desc()``, ``Lower("name")``): the
    field names inside it are checked where it is built."""
    if depth > 3:
        return False
    if isinstance(expr, ast.Name):
        bound = ctx.assigned_value(expr)
        return bound is not None and _is_expression(bound, ctx, depth + 1)
    if not isinstance(expr, ast.Call):
        return False
    func = expr.func
    if isinstance(func, ast.Attribute) and func.attr in EXPRESSION_METHODS:
        return True
    return (ctx.qualname(func) or "").startswith(EXPRESSION_PACKAGE)
