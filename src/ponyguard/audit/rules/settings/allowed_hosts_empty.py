"""ALLOWED_HOSTS is empty, so a deployed site answers every request with 400 Bad Request.

## Why it matters
Django compares the `Host` header of every request with `ALLOWED_HOSTS` to stop host-header
attacks (poisoned password reset links, cache poisoning). Its default is an empty list. With
`DEBUG = False` an empty list matches no host at all, so every request fails with
`400 Bad Request` (`DisallowedHost`); with `DEBUG = True` Django quietly allows only
`localhost`, `127.0.0.1` and `[::1]`, which is why the problem shows up only after deployment.

The empty list itself is safe, which is why this is reported at low severity. The danger is the
usual "fix" applied in a hurry when production returns 400: `ALLOWED_HOSTS = ["*"]`, which turns
host validation off. Django's deploy check (security.W020) reports the empty list; ponyguard
also reports a list whose only entries are blank strings, which matches no host either. It is
what `os.environ.get("ALLOWED_HOSTS", "").split(",")` gives when the variable is unset.

## Insecure example
```python
ALLOWED_HOSTS = []
# [""] when the variable is not set: matches no host
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")
```

## Fix
List the host names the site is served under, e.g.
`ALLOWED_HOSTS = ["www.example.com", "example.com"]`, or read them from the environment and make
sure the deployment sets the variable. A leading dot (`".example.com"`) allows subdomains. Do not
use `"*"`.

```python
ALLOWED_HOSTS = ["www.example.com", "example.com"]
# or: ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")  # no default: fail if unset
```

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#allowed-hosts
- https://docs.djangoproject.com/en/stable/topics/security/#host-headers-virtual-hosting
- https://docs.djangoproject.com/en/stable/ref/checks/#security
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import is_unknown
from ...settings.view import SettingsView
from ._support import report_state, truth

rule = Rule("PG105", "allowed-hosts-empty", "ALLOWED_HOSTS is empty", Severity.LOW,
            Confidence.HIGH, cwe=(16,), doc_text=__doc__, mirrors="security.W020")

NAME = "ALLOWED_HOSTS"
FIX = ("List the site's host names: ALLOWED_HOSTS = [\"www.example.com\", \"example.com\"] "
       "(or read them from an environment variable the deployment sets); never \"*\".")
DETAIL = ("with DEBUG = False Django rejects every request with 400 Bad Request; list the "
          "site's host names rather than \"*\"")


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    value = view.value(NAME)
    data = value.data
    truthy = truth(data)
    if truthy is None:
        return
    if not truthy:
        state = (f"{NAME} is not set (Django's default is an empty list)" if value.is_default
                 else f"{NAME} is empty")
        yield report_state(rule, view, value, state, DETAIL, key=NAME, fix=FIX)
        return
    if isinstance(data, (list, tuple)) and not any(is_unknown(item) for item in data) and all(
            isinstance(item, str) and not item.strip() for item in data):
        # Django's check passes [""] (the list is truthy) but it matches no host either.
        yield report_state(rule, view, value, f"{NAME} has only blank entries ({data!r})",
                           "a blank entry matches no host (Django's own check misses this), "
                           f"so {DETAIL}",
                           key=f"{NAME}:blank", fix=FIX)
