"""HTML pages have neither `X-Frame-Options: DENY/SAMEORIGIN` nor a CSP `frame-ancestors` directive.

## Why it matters
Any site can load yours in an invisible frame and trick a logged-in visitor into clicking its
buttons (delete account, transfer, change e-mail): clickjacking. Django's
`XFrameOptionsMiddleware` prevents it by default; it is missing or switched off here.

## Insecure example
```python
MIDDLEWARE = [
    # "django.middleware.clickjacking.XFrameOptionsMiddleware",  removed
]
```

## Fix
Keep `django.middleware.clickjacking.XFrameOptionsMiddleware` in `MIDDLEWARE` with
`X_FRAME_OPTIONS = "DENY"` (the default), and/or add `frame-ancestors 'none'` to the CSP; use
`@xframe_options_sameorigin` only on views that must be framed by your own pages.

```python
MIDDLEWARE += ["django.middleware.clickjacking.XFrameOptionsMiddleware"]
X_FRAME_OPTIONS = "DENY"
```

## References
- https://docs.djangoproject.com/en/stable/ref/clickjacking/
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Frame-Options
- https://cheatsheetseries.owasp.org/cheatsheets/Clickjacking_Defense_Cheat_Sheet.html
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG734", "clickjacking-unprotected",
            "Pages can be framed by other sites (clickjacking)",
            Severity.MEDIUM, Confidence.HIGH, cwe=(1021,), doc_text=__doc__)
