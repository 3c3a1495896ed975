"""A database password is written in the settings source.

## Why it matters
Settings files live in version control. A `PASSWORD` in `DATABASES` (or a password inside a
literal database URL) is then readable by everyone with access to the repository, its forks,
CI logs, backups and container images, and it stays in the history after it is removed. The
database usually holds everything worth stealing; its password should exist only in the
deployment's secret store.

A password in the *default* of an environment lookup, such as
`dj_database_url.config(default="postgres://app:s3cret@db/app")` or
`os.environ.get("DB_PASSWORD", "s3cret")`, is just as public, and it is silently used
whenever the variable is missing. Such findings name the variable and have medium confidence.
SQLite databases (which have no password) and empty passwords are not reported.

## Insecure example
```python
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "shop",
        "PASSWORD": "s3cret-pa55",
        "HOST": "db.internal",
    }
}
# or a literal fallback URL
DATABASES = {"default": dj_database_url.config(default="postgres://shop:s3cret@db/shop")}
```

## Fix
Read the password (or the whole database URL) from the environment or a secrets manager, with
no default, so a missing secret fails loudly instead of falling back to one in the source:
`"PASSWORD": os.environ["DB_PASSWORD"]`. Then rotate the exposed password.

```python
DATABASES = {"default": dj_database_url.config()}  # reads DATABASE_URL, no fallback
# or
DATABASES = {"default": {..., "PASSWORD": os.environ["DB_PASSWORD"]}}
```

## References
- https://docs.djangoproject.com/en/stable/ref/settings/#databases
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#databases
- https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html
- https://cwe.mitre.org/data/definitions/798.html
- https://cwe.mitre.org/data/definitions/259.html
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ....core.finding import Finding
from ....core.redact import mask
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import Value
from ...settings.view import SettingsView
from ._support import report

rule = Rule("PG132", "database-password-hardcoded", "A database password is in the source",
            Severity.HIGH, Confidence.HIGH, cwe=(798, 259), doc_text=__doc__, runtime=False)

PASSWORD_PATHS = (("PASSWORD",), ("OPTIONS", "password"), ("OPTIONS", "passwd"))
"""Where a database password can be set: Django's key, and the drivers' OPTIONS keys."""


@rule.on("settings")
def check(view: SettingsView) -> Iterator[Finding]:
    if view.runtime:
        return
    databases = view.get("DATABASES")
    if databases is None or not isinstance(databases.data, dict):
        return
    for alias, entry in databases.data.items():
        if not isinstance(entry, dict) or _is_sqlite(entry.get("ENGINE")):
            continue
        for path in PASSWORD_PATHS:
            leaf = databases.leaf(alias, *path)
            if isinstance(leaf.data, str) and leaf.data and leaf.hardcoded:
                yield _finding(view, alias, path, leaf)


def _is_sqlite(engine: Any) -> bool:
    return isinstance(engine, str) and ("sqlite" in engine or "spatialite" in engine)


def _finding(view: SettingsView, alias: Any, path: tuple[str, ...], leaf: Value) -> Finding:
    where = f"DATABASES[{alias!r}]" + "".join(f"[{part!r}]" for part in path)
    from_url = [use.name for use in leaf.env
                if use.default_used and isinstance(use.default, str) and "://" in use.default]
    if from_url:
        message = (f"{where} comes from a password in the literal default URL of "
                   f"{from_url[0]}")
    elif leaf.env_defaulted:
        message = f"{where} falls back to a password written in the source"
    else:
        message = f"{where} is a password written in the source"
    return report(rule, view, leaf, message, key=f"{where}", evidence=mask(leaf.data),
                  confidence=Confidence.HIGH,
                  fix="Read the database password (or DATABASE_URL) from the environment or a "
                      "secret store with no literal default, and rotate the exposed password.")
