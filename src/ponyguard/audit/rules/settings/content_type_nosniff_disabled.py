"""The X-Content-Type-Options: nosniff header is turned off (SECURE_CONTENT_TYPE_NOSNIFF).

## Why it matters
Without `X-Content-Type-Options: nosniff` a browser may ignore the `Content-Type` a response
declares and guess ("sniff") the type from its content. A file a user uploaded as a harmless
`text/plain` or image, or a JSON response echoing user input, can then be run as a script or
rendered as HTML on your origin: stored cross-site scripting through your media or API.

Django's `SecurityMiddleware` sends the header on every response while
`SECURE_CONTENT_TYPE_NOSNIFF` is true, which is the default since Django 3.0. This rule
fires only when a project turns it off (like Django's check, only when the middleware is
installed).

## Insecure example
```python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]
SECURE_CONTENT_TYPE_NOSNIFF = False
```

## Fix
Delete the line or set `SECURE_CONTENT_TYPE_NOSNIFF = True`, and serve every response with a
correct `Content-Type`. If one legacy view really needs sniffing, remove the header in that
view only rather than for the whole site.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-content-type-nosniff
- https://docs.djangoproject.com/en/stable/ref/middleware/#x-content-type-options-nosniff
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Content-Type-Options
- https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html#x-content-type-options
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.view import SettingsView
from ._django import (
    SECURITY_MIDDLEWARE,
    has_middleware,
    listing,
    not_true,
    precondition_confidence,
)

rule = Rule("PG114", "content-type-nosniff-disabled",
            "The X-Content-Type-Options: nosniff header is disabled", Severity.LOW,
            Confidence.HIGH, cwe=(693,), doc_text=__doc__, mirrors="security.W006")


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    if has_middleware(view, SECURITY_MIDDLEWARE) is not True:
        return
    finding = not_true(
        rule, view, "SECURE_CONTENT_TYPE_NOSNIFF", "security.W006",
        problem="responses are sent without 'X-Content-Type-Options: nosniff', so browsers "
                "may run uploaded files or API responses as HTML or script",
        fix="Set SECURE_CONTENT_TYPE_NOSNIFF = True (Django's default), or delete the line.",
        confidence=precondition_confidence(view, "MIDDLEWARE",
                                           holds={"MIDDLEWARE": listing(SECURITY_MIDDLEWARE)}),
    )
    if finding is not None:
        yield finding
