"""The server accepts TLS 1.0 or TLS 1.1.

## Why it matters
TLS 1.0 and 1.1 were deprecated by RFC 8996 (2021): they rely on SHA-1 and MD5 in the handshake,
lack modern AEAD cipher suites and have a history of attacks (BEAST, POODLE variants, Lucky13).
PCI DSS forbids them, every current browser has dropped them, so accepting them only helps
downgrade attacks and clients that should be upgraded anyway.

## Insecure example
```nginx
ssl_protocols TLSv1 TLSv1.1 TLSv1.2;
```

## Fix
Accept only TLS 1.2 and 1.3: nginx `ssl_protocols TLSv1.2 TLSv1.3;`, Apache
`SSLProtocol -all +TLSv1.2 +TLSv1.3`, or a load-balancer policy with TLS 1.2 as minimum.

Caddy and recent nginx/Apache defaults already do. TLS 1.3 alone is fine too: ponyguard scores
a TLS-1.3-only site as well as one that also offers 1.2.

## References
- https://www.rfc-editor.org/rfc/rfc8996
- https://ssl-config.mozilla.org/
- https://wiki.mozilla.org/Security/Server_Side_TLS
- https://cwe.mitre.org/data/definitions/327.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...tls import Status, TlsReport
from ...tls.contexts import LEGACY_VERSIONS
from ._support import TLS_TARGET, endpoint, location

rule = Rule("PG807", "tls-legacy-protocol", "Server accepts TLS 1.0 or 1.1", Severity.HIGH,
            Confidence.HIGH, cwe=(327, 757), doc_text=__doc__)


@rule.on(TLS_TARGET)
def check(report: TlsReport) -> Iterator[Finding]:
    for check_ in report.versions:
        if check_.version in LEGACY_VERSIONS and check_.status is Status.ACCEPTED:
            yield rule.finding(f"{endpoint(report)} accepts {check_.version}",
                               location(report), key=check_.version, evidence=check_.detail)
