"""X_FRAME_OPTIONS is not DENY, so pages can be framed by the same origin or, if the value is
invalid, by any site.

## Why it matters
`XFrameOptionsMiddleware` sends the value of `X_FRAME_OPTIONS` as the `X-Frame-Options`
header. Django's default since 3.0 is `"DENY"`: no page may be shown in a frame at all.
`"SAMEORIGIN"` lets any page of the same origin frame yours, so a page on that origin that
shows user-supplied HTML, or an XSS anywhere on it, can be used to clickjack the rest of the
site. Browsers only understand `DENY` and `SAMEORIGIN`; anything else (the obsolete
`ALLOW-FROM uri`, `ALLOWALL`, an empty string) is ignored and leaves the page frameable by
any site. Django's deploy check (security.W019) reports every value other than exactly
`"DENY"` when the middleware is installed.

Severity depends on the value: SAMEORIGIN is low, a value browsers ignore is medium, and a
lower-case `"deny"` (which the middleware upper-cases, so the header is correct) is info.

## Insecure example
```python
MIDDLEWARE = [..., "django.middleware.clickjacking.XFrameOptionsMiddleware"]
X_FRAME_OPTIONS = "SAMEORIGIN"
X_FRAME_OPTIONS = "ALLOW-FROM https://partner.example"  # ignored by browsers
```

## Fix
Set `X_FRAME_OPTIONS = "DENY"` (or remove the line: it is Django's default) and allow framing
only where needed, per view: `@xframe_options_sameorigin` for pages your own site frames,
`@xframe_options_exempt` for pages meant to be embedded elsewhere.

```python
X_FRAME_OPTIONS = "DENY"
```

To let specific other sites frame a page, send a CSP `frame-ancestors` directive for that page
instead of `ALLOW-FROM`.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#x-frame-options
- https://docs.djangoproject.com/en/stable/ref/clickjacking/
- https://docs.djangoproject.com/en/stable/ref/checks/#security
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Frame-Options
- https://cheatsheetseries.owasp.org/cheatsheets/Clickjacking_Defense_Cheat_Sheet.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import Value
from ...settings.view import SettingsView
from ._django import XFRAME_MIDDLEWARE, on_middleware_setting
from ._support import report_state

rule = Rule("PG109", "x-frame-options-not-deny", "X_FRAME_OPTIONS is not DENY", Severity.LOW,
            Confidence.HIGH, cwe=(1021,), doc_text=__doc__, mirrors="security.W019")

NAME = "X_FRAME_OPTIONS"
FIX = ("Set X_FRAME_OPTIONS = \"DENY\" (Django's default) and allow framing per view with "
       "@xframe_options_sameorigin or @xframe_options_exempt where it is needed.")


@on_middleware_setting(rule, XFRAME_MIDDLEWARE, NAME)
def check(view: SettingsView, value: Value, confidence: Confidence | None) -> Iterator[Finding]:
    data = value.data
    if data == "DENY":
        return
    header = data.upper() if isinstance(data, str) else None
    state = f"{NAME} is {data!r}"
    severity: Severity | None = None
    if header == "DENY":
        detail = ("XFrameOptionsMiddleware upper-cases it and sends DENY, but `manage.py "
                  "check --deploy` reports security.W019 until it is written \"DENY\"")
        severity = Severity.INFO
        fix = "Write it as X_FRAME_OPTIONS = \"DENY\"."
    elif header == "SAMEORIGIN":
        detail = ("any page of the same origin may show this site's pages in a frame, so "
                  "user-supplied HTML or an XSS on that origin can clickjack them")
        fix = FIX
    else:
        detail = ("browsers only understand DENY and SAMEORIGIN and ignore this value, so any "
                  "site can show these pages in a frame")
        severity = Severity.MEDIUM
        fix = FIX
    yield report_state(rule, view, value, state, detail, key=NAME, fix=fix, severity=severity,
                       confidence=confidence)
