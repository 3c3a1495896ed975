"""An object is fetched by an id from the request with no filter on the current user (IDOR).

## Why it matters
`@login_required` says *who* may call a view, not *which objects* they may see. A view that
does `get_object_or_404(Invoice, pk=pk)` with the `pk` from the URL returns any invoice to any
logged-in user: they change `/invoices/41/` to `/invoices/42/` and read, edit or delete
somebody else's data. This is an Insecure Direct Object Reference, the most common form of
broken access control; sequential integer ids make it trivial, and UUIDs only slow it down
(ids leak in URLs, e-mails and logs). Generic views do the same when their queryset is
`Model.objects.all()`: a `DetailView`, `UpdateView` or `DeleteView` with `model = Invoice` and
no `get_queryset()` looks the object up among all invoices; so does a DRF viewset whose
`queryset` is not filtered.

ponyguard reports a lookup by a request-supplied id (a URL argument such as `pk`, `id` or
`invoice_id`, `self.kwargs[...]`, `request.GET`/`POST`/`data`) in a view that requires a login
(decorator, mixin, DRF `IsAuthenticated`, `LoginRequiredMiddleware`, or a view that reads
`request.user`) when the lookup has no filter on the current user, the queryset does not come
from `request.user`, and no ownership check follows. Views that require a permission
(`@permission_required`, `PermissionRequiredMixin`, `UserPassesTestMixin`, `IsAdminUser`,
custom DRF permission classes) are not reported: the permission is taken to be the check.
Confidence is lower when the model is visible and has no relation to a user or owner (it may
well be public data).

## Insecure example
```python
@login_required
def invoice_detail(request, pk):
    invoice = get_object_or_404(Invoice, pk=pk)
    return render(request, "invoices/detail.html", {"invoice": invoice})

class InvoiceUpdate(LoginRequiredMixin, UpdateView):
    model = Invoice
    fields = ["notes"]
```

## Fix
Look the object up among the current user's objects:
`get_object_or_404(Invoice, pk=pk, owner=request.user)` (or `request.user.invoices`), and in
class-based views override `get_queryset()` to return
`Invoice.objects.filter(owner=self.request.user)`.

Where access is not plain ownership (shared documents, teams), check it explicitly after the
lookup and answer 404 rather than 403, so that ids of other users' objects are not confirmed:

```python
invoice = get_object_or_404(Invoice, pk=pk)
if not invoice.team.members.filter(pk=request.user.pk).exists():
    raise Http404
```

## References
- https://docs.djangoproject.com/en/stable/topics/class-based-views/generic-display/#dynamic-filtering
- https://docs.djangoproject.com/en/stable/topics/http/shortcuts/#get-object-or-404
- https://www.django-rest-framework.org/api-guide/filtering/#filtering-against-the-current-user
- https://cheatsheetseries.owasp.org/cheatsheets/Insecure_Direct_Object_Reference_Prevention_Cheat_Sheet.html
- https://owasp.org/API-Security/editions/2023/en/0xa1-broken-object-level-authorization/
- https://cwe.mitre.org/data/definitions/639.html
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import replace
from weakref import WeakKeyDictionary

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ...taint.scope import FunctionNode
from ...taint.sources import CBV_HANDLERS, is_view_base
from ._access import (
    LOGIN,
    NO_ACCESS,
    NONE,
    Access,
    function_access,
    short_name,
    strongest,
    view_access,
)
from ._project import django_settings
from ._querysets import (
    CHAIN_METHODS,
    ID_KEY,
    LOOKUP_METHODS,
    OWNER_KEYS,
    Chain,
    model_name,
    queryset_chain,
    request_source,
    scopes,
    unscoped,
    user_in,
)

rule = Rule("PG407", "idor-unscoped-lookup",
            "An object is looked up by a request-supplied id without an owner filter",
            Severity.HIGH, Confidence.MEDIUM, cwe=(639, 862), doc_text=__doc__, runtime=False)

GET_OBJECT_NAMES = frozenset({"get_object_or_404", "get_list_or_404"})
GET_OBJECT = frozenset({"django.shortcuts.get_object_or_404", "django.shortcuts.get_list_or_404",
                        "rest_framework.generics.get_object_or_404"})
CAPABILITY = re.compile(r"token|sign|secret|hash|uidb64|nonce|otp|share|api_?key|\bkey\b")
"""Ids that are themselves the credential (an invitation token, a signed value)."""
OVERRIDES = ("get_object", "dispatch", "has_permission", "test_func",
             "check_object_permissions", "has_object_permission")
"""Methods whose override in the project may check ownership: the view is not judged."""
SINGLE_OBJECT = frozenset({
    "DetailView", "UpdateView", "DeleteView", "BaseDetailView", "BaseUpdateView",
    "BaseDeleteView", "SingleObjectMixin", "RetrieveAPIView", "UpdateAPIView", "DestroyAPIView",
    "RetrieveUpdateAPIView", "RetrieveDestroyAPIView", "RetrieveUpdateDestroyAPIView",
    "ModelViewSet", "ReadOnlyModelViewSet", "RetrieveModelMixin", "UpdateModelMixin",
    "DestroyModelMixin",
})
READ_ONLY = frozenset({"DetailView", "BaseDetailView", "RetrieveAPIView",
                       "ReadOnlyModelViewSet", "RetrieveModelMixin"})
"""Views that only show the object: for the user model itself, a profile page."""
PERMISSION_CALL = re.compile(r"PermissionDenied|HttpResponseForbidden|permission|perm_|_perm")
CATALOGUE = re.compile(r"(Product|Category|Tag|Country|Language|Currency|Page|Article|Post"
                       r"|Brand|Manufacturer|Region|City|Site|Partner|StockRecord)")
"""Models that are public catalogue data by nature: a lookup by id is not an IDOR unless
the model is visibly owned by someone."""
BY_HAND = frozenset({"has_perm", "has_perms", "is_staff", "is_superuser",
                     "check_object_permissions", "has_object_permission"})
FIX = ("Scope the lookup to the current user: get_object_or_404(Model, pk=pk, "
       "owner=request.user) or request.user.<related>.get(pk=pk); in a class-based view "
       "override get_queryset() to filter by self.request.user.")


# --- function views and view methods ------------------------------------------------------

_seen: WeakKeyDictionary[FileContext, set[int]] = WeakKeyDictionary()
"""Calls already judged as part of an outer chain, per file."""


@rule.on(ast.Call)
def check(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    """The outermost call of a queryset chain (the visitor meets it before the calls it is
    made on), or ``get_object_or_404(...)``."""
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr in CHAIN_METHODS:
        receiver: ast.expr | None = func.value
    elif isinstance(func, ast.Name) and func.id in GET_OBJECT_NAMES:
        receiver = node.args[0] if node.args else None
    else:
        return
    seen = _seen.setdefault(ctx, set())
    if id(node) in seen:
        return
    inner = []
    while isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Attribute) \
            and receiver.func.attr in CHAIN_METHODS:
        inner.append(receiver)
        receiver = receiver.func.value
    seen.update(id(call) for call in inner)
    if not any(k.arg is not None and ID_KEY.fullmatch(k.arg)
               for call in (node, *inner) for k in call.keywords):
        return
    function = ctx.enclosing_function(node)
    statement = ctx.enclosing_statement(node)
    if function is not None and statement is not None:
        yield from _check_lookup(node, statement, function, ctx)


def _check_lookup(top: ast.Call, statement: ast.stmt, func: FunctionNode,
                  ctx: FileContext) -> Iterator[Finding]:
    chain, what = _lookup(top, ctx)
    if chain is None or chain.model is None or chain.scoped:
        return
    keys: list[tuple[str, ast.expr]] = []
    for method, call in chain.calls:
        if method in LOOKUP_METHODS:
            keys.extend((k.arg, k.value) for k in call.keywords if k.arg is not None)
    supplied = [(key, src) for key, value in keys
                if (src := request_source(value, ctx, func, 0)) is not None]
    found = next(((key, src) for key, src in supplied if ID_KEY.fullmatch(key)), None)
    if found is None or CAPABILITY.search(f"{found[0]} {found[1]}"):
        return
    key, source = found
    guard = _guard(ctx, func)
    if guard is None or _by_hand(func) or _overridden(ctx, func):
        return
    targets = _assigned_names(statement)
    if _checked_after(func, targets, statement.lineno):
        return
    cls = ctx.enclosing_class(func)
    model = model_name(chain, ctx, ctx.function_qualname(cls) if cls else "") \
        or ctx.snippet(chain.model)
    confidence = _confidence(model, ctx)
    if confidence is None:
        return
    if len(supplied) > 1:
        confidence = Confidence.LOW
    by = source if f"`{key}`" in source else f"{source} (`{key}=`)"
    message = (f"{what} looks up {short_name(model)} by {by} in a view that "
               f"requires a login ({guard.via or 'it reads request.user'}), with no filter on "
               "the current user and no ownership check: any logged-in user can reach other "
               "users' objects by changing the id")
    owner = ctx.function_qualname(func)
    yield rule.finding(message, ctx.location(top), key=f"{owner}:{short_name(model)}:{key}",
                       confidence=confidence, evidence=ctx.evidence(top), fix=FIX)


def _lookup(top: ast.Call, ctx: FileContext) -> tuple[Chain | None, str]:
    """The queryset chain a call looks objects up in, and how to name the call."""
    callee = ctx.qualname(top.func) or ""
    if callee in GET_OBJECT and top.args:
        chain = queryset_chain(top.args[0], ctx, 0)
        chain.calls.append(("get", top))
        chain.scoped = chain.scoped or scopes(top, ctx)
        return chain, f"{short_name(callee)}({ctx.snippet(top.args[0], 30)}, ...)"
    if isinstance(top.func, ast.Attribute) and top.func.attr in CHAIN_METHODS:
        chain = queryset_chain(top, ctx, 0)
        if any(method in LOOKUP_METHODS for method, _ in chain.calls):
            return chain, f"`{ctx.snippet(top, 50)}`"
    return None, ""


def _guard(ctx: FileContext, func: FunctionNode) -> Access | None:
    """The login guard of the view around ``func``; None when it is no logged-in-only view
    (not a view, public, or guarded by a permission that is taken to be the check).

    For a handler method (``get``, ``post``…), the class's guards (bases, class decorators,
    ``permission_classes``, ``dispatch``) and its own decorators count, not those of its
    sibling handlers; a helper method (``get_queryset``) serves them all, so a guard on any
    handler counts.
    """
    cls = ctx.enclosing_class(func)
    settings = django_settings(ctx)
    if cls is not None:
        view = ctx.function_qualname(cls)
        if not _is_view_class(view, ctx) and not ctx.is_view(func):
            return None
        if func.name in CBV_HANDLERS:
            method = function_access(ctx.index, ctx.function_qualname(func))
            access = strongest((view_access(ctx.index, view, settings, handlers=False), method))
        else:
            access = view_access(ctx.index, view, settings) or NO_ACCESS
    else:
        if not ctx.is_view(func):
            return None
        access = view_access(ctx.index, ctx.function_qualname(func), settings) or NO_ACCESS
    if access.level == LOGIN:
        return access
    if access.level != NONE:
        return None
    if settings.login_required_middleware:
        return Access(LOGIN, "LoginRequiredMiddleware")
    if settings.access_middleware is None and _reads_user(cls if cls is not None else func):
        return Access(LOGIN, "")
    return None


def _overridden(ctx: FileContext, func: FunctionNode) -> bool:
    """A method of a class whose project code overrides ``dispatch``/``get_object``/…"""
    cls = ctx.enclosing_class(func)
    if cls is None:
        return False
    view = ctx.function_qualname(cls)
    return any(m != func.name and ctx.index.function(f"{view}.{m}") is not None
               for m in OVERRIDES)


def _is_view_class(qualname: str, ctx: FileContext) -> bool:
    index = ctx.index
    for owner in index.mro(qualname):
        facts = index.cls(owner)
        if facts is not None and any(is_view_base(b) for b in facts.bases):
            return True
    return False


def _reads_user(node: ast.AST) -> bool:
    for child in ast.walk(node):
        if isinstance(child, ast.Attribute) and child.attr == "user":
            value = child.value
            if isinstance(value, ast.Name) and value.id == "request" or \
                    isinstance(value, ast.Attribute) and value.attr == "request":
                return True
    return False


def _by_hand(func: FunctionNode) -> bool:
    """The view checks a permission or staff status itself, or turns requests away
    (``raise PermissionDenied``, ``user_has_permission(request.user, ...)``)."""
    for node in ast.walk(func):
        name = node.attr if isinstance(node, ast.Attribute) else \
            node.id if isinstance(node, ast.Name) else None
        if name is not None and (name in BY_HAND or PERMISSION_CALL.search(name)):
            return True
    return False


def _assigned_names(statement: ast.stmt) -> set[str]:
    targets: list[ast.expr] = []
    if isinstance(statement, ast.Assign):
        targets = list(statement.targets)
    elif isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
        targets = [statement.target]
    return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}


def _checked_after(func: FunctionNode, names: set[str], line: int) -> bool:
    """An ownership check on the looked-up object: ``if obj.owner != request.user: raise``,
    ``if not obj.can_view(request.user)``, ``can_edit(request.user, obj)``, or a later
    filter on the user or tenant (``self.queryset.filter(space=self.request.space)``)."""
    if not names:
        return False
    for node in ast.walk(func):
        if getattr(node, "lineno", 0) < line:
            continue
        if isinstance(node, (ast.If, ast.IfExp, ast.While, ast.Assert)):
            if _refers(node.test, names) and user_in(node.test):
                return True
        elif isinstance(node, ast.Call):
            parts = [*node.args, *(k.value for k in node.keywords)]
            if isinstance(node.func, ast.Attribute):
                parts.append(node.func.value)
            if any(_refers(p, names) for p in parts) and any(user_in(p) for p in parts):
                return True
    return False


def _refers(expr: ast.AST, names: set[str]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(expr))


def _confidence(model: str, ctx: FileContext) -> Confidence | None:
    """Medium when the model belongs to someone (a relation to a user or an owner), or is
    not visible; low when it is visible and has no such relation (possibly public data);
    None (not reported) for catalogue models (``Product``, ``Category``…) not visibly owned."""
    index = ctx.index
    owned = any(_owner_like(name) or _user_model(target)
                for owner in index.mro(model) if (facts := index.cls(owner)) is not None
                for name, target in facts.relations)
    if owned:
        return Confidence.MEDIUM
    if CATALOGUE.fullmatch(short_name(model)):
        return None
    return Confidence.MEDIUM if index.cls(model) is None else Confidence.LOW


def _is_user_model(model: str, ctx: FileContext) -> bool:
    """The user model: ``User``, or a project class based on ``AbstractUser``."""
    if short_name(model) == "User" or model.endswith(("get_user_model()", "AUTH_USER_MODEL")):
        return True
    return any(short_name(base) in ("AbstractUser", "AbstractBaseUser")
               for owner in ctx.index.mro(model) if (facts := ctx.index.cls(owner)) is not None
               for base in facts.bases)


def _owner_like(name: str) -> bool:
    return name.removesuffix("_id") in OWNER_KEYS


def _user_model(target: str) -> bool:
    last = target.rsplit(".", 1)[-1].removesuffix("()")
    return last in ("AUTH_USER_MODEL", "get_user_model") or last.endswith("User") \
        or last.lower() in OWNER_KEYS


# --- generic class-based views --------------------------------------------------------------

@rule.on(ast.ClassDef)
def check_class(node: ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
    index = ctx.index
    view = ctx.function_qualname(node)
    kind = _single_object_base(view, ctx)
    if kind is None:
        return
    settings = django_settings(ctx)
    access = view_access(index, view, settings)
    if access is None:
        return
    if access.level == NONE and settings.login_required_middleware:
        access = Access(LOGIN, "LoginRequiredMiddleware")
    if access.level != LOGIN or any(index.function(f"{view}.{m}") for m in OVERRIDES):
        return
    own = {s.name: s for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
    if "get_queryset" in own:
        found = _get_queryset(own["get_queryset"], ctx, view)
    elif index.function(f"{view}.get_queryset") is not None:
        return
    else:
        found = _declared(node, ctx, view)
    if found is None:
        return
    where, model, detail = found
    if kind in READ_ONLY and _is_user_model(model, ctx):
        return
    message = (f"`{node.name}` ({kind}, {access.via or 'login required'}) looks up "
               f"{short_name(model)} by the URL's id among all {short_name(model)} objects "
               f"({detail}): any logged-in user can reach other users' objects by changing "
               "the id")
    location = ctx.location(where)
    if where is node:
        location = replace(location, end_line=None, end_column=None)
    confidence = _confidence(model, ctx)
    if confidence is not None:
        yield rule.finding(message, location, key=f"{view}:queryset", confidence=confidence,
                           evidence=ctx.evidence(where), fix=FIX)


def _single_object_base(view: str, ctx: FileContext) -> str | None:
    for owner in ctx.index.mro(view):
        facts = ctx.index.cls(owner)
        for base in facts.bases if facts is not None else ():
            if short_name(base) in SINGLE_OBJECT:
                return short_name(base)
    return None


def _get_queryset(method: FunctionNode, ctx: FileContext,
                  view: str) -> tuple[ast.AST, str, str] | None:
    """``get_queryset()`` that returns ``Model.objects.all()`` on every path."""
    returns = [n for n in ast.walk(method) if isinstance(n, ast.Return) and n.value is not None]
    chains = [(r, queryset_chain(r.value, ctx, 0)) for r in returns if r.value is not None]
    if not chains or not all(unscoped(chain) for _, chain in chains):
        return None
    where, chain = chains[0]
    model = model_name(chain, ctx, view)
    if model is None:
        return None
    snippet = ctx.snippet(where.value, 50) if where.value is not None else ""
    return where, model, f"get_queryset() returns `{snippet}`"


def _declared(node: ast.ClassDef, ctx: FileContext,
              view: str) -> tuple[ast.AST, str, str] | None:
    """``queryset = Model.objects.all()`` or ``model = Model`` in the class (or its bases),
    with no ``get_queryset()``."""
    assigned = {s.targets[0].id: s for s in node.body if isinstance(s, ast.Assign)
                and len(s.targets) == 1 and isinstance(s.targets[0], ast.Name)}
    if "queryset" in assigned:
        statement = assigned["queryset"]
        chain = queryset_chain(statement.value, ctx, 0)
        model = model_name(chain, ctx, view)
        if not unscoped(chain) or model is None:
            return None
        return statement, model, f"`queryset = {ctx.snippet(statement.value, 50)}`"
    if "model" in assigned:
        value = assigned["model"].value
        model = ctx.qualname(value) or ctx.snippet(value)
        return assigned["model"], model, f"`model = {ctx.snippet(value, 40)}` and no get_queryset()"
    inherited = ctx.index.class_attr(view, "model")
    if inherited is not None and ctx.index.form_field(view, "queryset") is None:
        return node, inherited, f"model {short_name(inherited)} inherited, no get_queryset()"
    return None
