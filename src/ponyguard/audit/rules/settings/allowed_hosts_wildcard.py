"""ALLOWED_HOSTS contains the wildcard "*", so Django accepts any Host header.

## Why it matters
`ALLOWED_HOSTS` is Django's defence against HTTP Host header attacks. Django builds absolute
URLs from the request's `Host` header: password-reset and account-activation links in e-mails
(`request.build_absolute_uri()`, `{{ protocol }}://{{ domain }}` in the reset e-mail via
`get_current_site()` without the sites framework), redirects, canonical links. With `"*"` an
attacker requests a password reset for a victim while sending `Host: attacker.example`; the
victim receives a genuine e-mail from your site whose link points at the attacker's server,
and clicking it hands over the reset token. Caches keyed on the URL can also be poisoned with
attacker-controlled hosts.

A leading-dot entry (`.example.com`) only matches `example.com` and its subdomains and is fine;
`"*"` matches everything and switches the check off. When the wildcard is the default of an
environment variable, the site accepts any host whenever the variable is forgotten.

## Insecure example
```python
ALLOWED_HOSTS = ["*"]
# or: any host unless somebody remembers to set the variable
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])
```

## Fix
List the domain names the site answers to: `ALLOWED_HOSTS = ["www.example.com", "example.com"]`
(a leading dot, `.example.com`, allows the subdomains). From the environment, give no wildcard
default: `ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")`.

If a load balancer's health check uses the instance IP as Host, add that address (or answer the
health check in a middleware placed before `CommonMiddleware`) rather than `"*"`.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts
- https://docs.djangoproject.com/en/stable/topics/security/#host-header-validation
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#allowed-hosts
- https://portswigger.net/web-security/host-header
- https://cwe.mitre.org/data/definitions/183.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import contains
from ...settings.view import SettingsView
from ._support import report

rule = Rule("PG104", "allowed-hosts-wildcard", "ALLOWED_HOSTS accepts any host",
            Severity.HIGH, Confidence.HIGH, cwe=(183,), doc_text=__doc__)


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    value = view.value("ALLOWED_HOSTS")
    # Django iterates ALLOWED_HOSTS: a bare string ("*" from an env var without .split(","))
    # is iterated character by character, so any "*" in it still matches every host.
    data = value.data
    if contains(data, "*") is True or (isinstance(data, str) and "*" in data):
        yield report(rule, view, value,
                     "ALLOWED_HOSTS contains '*': Django accepts any Host header",
                     key="ALLOWED_HOSTS",
                     fix='List the site\'s domain names: ALLOWED_HOSTS = ["www.example.com"] '
                         "(\".example.com\" allows subdomains); never default a variable to '*'.")
