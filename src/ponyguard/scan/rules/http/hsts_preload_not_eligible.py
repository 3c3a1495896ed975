"""The site does not meet the HSTS preload list requirements (or asks for preloading without meeting
them).

## Why it matters
HSTS only protects a visitor after the first HTTPS response. Browsers ship a preload list of
domains that are HTTPS-only from the very first request. Being listed requires `max-age` of at
least 31536000, `includeSubDomains`, `preload`, and the HSTS header on the HTTPS redirect too.
Sending `preload` without meeting the requirements gets a submission rejected and signals a
half-finished roll-out.

## Insecure example
```python
SECURE_HSTS_SECONDS = 86400
SECURE_HSTS_PRELOAD = True   # asks for preloading, but max-age is one day
```

## Fix
Send `Strict-Transport-Security: max-age=31536000; includeSubDomains; preload` on every HTTPS
response, including redirects, then submit the domain at hstspreload.org. In Django:

```python
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
```

Preloading is hard to undo: only do it when every subdomain is HTTPS-only.

## References
- https://hstspreload.org/#submission-requirements
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-preload
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG713", "hsts-preload-not-eligible",
            "The site is not eligible for HSTS preloading",
            Severity.INFO, Confidence.HIGH, cwe=(319,), doc_text=__doc__)
