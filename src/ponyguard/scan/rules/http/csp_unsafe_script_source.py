"""The policy governing scripts (`script-src`, else `default-src`) allows `'unsafe-inline'`,
`'unsafe-eval'` or a wildcard source.

## Why it matters
`'unsafe-inline'` lets any inline `<script>` and `onclick=` attribute run, which is exactly what
an XSS payload is. `'unsafe-eval'` lets strings become code. Wildcards (`*`, `https:`, `http:`,
`data:`) let the attacker load a script from any host or from a `data:` URL. With any of these
the policy no longer stops script injection. (`'unsafe-inline'` next to a nonce or hash, or
under `'strict-dynamic'`, is ignored by browsers and not reported.)

## Insecure example
```python
SECURE_CSP = {"default-src": [CSP.SELF], "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, "https:"]}
```

## Fix
Allow scripts by nonce instead of `'unsafe-inline'` (`CSP.NONCE` in `SECURE_CSP`, rendered with
`{{ csp_nonce }}`; with django-csp `NONCE` and `request.csp_nonce`), move inline handlers into
script files, and list exact hosts instead of wildcards.

```python
SECURE_CSP = {"default-src": [CSP.SELF], "script-src": [CSP.SELF, CSP.NONCE, CSP.STRICT_DYNAMIC]}
```

```html+django
<script nonce="{{ csp_nonce }}">init();</script>
```

## References
- https://docs.djangoproject.com/en/dev/ref/csp/#nonce-usage
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/script-src
- https://csp.withgoogle.com/docs/strict-csp.html
"""

from __future__ import annotations

from ....core.rule import Rule
from ....core.severity import Confidence, Severity

rule = Rule("PG731", "csp-unsafe-script-source",
            "The Content-Security-Policy lets injected scripts run",
            Severity.MEDIUM, Confidence.HIGH, cwe=(693, 79), doc_text=__doc__)
