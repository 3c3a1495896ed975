"""SQL is built from request data (or from a value of unknown origin) and run as raw SQL.

## Why it matters
Django's ORM quotes every value, but raw SQL does not: `cursor.execute()`, `executemany()`,
`Model.objects.raw()`, `QuerySet.extra()` and `RawSQL()` run the string they are given. When
request data is formatted into that string (f-string, `%`, `+`, `.format()`), a visitor
chooses the SQL: they can read every table (passwords, sessions), change or delete data,
and on some databases run commands on the server. Escaping by hand is not a fix: quoting
rules differ between databases and encodings.

A finding is high confidence when the value provably comes from the request (query string,
form, cookies, headers, URL arguments, free-text form fields), also through helper
functions in other modules; medium or low when the SQL is built from a value whose origin
ponyguard cannot see.

## Insecure example
```python
def search(request):
    term = request.GET["q"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM shop_product WHERE name LIKE '%{term}%'")
    products = Product.objects.raw("SELECT * FROM shop_product WHERE sku = '%s'" % term)
```

## Fix
Keep the SQL a literal and pass values as parameters, which the database driver quotes:
`cursor.execute("SELECT id FROM p WHERE name LIKE %s", [f"%{term}%"])`,
`Product.objects.raw("SELECT * FROM p WHERE sku = %s", [term])`, `RawSQL("price > %s", (limit,))`.

Better, use the ORM: `Product.objects.filter(name__icontains=term)`. Table or column names
cannot be parameters: choose them from an allowlist.

## References
- https://docs.djangoproject.com/en/stable/topics/security/#sql-injection-protection
- https://docs.djangoproject.com/en/stable/topics/db/sql/#passing-parameters-into-raw
- https://owasp.org/www-community/attacks/SQL_Injection
- https://cwe.mitre.org/data/definitions/89.html
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ...taint.sinks import SQL
from ._orm import is_manager_chain
from ._support import argument, keyword, report

rule = Rule("PG201", "sql-injection", "SQL built from request data", Severity.CRITICAL,
            Confidence.HIGH, cwe=(89,), doc_text=__doc__, runtime=False)

RAW_SQL = frozenset({"django.db.models.expressions.RawSQL", "django.db.models.RawSQL"})
CURSOR_NAMES = frozenset({"cursor", "cur", "curs", "c", "conn", "connection", "db"})
QUERYSET_METHODS = frozenset({"all", "filter", "exclude", "using", "order_by", "values",
                              "annotate", "select_related", "prefetch_related", "distinct",
                              "get_queryset", "none", "defer", "only"})
EXTRA_SQL_ARGS = ("where", "select", "tables", "order_by")
FIX = ("Keep the SQL literal and pass values as parameters (cursor.execute(sql, [value]), "
       ".raw(sql, [value]), RawSQL(sql, [value])), or use the ORM.")


@rule.on(ast.Call)
def check(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    func = node.func
    if isinstance(func, ast.Attribute):
        if func.attr in ("execute", "executemany") and _is_cursor(func.value, ctx):
            yield from _check(node, argument(node, 0, "sql"), ctx, f"SQL passed to .{func.attr}()")
        elif func.attr == "raw" and _is_queryset(func.value, ctx):
            yield from _check(node, argument(node, 0, "raw_query"), ctx, "SQL passed to .raw()")
        elif func.attr == "extra" and _is_queryset(func.value, ctx):
            for name in EXTRA_SQL_ARGS:
                for part in _parts(keyword(node, name)):
                    yield from _check(node, part, ctx, f"SQL in .extra({name}=...)")
    elif ctx.qualname(func) in RAW_SQL:
        yield from _check(node, argument(node, 0, "sql"), ctx, "SQL passed to RawSQL()")


def _check(node: ast.Call, sql: ast.expr | None, ctx: FileContext,
           what: str) -> Iterator[Finding]:
    if sql is None or isinstance(sql, ast.Constant):
        return
    flow = ctx.flow(sql, SQL)
    if not flow.safe:
        yield report(rule, ctx, node, sql, flow, what, fix=FIX,
                     severity=None if flow.tainted else Severity.HIGH)


def _is_cursor(receiver: ast.expr, ctx: FileContext) -> bool:
    """``cursor`` in any form: ``connection.cursor()``, ``with conn.cursor() as c``…"""
    dotted = ctx.qualname(receiver) or ""
    if ".cursor(" in dotted or dotted.startswith(("sqlite3.connect(", "psycopg")):
        return True
    name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
    return "cursor" in name.lower() or name in CURSOR_NAMES


def _is_queryset(receiver: ast.expr, ctx: FileContext) -> bool:
    """``Model.objects``, ``Model._default_manager``, or a queryset method chain."""
    return is_manager_chain(receiver, ctx, QUERYSET_METHODS)


def _parts(value: ast.expr | None) -> list[ast.expr]:
    """The SQL fragments of an ``.extra()`` argument (list items, dict values)."""
    if value is None:
        return []
    if isinstance(value, (ast.List, ast.Tuple)):
        return list(value.elts)
    if isinstance(value, ast.Dict):
        return list(value.values)
    return [value]
