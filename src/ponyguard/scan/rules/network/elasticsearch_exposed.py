"""Elasticsearch (or OpenSearch) is reachable from the network.

## Why it matters
Without security enabled, anyone can search, dump, change and delete every index over plain
HTTP: the search index of a Django site (django-elasticsearch-dsl, Haystack) usually holds a
copy of its content, often private fields included. Open clusters are found and wiped by bots.
With security on, the port still exposes the cluster to password guessing.

## Insecure example
```yaml
# elasticsearch.yml
network.host: 0.0.0.0
xpack.security.enabled: false
```

## Fix
Bind to loopback or a private interface (`network.host: 127.0.0.1` in elasticsearch.yml) or
firewall port 9200, and keep `xpack.security.enabled: true` (the default since 8.0).

Give Django the credentials and TLS: `ELASTICSEARCH_DSL = {"default": {"hosts":
"https://10.0.0.5:9200", "basic_auth": ("django", env("ES_PASSWORD")),
"ca_certs": "/etc/ssl/es-ca.pem"}}`.

## References
- https://www.elastic.co/guide/en/elasticsearch/reference/current/network.host.html
- https://www.elastic.co/guide/en/elasticsearch/reference/current/security-minimal-setup.html
- https://django-elasticsearch-dsl.readthedocs.io/en/latest/settings.html
- https://cwe.mitre.org/data/definitions/306.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...ports import ServiceResult
from ._support import SERVICE_TARGET, report

rule = Rule("PG906", "elasticsearch-exposed", "Elasticsearch is reachable from the network",
            Severity.HIGH, Confidence.HIGH, cwe=(306, 668), doc_text=__doc__)


@rule.on(SERVICE_TARGET)
def check(result: ServiceResult) -> Iterator[Finding]:
    yield from report(rule, "elasticsearch", "Elasticsearch", result)
