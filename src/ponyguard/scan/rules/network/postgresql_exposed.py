"""PostgreSQL is reachable from the network (critical with `trust` authentication).

## Why it matters
The database holds everything the Django site knows: users and their password hashes,
sessions, personal data. A reachable PostgreSQL port invites password guessing and exposes
every server vulnerability before authentication; with `trust` in `pg_hba.conf` anyone can log
in as `postgres` and read, change or drop all of it, or run programs with `COPY … PROGRAM`.

## Insecure example
```text
# postgresql.conf
listen_addresses = '*'
# pg_hba.conf
host  all  all  0.0.0.0/0  trust
```

## Fix
Set `listen_addresses = 'localhost'` (or the private interface the app servers use) in
postgresql.conf and firewall port 5432; in pg_hba.conf allow only the app servers' addresses
with `scram-sha-256`.

In Django, connect with a password and TLS when the database is on another machine:
`DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "10.0.0.5",
"PASSWORD": env("DB_PASSWORD"), "OPTIONS": {"sslmode": "verify-full"}}}`.

## References
- https://www.postgresql.org/docs/current/runtime-config-connection.html#GUC-LISTEN-ADDRESSES
- https://www.postgresql.org/docs/current/auth-pg-hba-conf.html
- https://docs.djangoproject.com/en/stable/ref/databases/#postgresql-notes
- https://cwe.mitre.org/data/definitions/668.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...ports import Access, ServiceResult
from ._support import SERVICE_TARGET, report

rule = Rule("PG903", "postgresql-exposed", "PostgreSQL is reachable from the network",
            Severity.HIGH, Confidence.HIGH, cwe=(668, 306), doc_text=__doc__)

FIX = {
    Access.OPEN: "Replace `trust` with `scram-sha-256` in pg_hba.conf now, then set "
                 "`listen_addresses = 'localhost'` (or a private address) and firewall port 5432.",
}


@rule.on(SERVICE_TARGET)
def check(result: ServiceResult) -> Iterator[Finding]:
    yield from report(rule, "postgresql", "PostgreSQL", result, FIX)
