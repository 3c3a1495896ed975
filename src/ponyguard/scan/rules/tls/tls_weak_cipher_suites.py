"""The server accepts weak cipher suites (NULL, anonymous, EXPORT, RC4, 3DES, CBC with SHA-1).

## Why it matters
A client offering only weak suites still gets a connection, so an attacker in the middle who
can influence the offer (or an old client) ends up with a breakable session: NULL suites do not
encrypt, anonymous suites do not authenticate the server, EXPORT and RC4 are broken, 3DES has
64-bit blocks (Sweet32). CBC suites with a SHA-1 MAC are not broken outright but are the
padding-oracle family (Lucky13) that current profiles drop.

## Insecure example
```nginx
ssl_ciphers ALL;   # or HIGH:MEDIUM, or an old list copied years ago
```

## Fix
Use Mozilla's "intermediate" configuration: nginx `ssl_ciphers
ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;`
(Apache: `SSLCipherSuite` with the same list).

TLS 1.3 suites are all strong and need no configuration. Generate the exact lines for your
server at https://ssl-config.mozilla.org/.

## References
- https://ssl-config.mozilla.org/
- https://wiki.mozilla.org/Security/Server_Side_TLS
- https://www.rfc-editor.org/rfc/rfc7465
- https://sweet32.info/
- https://cwe.mitre.org/data/definitions/327.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...tls import Status, TlsReport
from ...tls.ciphers import WEAK_FAMILIES
from ._support import TLS_TARGET, endpoint, location

rule = Rule("PG808", "tls-weak-cipher-suites", "Server accepts weak TLS cipher suites",
            Severity.MEDIUM, Confidence.HIGH, cwe=(327, 326), doc_text=__doc__)

SEVERITY = {"NULL": Severity.HIGH, "anonymous": Severity.HIGH, "EXPORT": Severity.HIGH,
            "RC4": Severity.HIGH, "3DES": Severity.MEDIUM, "CBC-SHA1": Severity.LOW}
WHY = {family.name: family.why for family in WEAK_FAMILIES}


@rule.on(TLS_TARGET)
def check(report: TlsReport) -> Iterator[Finding]:
    for check_ in report.ciphers:
        if check_.status is not Status.ACCEPTED:
            continue
        yield rule.finding(
            f"{endpoint(report)} accepts {check_.family} suites ({WHY.get(check_.family, '')}): "
            f"it chose {check_.cipher} over {check_.protocol}",
            location(report), key=check_.family,
            severity=SEVERITY.get(check_.family, Severity.MEDIUM), evidence=check_.cipher)
