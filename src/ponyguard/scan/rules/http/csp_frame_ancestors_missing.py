"""The site sends a Content-Security-Policy without a `frame-ancestors` directive.

## Why it matters
`frame-ancestors` is the modern, standard way to say who may put the page in a frame, and
`default-src` does not cover it. When it is missing, protection against clickjacking rests on
the older `X-Frame-Options` header alone (and disappears with it); browsers give
`frame-ancestors` precedence when both are present.

## Insecure example
```python
SECURE_CSP = {"default-src": [CSP.SELF]}   # default-src does not apply to frame-ancestors
```

## Fix
Add `frame-ancestors` to the policy: `'none'` (like `X_FRAME_OPTIONS = "DENY"`) or `'self'`
(like `"SAMEORIGIN"`).

```python
SECURE_CSP = {"default-src": [CSP.SELF], "frame-ancestors": [CSP.NONE]}
```

## References
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/frame-ancestors
- https://docs.djangoproject.com/en/dev/ref/csp/
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG732", "csp-frame-ancestors-missing",
            "The Content-Security-Policy does not restrict framing",
            Severity.LOW, Confidence.HIGH, cwe=(1021,), doc_text=__doc__)
