"""HTTP Strict Transport Security is off, or its max-age is too short to protect.

## Why it matters
Without a `Strict-Transport-Security` header a browser happily follows an `http://` link or a
typed-in domain name over plain HTTP. Anyone on the network path (public Wi-Fi, a hostile
router) can answer that first request themselves and keep the victim on HTTP (SSL stripping),
reading and changing everything, session cookies included. `SECURE_SSL_REDIRECT` does not
help: the redirect itself travels over HTTP and can be suppressed.

Django's `SecurityMiddleware` sends the header on HTTPS responses only when
`SECURE_HSTS_SECONDS` is non-zero; its default is `0`, so HSTS is off until you turn it on.
A short max-age (minutes, days) protects only visitors who came back within that window, and
the browser preload list (hstspreload.org) requires at least one year (31536000 seconds).

## Insecure example
```python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]
# SECURE_HSTS_SECONDS never set: Django's default is 0, no header is sent
SECURE_HSTS_SECONDS = 3600  # one hour: forgotten by the browser before the next visit
```

## Fix
Once every page and subdomain you care about works over HTTPS, set
`SECURE_HSTS_SECONDS = 31536000` (one year). Start with a small value such as 3600 while
testing and raise it once nothing breaks: browsers remember the policy for the whole max-age.

Read Django's HSTS notes first: a long max-age cannot be withdrawn from browsers that have
already seen it, so a site that later needs plain HTTP stays unreachable for them.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-seconds
- https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#https
- https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Strict_Transport_Security_Cheat_Sheet.html
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security
- https://hstspreload.org/#deployment-recommendations
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import Value
from ...settings.view import SettingsView
from ._django import SECURITY_MIDDLEWARE, describe, on_middleware_setting
from ._support import report_state, truth

ONE_YEAR = 31536000

rule = Rule("PG111", "hsts-missing", "HTTP Strict Transport Security is not enabled",
            Severity.MEDIUM, Confidence.HIGH, cwe=(319, 523), doc_text=__doc__,
            mirrors="security.W004")

NAME = "SECURE_HSTS_SECONDS"
FIX = ("Set SECURE_HSTS_SECONDS = 31536000 (one year) once HTTPS works everywhere; "
       "start lower (e.g. 3600) while testing.")


@on_middleware_setting(rule, SECURITY_MIDDLEWARE, NAME)
def check(view: SettingsView, value: Value, confidence: Confidence | None) -> Iterator[Finding]:
    data = value.data
    truthy = truth(data)
    if truthy is None:
        return
    if not truthy:
        yield report_state(rule, view, value, describe(NAME, value),
                           "SecurityMiddleware sends no Strict-Transport-Security header, so "
                           "browsers keep trying plain HTTP, where the connection can be "
                           "hijacked", key=NAME, fix=FIX, confidence=confidence)
        return
    seconds = _seconds(data)
    if seconds == 0:
        yield report_state(rule, view, value, f"{NAME} is {data!r}",
                           "the header is sent as 'max-age=0', which tells browsers to forget "
                           "the site's HSTS policy", key=NAME, fix=FIX, confidence=confidence)
    elif seconds is None or seconds < 0:
        yield report_state(rule, view, value,
                           f"{NAME} is {data!r}, not a positive number of seconds",
                           f"the header is sent as 'max-age={data}', which browsers ignore",
                           key=f"{NAME}:invalid", fix=FIX, confidence=confidence)
    elif seconds < ONE_YEAR:
        yield report_state(rule, view, value, f"{NAME} is {data!r} ({_duration(seconds)})",
                           f"shorter than one year ({ONE_YEAR}), so returning visitors are "
                           "protected only within that window and the site cannot be "
                           "preloaded",
                           key=f"{NAME}:short",
                           fix="Raise SECURE_HSTS_SECONDS to 31536000 (one year) once HTTPS "
                               "has worked without problems at the current value.",
                           severity=Severity.LOW, confidence=confidence)


def _seconds(data: Any) -> int | None:
    """The max-age Django would send, as a number, or None when it is not one."""
    if isinstance(data, bool):
        return None
    if isinstance(data, int):
        return data
    if isinstance(data, float) and data.is_integer():
        return int(data)
    if isinstance(data, str) and data.isdigit():
        return int(data)
    return None


def _duration(seconds: int) -> str:
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            amount = seconds // size
            approx = "" if seconds % size == 0 else "about "
            return f"{approx}{amount} {unit}{'' if amount == 1 else 's'}"
    return f"{seconds} second{'' if seconds == 1 else 's'}"
