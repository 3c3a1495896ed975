"""DEBUG is enabled in a deployed settings module.

## Why it matters
With `DEBUG = True` every unhandled error renders Django's technical 500 page: source code
around the failing line, local variables, the full settings (only some values are masked), the
SQL that ran and the installed apps. A 404 lists every URL pattern of the site. Django also
keeps every SQL query in memory. An attacker who can trigger an error learns the code, the
database layout and often credentials.

When DEBUG comes from an environment variable with a `True` default, the site is in debug mode
whenever somebody forgets to set the variable, which is how most debug pages end up in production.

## Insecure example
```python
DEBUG = True
# or: on unless somebody remembers to set the variable
DEBUG = os.environ.get("DJANGO_DEBUG", "True") == "True"
```

## Fix
Set `DEBUG = False` in production settings, and make any environment-driven value default to
off: `DEBUG = env.bool("DJANGO_DEBUG", default=False)`.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#debug
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#debug
- https://owasp.org/Top10/A05_2021-Security_Misconfiguration/
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.view import SettingsView
from ._support import is_true, report

rule = Rule("PG101", "debug-enabled", "DEBUG is enabled", Severity.CRITICAL, Confidence.HIGH,
            cwe=(489, 215), doc_text=__doc__, mirrors="security.W018")


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    value = view.value("DEBUG")
    if is_true(value.data):
        yield report(rule, view, value, "DEBUG is True", key="DEBUG",
                     fix="Set DEBUG = False in production; default any DEBUG variable to False.")
