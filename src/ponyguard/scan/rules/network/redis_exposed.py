"""Redis is reachable from the network (critical when it answers without a password).

## Why it matters
An open Redis is a full compromise: anyone can read and change the cache and session data
(Django's `cache` session backend keeps logged-in sessions there, so sessions can be forged),
flush it, and use `CONFIG SET dir`/`SLAVEOF`/module loading to write files or run code on the
server. Internet scanners find open Redis instances within hours. Even with a password, a
reachable Redis invites brute force and exposes any Redis vulnerability.

## Insecure example
```text
# /etc/redis/redis.conf
bind 0.0.0.0
protected-mode no
# no requirepass
```

## Fix
Bind Redis to loopback or a private interface (`bind 127.0.0.1 -::1` in redis.conf) or block
port 6379 in the firewall, and require a password (`requirepass` or ACL users).

Give Django the credentials in its URL, with TLS when Redis is on another machine:
`CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
"LOCATION": "rediss://:PASSWORD@10.0.0.5:6379/0"}}` (and the same for Celery's
`CELERY_BROKER_URL`).

## References
- https://redis.io/docs/latest/operate/oss_and_stack/management/security/
- https://docs.djangoproject.com/en/stable/topics/cache/#redis
- https://cwe.mitre.org/data/definitions/306.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...ports import Access, ServiceResult
from ._support import SERVICE_TARGET, report

rule = Rule("PG901", "redis-exposed", "Redis is reachable from the network", Severity.HIGH,
            Confidence.HIGH, cwe=(306, 668), doc_text=__doc__)

FIX = {
    Access.OPEN: "Set `requirepass` (or ACL users) and `bind 127.0.0.1` in redis.conf (or "
                 "firewall port 6379); put the password in CACHES LOCATION "
                 "(`redis://:PASSWORD@host:6379/0`).",
}


@rule.on(SERVICE_TARGET)
def check(result: ServiceResult) -> Iterator[Finding]:
    yield from report(rule, "redis", "Redis", result, FIX)
