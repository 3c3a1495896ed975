"""A cookie is set with `SameSite=None` but without `Secure`.

## Why it matters
Browsers reject `SameSite=None` cookies that are not `Secure`: the cookie is dropped, so logins
or CSRF checks break in ways that are hard to debug, and browsers that still accept it send it
on every cross-site request over plain HTTP.

## Insecure example
```python
SESSION_COOKIE_SAMESITE = "None"
SESSION_COOKIE_SECURE = False
```

## Fix
Use `SameSite=Lax` (Django's default) unless the cookie must be sent in cross-site contexts;
if it must, also mark it `Secure` (`SESSION_COOKIE_SECURE = True`, `CSRF_COOKIE_SECURE = True`).

```python
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = True
```

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-samesite
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#samesitesamesite-value
- https://web.dev/articles/samesite-cookies-explained
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG722", "cookie-samesite-none-without-secure",
            "A cookie has SameSite=None without Secure",
            Severity.MEDIUM, Confidence.HIGH, cwe=(1275, 614), doc_text=__doc__)
