"""The site sends no `Referrer-Policy`, or one that sends full URLs to other sites (`unsafe-url`,
`no-referrer-when-downgrade`).

## Why it matters
The `Referer` header tells the next site the page the visitor came from. Full URLs often carry
secrets: password-reset tokens (`/reset/<uidb64>/<token>/`), search terms, object ids. With
`unsafe-url` they leak to every third party, even over plain HTTP. Without a header, current
browsers default to `strict-origin-when-cross-origin`, which is reasonable, but older ones do
not.

## Insecure example
```python
SECURE_REFERRER_POLICY = "unsafe-url"
```

## Fix
Keep `SECURE_REFERRER_POLICY = "same-origin"` (Django's default) or
`"strict-origin-when-cross-origin"`, with `SecurityMiddleware` installed.

```python
SECURE_REFERRER_POLICY = "same-origin"
```

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-referrer-policy
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Referrer-Policy
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG736", "referrer-policy-unsafe",
            "Referrer-Policy is missing or leaks full URLs",
            Severity.LOW, Confidence.HIGH, cwe=(200,), doc_text=__doc__)
