"""The site sends `Content-Security-Policy-Report-Only` and no enforced `Content-Security-Policy`.

## Why it matters
A report-only policy blocks nothing: violations are only reported. It is the right first step
of a roll-out, but a site that stays there has no CSP protection against XSS at all.

## Insecure example
```python
SECURE_CSP_REPORT_ONLY = {"default-src": [CSP.SELF], "report-uri": "/csp-report/"}
# SECURE_CSP not set
```

## Fix
When the reports are clean, enforce the policy: move it from `SECURE_CSP_REPORT_ONLY` to
`SECURE_CSP` (django-csp: from `CONTENT_SECURITY_POLICY_REPORT_ONLY` to `CONTENT_SECURITY_POLICY`).

```python
SECURE_CSP = {"default-src": [CSP.SELF], "frame-ancestors": [CSP.NONE]}
```

## References
- https://docs.djangoproject.com/en/dev/ref/settings/#secure-csp-report-only
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy-Report-Only
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG733", "csp-report-only",
            "The Content-Security-Policy is only reported, not enforced",
            Severity.MEDIUM, Confidence.HIGH, cwe=(693,), doc_text=__doc__)
