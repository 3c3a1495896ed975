"""Who may call a view: login and permission checks as the project's facts show them.

A view is *protected* by a decorator (``@login_required``, ``@permission_required``,
``@user_passes_test``, ``@staff_member_required``, a project decorator named like
``*_login_required``/``staff_required``), a mixin (``LoginRequiredMixin``,
``PermissionRequiredMixin``, ``UserPassesTestMixin``…), ``method_decorator(...)`` on the
class or its ``dispatch``, DRF ``permission_classes`` (or the project's
``DEFAULT_PERMISSION_CLASSES`` for DRF views), or a wrapper in the URLconf
(``path("x/", login_required(views.x))``). It is *public on purpose* with
``@login_not_required``, ``permission_classes = [AllowAny]`` or ``permission_classes = []``.

:func:`census` counts, once per run, how many routed views of the project are protected.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from ...code.facts import Route
from ...code.index import ProjectIndex
from ...context import FileContext
from ._project import DjangoSettings, django_settings

NONE = "none"
PUBLIC = "public"
LOGIN = "login"
PERMISSION = "permission"
_RANK = {NONE: 0, PUBLIC: 1, LOGIN: 2, PERMISSION: 3}

PUBLIC_NAMES = re.compile(
    r"AllowAny|\w*(login|auth)\w*_(not_required|exempt)|public|allow_anonymous|anonymous_allowed")
LOGIN_NAMES = re.compile(
    r"\w*(login|auth|api_?key|token|signature|signed|hmac)\w*"
    r"|IsAuthenticated\w*|\w*(LoginRequired|Authenticated|Login|Auth)\w*Mixin")
"""Decorators (snake case) and mixins or DRF classes (camel case) that require a login:
``login_required``, ``ajax_login_required``, ``authorize``, ``api_key_required``,
``LoginRequiredMixin``, ``IsAuthenticated``."""
PERMISSION_NAMES = re.compile(
    r"\w*(permission|perm|perms|staff|superuser|admin|member|owner|access|role|group)\w*"
    r"|user_passes_test|IsAdminUser|Django(Model|Object)Permissions\w*"
    r"|\w*(Permission|Perm|UserPassesTest|Staff|Superuser|Admin|Owner|Member|Access|Role"
    r"|Group)\w*Mixin")
"""Decorators and mixins that require more than a login: ``permission_required``,
``user_passes_test``, ``staff_member_required``, ``allow_permission``,
``PermissionRequiredMixin``, ``UserPassesTestMixin``, ``AccessMixin``, ``IsAdminUser``."""
LOGIN_VIEWS = frozenset({"django.contrib.auth.views.PasswordChangeView",
                         "django.contrib.auth.views.PasswordChangeDoneView"})
"""Django views that require a login themselves."""
HANDLERS = ("dispatch", "get", "post", "put", "patch", "delete", "list", "create", "retrieve",
            "update", "partial_update", "destroy")
"""Methods of class-based views and DRF viewsets that handle requests."""
PUBLIC_VIEW = re.compile(
    r"(^|_)(log_?in|log_?out|sign_?in|sign_?out|sign_?up|register|registration|join"
    r"|password_reset|reset_password|reset|forgot(_password)?|recover|recovery|home|index"
    r"|landing|about|contact|help|docs?|documentation|pricing|plans|features|changelog|legal"
    r"|tos|imprint|impressum|credits|health|healthz|healthcheck|ping|status|version|robots"
    r"|sitemap|static|favicon|logo|manifest|service_worker|offline|well_known|webhooks?"
    r"|hooks?|callback|activate|activation|verify|verification|confirm|confirm_email"
    r"|unsubscribe|invite|invitation|privacy|terms|faq|public|feed|rss|embed|widgets?"
    r"|badges?|set_language|language|jsi18n|javascript_catalog|redirect|token|authorize"
    r"|bounces?|bot|slack|telegram|stripe|paypal|ipn|notify|notification_status"
    r"|authorization|oauth\w*|sso|saml\w*|setup|install)(_|$)")
"""Views that are public by nature, judged by their name or route."""
CAPABILITY_ARG = re.compile(r"token|sign|key|secret|hash|uidb64|nonce|otp|share", re.I)
"""URL arguments that make the URL itself the credential (``reset/<uidb64>/<token>/``)."""


@dataclass(frozen=True, slots=True)
class Access:
    """How a view is guarded: ``level`` (none/public/login/permission) and by what."""

    level: str
    via: str = ""
    drf: bool = False

    @property
    def protected(self) -> bool:
        return self.level in (LOGIN, PERMISSION)


NO_ACCESS = Access(NONE)


def short_name(dotted: str) -> str:
    return dotted.rsplit(".", 1)[-1]


def classify(dotted: str, *, permission_class: bool = False) -> Access | None:
    """What a decorator, mixin or DRF permission class named ``dotted`` requires."""
    last = short_name(dotted)
    if dotted in LOGIN_VIEWS:
        return Access(LOGIN, last)
    if PUBLIC_NAMES.fullmatch(last):
        return Access(PUBLIC, last)
    if PERMISSION_NAMES.fullmatch(last):
        return Access(PERMISSION, last)
    if LOGIN_NAMES.fullmatch(last):
        return Access(LOGIN, last)
    if permission_class:
        return Access(PERMISSION, last)
    return None


def strongest(accesses: Iterable[Access | None]) -> Access:
    best = NO_ACCESS
    for access in accesses:
        if access is not None and _RANK[access.level] > _RANK[best.level]:
            best = access
    return best


def permission_list(names: Sequence[str], where: str) -> Access:
    """A DRF ``permission_classes`` list: empty or ``[AllowAny]`` is public on purpose."""
    found = [classify(n, permission_class=True) for n in names]
    if not found or all(a is not None and a.level == PUBLIC for a in found):
        return Access(PUBLIC, f"{where} = [{', '.join(short_name(n) for n in names)}]")
    best = strongest(found)
    return replace(best, via=f"{where} [{', '.join(short_name(n) for n in names)}]")


def _decorated(decorators: Sequence[str], args: Sequence[str]) -> list[Access | None]:
    found: list[Access | None] = []
    for name in decorators:
        access = classify(name)
        found.append(replace(access, via=f"@{access.via}") if access else None)
    lasts = {short_name(d) for d in decorators}
    if "permission_classes" in lasts:
        found.append(permission_list(args, "@permission_classes"))
    else:
        for name in args:
            access = classify(name)
            found.append(replace(access, via=f"@method_decorator({access.via})")
                         if access and "method_decorator" in lasts else
                         replace(access, via=f"@{access.via}") if access else None)
    return found


def function_access(index: ProjectIndex, qualname: str) -> Access | None:
    """A function view's own guards (None: not a function of the project)."""
    summary = index.function(qualname)
    if summary is None:
        return None
    access = strongest(_decorated(summary.decorators, summary.decorator_args))
    drf = any(short_name(d) == "api_view" for d in summary.decorators)
    return replace(access, drf=drf)


def class_access(index: ProjectIndex, qualname: str, handlers: bool = True) -> Access | None:
    """A class-based view's guards, through its project bases (None: not a project class).
    With ``handlers``, a guard on any of its handler methods (``get``, ``post``…) counts."""
    if index.cls(qualname) is None:
        return None
    found: list[Access | None] = []
    drf = False
    permissions: Access | None = None
    for owner in index.mro(qualname):
        facts = index.cls(owner)
        if facts is None:
            continue
        for base in facts.bases:
            drf = drf or base.startswith("rest_framework.")
            found.append(classify(base))
        found.extend(_decorated(facts.decorators, facts.decorator_args))
        if permissions is None:
            names = facts.name_list("permission_classes")
            single = facts.attr("permission_classes")
            if names is not None:
                permissions = permission_list(names, "permission_classes")
            elif single is not None:
                permissions = permission_list((single,), "permission_classes")
        module = index.module_facts(owner)
        for handler in HANDLERS if handlers else ("dispatch",):
            summary = module.functions.get(f"{owner}.{handler}") if module else None
            if summary is not None:
                found.extend(_decorated(summary.decorators, summary.decorator_args))
    access = strongest((*found, permissions))
    return replace(access, drf=drf or permissions is not None)


def route_access(routes: Sequence[Route]) -> Access | None:
    """The guard every route to a view wraps it in (``login_required(views.x)``)."""
    if not routes:
        return None
    guards = [strongest(classify(w) for w in route.wrappers) for route in routes]
    weakest = min(guards, key=lambda a: _RANK[a.level])
    if not weakest.protected:
        return None
    return replace(weakest, via=f"{weakest.via}() in urls.py")


def view_access(index: ProjectIndex, view: str, settings: DjangoSettings,
                handlers: bool = True) -> Access | None:
    """How a routed view (function or class) is guarded; None when it is not the project's."""
    own = class_access(index, view, handlers)
    if own is None:
        own = function_access(index, view)
    if own is None:
        return None
    wrapped = route_access(index.routes_to(view))
    access = strongest((own, wrapped)) if wrapped else own
    if access.level == NONE and own.drf and settings.drf_default_permissions:
        access = permission_list(settings.drf_default_permissions,
                                 "DEFAULT_PERMISSION_CLASSES")
    return replace(access, drf=own.drf)


def snake(name: str) -> str:
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def looks_public(view: str, routes: Sequence[Route]) -> bool:
    """Public by nature: a login, signup, home, health or webhook view (by name or route)."""
    if PUBLIC_VIEW.search(snake(short_name(view))):
        return True
    for route in routes:
        text = route.route.strip("^$/")
        if not text or PUBLIC_VIEW.search(snake(text)):
            return True
        if any(CAPABILITY_ARG.search(arg.name) for arg in route.args):
            return True
    return False


@dataclass(frozen=True, slots=True)
class Census:
    """Routed views of the project that are not public by nature, and how many are guarded."""

    total: int = 0
    protected: int = 0
    usual: str = ""
    """The most common guard (``@login_required``)."""
    by_file: dict[str, tuple[int, int]] = field(default_factory=dict)
    """The same counts for the views defined in each file: rel → (total, protected)."""


def census(ctx: FileContext) -> Census:
    """How many routed project views require a login, computed once per run."""
    settings = django_settings(ctx)

    def compute(index: ProjectIndex) -> Census:
        total = protected = 0
        guards: Counter[str] = Counter()
        by_file: dict[str, tuple[int, int]] = {}
        for view, routes in sorted(index.routes().items()):
            access = view_access(index, view, settings)
            if access is None or access.level == PUBLIC or looks_public(view, routes):
                continue
            found = index.cls(view) or index.function(view)
            rel = found.rel if found is not None else ""
            seen, guarded = by_file.get(rel, (0, 0))
            total += 1
            if access.protected:
                protected += 1
                guards[access.via] += 1
            by_file[rel] = (seen + 1, guarded + access.protected)
        usual = guards.most_common(1)[0][0] if guards else ""
        return Census(total, protected, usual, by_file)

    return ctx.index.derived("view-access-census", compute)
