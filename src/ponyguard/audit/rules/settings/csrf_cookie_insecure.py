"""The CSRF cookie is not marked Secure (CSRF_COOKIE_SECURE is not True).

## Why it matters
`CsrfViewMiddleware` keeps the CSRF secret in the `csrftoken` cookie. Without the `Secure`
attribute the browser also sends that cookie with plain `http://` requests, where anyone on
the network can read it; with the secret in hand, a forged form post only needs the victim to
visit the attacker's page. It is a weaker exposure than a session cookie (the attacker still
has to get the victim to submit a request), but it removes a layer that costs nothing to keep.

Django's `CSRF_COOKIE_SECURE` defaults to `False`. Like Django's check (security.W016), this
rule applies only when `CsrfViewMiddleware` is installed and `CSRF_USE_SESSIONS` is off (with
it on, the token lives in the session and `SESSION_COOKIE_SECURE` is what matters).

## Insecure example
```python
MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware", ...]
# CSRF_COOKIE_SECURE not set: Django's default is False
CSRF_COOKIE_SECURE = os.environ.get("CSRF_SECURE", "") == "1"  # off unless set
```

## Fix
Set `CSRF_COOKIE_SECURE = True` in production settings (and default any environment variable
that drives it to true), next to `SESSION_COOKIE_SECURE = True`.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-secure
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#csrf-cookie-secure
- https://docs.djangoproject.com/en/stable/ref/csrf/
- https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html
- https://cwe.mitre.org/data/definitions/614.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.view import SettingsView
from ._django import (
    CSRF_MIDDLEWARE,
    has_middleware,
    listing,
    not_true,
    precondition_confidence,
)
from ._support import truth

rule = Rule("PG119", "csrf-cookie-insecure", "The CSRF cookie is not marked Secure",
            Severity.LOW, Confidence.HIGH, cwe=(614, 319), doc_text=__doc__,
            mirrors="security.W016")

NAME = "CSRF_COOKIE_SECURE"


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    if has_middleware(view, CSRF_MIDDLEWARE) is not True:
        return
    if truth(view.value("CSRF_USE_SESSIONS").data) is not False:
        return
    finding = not_true(
        rule, view, NAME, "security.W016",
        problem="the CSRF token cookie is also sent over plain HTTP, where a network sniffer "
                "can read it",
        fix="Set CSRF_COOKIE_SECURE = True in production (default any variable that drives "
            "it to True).",
        confidence=precondition_confidence(
            view, "MIDDLEWARE", "CSRF_USE_SESSIONS",
            holds={"MIDDLEWARE": listing(CSRF_MIDDLEWARE),
                   "CSRF_USE_SESSIONS": lambda data: truth(data) is False}),
    )
    if finding is not None:
        yield finding
