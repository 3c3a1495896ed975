"""The Referrer-Policy header is missing, invalid, or leaks full URLs (SECURE_REFERRER_POLICY).

## Why it matters
When a user follows a link or a page loads an image, script or font from another site, the
browser sends the page's address in the `Referer` header. URLs often carry what should stay
private: password-reset and e-mail confirmation tokens, search terms, object ids, session-ish
query parameters. The `Referrer-Policy` header, which Django's `SecurityMiddleware` sends from
`SECURE_REFERRER_POLICY` (default `"same-origin"` since Django 3.1), limits what leaks.

- `None` sends no header at all, leaving it to each browser's default.
- A value that is not a Referrer-Policy token (a typo such as `"same-orgin"`) is ignored by
  browsers; Django's check reports it as an error (security.E023).
- `"unsafe-url"` tells the browser to send the full URL, path and query string included, to
  every site, even from HTTPS pages to plain-HTTP ones, where anyone on the network can read it.

## Insecure example
```python
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", ...]
SECURE_REFERRER_POLICY = None           # no header
SECURE_REFERRER_POLICY = "same-orgin"   # typo: ignored by browsers
SECURE_REFERRER_POLICY = "unsafe-url"   # full URLs, tokens included, go to every site
```

## Fix
Delete the line to get Django's default `"same-origin"`, or set
`SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"` if other sites need to see
where their visitors come from (they get the origin only, and nothing over plain HTTP).

A comma-separated string or a list gives fallbacks for old browsers; the last value a browser
understands wins, so put the policy you want last.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#secure-referrer-policy
- https://docs.djangoproject.com/en/stable/ref/middleware/#referrer-policy
- https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Referrer-Policy
- https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html#referrer-policy
- https://www.w3.org/TR/referrer-policy/#referrer-policies
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import Value, known_items
from ...settings.view import SettingsView
from ._django import SECURITY_MIDDLEWARE, describe, on_middleware_setting
from ._support import report_state

# django.core.checks.security.base.REFERRER_POLICY_VALUES
REFERRER_POLICY_VALUES = frozenset({
    "no-referrer",
    "no-referrer-when-downgrade",
    "origin",
    "origin-when-cross-origin",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
    "unsafe-url",
})

rule = Rule("PG115", "referrer-policy-missing",
            "The Referrer-Policy header is missing, invalid or unsafe", Severity.LOW,
            Confidence.HIGH, cwe=(693, 200), doc_text=__doc__,
            mirrors="security.W022,security.E023")

NAME = "SECURE_REFERRER_POLICY"
FIX = ('Set SECURE_REFERRER_POLICY = "same-origin" (Django\'s default) or '
       '"strict-origin-when-cross-origin".')


@on_middleware_setting(rule, SECURITY_MIDDLEWARE, NAME)
def check(view: SettingsView, value: Value, confidence: Confidence | None) -> Iterator[Finding]:
    data = value.data
    if data is None:
        yield report_state(rule, view, value, describe(NAME, value),
                           "no Referrer-Policy header is sent, so each browser's default "
                           "decides how much of your URLs other sites see",
                           key=NAME, fix=FIX, confidence=confidence)
        return
    values, complete = _policy_values(data)
    invalid = [v for v in values if not isinstance(v, str) or v not in REFERRER_POLICY_VALUES]
    if invalid:
        shown = ", ".join(repr(v) for v in invalid)
        yield report_state(rule, view, value, f"{NAME} is {data!r}",
                           f"{shown} is not a Referrer-Policy value, browsers ignore it and "
                           "Django's check reports security.E023",
                           key=f"{NAME}:invalid", fix=FIX, confidence=confidence)
    if not complete:
        return
    effective = _effective(values, data)
    if not values:
        yield report_state(rule, view, value, f"{NAME} is {data!r}",
                           "an empty policy sends no Referrer-Policy header (Django's "
                           "check misses this one)",
                           key=f"{NAME}:empty", fix=FIX, confidence=confidence)
    elif effective == "unsafe-url":
        yield _unsafe(view, value, data, confidence)


def _policy_values(data: Any) -> tuple[list[Any], bool]:
    """The policy values as Django's check sees them, and whether all of them are known."""
    if isinstance(data, str):
        return [v.strip() for v in data.split(",")], True
    if isinstance(data, (list, tuple, set, frozenset)):
        items = known_items(data)
        return items, len(items) == len(data)
    return [data], True


def _effective(values: list[Any], data: Any) -> str | None:
    """The policy a browser applies: the last value it understands."""
    understood = [v for v in values if isinstance(v, str) and v in REFERRER_POLICY_VALUES]
    if not understood:
        return None
    if isinstance(data, (set, frozenset)) and "unsafe-url" in understood:
        return "unsafe-url"  # no order: the header may well end with it
    return understood[-1]


def _unsafe(view: SettingsView, value: Value, data: Any,
            confidence: Confidence | None) -> Finding:
    return report_state(rule, view, value, f"{NAME} is {data!r}",
                        "'unsafe-url' sends the full URL, path and query string included "
                        "(search terms, ids, password-reset links), to every site, even from "
                        "HTTPS pages to plain-HTTP ones",
                        key=f"{NAME}:unsafe-url", fix=FIX, severity=Severity.MEDIUM,
                        confidence=confidence)
