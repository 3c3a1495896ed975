"""ORM lookups whose *names* come from the request: `filter(**request.GET.dict())`.

## Why it matters
`Model.objects.filter(**mapping)` turns every key of the mapping into a lookup. Keys are
meant to be written by the programmer (`status`, `name__icontains`); when the request
chooses them, a visitor can filter on any field and relation of the model, including ones
the page never shows: `?user__password__startswith=pbkdf2_sha256$600000$a` or
`?owner__is_superuser=1` answer yes/no questions about password hashes, tokens and other
users' data one character at a time, and lookups such as `__regex` can be made very slow.

On Django before 4.2.26, 5.1.14 and 5.2.8 it is also SQL injection (CVE-2025-64459): the
special keys `_connector` and `_negated` reach the internals of `Q()` through `filter()`,
`exclude()`, `get()` and `Q(**mapping)`, and `_connector` is written into the SQL.
Likewise `annotate(**mapping)`/`alias(**mapping)` with `FilteredRelation` values let
request-chosen aliases into the SQL before 4.2.24, 5.1.12 and 5.2.6 (CVE-2025-57833).

ponyguard looks at the keys, not the values: `filter(name=request.GET["q"])` and
`filters["status"] = request.GET["status"]` are parameterised and stay silent, also when the
mapping is built by the callers of a helper (`narrow(qs, {"status": request.GET["s"]})`).
The checked calls are `filter`, `exclude`, `get`, `get_or_create`, `update_or_create`, `Q()`,
`get_object_or_404`/`get_list_or_404`, and `annotate`/`alias` next to `FilteredRelation`.
A finding is high confidence when request data provably chooses a key (or the whole request
mapping is unpacked), medium when a mapping holding request data is built where ponyguard
cannot see its keys, low when the keys are of unknown origin.

## Insecure example
```python
def orders(request):
    return Order.objects.filter(**request.GET.dict())

def search(request):
    filters = {}
    for key, value in request.GET.items():
        filters[key] = value
    return Product.objects.filter(Q(**filters))
```

## Fix
Map the parameters you accept to fixed lookups and pass only the values:
`LOOKUPS = {"status": "status", "q": "name__icontains"}` then
`Order.objects.filter(**{LOOKUPS[k]: v for k, v in request.GET.items() if k in LOOKUPS})`;
or use a `django-filter` FilterSet or a Form. Upgrade Django to a release with the CVE fixes.

A check such as `if not key.startswith("_")` is not enough: it still lets the request
filter on any field and relation.

## References
- https://docs.djangoproject.com/en/stable/ref/models/querysets/#filter
- https://docs.djangoproject.com/en/stable/ref/models/querysets/#filteredrelation-objects
- https://www.djangoproject.com/weblog/2025/nov/05/security-releases/
- https://nvd.nist.gov/vuln/detail/CVE-2025-64459
- https://www.djangoproject.com/weblog/2025/sep/03/security-releases/
- https://nvd.nist.gov/vuln/detail/CVE-2025-57833
- https://owasp.org/www-community/attacks/SQL_Injection
- https://cwe.mitre.org/data/definitions/943.html
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ...taint.sinks import ORM_FIELD, ORM_KWARGS
from ._orm import (
    FILTERED_RELATION,
    Key,
    flow_at,
    is_queryset,
    mapping_keys,
    uses_filtered_relation,
    worst,
)
from ._support import argument, report

rule = Rule("PG202", "orm-filter-injection", "ORM lookup names chosen by the request",
            Severity.CRITICAL, Confidence.HIGH, cwe=(943, 89), doc_text=__doc__,
            runtime=False)

LOOKUP_METHODS = frozenset({"filter", "exclude", "get", "get_or_create", "update_or_create"})
ALWAYS_ORM = frozenset({"filter", "exclude"})
"""``x.filter(**request-chosen keys)`` is reported whatever ``x`` is; ``get()`` and the
others need a receiver that is visibly a manager or a queryset (``requests.get(**kw)``)."""
ALIAS_METHODS = frozenset({"annotate", "alias"})
Q_NAMES = frozenset({"django.db.models.Q", "django.db.models.query_utils.Q"})
SHORTCUTS = frozenset({"django.shortcuts.get_object_or_404", "django.shortcuts.get_list_or_404"})
Q_INTERNALS = ("_connector", "_negated")
NAMES = frozenset(name.rsplit(".", 1)[-1] for name in Q_NAMES | SHORTCUTS | FILTERED_RELATION)
"""Last parts of the callees checked by name (``models.Q``)."""
FIX = ("Map accepted parameters to fixed lookups and pass only values: "
       "filter(**{LOOKUPS[k]: v for k, v in request.GET.items() if k in LOOKUPS}), or use a "
       "FilterSet/Form; never unpack request data as lookup names.")
FIX_ALIAS = ("Use literal annotation names (annotate(active=FilteredRelation(...))) or map "
             "request values to them through a fixed dict; upgrade Django (CVE-2025-57833).")


@rule.on(ast.Call)
def check(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    func = node.func
    if isinstance(func, ast.Attribute):
        method = func.attr
        if method in LOOKUP_METHODS:
            if _unpacks(node):
                yield from _lookups(node, ctx, f".{method}()", method in ALWAYS_ORM,
                                    is_queryset(func.value, ctx))
            return
        if method in ALIAS_METHODS:
            if _unpacks(node) and uses_filtered_relation(node, ctx):
                yield from _aliases(node, ctx, method)
            return
        if method not in NAMES:
            return
    callee = ctx.qualname(func)
    if callee in Q_NAMES:
        yield from _lookups(node, ctx, "Q()", True, True)
        yield from _internals(node, ctx)
    elif callee in SHORTCUTS:
        yield from _lookups(node, ctx, f"{callee.rsplit('.', 1)[-1]}()", True, True)
    elif callee in FILTERED_RELATION:
        yield from _relation(node, ctx)


def _unpacks(node: ast.Call) -> bool:
    """``f(**mapping)`` or ``f(*items)``."""
    return any(k.arg is None for k in node.keywords) or any(
        isinstance(a, ast.Starred) for a in node.args)


def _lookups(node: ast.Call, ctx: FileContext, what: str, orm_call: bool,
             queryset: bool) -> Iterator[Finding]:
    keys: list[Key] = []
    for keyword in node.keywords:
        if keyword.arg is None:
            keys.extend(mapping_keys(keyword.value, ctx, ORM_KWARGS))
    for arg in node.args:
        if isinstance(arg, ast.Starred):
            flow = flow_at(arg.value, ctx, ORM_KWARGS)
            if flow.tainted:
                keys.append(Key(arg.value, flow, False))
    found = worst(keys)
    if found is None or not (queryset or orm_call and found.flow.tainted):
        return
    yield _report(node, ctx, found, f"lookup name in {ctx.snippet(node.func, 50)}()",
                  f"mapping unpacked into {ctx.snippet(node.func, 50)}()", FIX)


def _aliases(node: ast.Call, ctx: FileContext, method: str) -> Iterator[Finding]:
    """CVE-2025-57833: request-chosen aliases of ``FilteredRelation`` annotations."""
    keys: list[Key] = []
    for keyword in node.keywords:
        if keyword.arg is None:
            keys.extend(mapping_keys(keyword.value, ctx, ORM_FIELD))
    found = worst(keys)
    if found is None or not (is_queryset(node.func.value, ctx)  # type: ignore[attr-defined]
                             or found.flow.tainted):
        return
    yield _report(node, ctx, found, f"FilteredRelation alias in .{method}(**...)",
                  f"mapping of FilteredRelation aliases unpacked into .{method}()", FIX_ALIAS)


def _internals(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    """``Q(_connector=request.GET["c"])``: the connector is written into the SQL."""
    for name in Q_INTERNALS:
        value = next((k.value for k in node.keywords if k.arg == name), None)
        if value is None or isinstance(value, ast.Constant):
            continue
        flow = flow_at(value, ctx, ORM_KWARGS)
        if flow.tainted:
            yield report(rule, ctx, node, value, flow, f"the {name} argument of Q()", fix=FIX,
                         confidence=Confidence.HIGH)


def _relation(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    """``FilteredRelation(request.GET["rel"], ...)``: the request picks the relation."""
    relation = argument(node, 0, "relation_name")
    if relation is None or isinstance(relation, ast.Constant):
        return
    flow = flow_at(relation, ctx, ORM_FIELD)
    if flow.safe:
        return
    yield report(rule, ctx, node, relation, flow, "the relation of FilteredRelation()",
                 fix=FIX_ALIAS, confidence=Confidence.HIGH if flow.tainted else Confidence.LOW,
                 severity=None if flow.tainted else Severity.HIGH)


def _report(node: ast.Call, ctx: FileContext, key: Key, seen: str, unseen: str,
            fix: str) -> Finding:
    what = f"a {seen}" if key.seen else f"the {unseen}"
    return report(rule, ctx, node, key.expr, key.flow, what, fix=fix,
                  confidence=key.confidence,
                  severity=None if key.flow.tainted else Severity.HIGH)
