"""A routed view has no login check although most views of the project require one.

## Why it matters
Django views are public unless something says otherwise: a `@login_required` decorator, a
`LoginRequiredMixin`, DRF `permission_classes`, or Django 5.1's `LoginRequiredMiddleware`.
In a project where nearly every view carries such a guard, a view without one is most often
a forgotten decorator, not a deliberate choice: an export, an API endpoint or an "internal"
page that anybody who finds the URL can open without an account. URLs leak through browser
history, logs, `Referer` headers and JavaScript bundles; guessing `/invoices/export/` next to
`/invoices/` takes no effort.

ponyguard counts the views that `urls.py` routes to (function views, class-based views, DRF
views and viewsets) and what guards them. When at least 60% of them (and at least three)
require a login or a permission, each routed view that has no guard is reported, with the
count in the message. Views that are public by nature (login, logout, signup, password
reset, home/index, about, health checks, `robots.txt`, sitemaps, webhooks — see PG402),
views marked `@login_not_required` or `permission_classes = [AllowAny]`, and views that check
`request.user.is_authenticated` or raise `PermissionDenied` themselves are not reported; nor
is a view that returns through a project helper doing that check (`return
render_page(request, page)` where `render_page()` tests `request.user.is_authenticated` and
returns `redirect_to_login(...)`): such a view is public by design and restricts the
objects that need it.
Nothing is reported when `LoginRequiredMiddleware` protects the whole site.

## Insecure example
```python
@login_required
def invoice_list(request):
    return render(request, "invoices/list.html", {"invoices": request.user.invoices.all()})

@login_required
def invoice_detail(request, pk):
    ...

def invoice_export(request):  # forgotten: anyone can download every invoice
    return export_csv(Invoice.objects.all())
```

## Fix
Add the project's usual guard to the view: `@login_required` (or `@permission_required(...)`)
on a function view, `LoginRequiredMixin` first among a class-based view's bases,
`permission_classes = [IsAuthenticated]` on a DRF view; or mark it `@login_not_required` if
it is public on purpose.

On Django 5.1+ consider `django.contrib.auth.middleware.LoginRequiredMiddleware`: every view
then requires a login unless it is explicitly marked `@login_not_required`, so a forgotten
decorator fails closed.

## References
- https://docs.djangoproject.com/en/stable/topics/auth/default/#limiting-access-to-logged-in-users
- https://docs.djangoproject.com/en/stable/ref/middleware/#django.contrib.auth.middleware.LoginRequiredMiddleware
- https://www.django-rest-framework.org/api-guide/permissions/
- https://owasp.org/Top10/A01_2021-Broken_Access_Control/
- https://cwe.mitre.org/data/definitions/306.html
- https://cwe.mitre.org/data/definitions/862.html
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import replace

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ._access import NONE, census, function_access, looks_public, view_access
from ._project import ENFORCING_NAMES, django_settings

rule = Rule("PG406", "view-missing-authentication",
            "A view has no login check while the project's other views do", Severity.MEDIUM,
            Confidence.MEDIUM, cwe=(306, 862), doc_text=__doc__, runtime=False)

MIN_PROTECTED = 3
RATIO = 0.6
MANUAL_CHECKS = frozenset({
    "is_authenticated", "is_anonymous", "has_perm", "has_perms", "is_staff", "is_superuser",
    "redirect_to_login", "PermissionDenied", "check_permissions", "handle_no_permission",
    "test_func", "has_permission", "get_permission_required", "login_required",
    "permission_required", "permission_classes", "HttpResponseForbidden",
    "HTTP_401_UNAUTHORIZED", "HTTP_403_FORBIDDEN", "NotAuthenticated",
})
"""Names whose presence in a view means it checks the user by hand (or sets the attributes
a project mixin checks: ``login_required = True``)."""
USER_CHECKS = frozenset({"is_authenticated", "is_anonymous", "has_perm", "has_perms",
                         "is_staff", "is_superuser", "is_active"})
"""What a helper looks at to decide about the user."""
FIX = ("Add the project's login guard (@login_required, LoginRequiredMixin, "
       "permission_classes = [IsAuthenticated]), or mark the view @login_not_required if it "
       "is public on purpose.")


@rule.on(ast.FunctionDef)
@rule.on(ast.AsyncFunctionDef)
@rule.on(ast.ClassDef)
def check(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef,
          ctx: FileContext) -> Iterator[Finding]:
    if ctx.enclosing_function(node) is not None or ctx.enclosing_class(node) is not None:
        return
    view = ctx.function_qualname(node)
    routes = ctx.index.routes_to(view)
    if not routes:
        return
    settings = django_settings(ctx)
    if settings.access_middleware:
        return
    access = view_access(ctx.index, view, settings)
    if access is None or access.level != NONE or looks_public(view, routes) \
            or _checks_by_hand(node) or _delegates(node, ctx):
        return
    counted = census(ctx)
    if counted.protected < MIN_PROTECTED or counted.protected < RATIO * counted.total:
        return
    near, guarded = counted.by_file.get(ctx.rel, (0, 0))
    confidence = Confidence.MEDIUM if guarded >= RATIO * near else Confidence.LOW
    kind = "class-based view" if isinstance(node, ast.ClassDef) else "view"
    where = ", ".join(sorted({f"'{r.route}'" for r in routes if r.route})) or "its URL"
    usual = f", most with {counted.usual}" if counted.usual else ""
    message = (f"{counted.protected} of {counted.total} routed views require authentication"
               f"{usual}; the {kind} `{node.name}` (routed at {where}) does not, so anyone "
               "who finds the URL can open it")
    location = replace(ctx.location(node), end_line=None, end_column=None)
    yield rule.finding(message, location, key=f"{view}:unauthenticated", confidence=confidence,
                       evidence=ctx.evidence(node), fix=FIX)


def _delegates(node: ast.AST, ctx: FileContext) -> bool:
    """The view hands the request to a guarded view (``create_check(request)``), or returns
    through a helper that turns anonymous users away itself (``return render_page(request,
    page)`` where the helper redirects to the login page)."""
    returned = {id(child.value) for child in ast.walk(node) if isinstance(child, ast.Return)}
    for child in ast.walk(node):
        if isinstance(child, ast.Call) and child.args and isinstance(child.args[0], ast.Name) \
                and child.args[0].id == "request":
            callee = ctx.qualname(child.func)
            access = function_access(ctx.index, callee) if callee else None
            if access is not None and access.protected:
                return True
            if callee is not None and id(child) in returned and _helper_turns_away(ctx, callee):
                return True
    return False


def _helper_turns_away(ctx: FileContext, callee: str) -> bool:
    """The project function ``callee`` checks the user and turns the request away
    (``if not request.user.is_authenticated: return redirect_to_login(...)``)."""
    summary = ctx.index.function(callee)
    if summary is None or ctx.project is None:
        return False
    if summary.rel != ctx.rel:
        ctx.index.note_source(summary.rel)
    tree = ctx.tree if summary.rel == ctx.rel else ctx.project.source(summary.rel).tree
    for found in ast.walk(tree) if tree is not None else ():
        if isinstance(found, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                and found.lineno == summary.line:
            names = {n.attr if isinstance(n, ast.Attribute) else n.id for n in ast.walk(found)
                     if isinstance(n, (ast.Attribute, ast.Name))}
            return bool(names & USER_CHECKS) and bool(names & ENFORCING_NAMES)
    return False


def _checks_by_hand(node: ast.AST) -> bool:
    for child in ast.walk(node):
        if isinstance(child, ast.Attribute) and child.attr in MANUAL_CHECKS:
            return True
        if isinstance(child, ast.Name) and child.id in MANUAL_CHECKS:
            return True
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                and child.name in MANUAL_CHECKS:
            return True
    return False
