"""Responses lack `X-Content-Type-Options: nosniff`.

## Why it matters
Without it, browsers may guess ("sniff") a response's type from its content. An uploaded file
served as `text/plain` or an image can then be run as HTML or script, turning a harmless upload
into stored XSS.

## Insecure example
```python
SECURE_CONTENT_TYPE_NOSNIFF = False
```

## Fix
Keep `SECURE_CONTENT_TYPE_NOSNIFF = True` (Django's default) with `SecurityMiddleware`
installed, and send the header for static and media files from the web server too.

```nginx
add_header X-Content-Type-Options nosniff always;
```

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-content-type-nosniff
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Content-Type-Options
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG735", "nosniff-header-missing",
            "X-Content-Type-Options: nosniff is missing",
            Severity.LOW, Confidence.HIGH, cwe=(693,), doc_text=__doc__)
