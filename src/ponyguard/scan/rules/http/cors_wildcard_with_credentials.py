"""The site sends `Access-Control-Allow-Origin: *` together with `Access-Control-Allow-Credentials:
true`.

## Why it matters
Browsers refuse this combination, so credentialed cross-origin requests fail, and the usual
"fix" people reach for next is to echo the request's `Origin`, which opens the site to every
other website. The header pair shows CORS is configured to trust everyone.

## Insecure example
```python
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True   # with a proxy that adds "Access-Control-Allow-Origin: *"
```

## Fix
Either drop credentials for public data (`CORS_ALLOW_CREDENTIALS = False`), or list the exact
origins that need them in `CORS_ALLOWED_ORIGINS` and never combine credentials with `*`.

```python
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
CORS_ALLOW_CREDENTIALS = True
```

## References
- https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS/Errors/CORSNotSupportingCredentials
- https://github.com/adamchainz/django-cors-headers#configuration
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG739", "cors-wildcard-with-credentials",
            "CORS sends a wildcard origin with credentials",
            Severity.MEDIUM, Confidence.HIGH, cwe=(942,), doc_text=__doc__)
