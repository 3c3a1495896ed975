"""The Django admin is mounted at the default `/admin/` URL.

## Why it matters
`/admin/` is the first URL every scanner and password-guessing bot tries on a Django site. At
the default path the admin login page confirms the site runs Django, gives automated
credential-stuffing and brute-force attacks a known target, and shows up in every log of
opportunistic scans. Moving it is not access control (the admin must still be protected by
strong passwords, login throttling and ideally an IP allow-list or SSO), but it removes the
site from the cheapest, fully automated attacks and makes real attempts stand out in the logs.

This rule reads ROOT_URLCONF (and project URL modules it includes). It stays silent when
`django.contrib.admin` is not installed, when the admin is mounted under
`if settings.DEBUG:`, and when a decoy such as django-admin-honeypot sits at `admin/`.

## Insecure example
```python
# mysite/urls.py
from django.contrib import admin
from django.urls import path

urlpatterns = [
    path("admin/", admin.site.urls),
]
```

## Fix
Mount the admin under a path that is not guessable, ideally one set per deployment, e.g.
`path(settings.ADMIN_URL, admin.site.urls)` with `ADMIN_URL = env("DJANGO_ADMIN_URL")`, and
still protect the admin with throttling and network restrictions.

```python
urlpatterns = [
    path("staff-7f3a/", admin.site.urls),
]
```

## References
- https://docs.djangoproject.com/en/stable/ref/contrib/admin/#hooking-adminsite-instances-into-your-urlconf
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/
- https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html
- https://cwe.mitre.org/data/definitions/200.html
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import Value
from ...settings.view import SettingsView
from ._apps import app_installed
from ._support import confidence_of
from ._urls import INCLUDE_FUNCS, Guard, UrlCall, url_calls

rule = Rule("PG130", "admin-default-path", "The Django admin is at the default /admin/ URL",
            Severity.LOW, Confidence.HIGH, cwe=(200,), doc_text=__doc__)

ADMIN_URLS = "django.contrib.admin.site.urls"
SETTINGS = "django.conf.settings"
FIX = ('Mount the admin under a path that is not guessable (path("staff-7f3a/", '
       "admin.site.urls) or a per-deployment ADMIN_URL setting), and keep it behind "
       "throttling and network restrictions.")


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    if app_installed(view.value("INSTALLED_APPS").data, "django.contrib.admin") is not True:
        return
    for found in url_calls(view):
        if found.guard is not Guard.NONE or found.kind is None or not _mounts_admin(found):
            continue
        route, setting = _route(view, found)
        full = found.full_route(route) if route is not None else None
        if full is None or full.strip("/") != "admin":
            continue
        if setting is None:
            message = f"the Django admin is mounted at the default URL /admin/ ({found.snippet()})"
            confidence = Confidence.HIGH
        else:
            name, value = setting
            message = (f"the Django admin is mounted at {name} = {route!r}, the default URL "
                       f"/admin/{value.unless_clause()}")
            confidence = confidence_of(value)
        yield rule.finding(message, found.location(), evidence=found.evidence(), key="admin:admin/",
                           confidence=confidence, fix=FIX)


def _mounts_admin(found: UrlCall) -> bool:
    target = found.view_node
    if isinstance(target, ast.Call) and found.qualified(target.func) in INCLUDE_FUNCS:
        target = target.args[0] if target.args else None
    if found.qualified(target) == ADMIN_URLS:
        return True
    # a custom AdminSite instance: admin_site.urls, custom_admin.site.urls
    return (isinstance(target, ast.Attribute) and target.attr == "urls"
            and "admin" in ast.unparse(target.value).lower())


def _route(view: SettingsView, found: UrlCall) -> tuple[str | None, tuple[str, Value] | None]:
    """The literal route, or the value of ``settings.NAME`` used as the route."""
    node = found.route_node
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, None
    if isinstance(node, ast.Attribute) and found.qualified(node.value) == SETTINGS:
        value = view.value(node.attr)
        if isinstance(value.data, str):
            return value.data, (node.attr, value)
    return None, None
