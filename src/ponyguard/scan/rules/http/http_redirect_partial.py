"""The home page redirects to HTTPS, but a deeper page (the admin or login page) is served over
plain HTTP.

## Why it matters
A redirect configured only for `/` (a `location = /` block, a rewrite for the home page, a
CDN rule for one path) leaves the rest of the site on HTTP. The pages left behind are usually
the ones that matter: the login and admin pages, where passwords and session cookies cross
the network.

## Insecure example
```nginx
server {
    listen 80;
    location = / { return 301 https://$host/; }
    location / { proxy_pass http://127.0.0.1:8000; }   # every other path stays on HTTP
}
```

## Fix
Redirect every path, not only `/`: `return 301 https://$host$request_uri;` for the whole
port-80 server, or `SECURE_SSL_REDIRECT = True` with no `SECURE_REDIRECT_EXEMPT` entries for
pages that handle credentials.

```python
SECURE_SSL_REDIRECT = True
SECURE_REDIRECT_EXEMPT = []
```

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-redirect-exempt
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect
- https://owasp.org/www-community/attacks/Manipulator-in-the-middle_attack
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG704", "http-redirect-partial",
            "Some pages are still served over plain HTTP",
            Severity.HIGH, Confidence.HIGH, cwe=(319,), doc_text=__doc__)
