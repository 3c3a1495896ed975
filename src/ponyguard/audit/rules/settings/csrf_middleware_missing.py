"""Django's CSRF middleware is not installed, so forms are open to cross-site request forgery.

## Why it matters
`django.middleware.csrf.CsrfViewMiddleware` rejects POST, PUT, PATCH and DELETE requests that
do not carry the CSRF token from the user's cookie (and checks `Origin`/`Referer` on HTTPS).
Without it, any web page the victim visits can submit forms to your site with the victim's
session cookie attached: change their e-mail address or password, make purchases, or act as an
administrator in the admin. Django's deploy check (security.W003) reports it: protecting views
one by one with `@csrf_protect` is easy to get wrong, and one forgotten view is enough.

The risk is real wherever the browser authenticates automatically, i.e. with session cookies
(`SessionMiddleware`/`AuthenticationMiddleware` installed); the finding is high confidence
then. A pure token-authenticated API has less to lose, so the finding is medium confidence
when no session middleware is installed either. A project that never sets `MIDDLEWARE` gets
Django's default, an empty list.

## Insecure example
```python
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # "django.middleware.csrf.CsrfViewMiddleware",  removed because a form "did not work"
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
```

## Fix
Put `"django.middleware.csrf.CsrfViewMiddleware"` back in `MIDDLEWARE` (before any middleware
that assumes the request is safe), render `{% csrf_token %}` in every POST form and send the
`X-CSRFToken` header from JavaScript. Exempt a single view with `@csrf_exempt` only when it
authenticates requests some other way.

```python
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
```

## References
- https://docs.djangoproject.com/en/stable/ref/csrf/
- https://docs.djangoproject.com/en/stable/howto/csrf/
- https://docs.djangoproject.com/en/stable/ref/settings/#middleware
- https://docs.djangoproject.com/en/stable/ref/checks/#security
- https://owasp.org/www-community/attacks/csrf
- https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.view import SettingsView
from ._django import AUTH_MIDDLEWARE, CSRF_MIDDLEWARE, SESSION_MIDDLEWARE, has_middleware
from ._middleware import report_missing

rule = Rule("PG107", "csrf-middleware-missing", "CsrfViewMiddleware is not installed",
            Severity.HIGH, Confidence.HIGH, cwe=(352,), doc_text=__doc__,
            mirrors="security.W003")

FIX = ("Add \"django.middleware.csrf.CsrfViewMiddleware\" to MIDDLEWARE (after "
       "SessionMiddleware) and use {% csrf_token %} in every POST form.")


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    sessions = has_middleware(view, SESSION_MIDDLEWARE) or has_middleware(view, AUTH_MIDDLEWARE)
    if sessions:
        consequence = ("with session cookies installed, any site the user visits can submit "
                       "forms to this one as the user, unless every view uses @csrf_protect")
    else:
        consequence = ("no request is checked for a CSRF token unless a view uses "
                       "@csrf_protect; this matters once the site uses cookie sessions")
    finding = report_missing(rule, view, CSRF_MIDDLEWARE, consequence, fix=FIX,
                             confidence=None if sessions else Confidence.MEDIUM)
    if finding is not None:
        yield finding
