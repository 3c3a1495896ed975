"""A session or authentication cookie lacks the `HttpOnly` attribute.

## Why it matters
Without `HttpOnly`, any script on the page can read the cookie through `document.cookie`. One
XSS hole, or one compromised third-party script, is then enough to steal the session and log
in as the victim from anywhere. `csrftoken` is deliberately readable (Django's AJAX recipe reads
it), so it is not reported; session and auth-token cookies have no reason to be.

## Insecure example
```python
SESSION_COOKIE_HTTPONLY = False
# or in a view
response.set_cookie("auth_token", token)
```

## Fix
Keep `SESSION_COOKIE_HTTPONLY = True` (Django's default) and pass `httponly=True` to
`response.set_cookie()` for any cookie that carries a session or token.

```python
response.set_cookie("auth_token", token, secure=True, httponly=True, samesite="Lax")
```

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-httponly
- https://docs.djangoproject.com/en/stable/ref/request-response/#django.http.HttpResponse.set_cookie
- https://owasp.org/www-community/HttpOnly
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG721", "cookie-without-httponly",
            "A session cookie is readable by JavaScript",
            Severity.MEDIUM, Confidence.HIGH, cwe=(1004,), doc_text=__doc__)
