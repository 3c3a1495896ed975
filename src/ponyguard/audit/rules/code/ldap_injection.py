"""An LDAP search filter is built from request data without `escape_filter_chars()`.

## Why it matters
A login or directory page that searches `"(uid=%s)" % username` lets the visitor write the
filter: `*` lists every entry, `admin)(|(uid=*` rewrites the condition, and
`*)(userPassword=a*` turns the search into a yes/no oracle on attributes the page never
shows. When the search decides who may log in, `(uid=*)` can match an account the attacker
does not own. The same holds for the base DN when it is built from request data.

ponyguard checks python-ldap (`search_s`, `search_st`, `search_ext`, `search_ext_s`,
`search`), ldap3 (`Connection.search`, `paged_search`) and django-auth-ldap's `LDAPSearch`.
A finding is high confidence when the filter provably contains request data; medium when a
non-literal is formatted into it, low for other values of unknown origin. Values passed
through `ldap.filter.escape_filter_chars()`, `ldap3.utils.conv.escape_filter_chars()` or
`ldap.filter.filter_format()` are safe.

## Insecure example
```python
def find_user(request):
    username = request.POST["username"]
    conn = ldap.initialize(settings.LDAP_URL)
    return conn.search_s("ou=people,dc=example,dc=com", ldap.SCOPE_SUBTREE,
                         f"(uid={username})")
```

## Fix
Escape every value put into a filter: `"(uid=%s)" % escape_filter_chars(username)` with
`ldap.filter.escape_filter_chars` (python-ldap) or `ldap3.utils.conv.escape_filter_chars`
(ldap3), or `ldap.filter.filter_format("(uid=%s)", [username])`.

Escape DN parts with `ldap.dn.escape_dn_chars()` (`ldap3.utils.dn.escape_rdn()`), and for
logins prefer django-auth-ldap, which escapes the user name itself.

## References
- https://cheatsheetseries.owasp.org/cheatsheets/LDAP_Injection_Prevention_Cheat_Sheet.html
- https://www.python-ldap.org/en/latest/reference/ldap-filter.html
- https://ldap3.readthedocs.io/en/latest/searches.html
- https://cwe.mitre.org/data/definitions/90.html
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ...taint.sinks import LDAP
from ._support import argument, keyword, report

rule = Rule("PG212", "ldap-injection", "LDAP filter built from request data", Severity.HIGH,
            Confidence.HIGH, cwe=(90,), doc_text=__doc__, runtime=False)

PYTHON_LDAP = frozenset({"search_s", "search_st", "search_ext", "search_ext_s"})
"""python-ldap ``LDAPObject`` methods: ``(base, scope, filterstr, ...)``."""
AMBIGUOUS = frozenset({"search", "paged_search"})
"""python-ldap's ``search(base, scope, filterstr)`` and ldap3's
``search(search_base, search_filter)``/``paged_search``: only with LDAP evidence."""
CONNECTION_NAME = re.compile(r"conn|ldap|directory|^(c|l|ad|server|client)$", re.IGNORECASE)
"""Receivers of an ambiguous ``search()`` that name an LDAP connection, in a module that
imports python-ldap or ldap3."""
LDAP_SEARCH = frozenset({"django_auth_ldap.config.LDAPSearch"})
FILTER_FORMAT = frozenset({"ldap.filter.filter_format"})
FIX = ("Escape every value put into the filter with escape_filter_chars() "
       "(ldap.filter or ldap3.utils.conv), or build it with "
       "ldap.filter.filter_format(\"(uid=%s)\", [value]).")
Arguments = tuple[ast.expr | None, ast.expr | None]


@rule.on(ast.Call)
def check(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    func = node.func
    if isinstance(func, ast.Attribute) and (func.attr in PYTHON_LDAP or func.attr in AMBIGUOUS):
        found = _search(node, func, ctx)
        what = f"{ctx.snippet(func, 50)}()"
    elif isinstance(func, (ast.Name, ast.Attribute)) \
            and _last(func) == "LDAPSearch" and ctx.qualname(func) in LDAP_SEARCH:
        found = argument(node, 0, "base_dn"), argument(node, 2, "filterstr")
        what = "LDAPSearch()"
    else:
        return
    if found is None:
        return
    base, search_filter = found
    search_filter = _template(search_filter, ctx)
    if search_filter is not None and not isinstance(search_filter, ast.Constant):
        flow = ctx.flow(search_filter, LDAP)
        if not flow.safe:
            yield report(rule, ctx, node, search_filter, flow, f"the filter of {what}",
                         fix=FIX, confidence=Confidence.HIGH if flow.tainted else None)
    if base is not None and not isinstance(base, ast.Constant):
        flow = ctx.flow(base, LDAP)
        if flow.tainted:
            yield report(rule, ctx, node, base, flow, f"the base DN of {what}", fix=FIX,
                         confidence=Confidence.HIGH)


def _last(func: ast.Name | ast.Attribute) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr


def _search(node: ast.Call, func: ast.Attribute, ctx: FileContext) -> Arguments | None:
    """(base DN, filter) of an LDAP search call, or None when it is not one."""
    method = func.attr
    if method in PYTHON_LDAP:
        return argument(node, 0, "base"), argument(node, 2, "filterstr")
    if method not in AMBIGUOUS:
        return None
    library = _library(node, func, ctx)
    if library == "ldap3":
        return argument(node, 0, "search_base"), argument(node, 1, "search_filter")
    if library == "ldap" and method == "search":
        return argument(node, 0, "base"), argument(node, 2, "filterstr")
    return None


def _library(node: ast.Call, func: ast.Attribute, ctx: FileContext) -> str | None:
    receiver = ctx.qualname(func.value) or ""
    if receiver.startswith("ldap3."):
        return "ldap3"
    if receiver.startswith("ldap."):
        return "ldap"
    if receiver and not ctx.scope.is_project(receiver):
        return None
    if keyword(node, "search_filter") is not None or keyword(node, "search_base") is not None:
        return "ldap3"
    if keyword(node, "filterstr") is not None:
        return "ldap"
    imported = {dotted.split(".", 1)[0] for dotted in ctx.scope.aliases.values()}
    if not imported & {"ldap", "ldap3"} or not CONNECTION_NAME.search(_name(func.value)):
        return None
    if len(node.args) >= 3 and "ldap" in imported and _is_scope(node.args[1], ctx):
        return "ldap"
    if len(node.args) >= 2 and "ldap3" in imported:
        return "ldap3"
    return None


def _name(node: ast.expr) -> str:
    """``conn`` for ``conn``, ``self.conn`` and ``self.conn.extend.standard``."""
    while isinstance(node, ast.Attribute) and node.attr in ("extend", "standard"):
        node = node.value
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _is_scope(node: ast.expr, ctx: FileContext) -> bool:
    """``ldap.SCOPE_SUBTREE`` (or its value): python-ldap's second argument."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, int)
    dotted = ctx.qualname(node) or (node.attr if isinstance(node, ast.Attribute) else "")
    return "SCOPE_" in dotted


def _template(search_filter: ast.expr | None, ctx: FileContext) -> ast.expr | None:
    """``filter_format(template, values)`` escapes the values: only the template matters."""
    call = search_filter
    if isinstance(call, ast.Name):
        call = ctx.assigned_value(call)
    if isinstance(call, ast.Call) and ctx.qualname(call.func) in FILTER_FORMAT:
        return argument(call, 0, "filter_template")
    return search_filter
