"""A TLS protocol version could not be tested from this machine.

## Why it matters
ponyguard checks each protocol version by offering only that version. When the local OpenSSL
cannot offer it (TLS 1.0 and 1.1 are disabled by the security level or the build on many
current systems), the server's answer would say nothing, so the check is reported as not
tested rather than as "not supported by the server". The server may still accept the version.

## Insecure example
```text
# /etc/ssl/openssl.cnf on the scanning machine
[system_default_sect]
MinProtocol = TLSv1.2
```

## Fix
Nothing to change on the site for this note. To test the version, run ponyguard where OpenSSL
can offer it (e.g. `OPENSSL_CONF=/path/to/permissive.cnf ponyguard scan …` with
`MinProtocol = TLSv1` and `CipherString = DEFAULT@SECLEVEL=0`), or check the server's
`ssl_protocols` (nginx) / `SSLProtocol` (Apache) directive by hand.

## References
- https://www.openssl.org/docs/man3.0/man3/SSL_CTX_set_security_level.html
- https://www.rfc-editor.org/rfc/rfc8996
- https://cwe.mitre.org/data/definitions/327.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...tls import Status, TlsReport
from ._support import TLS_TARGET, location

rule = Rule("PG810", "tls-protocol-not-tested", "TLS protocol version not tested",
            Severity.INFO, Confidence.HIGH, cwe=(327,), doc_text=__doc__)


@rule.on(TLS_TARGET)
def check(report: TlsReport) -> Iterator[Finding]:
    for check_ in report.versions:
        if check_.status is Status.NOT_TESTED:
            yield rule.finding(f"{check_.version} was not tested: {check_.detail}",
                               location(report), key=check_.version)
        elif check_.status is Status.UNKNOWN:
            yield rule.finding(f"Whether {check_.version} is accepted could not be determined: "
                               f"{check_.detail}", location(report), key=check_.version)
