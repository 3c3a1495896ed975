"""The Cross-Origin-Opener-Policy header is invalid or switched off.

## Why it matters
A page that opens yours in a popup or new tab (or that you open) keeps a handle on your
window: it can navigate it elsewhere (reverse tabnabbing, e.g. to a fake login page) and
count its frames or time its loads to learn what the user sees (cross-site leaks, XS-Leaks).
The `Cross-Origin-Opener-Policy` header puts your pages in their own browsing-context group
and cuts that handle; it is also the first step to cross-origin isolation.

Django's `SecurityMiddleware` sends it from `SECURE_CROSS_ORIGIN_OPENER_POLICY`, `"same-origin"`
by default since Django 4.0. A value that is not one of `"same-origin"`,
`"same-origin-allow-popups"` or `"unsafe-none"` (a typo) is ignored by browsers and reported
by Django's check as an error (security.E024). `None` or `"unsafe-none"` switch the
protection off on purpose, which is sometimes needed for OAuth or payment popups but is
better done for those views only.

## Insecure example
```python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin-allow-popup"  # typo: ignored
SECURE_CROSS_ORIGIN_OPENER_POLICY = None                       # protection off
```

## Fix
Delete the line to get Django's default `"same-origin"`, or set
`SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin-allow-popups"` when your pages open
third-party popups (OAuth, payments) that must talk back to them.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-cross-origin-opener-policy
- https://docs.djangoproject.com/en/stable/ref/middleware/#cross-origin-opener-policy
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Cross-Origin-Opener-Policy
- https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html#cross-origin-opener-policy-coop
- https://xsleaks.dev/docs/defenses/opt-in/coop/
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import Value
from ...settings.view import SettingsView
from ._django import SECURITY_MIDDLEWARE, on_middleware_setting
from ._support import report_state

# django.core.checks.security.base.CROSS_ORIGIN_OPENER_POLICY_VALUES
CROSS_ORIGIN_OPENER_POLICY_VALUES = frozenset({
    "same-origin",
    "same-origin-allow-popups",
    "unsafe-none",
})

rule = Rule("PG116", "cross-origin-opener-policy-invalid",
            "The Cross-Origin-Opener-Policy header is invalid or disabled", Severity.LOW,
            Confidence.HIGH, cwe=(693,), doc_text=__doc__, mirrors="security.E024")

NAME = "SECURE_CROSS_ORIGIN_OPENER_POLICY"
FIX = ('Set SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin" (Django\'s default), or '
       '"same-origin-allow-popups" if your pages open OAuth or payment popups.')


@on_middleware_setting(rule, SECURITY_MIDDLEWARE, NAME)
def check(view: SettingsView, value: Value, confidence: Confidence | None) -> Iterator[Finding]:
    data = value.data
    if data is None or data == "unsafe-none":
        if value.is_default:
            return  # Django's default is "same-origin"; None here means a very old Django
        yield report_state(rule, view, value, f"{NAME} is {data!r}",
                           "the protection is switched off, so pages that open or are opened "
                           "by yours keep a handle on the window (tabnabbing, cross-site "
                           "leaks)",
                           key=f"{NAME}:disabled", fix=FIX, severity=Severity.INFO,
                           confidence=confidence)
        return
    if not isinstance(data, str) or data not in CROSS_ORIGIN_OPENER_POLICY_VALUES:
        valid = ", ".join(repr(v) for v in sorted(CROSS_ORIGIN_OPENER_POLICY_VALUES))
        yield report_state(rule, view, value, f"{NAME} is {data!r}",
                           f"not a valid policy ({valid}), so browsers ignore the header and "
                           "Django's check reports security.E024",
                           key=f"{NAME}:invalid", fix=FIX, confidence=confidence)
