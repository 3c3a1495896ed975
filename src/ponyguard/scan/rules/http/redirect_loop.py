"""Following the site's redirects never reaches a page.

## Why it matters
Browsers give up with "too many redirects", so the site is down for everyone. The classic
Django cause is `SECURE_SSL_REDIRECT = True` behind a proxy or load balancer that terminates TLS
and talks plain HTTP to Django: Django sees every request as HTTP and redirects to HTTPS, the
proxy forwards the HTTPS request again as HTTP, and so on. Sometimes the proxy also redirects
HTTPS back to HTTP, giving HTTPS → HTTP → HTTPS loops.

## Insecure example
```python
# settings.py, behind nginx/a load balancer terminating TLS
SECURE_SSL_REDIRECT = True
# SECURE_PROXY_SSL_HEADER not set: request.is_secure() is always False
```

## Fix
Tell Django how the proxy marks HTTPS requests: `SECURE_PROXY_SSL_HEADER =
("HTTP_X_FORWARDED_PROTO", "https")`, and make the proxy set (and overwrite) that header.

```python
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
```

```nginx
location / {
    proxy_pass http://127.0.0.1:8000;
    proxy_set_header X-Forwarded-Proto $scheme;   # overwrite what the client sent
}
```

Only set `SECURE_PROXY_SSL_HEADER` when a proxy really sets the header: otherwise clients can
forge it.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect
- https://cwe.mitre.org/data/definitions/835.html
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG705", "redirect-loop",
            "The site redirects in a loop",
            Severity.HIGH, Confidence.HIGH, cwe=(835,), doc_text=__doc__)
