"""RabbitMQ's management interface is reachable from the network.

## Why it matters
The management UI and HTTP API administer the broker that carries the site's Celery tasks:
whoever logs in can read and inject messages (tasks run with the workers' privileges), create
users and delete queues. Exposing it invites password guessing against accounts that are often
left at their defaults, and every vulnerability of the plugin.

## Insecure example
```ini
# rabbitmq.conf
management.tcp.port = 15672
# listening on every interface (the default)
```

## Fix
Bind the management listener to loopback (`management.tcp.ip = 127.0.0.1` in rabbitmq.conf) or
firewall port 15672 and reach it over an SSH tunnel or VPN.

Use a dedicated, strong-password user in Celery's broker URL
(`CELERY_BROKER_URL = "amqps://django:PASSWORD@10.0.0.5:5671//"`) and delete the `guest` user.

## References
- https://www.rabbitmq.com/docs/management#single-listener-port
- https://www.rabbitmq.com/docs/access-control
- https://docs.celeryq.dev/en/stable/userguide/configuration.html#broker-url
- https://cwe.mitre.org/data/definitions/668.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...ports import ServiceResult
from ._support import SERVICE_TARGET, report

rule = Rule("PG907", "rabbitmq-management-exposed",
            "RabbitMQ management is reachable from the network", Severity.HIGH, Confidence.HIGH,
            cwe=(668,), doc_text=__doc__)


@rule.on(SERVICE_TARGET)
def check(result: ServiceResult) -> Iterator[Finding]:
    yield from report(rule, "rabbitmq", "RabbitMQ management", result)
