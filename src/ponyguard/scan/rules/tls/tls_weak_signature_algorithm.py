"""The certificate is signed with SHA-1 or MD5.

## Why it matters
Chosen-prefix collisions for MD5 (2008, used to forge a CA certificate) and SHA-1 (SHAttered,
2017; a chosen-prefix collision in 2020) let an attacker obtain a signature valid for a second,
forged certificate. Browsers have refused SHA-1 server certificates since 2017 and OpenSSL's
default security levels reject them, so many clients cannot connect at all.

## Insecure example
```bash
openssl x509 -req -sha1 -in example.csr -CA ca.pem -CAkey ca.key -out example.crt
```

## Fix
Reissue the certificate signed with SHA-256 (every public CA and certbot does this by default;
with OpenSSL: `openssl x509 -req -sha256 …`) and install it with its current chain.

## References
- https://shattered.io/
- https://wiki.mozilla.org/Security/Server_Side_TLS
- https://cwe.mitre.org/data/definitions/328.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...tls import TlsReport
from ._support import TLS_TARGET, location

rule = Rule("PG806", "tls-weak-signature-algorithm", "TLS certificate is signed with SHA-1 or MD5",
            Severity.MEDIUM, Confidence.HIGH, cwe=(328, 327), doc_text=__doc__)

WEAK_HASHES = {"sha1": Severity.MEDIUM, "md5": Severity.HIGH, "md2": Severity.HIGH}


@rule.on(TLS_TARGET)
def check(report: TlsReport) -> Iterator[Finding]:
    cert = report.certificate
    # A self-signed certificate's own signature proves nothing either way (PG801 reports it).
    if cert is None or cert.self_signed or cert.signature_hash not in WEAK_HASHES:
        return
    yield rule.finding(
        f"The certificate is signed with {cert.signature_hash.upper()}",
        location(report), key=f"signature-{cert.signature_hash}",
        severity=WEAK_HASHES[cert.signature_hash], evidence=cert.issuer)
