"""HTML pages lack `Cross-Origin-Opener-Policy`, or set it to `unsafe-none`.

## Why it matters
Without COOP, a page opened from another site (or that opens one) shares a browsing context
group with it: the other site keeps a `window` handle, can navigate your tab (tab-nabbing) and
mount cross-window attacks such as XS-Leaks. `same-origin` isolates your pages; Django sends it
by default since 4.0.

## Insecure example
```python
SECURE_CROSS_ORIGIN_OPENER_POLICY = None
```

## Fix
Keep `SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"` (Django's default), or
`"same-origin-allow-popups"` if the site opens OAuth or payment pop-ups.

```python
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
```

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-cross-origin-opener-policy
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Cross-Origin-Opener-Policy
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG737", "coop-header-missing",
            "Cross-Origin-Opener-Policy is missing or unsafe-none",
            Severity.LOW, Confidence.HIGH, cwe=(693,), doc_text=__doc__)
