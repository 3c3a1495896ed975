"""A cookie is set without a `SameSite` attribute, or a session/CSRF cookie with `SameSite=None`.

## Why it matters
`SameSite` stops the browser from sending the cookie on cross-site requests, a strong second
line of defence against CSRF. Browsers now treat a missing attribute as `Lax`, but not all of
them, and not for the first two minutes of a cookie's life in Chrome (the "Lax+POST" exception).
`SameSite=None` on the session or CSRF cookie switches the protection off on purpose.

## Insecure example
```python
SESSION_COOKIE_SAMESITE = None   # Python None: no SameSite attribute at all
```

## Fix
Keep `SESSION_COOKIE_SAMESITE = "Lax"` and `CSRF_COOKIE_SAMESITE = "Lax"` (Django's defaults)
or `"Strict"`, and pass `samesite="Lax"` to your own `set_cookie()` calls.

```python
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
```

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-samesite
- https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-samesite
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#samesitesamesite-value
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG723", "cookie-samesite-weak",
            "A cookie has no SameSite restriction",
            Severity.LOW, Confidence.HIGH, cwe=(1275,), doc_text=__doc__)
