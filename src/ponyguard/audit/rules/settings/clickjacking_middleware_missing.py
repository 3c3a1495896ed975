"""Django's clickjacking middleware is not installed, so pages can be framed by any site.

## Why it matters
`django.middleware.clickjacking.XFrameOptionsMiddleware` adds `X-Frame-Options: DENY` (or the
value of `X_FRAME_OPTIONS`) to every response. Without it, and without a Content-Security-Policy
`frame-ancestors` directive, any other site can load your pages in an invisible `<iframe>` and
trick logged-in users into clicking buttons they cannot see: "delete account", "transfer",
"grant access" (clickjacking). Django's deploy check (security.W002) reports the missing
middleware. A project that never sets `MIDDLEWARE` gets Django's default, an empty list.

If the site sends a CSP `frame-ancestors` directive instead (django-csp, or Django's
`SECURE_CSP`), modern browsers are protected already; the finding is then low confidence.

## Insecure example
```python
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # no XFrameOptionsMiddleware
]
```

## Fix
Add `"django.middleware.clickjacking.XFrameOptionsMiddleware"` to `MIDDLEWARE` and keep
`X_FRAME_OPTIONS = "DENY"` (Django's default). Pages that must be framed by your own site can
use `@xframe_options_sameorigin`; `@xframe_options_exempt` is for pages meant to be embedded.

```python
MIDDLEWARE = [
    # ...
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
X_FRAME_OPTIONS = "DENY"
```

## References
- https://docs.djangoproject.com/en/stable/ref/clickjacking/
- https://docs.djangoproject.com/en/stable/ref/settings/#x-frame-options
- https://docs.djangoproject.com/en/stable/ref/checks/#security
- https://cheatsheetseries.owasp.org/cheatsheets/Clickjacking_Defense_Cheat_Sheet.html
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Frame-Options
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/frame-ancestors
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.view import SettingsView
from ._django import XFRAME_MIDDLEWARE
from ._middleware import report_missing
from ._support import is_true

rule = Rule("PG108", "clickjacking-middleware-missing", "XFrameOptionsMiddleware is not installed",
            Severity.MEDIUM, Confidence.HIGH, cwe=(1021,), doc_text=__doc__,
            mirrors="security.W002")

FIX = ("Add \"django.middleware.clickjacking.XFrameOptionsMiddleware\" to MIDDLEWARE and keep "
       "X_FRAME_OPTIONS = \"DENY\" (Django's default).")
CSP_SETTINGS = ("SECURE_CSP", "CONTENT_SECURITY_POLICY", "CSP_FRAME_ANCESTORS")
"""Django ≥ 6.0's ``SECURE_CSP``, django-csp ≥ 4.0's dict and django-csp < 4.0's setting."""


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    consequence = ("no X-Frame-Options header is sent, so any site can show these pages in a "
                   "frame (clickjacking)")
    confidence = None
    csp = _frame_ancestors_setting(view)
    if csp is not None:
        consequence += (f"; {csp} sets a CSP frame-ancestors directive, which protects modern "
                        "browsers if that header is sent")
        confidence = Confidence.LOW
    finding = report_missing(rule, view, XFRAME_MIDDLEWARE, consequence, fix=FIX,
                             confidence=confidence)
    if finding is not None:
        yield finding


def _frame_ancestors_setting(view: SettingsView) -> str | None:
    """The CSP setting that configures ``frame-ancestors``, if any does."""
    for name in CSP_SETTINGS:
        value = view.get(name)
        if value is None:
            continue
        if name == "CSP_FRAME_ANCESTORS":
            if is_true(value.data):
                return name
        elif _mentions_frame_ancestors(value.data):
            return name
    return None


def _mentions_frame_ancestors(data: Any) -> bool:
    if isinstance(data, dict):
        return any(key == "frame-ancestors" or _mentions_frame_ancestors(item)
                   for key, item in data.items())
    return False
