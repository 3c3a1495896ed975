"""The HTML pages carry no `Content-Security-Policy` header.

## Why it matters
A Content Security Policy tells the browser which scripts, styles and frames a page may load.
With a strict policy, an XSS hole that slips past Django's autoescaping (a `|safe`, a
`mark_safe`, a third-party widget) cannot run injected script. Without one, every such hole is
fully exploitable.

## Insecure example
```python
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # no CSP middleware, no SECURE_CSP setting
]
```

## Fix
Send a policy: on Django 6.0+ add `django.middleware.csp.ContentSecurityPolicyMiddleware` and set
`SECURE_CSP`; on older Django use django-csp (`csp.middleware.CSPMiddleware` with
`CONTENT_SECURITY_POLICY`).

```python
from django.utils.csp import CSP

MIDDLEWARE += ["django.middleware.csp.ContentSecurityPolicyMiddleware"]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
}
```

## References
- https://docs.djangoproject.com/en/dev/ref/csp/
- https://django-csp.readthedocs.io/
- https://developer.mozilla.org/en-US/docs/Web/HTTP/CSP
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG730", "csp-header-missing",
            "No Content-Security-Policy header",
            Severity.MEDIUM, Confidence.HIGH, cwe=(693, 79), doc_text=__doc__)
