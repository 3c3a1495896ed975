"""`@csrf_exempt` switches off CSRF protection on a view that changes state.

## Why it matters
Django's `CsrfViewMiddleware` rejects POST, PUT, PATCH and DELETE requests that do not carry
the secret CSRF token of the visitor's session. `@csrf_exempt` (or `csrf_exempt(view)` in
`urls.py`) removes that check: any web page the visitor opens can then submit a hidden form
or a `fetch()` to this view, and the browser adds the visitor's session cookie. If the view
changes something — saves a model, changes an e-mail address or password, places an order,
deletes data — the attacker does it in the victim's name (cross-site request forgery).

Views that only answer GET are not reported (CSRF protection never applies to them), nor are
Django REST framework views (their `SessionAuthentication` checks CSRF by itself). A view
that verifies a signature of the request (`hmac.compare_digest()`,
`stripe.Webhook.construct_event()`, a `verify_signature()` helper) or authenticates with an
`Authorization` header is reported at low severity: cookies alone cannot forge it.

A finding is high confidence when the view visibly handles POST (a `request.method` check,
`@require_POST`, reading `request.POST`/`request.body`, a `post()` method, an editing generic
view), medium when it only writes to the database, low when the view's code is not in the
project or hands the request to code ponyguard did not follow.

## Insecure example
```python
@csrf_exempt
def change_email(request):
    if request.method == "POST":
        request.user.email = request.POST["email"]
        request.user.save()
    return redirect("profile")

urlpatterns = [path("api/order/", csrf_exempt(OrderView.as_view()))]
```

## Fix
Remove `@csrf_exempt` and send the token: `{% csrf_token %}` in forms, the `X-CSRFToken`
header (from the `csrftoken` cookie) in JavaScript. For webhooks called by other servers,
keep the exemption only together with a signature check of the body (`hmac.compare_digest`).

## References
- https://docs.djangoproject.com/en/stable/howto/csrf/
- https://docs.djangoproject.com/en/stable/ref/csrf/#django.views.decorators.csrf.csrf_exempt
- https://owasp.org/www-community/attacks/csrf
- https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html
- https://cwe.mitre.org/data/definitions/352.html
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...code.names import dotted
from ...context import FileContext
from ._shapes import class_bases, last_name, statements

rule = Rule("PG402", "csrf-exempt-state-changing", "CSRF protection off on a state-changing view",
            Severity.MEDIUM, Confidence.HIGH, cwe=(352,), doc_text=__doc__, runtime=False)

CSRF_EXEMPT = frozenset({"django.views.decorators.csrf.csrf_exempt"})
METHOD_DECORATOR = frozenset({"django.utils.decorators.method_decorator"})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
POST_ONLY = frozenset({"django.views.decorators.http.require_POST"})
GET_ONLY = frozenset({"django.views.decorators.http.require_GET",
                      "django.views.decorators.http.require_safe"})
REQUIRE_METHODS = frozenset({"django.views.decorators.http.require_http_methods"})
BODY_ATTRS = frozenset({"POST", "body", "FILES", "data", "stream"})
HANDLERS = ("post", "put", "patch", "delete")
EDITING_VIEWS = frozenset({
    "CreateView", "UpdateView", "DeleteView", "FormView", "BaseCreateView", "BaseUpdateView",
    "BaseDeleteView", "BaseFormView", "ProcessFormView", "DeletionMixin", "LoginView",
    "LogoutView", "PasswordChangeView", "PasswordResetView", "PasswordResetConfirmView",
})
WRITE_METHODS = frozenset({"save", "bulk_create", "bulk_update", "get_or_create",
                           "update_or_create", "delete"})
MANAGER_WRITES = frozenset({"create", "update"})
VERIFIERS = frozenset({
    "hmac.compare_digest", "hmac.new", "secrets.compare_digest",
    "django.utils.crypto.constant_time_compare", "django.utils.crypto.salted_hmac",
    "stripe.Webhook.construct_event", "stripe.WebhookSignature.verify_header",
    "django.core.signing.loads", "django.core.signing.Signer",
    "django.core.signing.TimestampSigner",
})
VERIFY_NAME = re.compile(
    r"(verif|validat|check|authenticat).*(signature|sig|hmac|token|webhook|request|secret|key)"
    r"|construct_event|compare_digest|constant_time_compare|unsign|signature", re.IGNORECASE)
TOKEN_HEADER = re.compile(r"^(HTTP_)?(AUTHORIZATION|X[-_]API[-_]KEY|X[-_]AUTH[-_]TOKEN)$",
                          re.IGNORECASE)
NOT_MODELS = re.compile(r"(^|\.)(cache|caches|session|sessions|storage|default_storage|"
                        r"image|img|im|file|fp|zip|zipfile|wb|workbook|doc|pdf)$", re.IGNORECASE)
FIX = ("Remove csrf_exempt and send the CSRF token ({% csrf_token %}, or the X-CSRFToken header); "
       "for server-to-server webhooks keep it only with a signature check of the body "
       "(hmac.compare_digest).")

Resolve = Callable[[ast.expr], "str | None"]


@dataclass
class Evidence:
    """What a view's code says about the requests it handles."""

    posts: list[str] = field(default_factory=list)
    writes: list[str] = field(default_factory=list)
    verifies: list[str] = field(default_factory=list)
    delegates: list[str] = field(default_factory=list)
    get_only: bool = False
    drf: bool = False


@rule.on(ast.FunctionDef)
@rule.on(ast.AsyncFunctionDef)
def check_function(node: ast.FunctionDef | ast.AsyncFunctionDef,
                   ctx: FileContext) -> Iterator[Finding]:
    for decorator in node.decorator_list:
        if not _exempts(decorator, ctx):
            continue
        cls = ctx.enclosing_class(node)
        if cls is None:
            evidence = function_evidence(node, _resolver(ctx, ctx.rel), ctx.rel)
            yield from _judge(decorator, f"view `{node.name}`", ctx.function_qualname(node),
                              evidence, ctx)
        elif node.name == "dispatch":  # as_view() copies dispatch's csrf_exempt attribute
            evidence = class_evidence(cls, ctx.function_qualname(cls), _resolver(ctx, ctx.rel),
                                      ctx.rel, ctx)
            yield from _judge(decorator, f"view `{cls.name}`", ctx.function_qualname(cls),
                              evidence, ctx)


@rule.on(ast.ClassDef)
def check_class(node: ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
    for decorator in node.decorator_list:
        if isinstance(decorator, ast.Call) and ctx.qualname(decorator.func) in METHOD_DECORATOR \
                and decorator.args and _names_exempt(decorator.args[0], ctx):
            name = next((k.value for k in decorator.keywords if k.arg == "name"), None)
            if isinstance(name, ast.Constant) and name.value == "dispatch":
                qualname = ctx.function_qualname(node)
                evidence = class_evidence(node, qualname, _resolver(ctx, ctx.rel), ctx.rel, ctx)
                yield from _judge(decorator, f"view `{node.name}`", qualname, evidence, ctx)


@rule.on(ast.Call)
def check_call(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    """``csrf_exempt(views.hook)`` / ``csrf_exempt(HookView.as_view())`` in urls.py or an
    assignment."""
    if not node.args or last_name(node.func, ctx) != "csrf_exempt" \
            or ctx.qualname(node.func) not in CSRF_EXEMPT:
        return
    view = node.args[0]
    label = f"`{ctx.snippet(view, 50)}`"
    name, found = _find_view(view, ctx)
    if name is None:
        return  # a parameter or a local variable: a decorator factory, not a view
    if found is None:
        if not ctx.scope.is_project(name):
            yield _report(node, label, name, None, ctx)
        return
    definition, qualname, rel = found
    resolve = _resolver(ctx, rel)
    if isinstance(definition, ast.ClassDef):
        evidence = class_evidence(definition, qualname, resolve, rel, ctx)
    elif isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)):
        evidence = function_evidence(definition, resolve, rel)
    else:  # pragma: no cover - _definition() returns only classes and functions
        return
    yield from _judge(node, f"view {label}", qualname, evidence, ctx)


# --- what a view does ---------------------------------------------------------------------

def function_evidence(node: ast.FunctionDef | ast.AsyncFunctionDef, resolve: Resolve,
                      rel: str) -> Evidence:
    evidence = Evidence()
    for decorator in node.decorator_list:
        name = resolve(decorator.func if isinstance(decorator, ast.Call) else decorator) or ""
        if name in POST_ONLY:
            evidence.posts.append(f"@require_POST {_at(rel, decorator)}")
        elif name in GET_ONLY:
            evidence.get_only = True
        elif name in REQUIRE_METHODS and isinstance(decorator, ast.Call) and decorator.args:
            methods = _strings(decorator.args[0])
            if methods is not None and not {m.upper() for m in methods} & UNSAFE_METHODS:
                evidence.get_only = True
            elif methods:
                evidence.posts.append(f"@require_http_methods {_at(rel, decorator)}")
        elif name.startswith("rest_framework."):
            evidence.drf = True
        if VERIFY_NAME.search(name.rsplit(".", 1)[-1] or "") or VERIFY_NAME.search(
                _last(decorator)):
            evidence.verifies.append(f"@{_last(decorator)} {_at(rel, decorator)}")
    _body_evidence(node.body, resolve, rel, evidence, _request_name(node))
    return evidence


def class_evidence(node: ast.ClassDef, qualname: str, resolve: Resolve, rel: str,
                   ctx: FileContext) -> Evidence:
    evidence = Evidence()
    bases = class_bases(node, ctx, resolve)
    if any(b.startswith("rest_framework.") for b in bases):
        evidence.drf = True
    editing = next((b for b in bases if b.rsplit(".", 1)[-1] in EDITING_VIEWS), None)
    if editing is not None:
        evidence.posts.append(f"it is a {editing.rsplit('.', 1)[-1]}")
    allowed = _class_methods(node)
    for method in node.body:
        if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                and method.name in HANDLERS:
            evidence.posts.append(f"{method.name}() {_at(rel, method)}")
    for handler in HANDLERS:
        if not any(p.startswith(f"{handler}()") for p in evidence.posts):
            inherited = ctx.index.function(f"{qualname}.{handler}")
            if inherited is not None and inherited.qualname != f"{qualname}.{handler}":
                evidence.posts.append(f"{handler}() at {inherited.rel}:{inherited.line}")
    if allowed is not None and not {m.upper() for m in allowed} & UNSAFE_METHODS:
        evidence.get_only = True
    for statement in node.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if statement.name in ("get", "head", "options"):
                continue
            sub = function_evidence(statement, resolve, rel)
            evidence.verifies += sub.verifies
            if statement.name in (*HANDLERS, "dispatch", "form_valid"):
                evidence.writes += sub.writes
                evidence.delegates += sub.delegates
                if statement.name == "dispatch":
                    evidence.posts += sub.posts
    return evidence


def _body_evidence(body: list[ast.stmt], resolve: Resolve, rel: str, evidence: Evidence,
                   request: str | None) -> None:
    for statement in statements(body):
        for node in ast.walk(statement):
            if isinstance(node, ast.Compare):
                if request and _checks_unsafe_method(node, request):
                    evidence.posts.append(f"{_short(node)} {_at(rel, node)}")
            elif isinstance(node, ast.Attribute):
                if request and node.attr in BODY_ATTRS and isinstance(node.ctx, ast.Load) \
                        and _is_request(node.value, request):
                    evidence.posts.append(f"reads {_short(node)} {_at(rel, node)}")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and TOKEN_HEADER.match(node.value):
                evidence.verifies.append(f"the {node.value} header {_at(rel, node)}")
            elif isinstance(node, ast.Call):
                _call_evidence(node, resolve, rel, evidence, request)


def _call_evidence(node: ast.Call, resolve: Resolve, rel: str, evidence: Evidence,
                   request: str | None) -> None:
    name = resolve(node.func) or ""
    last = _last(node.func)
    if name in VERIFIERS or VERIFY_NAME.search(last):
        evidence.verifies.append(f"{_short(node.func)}() {_at(rel, node)}")
        return
    func = node.func
    if isinstance(func, ast.Attribute):
        model_write = func.attr in WRITE_METHODS and not NOT_MODELS.search(_short(func.value)) \
            and not (func.attr == "delete" and node.args)
        if model_write or func.attr in MANAGER_WRITES and _is_manager(func.value):
            evidence.writes.append(f"{_short(func)}() {_at(rel, node)}")
    if request and any(isinstance(a, ast.Name) and a.id == request for a in node.args) \
            and not name.startswith("django."):
        evidence.delegates.append(f"{_short(node.func)}() {_at(rel, node)}")


def _checks_unsafe_method(node: ast.Compare, request: str) -> bool:
    """``request.method == "POST"``, ``request.method in ("PUT", "DELETE")``,
    ``request.method != "GET"`` (also with ``.upper()``)."""
    sides = [node.left, *node.comparators]
    if not any(_is_method(s, request) for s in sides):
        return False
    for op, side in zip(node.ops, node.comparators, strict=True):
        values = _strings(side) or []
        upper = {v.upper() for v in values}
        if isinstance(op, (ast.Eq, ast.In)) and upper & UNSAFE_METHODS:
            return True
        if isinstance(op, (ast.NotEq, ast.NotIn)) and upper and upper <= {"GET", "HEAD"}:
            return True
    return False


def _is_method(node: ast.expr, request: str) -> bool:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in ("upper", "lower"):
        node = node.func.value
    if not (isinstance(node, ast.Attribute) and node.attr == "method"):
        return False
    return _is_request(node.value, request)


def _is_request(node: ast.expr, request: str) -> bool:
    """``request`` or ``self.request``."""
    if isinstance(node, ast.Attribute) and node.attr == "request":
        return isinstance(node.value, ast.Name) and node.value.id == "self"
    return isinstance(node, ast.Name) and node.id == request


def _is_manager(node: ast.expr) -> bool:
    while isinstance(node, (ast.Attribute, ast.Call)):
        if isinstance(node, ast.Attribute):
            if node.attr in ("objects", "_default_manager") or node.attr.endswith("_set"):
                return True
            node = node.value
        else:
            node = node.func
    return False


def _class_methods(node: ast.ClassDef) -> list[str] | None:
    for statement in node.body:
        if isinstance(statement, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "http_method_names" for t in statement.targets):
            return _strings(statement.value)
    return None


def _request_name(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    args = [*node.args.posonlyargs, *node.args.args]
    names = [a.arg for a in args]
    if "request" in names:
        return "request"
    if names and names[0] in ("self", "cls"):
        return "request" if len(names) > 1 else None
    return names[0] if names else None


# --- reporting ----------------------------------------------------------------------------

def _judge(node: ast.AST, label: str, qualname: str, evidence: Evidence,
           ctx: FileContext) -> Iterator[Finding]:
    if evidence.drf or evidence.get_only:
        return
    if evidence.posts:
        confidence, does = Confidence.HIGH, f"handles POST ({'; '.join(evidence.posts[:2])})"
        if evidence.writes:
            does += f" and writes ({evidence.writes[0]})"
    elif evidence.writes:
        confidence, does = Confidence.MEDIUM, f"writes ({'; '.join(evidence.writes[:2])})"
    elif evidence.delegates:
        confidence = Confidence.LOW
        does = (f"hands the request to {evidence.delegates[0]}, which ponyguard did not "
                "follow")
    else:
        return
    yield _report(node, label, qualname, evidence, ctx, does, confidence)


def _report(node: ast.AST, label: str, key: str, evidence: Evidence | None, ctx: FileContext,
            does: str | None = None, confidence: Confidence = Confidence.LOW) -> Finding:
    if evidence is None:
        message = (f"csrf_exempt switches off CSRF protection for {label}, whose code is not in "
                   "the project: if it accepts POST, any site can submit it with the "
                   "visitor's cookies")
    elif evidence.verifies:
        message = (f"csrf_exempt switches off CSRF protection for {label}, which {does}; it "
                   f"checks a signature or token ({evidence.verifies[0]}), so only senders "
                   "holding the key can use it: make sure every change happens after that check")
    else:
        message = (f"csrf_exempt switches off CSRF protection for {label}, which {does}: any "
                   "site can submit this request with the visitor's cookies")
    severity = Severity.LOW if evidence is not None and evidence.verifies else None
    message = message.replace(f"at {ctx.rel}:", "at line ")
    return rule.finding(message, ctx.location(node), key=f"{key}:csrf_exempt",
                        severity=severity, confidence=confidence, evidence=ctx.evidence(node),
                        fix=FIX)


# --- finding the view ---------------------------------------------------------------------

def _exempts(decorator: ast.expr, ctx: FileContext) -> bool:
    func = decorator.func if isinstance(decorator, ast.Call) else decorator
    if last_name(func, ctx) not in ("csrf_exempt", "method_decorator"):
        return False
    if isinstance(decorator, ast.Call) and ctx.qualname(decorator.func) in METHOD_DECORATOR:
        return bool(decorator.args) and _names_exempt(decorator.args[0], ctx)
    return ctx.qualname(decorator) in CSRF_EXEMPT


def _names_exempt(decorators: ast.expr, ctx: FileContext) -> bool:
    """``csrf_exempt``, or a list of decorators with it (``method_decorator([...])``)."""
    if isinstance(decorators, (ast.List, ast.Tuple)):
        return any(ctx.qualname(d) in CSRF_EXEMPT for d in decorators.elts)
    return ctx.qualname(decorators) in CSRF_EXEMPT


def _find_view(view: ast.expr,
               ctx: FileContext) -> tuple[str | None, tuple[ast.AST, str, str] | None]:
    """The dotted name of a view passed to csrf_exempt() and, when it is in the project, its
    definition, dotted name and file."""
    is_class = isinstance(view, ast.Call) and isinstance(view.func, ast.Attribute) \
        and view.func.attr == "as_view"
    target = view.func.value if is_class else view  # type: ignore[attr-defined]
    name = ctx.qualname(target)
    if name is None:
        return None, None
    return name, _definition(name, is_class, ctx)


def _definition(name: str, is_class: bool, ctx: FileContext) -> tuple[ast.AST, str, str] | None:
    if is_class:
        facts = ctx.index.cls(name)
        found = (facts.qualname, facts.rel, facts.line) if facts is not None else None
    else:
        summary = ctx.index.function(name)
        found = (summary.qualname, summary.rel, summary.line) if summary is not None else None
    if found is None:
        return None
    qualname, rel, line = found
    ctx.index.note_source(rel)
    tree = ctx.tree if rel == ctx.rel else (
        ctx.project.source(rel).tree if ctx.project is not None else None)
    if tree is None:
        return None
    wanted = (ast.ClassDef,) if is_class else (ast.FunctionDef, ast.AsyncFunctionDef)
    short_name = qualname.rsplit(".", 1)[-1]
    for node in ast.walk(tree):
        if isinstance(node, wanted) and node.lineno == line and node.name == short_name:
            return node, qualname, rel
    return None


def _resolver(ctx: FileContext, rel: str) -> Resolve:
    if rel == ctx.rel:
        return ctx.qualname
    facts = ctx.index.facts(rel)
    aliases = dict(facts.imports) if facts is not None else {}
    return lambda node: dotted(node, aliases)


# --- small helpers ------------------------------------------------------------------------

def _strings(node: ast.expr) -> list[str] | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
        return [e.value for e in node.elts]  # type: ignore[attr-defined]
    return None


def _last(node: ast.expr) -> str:
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _short(node: ast.AST) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= 50 else text[:47] + "..."


def _at(rel: str, node: ast.AST) -> str:
    return f"at {rel}:{getattr(node, 'lineno', '?')}"
