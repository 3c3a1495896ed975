"""Querysets as code rules see them: which model a lookup reads, whether it is limited to the
current user's (or tenant's) rows, and where the id it looks up comes from."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

from ...context import FileContext
from ...taint.scope import FunctionNode
from ...taint.sinks import SQL
from ...taint.sources import (
    CBV_HANDLERS,
    REQUEST_DATA_ATTRS,
    REQUEST_DATA_METHODS,
    REQUEST_SAFE_ATTRS,
)
from ._access import short_name

LOOKUP_METHODS = frozenset({"get", "filter", "get_or_404", "in_bulk"})
CHAIN_METHODS = frozenset({
    "all", "filter", "exclude", "get", "select_related", "prefetch_related", "only", "defer",
    "using", "order_by", "annotate", "distinct", "select_for_update", "first", "last",
    "values", "values_list", "update", "delete", "exists", "count", "in_bulk",
})
MANAGERS = frozenset({"objects", "_default_manager", "_base_manager", "all_objects"})
CONVERTERS = frozenset({"int", "str", "float", "uuid.UUID", "decimal.Decimal"})
ID_KEY = re.compile(r"(pk|id|uuid|slug|[a-z0-9_]+_(id|pk|uuid))(__(exact|iexact|in))?")
OWNER_KEYS = frozenset({
    "user", "users", "owner", "owners", "author", "creator", "created_by", "uploaded_by",
    "customer", "account", "member", "members", "tenant", "organization", "organisation",
    "org", "team", "company", "client", "patient", "employee", "profile", "person", "buyer",
    "seller", "recipient", "sender", "participants", "workspace", "household",
})
PUBLIC_KEYS = re.compile(r"public|publish|visible|shared|listed")
DATA_ATTRS = REQUEST_DATA_ATTRS | REQUEST_DATA_METHODS | REQUEST_SAFE_ATTRS | {
    "kwargs", "session", "get_signed_cookie", "content_type", "LANGUAGE_CODE"}
"""Request attributes that are not the current user or tenant (which a middleware may set:
``request.user``, ``request.tenant``, ``request.organization``)."""


@dataclass
class Chain:
    """A queryset expression: its root (``Model.objects``…) and the calls made on it."""

    root: ast.expr | None
    model: ast.expr | None = None
    calls: list[tuple[str, ast.Call]] = field(default_factory=list)
    """Outermost first; only the calls written in the expression itself (not those of a
    queryset variable it starts from, which were judged where they were written)."""
    scoped: bool = False
    """The root or a filter already limits the queryset to the user's objects."""


def queryset_chain(expr: ast.expr, ctx: FileContext, depth: int = 0) -> Chain:
    """``Invoice.objects.filter(...).get(...)`` as a :class:`Chain`, following a queryset
    variable back to the expression it was bound to (``qs = ...; qs.get(pk=pk)``)."""
    calls: list[tuple[str, ast.Call]] = []
    node = expr
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in CHAIN_METHODS:
        calls.append((node.func.attr, node))
        node = node.func.value
    chain = Chain(node, calls=calls)
    scoping = [call for method, call in calls if method in ("filter", "get")]
    if any(scopes(call, ctx) for call in scoping):
        chain.scoped = True
    if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
        chain.model = node.value
        chain.scoped = chain.scoped or mentions_principal(node.value, ctx, 0)
    elif isinstance(node, (ast.Name, ast.Attribute)) and is_model(node, ctx):
        chain.model = node
    elif isinstance(node, ast.Name) and depth < 3:
        bound = ctx.assigned_value(node)
        if bound is not None:
            inner = queryset_chain(bound, ctx, depth + 1)
            inner.calls = calls
            inner.scoped = inner.scoped or chain.scoped
            return inner
    elif node is not None and mentions_principal(node, ctx, 0):
        chain.scoped = True
    return chain


def is_model(node: ast.expr, ctx: FileContext) -> bool:
    """A class name: a project model, or a capitalised imported name."""
    dotted = ctx.qualname(node)
    if dotted is None:
        return False
    if ctx.index.cls(dotted) is not None:
        return True
    return short_name(dotted)[:1].isupper() and "." in dotted


def scopes(call: ast.Call, ctx: FileContext) -> bool:
    """``filter(owner=request.user)``, ``filter(team__members=user)``, ``Q(user=...)``,
    ``filter(is_public=True)``: the call limits the rows to the user's (or public) ones."""
    for keyword in call.keywords:
        if keyword.arg is None:
            return True
        first = keyword.arg.split("__", 1)[0]
        if PUBLIC_KEYS.search(keyword.arg) or mentions_principal(keyword.value, ctx, 0):
            return True
        if first.removesuffix("_id") in OWNER_KEYS and not ID_KEY.fullmatch(keyword.arg) \
                and not is_request_data(keyword.value, ctx):
            return True
    return any(mentions_principal(arg, ctx, 0) for arg in call.args)


def is_request_data(expr: ast.expr, ctx: FileContext) -> bool:
    """A value from the request (a URL argument, whatever its converter, included)."""
    func = ctx.enclosing_function(expr)
    if func is not None and request_source(expr, ctx, func, 0) is not None:
        return True
    return any(isinstance(n, ast.Attribute) and n.attr in ("GET", "POST", "data", "kwargs")
               for n in ast.walk(expr)) or ctx.flow(expr, SQL).tainted


def mentions_principal(expr: ast.expr, ctx: FileContext, depth: int) -> bool:
    """Whether ``expr`` refers to the current user or tenant (``request.user``, a ``user``
    variable, ``request.organization`` set by a middleware)."""
    for node in ast.walk(expr):
        if isinstance(node, ast.Attribute) and node.attr in ("user", "user_id"):
            return True
        if isinstance(node, ast.Attribute) and node.attr not in DATA_ATTRS \
                and is_request(node.value):
            return True
        if isinstance(node, ast.Name):
            if "user" in node.id.lower():
                return True
            bound = ctx.assigned_value(node) if depth < 2 else None
            if bound is not None and mentions_principal(bound, ctx, depth + 1):
                return True
    return False


def is_request(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "request" or \
        isinstance(node, ast.Attribute) and node.attr == "request"


def request_source(expr: ast.expr, ctx: FileContext, func: FunctionNode,
                   depth: int = 0) -> str | None:
    """How an id comes from the request (URL argument, query string, body), or None.

    Unlike taint flows, ``int()`` and ``<int:pk>`` do not make an id safe here: a valid
    integer is exactly what an IDOR needs.
    """
    if depth > 4:
        return None
    if isinstance(expr, ast.Call) and expr.args and ctx.qualname(expr.func) in CONVERTERS:
        return request_source(expr.args[0], ctx, func, depth + 1)
    if isinstance(expr, ast.Name):
        args = func.args
        params = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
        handler = ctx.enclosing_class(func) is None or func.name in CBV_HANDLERS
        if handler and expr.id in params and expr.id not in ("self", "cls", "request") \
                and params.index(expr.id) > 0:
            return f"URL argument `{expr.id}`"
        bound = ctx.assigned_value(expr)
        if bound is not None:
            found = request_source(bound, ctx, func, depth + 1)
            if found is not None:
                return f"{found} (via `{expr.id}`)" if " via " not in found else found
    key = url_kwarg(expr)
    if key is not None:
        return f"URL argument `{key}`"
    flow = ctx.flow(expr, SQL)
    if not flow.tainted or flow.source is None or flow.source.startswith("form field"):
        return None
    return flow.source


def url_kwarg(expr: ast.expr) -> str | None:
    """``self.kwargs["pk"]``, ``self.kwargs.get("pk")``, ``kwargs["pk"]``."""
    base: ast.expr | None = None
    key: ast.expr | None = None
    if isinstance(expr, ast.Subscript):
        base, key = expr.value, expr.slice
    elif isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) \
            and expr.func.attr == "get" and expr.args:
        base, key = expr.func.value, expr.args[0]
    is_kwargs = isinstance(base, ast.Attribute) and base.attr == "kwargs" or \
        isinstance(base, ast.Name) and base.id == "kwargs"
    if is_kwargs and isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value
    return None


def user_in(expr: ast.AST) -> bool:
    """The current user or tenant: ``request.user``, a ``user`` variable,
    ``self.request.space`` (set by a middleware)."""
    return any(isinstance(n, ast.Attribute) and (
                   n.attr in ("user", "user_id")
                   or n.attr not in DATA_ATTRS and is_request(n.value))
               or isinstance(n, ast.Name) and "user" in n.id.lower() for n in ast.walk(expr))


def unscoped(chain: Chain) -> bool:
    """``Model.objects.all()``/``.select_related(...)``: every call has literal arguments."""
    if chain.model is None or chain.scoped:
        return False
    for _, call in chain.calls:
        for arg in (*call.args, *(k.value for k in call.keywords)):
            if not all(isinstance(n, (ast.Constant, ast.List, ast.Tuple, ast.Load))
                       for n in ast.walk(arg)):
                return False
    return True


def model_name(chain: Chain, ctx: FileContext, view: str) -> str | None:
    """The dotted name of the chain's model (``self.model`` through the view's class)."""
    if chain.model is None:
        return None
    if isinstance(chain.model, ast.Attribute) and chain.model.attr == "model":
        return ctx.index.class_attr(view, "model")
    return ctx.qualname(chain.model) or ctx.snippet(chain.model)
