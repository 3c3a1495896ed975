"""The site serves its pages over plain HTTP instead of redirecting to HTTPS.

## Why it matters
People type `example.com` and follow old `http://` links. If the HTTP site answers with the
page itself, the whole visit (and the session cookie, unless it is `Secure`) travels in clear
text, and an attacker on the network can rewrite links so the visitor never reaches HTTPS
(SSL stripping). HSTS cannot help a visitor who never got an HTTPS response.

## Insecure example
```python
# settings.py
SECURE_SSL_REDIRECT = False  # and the web server proxies port 80 to Django too
```

## Fix
Redirect every plain-HTTP request to HTTPS with a permanent redirect: set
`SECURE_SSL_REDIRECT = True` (with `SECURE_PROXY_SSL_HEADER` behind a proxy), or better let the
web server do it before Django.

```nginx
server {
    listen 80;
    server_name example.com;
    return 301 https://$host$request_uri;
}
```

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect
- https://docs.djangoproject.com/en/stable/ref/middleware/#ssl-redirect
- https://developer.mozilla.org/en-US/observatory/docs/faq
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG702", "http-not-redirected",
            "Plain HTTP is not redirected to HTTPS",
            Severity.HIGH, Confidence.HIGH, cwe=(319,), doc_text=__doc__)
