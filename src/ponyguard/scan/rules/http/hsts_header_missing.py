"""The HTTPS site sends no `Strict-Transport-Security` header, or one browsers ignore.

## Why it matters
HSTS tells browsers to use HTTPS for the site from now on, even when the visitor types
`http://` or follows an old link. Without it, every first request of a visit can go out over
plain HTTP, where an attacker on the network can answer it (SSL stripping) before the
redirect to HTTPS happens. A malformed header (no `max-age`, a directive given twice) is
ignored by browsers, as if it were missing.

## Insecure example
```python
# settings.py
SECURE_HSTS_SECONDS = 0   # the default: SecurityMiddleware sends no HSTS header
```

## Fix
Set `SECURE_HSTS_SECONDS` (start with 3600, then raise it to 31536000 once everything works over
HTTPS) with `django.middleware.security.SecurityMiddleware` installed, or send the header from
the web server.

```python
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
```

```nginx
add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
```

## References
- https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security
- https://www.rfc-editor.org/rfc/rfc6797
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG710", "hsts-header-missing",
            "HTTPS responses have no valid Strict-Transport-Security header",
            Severity.MEDIUM, Confidence.HIGH, cwe=(319, 523), doc_text=__doc__)
