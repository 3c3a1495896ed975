"""A plain-HTTP response carries a `Strict-Transport-Security` header.

## Why it matters
Browsers ignore HSTS received over plain HTTP (RFC 6797 §8.1): an attacker could forge or strip
it there. It does no harm, but it shows the header is added unconditionally (often by a web
server `add_header` in the wrong `server` block) while the HTTP site may not redirect as
intended, and it can make people believe HTTP visitors are protected.

## Insecure example
```nginx
server {
    listen 80;
    add_header Strict-Transport-Security "max-age=31536000";
    location / { proxy_pass http://127.0.0.1:8000; }
}
```

## Fix
Send HSTS only on HTTPS responses and let plain HTTP answer with a redirect only (Django's
`SecurityMiddleware` already does this with `SECURE_HSTS_SECONDS`).

```nginx
server { listen 80; return 301 https://$host$request_uri; }
```

## References
- https://www.rfc-editor.org/rfc/rfc6797#section-8.1
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG714", "hsts-sent-over-http",
            "Strict-Transport-Security is sent over plain HTTP",
            Severity.INFO, Confidence.HIGH, cwe=(319,), doc_text=__doc__)
