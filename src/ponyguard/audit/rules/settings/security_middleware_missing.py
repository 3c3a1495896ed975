"""Django's SecurityMiddleware is not installed, so the SECURE_* settings do nothing.

## Why it matters
`django.middleware.security.SecurityMiddleware` is the piece of Django that acts on
`SECURE_SSL_REDIRECT` (redirect HTTP to HTTPS), `SECURE_HSTS_SECONDS` and its companions
(the `Strict-Transport-Security` header), `SECURE_CONTENT_TYPE_NOSNIFF`
(`X-Content-Type-Options: nosniff`), `SECURE_REFERRER_POLICY` (`Referrer-Policy`) and
`SECURE_CROSS_ORIGIN_OPENER_POLICY` (`Cross-Origin-Opener-Policy`). Without it those settings
are silently ignored: the site may look hardened in `settings.py` while sending none of these
headers and serving plain HTTP. Django's deploy check (security.W001) reports it, and because
every check that depends on the middleware is skipped without it, the missing headers are not
reported one by one.

A project that never sets `MIDDLEWARE` gets Django's default, an empty list.

## Insecure example
```python
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
SECURE_SSL_REDIRECT = True  # has no effect without SecurityMiddleware
SECURE_HSTS_SECONDS = 31536000  # neither has this
```

## Fix
Add `"django.middleware.security.SecurityMiddleware"` to `MIDDLEWARE`, first in the list (as
`startproject` does) so its redirect and headers apply to every response, then review the
`SECURE_*` settings it starts enforcing.

```python
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # ...
]
```

## References
- https://docs.djangoproject.com/en/stable/ref/middleware/#module-django.middleware.security
- https://docs.djangoproject.com/en/stable/ref/settings/#middleware
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#https
- https://docs.djangoproject.com/en/stable/ref/checks/#security
- https://owasp.org/Top10/A05_2021-Security_Misconfiguration/
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.view import SettingsView
from ._django import SECURITY_MIDDLEWARE
from ._middleware import report_missing

rule = Rule("PG106", "security-middleware-missing", "SecurityMiddleware is not installed",
            Severity.MEDIUM, Confidence.HIGH, cwe=(693, 319), doc_text=__doc__,
            mirrors="security.W001")

FIX = ("Add \"django.middleware.security.SecurityMiddleware\" as the first entry of MIDDLEWARE, "
       "then review the SECURE_* settings it enforces.")


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    finding = report_missing(
        rule, view, SECURITY_MIDDLEWARE,
        "SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, SECURE_CONTENT_TYPE_NOSNIFF, "
        "SECURE_REFERRER_POLICY and SECURE_CROSS_ORIGIN_OPENER_POLICY have no effect, so "
        "none of their headers or redirects happen", fix=FIX)
    if finding is not None:
        yield finding
