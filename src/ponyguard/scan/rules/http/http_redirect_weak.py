"""The first redirect from HTTP does not go straight to HTTPS on the same host with a permanent
status.

## Why it matters
The first hop decides what browsers remember. A temporary redirect (302/307) is re-requested
over plain HTTP on every visit, so each visit starts in clear text. A first hop to another host
(`http://example.com` → `https://www.example.com`) or to another HTTP URL means the bare host
never sends an HTTPS response, so its HSTS policy is never set and the domain cannot be
HSTS-preloaded; an attacker can intercept that first plain request.

## Insecure example
```nginx
server {
    listen 80;
    server_name example.com;
    return 302 http://www.example.com$request_uri;  # temporary, another host, still HTTP
}
```

## Fix
Make the first hop a permanent (301 or 308) redirect to `https://` on the same host, then
redirect to the canonical host from HTTPS; `SECURE_SSL_REDIRECT = True` does this.

```nginx
server {
    listen 80;
    server_name example.com www.example.com;
    return 301 https://$host$request_uri;
}
```

## References
- https://hstspreload.org/#submission-requirements
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Redirections#permanent_redirections
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG703", "http-redirect-weak",
            "The HTTP to HTTPS redirect is temporary or leaves the host",
            Severity.MEDIUM, Confidence.HIGH, cwe=(319,), doc_text=__doc__)
