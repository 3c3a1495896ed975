"""A cookie set by an HTTPS site lacks the `Secure` attribute.

## Why it matters
Without `Secure` the browser also sends the cookie over plain HTTP: any `http://` request to the
domain (a typed URL, an image an attacker plants, a redirect) leaks it to the network. For
`sessionid` that means account takeover; for `csrftoken` it helps bypass CSRF protection.

## Insecure example
```python
SESSION_COOKIE_SECURE = False   # the default
CSRF_COOKIE_SECURE = False      # the default
```

## Fix
Mark every cookie `Secure` on an HTTPS site: `SESSION_COOKIE_SECURE = True`,
`CSRF_COOKIE_SECURE = True` (and `LANGUAGE_COOKIE_SECURE = True`); pass `secure=True` to your own
`response.set_cookie()` calls.

```python
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
```

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure
- https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-secure
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies#restrict_access_to_cookies
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG720", "cookie-without-secure",
            "A cookie on an HTTPS site is not marked Secure",
            Severity.MEDIUM, Confidence.HIGH, cwe=(614,), doc_text=__doc__)
