"""No password validators: users may choose "1", "password" or their user name as password.

## Why it matters
`AUTH_PASSWORD_VALIDATORS` decides which passwords Django's password forms and
`createsuperuser` accept. Django's default is an empty list: no minimum length, no check
against the 20,000 most common passwords, no check that the password differs from the user
name or e-mail. `django-admin startproject` writes four validators into a new project, so an
empty list usually means they were deleted or the settings were written by hand. Accounts with
trivial passwords fall to credential stuffing and online guessing, and an admin account with
one gives away the whole site.

## Insecure example
```python
INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", ...]
AUTH_PASSWORD_VALIDATORS = []   # or not set at all: Django's default is []
```

## Fix
Enable Django's validators (as `startproject` does): `UserAttributeSimilarityValidator`,
`MinimumLengthValidator` (raise `min_length` to 12), `CommonPasswordValidator` and
`NumericPasswordValidator`, each `{"NAME": "django.contrib.auth.password_validation.…"}`.

```python
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
```

Validators run in forms and management commands; code that calls `user.set_password()` directly
must call `django.contrib.auth.password_validation.validate_password()` itself.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#auth-password-validators
- https://docs.djangoproject.com/en/stable/topics/auth/passwords/#password-validation
- https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#implement-proper-password-strength-controls
- https://cwe.mitre.org/data/definitions/521.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import contains
from ...settings.view import SettingsView
from ._support import is_false, report

rule = Rule("PG122", "password-validators-empty", "Password validation is disabled",
            Severity.MEDIUM, Confidence.HIGH, cwe=(521,), doc_text=__doc__)

AUTH_APPS = ("django.contrib.auth", "django.contrib.auth.apps.AuthConfig")


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    apps = view.value("INSTALLED_APPS").data
    if not any(contains(apps, app) is True for app in AUTH_APPS):
        return
    value = view.value("AUTH_PASSWORD_VALIDATORS")
    if not is_false(value.data):
        return
    message = ("AUTH_PASSWORD_VALIDATORS is not set (Django's default is [])" if value.is_default
               else "AUTH_PASSWORD_VALIDATORS is empty")
    yield report(rule, view, value,
                 message + " while django.contrib.auth is installed: any password is accepted",
                 key="AUTH_PASSWORD_VALIDATORS",
                 fix="Enable Django's four validators (as startproject writes them), with "
                     "MinimumLengthValidator's OPTIONS min_length raised to 12.")
