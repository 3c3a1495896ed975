"""SECURE_SSL_REDIRECT is off, so Django serves plain-HTTP requests instead of redirecting
them to HTTPS.

## Why it matters
With `SECURE_SSL_REDIRECT = True`, `SecurityMiddleware` answers every `http://` request with a
permanent redirect to `https://`. When it is off (Django's default is `False`) and nothing in
front of Django redirects either, pages, forms and cookies without the `Secure` flag travel in
clear text whenever a user follows an old `http://` link or types the bare domain, where anyone
on the network path can read and change them.

Many deployments redirect in the reverse proxy or load balancer (nginx, Caddy, a cloud load
balancer, Heroku's router) instead, and that is just as good. ponyguard cannot see the proxy
from the settings, so this finding is medium confidence, and low when `SECURE_PROXY_SSL_HEADER`
shows that a TLS-terminating proxy is in front. Django's deploy check (security.W008) words it
the same way: set the setting, or make the proxy redirect.

## Insecure example
```python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]
# SECURE_SSL_REDIRECT never set: Django's default is False
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SSL_REDIRECT", "") == "1"  # off unless set
```

## Fix
Set `SECURE_SSL_REDIRECT = True`, or make the reverse proxy or load balancer redirect every
`http://` request to `https://` (then this finding can be suppressed). Behind a proxy that
terminates TLS, also set `SECURE_PROXY_SSL_HEADER`, or Django sees every request as HTTP and
redirects forever.

```python
SECURE_SSL_REDIRECT = True
# only behind a proxy that sets this header and strips it from client requests:
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
```

Add HSTS (`SECURE_HSTS_SECONDS`) too: the first plain-HTTP request happens before any redirect.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect
- https://docs.djangoproject.com/en/stable/ref/middleware/#ssl-redirect
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#https
- https://docs.djangoproject.com/en/stable/ref/checks/#security
- https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import Value
from ...settings.view import SettingsView
from ._django import SECURITY_MIDDLEWARE, on_middleware_setting
from ._support import is_true, report_state, truth

rule = Rule("PG110", "ssl-redirect-disabled", "SECURE_SSL_REDIRECT is not enabled",
            Severity.MEDIUM, Confidence.MEDIUM, cwe=(319,), doc_text=__doc__,
            mirrors="security.W008")

NAME = "SECURE_SSL_REDIRECT"
FIX = ("Set SECURE_SSL_REDIRECT = True (with SECURE_PROXY_SSL_HEADER behind a TLS-terminating "
       "proxy), or make the proxy or load balancer redirect all HTTP requests to HTTPS.")
PROXY = ("this is fine if a reverse proxy or load balancer in front of Django already redirects "
         "HTTP to HTTPS")


@on_middleware_setting(rule, SECURITY_MIDDLEWARE, NAME)
def check(view: SettingsView, value: Value, confidence: Confidence | None) -> Iterator[Finding]:
    data = value.data
    if data is True:
        return
    truthy = truth(data)
    if truthy is None:
        return
    if truthy:
        # 1, "True", even "False": SecurityMiddleware redirects, Django's `is True` check warns.
        yield report_state(
            rule, view, value, f"{NAME} is {data!r}, not the boolean True",
            "SecurityMiddleware treats it as on and redirects, but `manage.py check --deploy` "
            "still reports security.W008", key=f"{NAME}:not-bool", severity=Severity.INFO,
            fix="Use a real boolean: SECURE_SSL_REDIRECT = True (cast environment values with "
                "env.bool(...) or config(..., cast=bool)).", confidence=confidence)
        return
    state = (f"{NAME} is not set (Django's default is False)" if value.is_default
             else f"{NAME} is {data!r}")
    detail = f"SecurityMiddleware serves plain-HTTP requests instead of redirecting them; {PROXY}"
    proxy_header = view.value("SECURE_PROXY_SSL_HEADER")
    if is_true(proxy_header.data):
        detail += (" (SECURE_PROXY_SSL_HEADER is set, so a TLS-terminating proxy is in front and "
                   "may well do it)")
        confidence = Confidence.LOW
    yield report_state(rule, view, value, state, detail, key=NAME, fix=FIX,
                       confidence=confidence)
