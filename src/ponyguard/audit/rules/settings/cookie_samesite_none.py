"""The session or CSRF cookie is sent on cross-site requests (SameSite None or not set).

## Why it matters
The `SameSite` cookie attribute tells browsers not to attach a cookie to requests that other
sites trigger: a form on `attacker.example` posting to your site, an `<img>` or `<iframe>`
pointing at it. Django sends its session and CSRF cookies with `SameSite=Lax` by default, which
blocks the cookie on cross-site POSTs and subresource requests. That is a second line of defence
behind the CSRF token, and it also stops cross-site request timing and leak tricks that the
token does not cover (login-state probing, cross-site search).

`SESSION_COOKIE_SAMESITE = "None"` (the string) sends the cookie with `SameSite=None`: every
cross-site request carries the user's session. The Python value `None` (or `False`) makes Django
omit the attribute: Chromium-based browsers then apply Lax (with exceptions), while Firefox and
Safari send the cookie on cross-site requests. Either way the protection depends on the browser
instead of your settings.

`LANGUAGE_COOKIE_SAMESITE` is not reported: Django's default for it is already `None`, and the
language cookie carries no credential.

## Insecure example
```python
SESSION_COOKIE_SAMESITE = "None"
CSRF_COOKIE_SAMESITE = None
```

## Fix
Keep Django's defaults, `SESSION_COOKIE_SAMESITE = "Lax"` and `CSRF_COOKIE_SAMESITE = "Lax"`
(or `"Strict"`), by removing the settings.

If the site really must work inside a third-party iframe or receive cross-site POSTs with the
session (some payment or SSO flows), keep `"None"` only for that deployment, together with
`SESSION_COOKIE_SECURE = True` (browsers reject `SameSite=None` cookies without `Secure`) and
the CSRF token checks on every state-changing view.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-samesite
- https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-samesite
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Set-Cookie#samesitesamesite-value
- https://owasp.org/www-community/SameSite
- https://cwe.mitre.org/data/definitions/1275.html
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.view import SettingsView
from ._support import report

rule = Rule("PG124", "cookie-samesite-none", "Cookie is sent on cross-site requests",
            Severity.MEDIUM, Confidence.HIGH, cwe=(1275, 352), doc_text=__doc__)

COOKIES = {"SESSION_COOKIE_SAMESITE": "session", "CSRF_COOKIE_SAMESITE": "CSRF"}


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    for name, cookie in COOKIES.items():
        value = view.value(name)
        state = _samesite(value.data)
        if state is None:
            continue
        if state == "none":
            message = (f'{name} is "None": browsers send the {cookie} cookie with SameSite=None '
                       "on every cross-site request")
        else:
            message = (f"{name} is {value.data!r}: Django sends the {cookie} cookie without a "
                       "SameSite attribute, so browsers may send it on cross-site requests")
        yield report(rule, view, value, message, key=name,
                     fix=f'Remove {name} to keep Django\'s default "Lax" (or set "Strict").')


def _samesite(data: Any) -> str | None:
    """``"none"`` for SameSite=None, ``"omitted"`` when Django writes no attribute, else None.

    Django's ``set_cookie`` writes the attribute only for a truthy value and accepts "lax",
    "none" and "strict" in any case.
    """
    if isinstance(data, str):
        if data.lower() == "none":
            return "none"
        return "omitted" if data == "" else None
    if data is None or data is False:
        return "omitted"
    return None
