"""MongoDB is reachable from the network (critical when it lists databases without auth).

## Why it matters
MongoDB without `security.authorization` lets anyone read, change and delete every database;
unprotected instances have been wiped and ransomed by the tens of thousands. Even with
authentication on, a reachable port exposes the version and every pre-authentication bug.

## Insecure example
```yaml
# /etc/mongod.conf
net:
  bindIp: 0.0.0.0
# no security.authorization
```

## Fix
Set `net.bindIp: 127.0.0.1` (or a private address) and `security.authorization: enabled` in
mongod.conf, and firewall port 27017; connect from Django (django-mongodb-backend,
mongoengine) with a user and TLS (`mongodb://user:PASSWORD@10.0.0.5/?tls=true`).

## References
- https://www.mongodb.com/docs/manual/administration/security-checklist/
- https://www.mongodb.com/docs/manual/core/security-mongodb-configuration/
- https://cwe.mitre.org/data/definitions/306.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...ports import ServiceResult
from ._support import SERVICE_TARGET, report

rule = Rule("PG905", "mongodb-exposed", "MongoDB is reachable from the network", Severity.HIGH,
            Confidence.HIGH, cwe=(306, 668), doc_text=__doc__)


@rule.on(SERVICE_TARGET)
def check(result: ServiceResult) -> Iterator[Finding]:
    yield from report(rule, "mongodb", "MongoDB", result)
