"""The SMTP password (EMAIL_HOST_PASSWORD) is written in the settings source.

## Why it matters
`EMAIL_HOST_PASSWORD` is the password of the mail account Django sends through. Written in a
settings file, it is readable by everyone with access to the repository, its forks, CI logs
and images, and it stays in the history. With it an attacker sends mail as your domain,
passing SPF and DKIM: convincing phishing to your own users, password-reset look-alikes, or
spam that gets the domain blocklisted. Many providers also use the same credential for their
API or dashboard.

A password in the default of an environment lookup
(`os.environ.get("EMAIL_HOST_PASSWORD", "s3cret")`) is just as public and is used whenever the
variable is missing; such findings name the variable and have medium confidence.

## Insecure example
```python
EMAIL_HOST = "smtp.mailgun.org"
EMAIL_HOST_USER = "postmaster@mg.example.com"
EMAIL_HOST_PASSWORD = "s3cret-smtp-pa55"
```

## Fix
Read `EMAIL_HOST_PASSWORD` from the environment or a secret store with no literal default
(`EMAIL_HOST_PASSWORD = os.environ["EMAIL_HOST_PASSWORD"]`), then rotate the exposed
password with the mail provider.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#email-host-password
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#email-backend-and-related-settings
- https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html
- https://cwe.mitre.org/data/definitions/798.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.redact import mask
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.view import SettingsView
from ._support import report

rule = Rule("PG133", "email-password-hardcoded", "The SMTP password is in the source",
            Severity.HIGH, Confidence.HIGH, cwe=(798, 259), doc_text=__doc__, runtime=False)


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    if view.runtime:
        return
    value = view.get("EMAIL_HOST_PASSWORD")
    if value is None or not value.hardcoded or not isinstance(value.data, str) or not value.data:
        return
    message = ("EMAIL_HOST_PASSWORD falls back to a password written in the source"
               if value.env_defaulted else "EMAIL_HOST_PASSWORD is a password written in the "
               "source")
    yield report(rule, view, value, message, key="EMAIL_HOST_PASSWORD",
                 evidence=mask(value.data),
                 fix="Read EMAIL_HOST_PASSWORD from the environment or a secret store with no "
                     "literal default, and rotate the exposed password.")
