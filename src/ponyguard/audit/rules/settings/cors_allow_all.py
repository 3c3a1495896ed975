r"""django-cors-headers lets every origin read responses (allow-all, or a match-everything regex).

## Why it matters
The browser's same-origin policy stops `attacker.example` from reading your site's responses;
CORS headers relax it for the origins you list. With django-cors-headers'
`CORS_ALLOW_ALL_ORIGINS = True` (formerly `CORS_ORIGIN_ALLOW_ALL`), or an origin regex such as
`r".*"` or `r"^https://.*$"`, every website on the internet is such an origin: any page a user
visits can call your API from their browser and read what it returns, including data only
reachable from their network (intranet, VPN, localhost) and anything protected by ambient
authentication.

Without credentials the damage is limited to what a visitor's browser can fetch anonymously
(medium); together with `CORS_ALLOW_CREDENTIALS = True` it is a full account takeover primitive
(critical):
django-cors-headers then reflects the caller's `Origin` and sends
`Access-Control-Allow-Credentials: true`, so a malicious page makes requests **with the user's
session cookie** and reads the answers (profile data, CSRF tokens, API keys), then acts as the
user.

## Insecure example
```python
INSTALLED_APPS = [..., "corsheaders"]
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True
# or
CORS_ALLOWED_ORIGIN_REGEXES = [r"^https://.*$"]
```

## Fix
List the origins that need access: `CORS_ALLOWED_ORIGINS = ["https://app.example.com"]`, and
remove `CORS_ALLOW_ALL_ORIGINS`. Anchor and escape regexes: `r"^https://\w+\.example\.com$"`.

Allowing every origin is acceptable only for a public, read-only API without credentials; then
limit it to that API with `CORS_URLS_REGEX = r"^/api/public/.*$"` and keep
`CORS_ALLOW_CREDENTIALS = False` (a `CORS_URLS_REGEX` lowers the severity one step and is named
in the message).

## References
- https://github.com/adamchainz/django-cors-headers#configuration
- https://pypi.org/project/django-cors-headers/
- https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS
- https://portswigger.net/web-security/cors
- https://cwe.mitre.org/data/definitions/942.html
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import Value, merge_env
from ...settings.view import SettingsView
from ._django import lower
from ._support import is_true, report

rule = Rule("PG127", "cors-allow-all", "CORS allows every origin", Severity.MEDIUM,
            Confidence.HIGH, cwe=(942, 183), doc_text=__doc__)

APPS = ("corsheaders", "corsheaders.apps.CorsHeadersAppConfig")
MIDDLEWARE = "corsheaders.middleware.CorsMiddleware"
PROBE_HOSTS = ("attacker.invalid", "evil-7f3a.example:8443", "x.test")
"""Origins no allow-list of a real site matches. A regex that matches all of them over https
(or all over http) lets any website in: an attacker can serve a page from either scheme."""
ANY_URL = frozenset({r"^.*$", r".*", r"^.*", r"^/.*$", r"^/"})
"""CORS_URLS_REGEX values that cover the whole site (django-cors-headers' default is ``^.*$``)."""
FIX = ('List the origins: CORS_ALLOWED_ORIGINS = ["https://app.example.com"], and drop '
       "CORS_ALLOW_ALL_ORIGINS; never combine an any-origin rule with CORS_ALLOW_CREDENTIALS.")


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    finding = _allow_all(view) or _regexes(view)
    if finding is None:
        return
    name, value, message = finding
    credentials = view.value("CORS_ALLOW_CREDENTIALS")
    severity = None
    if is_true(credentials.data):
        severity = Severity.CRITICAL
        message += (" with CORS_ALLOW_CREDENTIALS = True: any website can make requests with "
                    "the user's session and read the responses")
        value = value.with_data(value.data, env=merge_env([value, credentials]))
    else:
        message += ": any website can read the responses from a visitor's browser"
    scope = view.get("CORS_URLS_REGEX")
    if scope is not None and isinstance(scope.data, str) and scope.data not in ANY_URL:
        severity = lower(severity or rule.severity)
        message += f" (only for URLs matching CORS_URLS_REGEX {scope.data!r})"
    installed = any(app in view.installed_apps() for app in APPS) \
        or MIDDLEWARE in view.middleware()
    yield report(rule, view, value, message, key=name, fix=FIX, severity=severity,
                 confidence=None if installed else Confidence.MEDIUM)


def _allow_all(view: SettingsView) -> tuple[str, Value, str] | None:
    # django-cors-headers: getattr(settings, "CORS_ALLOW_ALL_ORIGINS",
    #                              getattr(settings, "CORS_ORIGIN_ALLOW_ALL", False))
    for name in ("CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL"):
        value = view.get(name)
        if value is not None:
            return (name, value, f"{name} is True") if is_true(value.data) else None
    return None


def _regexes(view: SettingsView) -> tuple[str, Value, str] | None:
    for name in ("CORS_ALLOWED_ORIGIN_REGEXES", "CORS_ORIGIN_REGEX_WHITELIST"):
        value = view.get(name)
        if value is None:
            continue
        patterns = value.data if isinstance(value.data, (list, tuple)) else ()
        for pattern in patterns:
            if isinstance(pattern, str) and _matches_any_origin(pattern):
                return name, value, f"{name} contains {pattern!r}, which matches every origin"
        return None
    return None


def _matches_any_origin(pattern: str) -> bool:
    """django-cors-headers tests ``re.match(pattern, origin)`` for each pattern."""
    try:
        compiled = re.compile(pattern)
        return any(all(compiled.match(f"{scheme}://{host}") for host in PROBE_HOSTS)
                   for scheme in ("https", "http"))
    except (re.error, RecursionError, OverflowError, ValueError):
        return False
