"""SECRET_KEY is weak, the startproject placeholder, empty or not set.

## Why it matters
Django signs with `SECRET_KEY`: session data (with the `signed_cookies` session backend the
whole session lives in a signed cookie), password reset links (`PasswordResetTokenGenerator`),
`django.core.signing` values, `get_signed_cookie()` cookies and messages stored in cookies.
Whoever knows or can guess the key can forge all of these: log in as any user through a forged
reset link or session, tamper with signed data, and with a pickle-based session serializer run
code on the server.

Django's deploy check (security.W009) calls a key weak when it is shorter than 50 characters,
has fewer than 5 distinct characters, or starts with `django-insecure-`. That prefix marks the
key `django-admin startproject` wrote into `settings.py`: it is in the repository, its history
and every copy of it, so it is not a secret any more. A short or repetitive key can be guessed
offline from a single signed value.

A key that comes from an environment variable with a hard-coded fallback
(`os.environ.get("DJANGO_SECRET_KEY", "dev-key")`) is that fallback whenever the variable is
missing, silently. A key read with no default (`os.environ["DJANGO_SECRET_KEY"]`) is not
reported: a missing variable stops the site instead of weakening it.

An empty or missing `SECRET_KEY` is not exploitable — Django raises `ImproperlyConfigured` as
soon as anything is signed — but it means the audited settings do not run as they are, so it is
reported at a lower severity.

## Insecure example
```python
SECRET_KEY = "django-insecure-5b)xk(3qs^@*k0z$+^s1j6-!bpc8l3h1c5u#-w3!p9(7ck2x=v"
SECRET_KEY = "changeme"
# weak whenever the variable is forgotten:
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-secret")
```

## Fix
Generate a key with `django.core.management.utils.get_random_secret_key()`, keep it out of the
repository and read it without a fallback: `SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]`.
A key that was ever committed or weak must be replaced, not kept in `SECRET_KEY_FALLBACKS`.

```python
import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]  # 50+ random characters, set per environment
```

```console
$ python -c "from django.core.management.utils import get_random_secret_key as k; print(k())"
```

Replacing the key logs every user out and invalidates outstanding reset links and signed
values; for a key that leaked, that is the point.

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#secret-key
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#secret-key
- https://docs.djangoproject.com/en/stable/topics/signing/
- https://docs.djangoproject.com/en/stable/ref/checks/#security
- https://cwe.mitre.org/data/definitions/1391.html
- https://owasp.org/Top10/A02_2021-Cryptographic_Failures/
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import is_unknown
from ...settings.view import SettingsView
from ._secret_key import describe, evidence, is_key, weakness
from ._support import report, report_state

rule = Rule("PG102", "secret-key-weak", "SECRET_KEY is weak or missing", Severity.CRITICAL,
            Confidence.HIGH, cwe=(1391, 330), doc_text=__doc__, mirrors="security.W009")

NAME = "SECRET_KEY"
FIX_WEAK = ("Generate a new key with get_random_secret_key(), keep it out of the repository and "
            "read it without a fallback: SECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"].")
FIX_DEFAULT = ("Remove the hard-coded fallback: SECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"] "
               "(a missing variable should stop the site, not weaken it), and set a generated "
               "key in every environment.")
FIX_EMPTY = ("Set SECRET_KEY from the environment, e.g. SECRET_KEY = "
             "os.environ[\"DJANGO_SECRET_KEY\"], with a key from get_random_secret_key().")
SIGNS = ("Django raises ImproperlyConfigured as soon as anything is signed (sessions, password "
         "reset links, signed cookies)")


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    value = view.value(NAME)
    data = value.data
    if is_unknown(data):
        return
    if data is None or (is_key(data) and not data):
        if value.env_defaulted and not value.is_default:
            # os.environ.get("DJANGO_SECRET_KEY") or a "" default: without the variable Django
            # refuses to sign anything, so the site fails loudly instead of using a weak key.
            return
        if value.is_default:
            message = (f"{NAME} is not set in {view.module} (Django's default is an empty "
                       f"string): {SIGNS}")
            confidence = Confidence.MEDIUM
        else:
            message = f"{NAME} is {'None' if data is None else 'empty'}: {SIGNS}"
            confidence = Confidence.HIGH
        yield report(rule, view, value, message, key=f"{NAME}:empty", fix=FIX_EMPTY,
                     severity=Severity.MEDIUM, confidence=confidence,
                     evidence=None if value.is_default else f"{NAME} = {data!r}")
        return
    if not is_key(data):
        return
    reason = weakness(data)
    if reason is None:
        return
    state, detail = describe(NAME, value, reason)
    yield report_state(rule, view, value, state, detail, key=NAME,
                       fix=FIX_DEFAULT if value.env_defaulted else FIX_WEAK,
                       evidence=evidence(NAME, data))
