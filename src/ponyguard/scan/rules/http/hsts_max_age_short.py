"""The `Strict-Transport-Security` `max-age` is below one year (31536000 seconds).

## Why it matters
The browser forgets the HTTPS-only rule `max-age` seconds after its last visit. With a short
value, a visitor who comes back after that window is unprotected again on the first request,
and `max-age=0` actively removes the protection. One year is the value recommended by the
Mozilla Observatory and required for HSTS preloading.

## Insecure example
```python
SECURE_HSTS_SECONDS = 3600   # one hour: fine for testing a roll-out, too short to keep
```

## Fix
Once the site works fully over HTTPS, raise `SECURE_HSTS_SECONDS` to at least `31536000` (one
year), or `max-age=31536000` in the web server's header.

```python
SECURE_HSTS_SECONDS = 31536000
```

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-seconds
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security
- https://hstspreload.org/#deployment-recommendations
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG711", "hsts-max-age-short",
            "HSTS max-age is shorter than a year",
            Severity.MEDIUM, Confidence.HIGH, cwe=(319,), doc_text=__doc__)
