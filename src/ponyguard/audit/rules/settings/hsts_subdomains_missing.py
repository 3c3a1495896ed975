"""HSTS is on but does not cover subdomains (SECURE_HSTS_INCLUDE_SUBDOMAINS is not True).

## Why it matters
Without `includeSubDomains` the Strict-Transport-Security policy protects only the exact host
that sent it. A network attacker can still lure the browser to `http://anything.example.com`,
answer that plain-HTTP request and set cookies for the parent domain (`Domain=example.com`),
which the main site then trusts: session fixation, or a forged CSRF cookie. Sibling hosts that
share cookies with the site stay open to SSL stripping too.

Django adds `includeSubDomains` to the header only when `SECURE_HSTS_INCLUDE_SUBDOMAINS` is
true; its default is `False`. Like Django's check, this rule only looks at it when
`SecurityMiddleware` is installed and `SECURE_HSTS_SECONDS` is non-zero.

## Insecure example
```python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]
SECURE_HSTS_SECONDS = 31536000
# SECURE_HSTS_INCLUDE_SUBDOMAINS not set: Django's default is False
```

## Fix
Set `SECURE_HSTS_INCLUDE_SUBDOMAINS = True`, but only once every subdomain of the domain
(including internal tools and old marketing hosts) is served over HTTPS: browsers will refuse
plain HTTP to all of them for the whole `SECURE_HSTS_SECONDS`.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-include-subdomains
- https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#https
- https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Strict_Transport_Security_Cheat_Sheet.html
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.view import SettingsView
from ._django import hsts_flag_not_true

rule = Rule("PG112", "hsts-subdomains-missing", "HSTS does not include subdomains",
            Severity.LOW, Confidence.HIGH, cwe=(319,), doc_text=__doc__,
            mirrors="security.W005")


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    finding = hsts_flag_not_true(
        rule, view, "SECURE_HSTS_INCLUDE_SUBDOMAINS", "security.W005",
        problem="the Strict-Transport-Security header leaves subdomains open to plain HTTP, "
                "where an attacker can set cookies for the whole domain",
        fix="Set SECURE_HSTS_INCLUDE_SUBDOMAINS = True once every subdomain is served "
            "over HTTPS.",
    )
    if finding is not None:
        yield finding
