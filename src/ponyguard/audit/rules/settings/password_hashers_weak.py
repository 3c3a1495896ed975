"""The first PASSWORD_HASHERS entry is a fast or unsalted hash (MD5, SHA1, crypt).

## Why it matters
Django stores every new password with the **first** hasher in `PASSWORD_HASHERS`, and when a
user logs in with a password stored by another hasher it re-hashes it with the first one. If
that hasher is `MD5PasswordHasher`, `SHA1PasswordHasher`, one of the unsalted variants or
`CryptPasswordHasher` (crypt(3): DES on most systems, 8 password characters at most), the
whole password table ends up in a format a single GPU cracks at billions of guesses per second;
unsalted hashes are looked up in precomputed tables outright. A database dump, a backup or an
SQL injection then reveals most users' passwords, which they reuse elsewhere.

These hashers exist to speed up test suites and to import legacy password tables. Keeping them
**after** a strong first entry is fine: they then only verify old hashes, which Django upgrades
to the first hasher on the user's next login.

## Insecure example
```python
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",   # copied from test settings
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
```

## Fix
Put a slow, salted hasher first: remove `PASSWORD_HASHERS` to use Django's default (PBKDF2), or
start the list with `"django.contrib.auth.hashers.Argon2PasswordHasher"` (needs `argon2-cffi`)
and keep legacy hashers after it only while old hashes remain.

Keep the MD5 hasher in test settings only (a module the production settings never import).

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#password-hashers
- https://docs.djangoproject.com/en/stable/topics/auth/passwords/#how-django-stores-passwords
- https://docs.djangoproject.com/en/stable/topics/testing/overview/#password-hashing
- https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html
- https://cwe.mitre.org/data/definitions/916.html
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import is_unknown
from ...settings.view import SettingsView
from ._support import report

rule = Rule("PG121", "password-hashers-weak", "Passwords are hashed with a weak algorithm",
            Severity.HIGH, Confidence.HIGH, cwe=(916, 328, 759), doc_text=__doc__)

DJANGO_HASHERS = "django.contrib.auth.hashers."
WEAK_DJANGO = {
    f"{DJANGO_HASHERS}{name}": why for name, why in {
        "MD5PasswordHasher": "salted MD5, a single fast hash",
        "UnsaltedMD5PasswordHasher": "unsalted MD5",
        "UnsaltedSHA1PasswordHasher": "unsalted SHA1",
        "SHA1PasswordHasher": "salted SHA1, a single fast hash",
        "CryptPasswordHasher": "crypt(3), on most systems DES with 8 password characters at most",
    }.items()
}
STRONG = re.compile(r"(?<![A-Z])(?i:pbkdf2|bcrypt|scrypt|argon2)")
"""Names of slow, salted schemes: PBKDF2SHA1PasswordHasher and BCryptSHA256PasswordHasher are
fine although they contain "sha1" and "crypt"."""
WEAK_WORD = re.compile(r"md5|sha1|unsalted", re.IGNORECASE)
CRYPT_WORD = re.compile(r"(?:^|(?<=[._]))crypt(?![a-z])|Crypt(?![a-z])|CRYPT(?![A-Z])")
"""Custom hashers whose dotted name says MD5, SHA1, unsalted or (DES) crypt. "crypt" must be a
word of its own so that `EncryptedPasswordHasher` or a `crypto` module is not taken for it."""

FIX = ('Put a slow, salted hasher first: drop PASSWORD_HASHERS for Django\'s default (PBKDF2) or '
       'start with "django.contrib.auth.hashers.Argon2PasswordHasher"; weak ones may follow.')


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    value = view.value("PASSWORD_HASHERS")
    data = value.data
    if value.is_default or not isinstance(data, (list, tuple)) or not data:
        return
    first = data[0]
    if is_unknown(first) or not isinstance(first, str):
        return
    if first in WEAK_DJANGO:
        yield report(rule, view, value,
                     f"The first PASSWORD_HASHERS entry is {first.rsplit('.', 1)[-1]} "
                     f"({WEAK_DJANGO[first]}): new passwords are stored with it",
                     key="PASSWORD_HASHERS", fix=FIX)
    elif _looks_weak(first):
        yield report(rule, view, value,
                     f"The first PASSWORD_HASHERS entry, {first}, looks like an MD5, SHA1, "
                     "unsalted or crypt hasher by its name: new passwords are stored with it",
                     key="PASSWORD_HASHERS", fix=FIX, confidence=Confidence.MEDIUM)


def _looks_weak(dotted: str) -> bool:
    if STRONG.search(dotted.rsplit(".", 1)[-1]):
        return False
    return bool(WEAK_WORD.search(dotted) or CRYPT_WORD.search(dotted))
