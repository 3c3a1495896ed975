"""DEBUG_PROPAGATE_EXCEPTIONS is enabled.

## Why it matters
`DEBUG_PROPAGATE_EXCEPTIONS = True` makes Django re-raise unhandled exceptions instead of
turning them into a 500 response. It exists for test clients and debugging. In production
the exception escapes to the WSGI/ASGI server, so:

- Django's `handler500` page is never rendered; what the client sees is up to the server,
  and some servers and wrappers (debug modes, development servers, misconfigured
  middleware) answer with the traceback, which discloses code, paths and local values;
- Django's own error logging of the request (the `django.request` logger, and with it the
  `mail_admins` e-mails to ADMINS) is skipped, so failures and attacks that trigger them go
  unnoticed;
- a server without a safe fallback may drop the connection or leave a worker in a bad state.

## Insecure example
```python
DEBUG = False
DEBUG_PROPAGATE_EXCEPTIONS = True
```

## Fix
Remove the setting from production settings (Django's default is False), or set
`DEBUG_PROPAGATE_EXCEPTIONS = False`; report errors through LOGGING/ADMINS or an error tracker.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#debug-propagate-exceptions
- https://docs.djangoproject.com/en/stable/howto/error-reporting/
- https://docs.djangoproject.com/en/stable/ref/views/#the-500-server-error-view
- https://cwe.mitre.org/data/definitions/209.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.view import SettingsView
from ._support import is_true, report

rule = Rule("PG134", "debug-propagate-exceptions", "DEBUG_PROPAGATE_EXCEPTIONS is enabled",
            Severity.MEDIUM, Confidence.HIGH, cwe=(209, 248), doc_text=__doc__)


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    value = view.value("DEBUG_PROPAGATE_EXCEPTIONS")
    if is_true(value.data):
        yield report(rule, view, value,
                     "DEBUG_PROPAGATE_EXCEPTIONS is True: unhandled exceptions bypass Django's "
                     "500 handling and error logging and reach the WSGI/ASGI server",
                     key="DEBUG_PROPAGATE_EXCEPTIONS",
                     fix="Remove DEBUG_PROPAGATE_EXCEPTIONS from production settings (the "
                         "default is False).")
