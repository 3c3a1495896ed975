"""HSTS is on but the site does not ask to be preloaded (SECURE_HSTS_PRELOAD is not True).

## Why it matters
A Strict-Transport-Security header only protects a browser that has already seen it: the very
first visit (or the first after the max-age ran out) can still be made over plain HTTP and
stripped by a network attacker. Browsers close that gap with a built-in preload list of
HTTPS-only domains. A domain can only be submitted (at hstspreload.org) when its header
carries the `preload` directive, together with `includeSubDomains` and a max-age of at least
one year. Django adds `preload` only when `SECURE_HSTS_PRELOAD` is true; its default is
`False`.

**Preloading is effectively permanent.** Once the domain ships in browser releases, every
subdomain must work over HTTPS for every visitor, and removal from the list takes months to
reach users. Do not set it for a domain whose subdomains you do not all control. That is why
this is informational: Django's check (security.W021) reports it, but not preloading is a
legitimate choice.

## Insecure example
```python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# SECURE_HSTS_PRELOAD not set: Django's default is False
```

## Fix
If the whole domain and all its subdomains are HTTPS-only for good, set
`SECURE_HSTS_PRELOAD = True` (with `SECURE_HSTS_INCLUDE_SUBDOMAINS = True` and
`SECURE_HSTS_SECONDS` of at least 31536000), deploy, then submit the domain at
https://hstspreload.org. Otherwise leave it off and silence this rule.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-preload
- https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security
- https://hstspreload.org/
- https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Strict_Transport_Security_Cheat_Sheet.html
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security#preloading_strict_transport_security
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.view import SettingsView
from ._django import hsts_flag_not_true

rule = Rule("PG113", "hsts-preload-missing", "HSTS preload is not requested", Severity.INFO,
            Confidence.HIGH, cwe=(319,), doc_text=__doc__, mirrors="security.W021")


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    finding = hsts_flag_not_true(
        rule, view, "SECURE_HSTS_PRELOAD", "security.W021",
        problem="the site cannot be submitted to the browsers' HSTS preload list, so a "
                "first visit can still be made over plain HTTP",
        fix="If the domain and all subdomains are HTTPS-only for good, set "
            "SECURE_HSTS_PRELOAD = True and submit it at hstspreload.org (this is hard to "
            "undo).",
    )
    if finding is not None:
        yield finding
