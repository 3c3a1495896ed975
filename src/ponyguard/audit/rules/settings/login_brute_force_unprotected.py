"""The admin login has no brute-force protection configured in settings.

## Why it matters
Django does not limit failed logins. With `django.contrib.admin` installed, the admin login
page accepts an unlimited number of password guesses for any username, at the speed of the
server: password spraying and credential stuffing (trying passwords leaked from other sites)
need nothing more. A single staff account with a reused or weak password gives the attacker
the admin, which usually means all the data.

Login throttling is not part of Django; it comes from an app such as django-axes (locks out
after repeated failures, through its authentication backend), django-defender (blocks by IP
and username, and wraps the admin login), or django-ratelimit-backend (rate-limits the
authentication backend). django-allauth rate-limits failed logins on its own login view, but,
as its documentation says, not on Django's admin login; django-ratelimit only protects views
decorated with `@ratelimit`, which the admin login is not unless the project wraps it. With
those two the finding is reported at low confidence.

The throttling may also live outside Django (a WAF, fail2ban, a reverse-proxy rate limit, or
an SSO/VPN in front of `/admin/`), which settings cannot show; findings are of medium
confidence, and a suppression with a comment naming the protection is the right answer then.

## Insecure example
```python
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    # ... nothing that limits failed logins
]
```

## Fix
Install django-axes: add `"axes"` to INSTALLED_APPS, `"axes.middleware.AxesMiddleware"` as the
last entry of MIDDLEWARE, and put `"axes.backends.AxesStandaloneBackend"` first in
AUTHENTICATION_BACKENDS (or use django-defender).

```python
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hour
```

## References
- https://django-axes.readthedocs.io/en/latest/2_installation.html
- https://github.com/jazzband/django-defender
- https://docs.allauth.org/en/latest/account/rate_limits.html
- https://docs.djangoproject.com/en/stable/topics/auth/passwords/
- https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#protect-against-automated-attacks
- https://cwe.mitre.org/data/definitions/307.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import UNKNOWN, Value
from ...settings.view import SettingsView
from ._apps import any_listed, any_matching, app_installed, first_true
from ._support import is_false, report
from ._urls import source_mentions

rule = Rule("PG131", "login-brute-force-unprotected",
            "The admin login has no brute-force protection", Severity.MEDIUM, Confidence.MEDIUM,
            cwe=(307,), doc_text=__doc__)

AXES_MIDDLEWARE = "axes.middleware.AxesMiddleware"
AXES_BACKENDS = ("axes.backends.AxesBackend", "axes.backends.AxesStandaloneBackend",
                 "axes.backends.AxesModelBackend")
DEFENDER_MIDDLEWARE = "defender.middleware.FailedLoginMiddleware"
RATELIMIT_BACKEND_APP = "ratelimitbackend"
HINTS = ("axes", "defender", "ratelimit", "lockout", "brute", "throttl")
"""Words in an app, middleware or backend path that suggest a login-throttling package."""
FIX = ("Install django-axes (\"axes\" in INSTALLED_APPS, axes.middleware.AxesMiddleware in "
       "MIDDLEWARE, axes.backends.AxesStandaloneBackend first in AUTHENTICATION_BACKENDS) or "
       "django-defender, or document the proxy/WAF rate limit that protects /admin/login/.")


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    apps = view.value("INSTALLED_APPS")
    auth = app_installed(apps.data, "django.contrib.auth")
    admin = app_installed(apps.data, "django.contrib.admin")
    if auth is not True or admin is not True:
        return
    middleware = view.value("MIDDLEWARE").data
    backends = view.value("AUTHENTICATION_BACKENDS").data

    axes = app_installed(apps.data, "axes")
    if axes is True:
        yield from _axes(view, middleware, backends)
        return
    protected = first_true(
        axes,
        app_installed(apps.data, "defender"),
        any_listed(middleware, [DEFENDER_MIDDLEWARE]),
        app_installed(apps.data, RATELIMIT_BACKEND_APP),
        any_matching(middleware, lambda m: m.startswith(RATELIMIT_BACKEND_APP + ".")),
        any_matching(backends, lambda b: b.startswith(RATELIMIT_BACKEND_APP + ".")),
        any_matching(apps.data, _hinted),
        any_matching(middleware, _hinted),
        any_matching(backends, _hinted),
    )
    if protected is not False:
        return  # protected, or a list the audit cannot read completely

    partial = _partial_protection(view, apps)
    if partial is None:
        return
    if partial:
        message, confidence, where = partial
        yield report(rule, view, where, message, key="brute-force", confidence=confidence,
                     fix=FIX, holds=_unprotected if where is apps else None)
        return
    yield report(rule, view, apps,
                 "django.contrib.admin is installed but nothing limits failed logins: no "
                 "django-axes, django-defender or django-ratelimit-backend, so the admin login "
                 "accepts unlimited password guesses unless a proxy or WAF throttles it",
                 key="brute-force", fix=FIX, holds=_unprotected)


def _unprotected(apps: object) -> bool | None:
    """The finding's condition on INSTALLED_APPS: the admin without an app that throttles its
    login (allauth and django-ratelimit do not, see :func:`_partial_protection`)."""
    protected = first_true(*(app_installed(apps, app) for app in (
        "axes", "defender", RATELIMIT_BACKEND_APP)), any_matching(apps, _hinted))
    admin = app_installed(apps, "django.contrib.admin")
    return None if protected is None or admin is None else admin and not protected


def _hinted(path: str) -> bool:
    """Some other throttling package (not Django's, allauth's or django-ratelimit's)."""
    lowered = path.lower()
    if lowered.startswith(("django.", "allauth", "django_ratelimit", "ratelimit.")) \
            or lowered == "ratelimit":
        return False
    return any(hint in lowered for hint in HINTS)


def _axes(view: SettingsView, middleware: object, backends: object) -> Iterator[Finding]:
    enabled = view.value("AXES_ENABLED")
    if is_false(enabled.data) and not enabled.is_default:
        yield report(rule, view, enabled,
                     "django-axes is installed but AXES_ENABLED is False, so failed logins are "
                     "not limited", key="brute-force", fix="Set AXES_ENABLED = True.")
        return
    wired = first_true(any_listed(backends, AXES_BACKENDS),
                       any_listed(middleware, [AXES_MIDDLEWARE]))
    if wired is False:
        yield report(rule, view, view.value("AUTHENTICATION_BACKENDS"),
                     "django-axes is in INSTALLED_APPS but neither its backend "
                     "(axes.backends.AxesStandaloneBackend in AUTHENTICATION_BACKENDS) nor "
                     f"{AXES_MIDDLEWARE} is configured, so it does not lock anyone out",
                     key="brute-force",
                     fix="Put axes.backends.AxesStandaloneBackend first in "
                         "AUTHENTICATION_BACKENDS and add axes.middleware.AxesMiddleware to "
                         "MIDDLEWARE.")


def _partial_protection(view: SettingsView, apps: Value
                        ) -> tuple[str, Confidence, Value] | tuple[()] | None:
    """Packages that throttle some logins but not the admin's: (message, confidence, where).

    ``()`` when there are none, None when that cannot be known.
    """
    allauth = first_true(app_installed(apps.data, "allauth"),
                         app_installed(apps.data, "allauth.account"))
    ratelimit = first_true(app_installed(apps.data, "django_ratelimit"),
                           app_installed(apps.data, "ratelimit"))
    if allauth is None or ratelimit is None:
        return None
    if allauth:
        limits = view.value("ACCOUNT_RATE_LIMITS")
        if limits.data is UNKNOWN:
            return None
        if limits.data is False:
            return ("django.contrib.admin is installed and nothing limits failed logins: "
                    "django-allauth's rate limits are switched off (ACCOUNT_RATE_LIMITS = "
                    "False), and they never covered the admin login", Confidence.MEDIUM, limits)
        if source_mentions(view, "secure_admin_login") or source_mentions(view,
                                                                           "admin.site.login"):
            return None  # the URLconf routes the admin login elsewhere (through allauth)
        return ("django.contrib.admin is installed and only django-allauth limits failed "
                "logins; its rate limits protect allauth's login view, not Django's admin "
                "login (see allauth's docs)", Confidence.LOW, apps)
    if ratelimit:
        return ("django.contrib.admin is installed and only django-ratelimit is: it protects "
                "views decorated with @ratelimit, and the admin login is not decorated unless "
                "the project wraps it", Confidence.LOW, apps)
    return ()
