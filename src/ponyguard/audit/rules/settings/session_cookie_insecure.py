"""The session cookie is not marked Secure (SESSION_COOKIE_SECURE is not True).

## Why it matters
A cookie without the `Secure` attribute is sent with every request to the site, plain
`http://` ones included. One such request is enough (a typed-in address, an old bookmark, an
`http://` link or image on any page, before any redirect to HTTPS happens) for anyone on the
network path to read the `sessionid` cookie and take over the logged-in session, admin
sessions included.

Django's `SESSION_COOKIE_SECURE` defaults to `False`, so every site that uses
`django.contrib.sessions` (the admin and `django.contrib.auth` logins do) has to turn it on.
Like Django's checks (security.W010 when the app is installed, W011 when `SessionMiddleware`
is, W012 when both are), this rule only fires when sessions are in use.

## Insecure example
```python
INSTALLED_APPS = ["django.contrib.sessions", ...]
MIDDLEWARE = ["django.contrib.sessions.middleware.SessionMiddleware", ...]
# SESSION_COOKIE_SECURE not set: Django's default is False
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)  # off unless set
```

## Fix
Set `SESSION_COOKIE_SECURE = True` in production settings (and default any environment
variable that drives it to true). Serve the site over HTTPS only, with `SECURE_SSL_REDIRECT`
and HSTS, so the cookie is actually sent.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#session-cookie-secure
- https://docs.djangoproject.com/en/stable/topics/security/#ssl-https
- https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#secure-attribute
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies#restrict_access_to_cookies
- https://cwe.mitre.org/data/definitions/614.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.view import SettingsView
from ._django import session_cookie_not_true

DJANGO_IDS = ("security.W010", "security.W011", "security.W012")

rule = Rule("PG117", "session-cookie-insecure", "The session cookie is not marked Secure",
            Severity.MEDIUM, Confidence.HIGH, cwe=(614, 319), doc_text=__doc__,
            mirrors=",".join(DJANGO_IDS))

NAME = "SESSION_COOKIE_SECURE"


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    finding = session_cookie_not_true(
        rule, view, NAME, DJANGO_IDS,
        problem="the session cookie is also sent over plain HTTP, where a network sniffer "
                "can steal it and hijack the session",
        fix="Set SESSION_COOKIE_SECURE = True in production (default any variable that "
            "drives it to True).",
    )
    if finding is not None:
        yield finding
