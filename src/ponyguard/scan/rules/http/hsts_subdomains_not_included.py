"""The `Strict-Transport-Security` header lacks `includeSubDomains`.

## Why it matters
Without `includeSubDomains`, subdomains (`www.`, `api.`, forgotten `staging.` hosts) can
still be reached over plain HTTP. An attacker who can answer for a subdomain over HTTP can set
cookies for the parent domain (cookie tossing) that override your session or CSRF cookie.

## Insecure example
```python
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
```

## Fix
Set `SECURE_HSTS_INCLUDE_SUBDOMAINS = True` (or add `includeSubDomains` to the server's header)
once every subdomain serves HTTPS.

```python
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
```

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-include-subdomains
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG712", "hsts-subdomains-not-included",
            "HSTS does not cover subdomains",
            Severity.LOW, Confidence.HIGH, cwe=(319,), doc_text=__doc__)
