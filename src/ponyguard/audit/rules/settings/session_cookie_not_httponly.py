"""The session cookie is readable by JavaScript (SESSION_COOKIE_HTTPONLY is not True).

## Why it matters
A cookie with the `HttpOnly` attribute is sent to the server but hidden from
`document.cookie`. Without it, any cross-site scripting hole on the site, in your templates
or in a third-party script you include, can read the `sessionid` cookie and send it
elsewhere: the attacker then uses the session from their own machine, long after the victim
closed the page.

Django marks the session cookie `HttpOnly` by default (`SESSION_COOKIE_HTTPONLY = True`); this
rule fires only when a project turns it off. Like Django's checks (security.W013 when
`django.contrib.sessions` is installed, W014 when `SessionMiddleware` is, W015 when both are),
it only applies when sessions are in use. JavaScript never needs the session cookie: Django
reads it on the server.

## Insecure example
```python
INSTALLED_APPS = ["django.contrib.sessions", ...]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware", ...]
SESSION_COOKIE_HTTPONLY = False
```

## Fix
Delete the line or set `SESSION_COOKIE_HTTPONLY = True` (Django's default). If front-end code
needs to know whether the user is logged in, expose that through a view or a separate,
non-secret cookie, never the session cookie itself.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-httponly
- https://docs.djangoproject.com/en/stable/topics/http/sessions/#session-security
- https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#httponly-attribute
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies#restrict_access_to_cookies
- https://cwe.mitre.org/data/definitions/1004.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.view import SettingsView
from ._django import session_cookie_not_true

DJANGO_IDS = ("security.W013", "security.W014", "security.W015")

rule = Rule("PG118", "session-cookie-not-httponly", "The session cookie is not marked HttpOnly",
            Severity.MEDIUM, Confidence.HIGH, cwe=(1004,), doc_text=__doc__,
            mirrors=",".join(DJANGO_IDS))

NAME = "SESSION_COOKIE_HTTPONLY"


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    finding = session_cookie_not_true(
        rule, view, NAME, DJANGO_IDS,
        problem="JavaScript can read the session cookie, so any cross-site scripting hole "
                "can steal the session",
        fix="Set SESSION_COOKIE_HTTPONLY = True (Django's default), or delete the line.",
    )
    if finding is not None:
        yield finding
