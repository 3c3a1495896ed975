"""MySQL or MariaDB is reachable from the network.

## Why it matters
The database holds everything the Django site knows. A reachable MySQL port sends its exact
version to anyone who connects, invites password guessing against `root` and the app user, and
exposes every pre-authentication vulnerability of the server. Database ports are among the
first things internet scanners look for.

## Insecure example
```ini
# /etc/mysql/mysql.conf.d/mysqld.cnf
[mysqld]
bind-address = 0.0.0.0
```

## Fix
Set `bind-address = 127.0.0.1` (or the private interface the app servers use) in the
`[mysqld]` section and firewall port 3306; grant the Django user only from the app servers'
addresses.

In Django, use TLS when the database is on another machine:
`DATABASES = {"default": {"ENGINE": "django.db.backends.mysql", "HOST": "10.0.0.5",
"OPTIONS": {"ssl": {"ca": "/etc/ssl/db-ca.pem"}}}}`.

## References
- https://dev.mysql.com/doc/refman/8.4/en/server-system-variables.html#sysvar_bind_address
- https://mariadb.com/kb/en/configuring-mariadb-for-remote-client-access/
- https://docs.djangoproject.com/en/stable/ref/databases/#mysql-notes
- https://cwe.mitre.org/data/definitions/668.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...ports import ServiceResult
from ._support import SERVICE_TARGET, report

rule = Rule("PG904", "mysql-exposed", "MySQL/MariaDB is reachable from the network",
            Severity.HIGH, Confidence.HIGH, cwe=(668,), doc_text=__doc__)


@rule.on(SERVICE_TARGET)
def check(result: ServiceResult) -> Iterator[Finding]:
    yield from report(rule, "mysql", "MySQL/MariaDB", result)
