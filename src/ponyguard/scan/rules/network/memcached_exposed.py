"""Memcached is reachable from the network.

## Why it matters
memcached has no authentication in its usual text protocol: anyone who reaches the port can
read every cached value (with Django's `cache` or `cached_db` session backends, the session
data), overwrite entries to poison pages or forge sessions, and flush the cache. Over UDP it is
also a notorious DDoS amplifier (51,000x). It is meant to be reachable only by the web servers.

## Insecure example
```text
# /etc/memcached.conf
-l 0.0.0.0
```

## Fix
Listen on loopback or a private interface only (`-l 127.0.0.1` in /etc/memcached.conf, and
`-U 0` to disable UDP) or firewall port 11211, then point Django at that address:
`CACHES = {"default": {"BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
"LOCATION": "127.0.0.1:11211"}}`.

For a cache shared between machines, keep it on a private network (or use SASL with
`PyLibMCCache` and its `username`/`password` `OPTIONS`).

## References
- https://github.com/memcached/memcached/wiki/ConfiguringServer#networking
- https://docs.djangoproject.com/en/stable/topics/cache/#memcached
- https://blog.cloudflare.com/memcrashed-major-amplification-attacks-from-port-11211/
- https://cwe.mitre.org/data/definitions/306.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...ports import ServiceResult
from ._support import SERVICE_TARGET, report

rule = Rule("PG902", "memcached-exposed", "Memcached is reachable from the network",
            Severity.HIGH, Confidence.HIGH, cwe=(306, 668), doc_text=__doc__)


@rule.on(SERVICE_TARGET)
def check(result: ServiceResult) -> Iterator[Finding]:
    yield from report(rule, "memcached", "memcached", result)
